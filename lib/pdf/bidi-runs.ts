import bidiFactory from "bidi-js";

/**
 * Right-to-left text for the server-made PDFs (server/pdf/render.ts). The PDF library shapes a
 * string it is handed (fontkit joins Arabic letters and, for an Arabic string, reverses the glyphs),
 * but knows nothing of the Unicode bidirectional algorithm: a line mixing Arabic with Latin names,
 * numbers or brackets must be cut into runs, put in visual order, and each run handed over so that
 * the shaper's own reversal gives the right picture. Pure: the renderer measures and draws.
 */

const bidi = bidiFactory();

export type Direction = "ltr" | "rtl";
/** Which embedded font draws a run: IBM Plex Sans Arabic for Arabic script, Noto Sans for the rest. */
export type FontScript = "arabic" | "other";

/** One piece of a line, in visual order (left to right on the page). */
export interface VisualRun {
  /** What to hand the shaper: logical order when it reverses the run itself, else already as it is seen. */
  text: string;
  script: FontScript;
  rtl: boolean;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Arabic letters (not digits or punctuation of the block): a string holding one is shaped and reversed by fontkit. */
const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

export function isArabic(char: string): boolean {
  return ARABIC.test(char);
}

/** A text cut into pieces of one font each, in logical order: what a width is measured by. */
export function scriptRuns(text: string): { text: string; script: FontScript }[] {
  const runs: { text: string; script: FontScript }[] = [];
  for (const char of text) {
    const script: FontScript = isArabic(char) ? "arabic" : "other";
    const last = runs.at(-1);
    if (last && last.script === script) last.text += char;
    else runs.push({ text: char, script });
  }
  return runs;
}

export function hasArabic(text: string): boolean {
  return ARABIC.test(text);
}

/**
 * A line of text cut into runs in visual order. Characters are grouped while they keep one font,
 * one direction and stay contiguous in logical order; an Arabic run goes to the shaper in logical
 * order (fontkit reverses it), any other right-to-left run (brackets, spaces, dashes between Arabic
 * words) is reversed here with its mirrored characters.
 */
export function visualRuns(line: string, direction: Direction): VisualRun[] {
  if (line === "") return [];
  const levels = bidi.getEmbeddingLevels(line, direction);
  const order = bidi.getReorderedIndices(line, levels, 0, line.length - 1);
  const runs: { indices: number[]; script: FontScript; rtl: boolean }[] = [];
  for (const index of order) {
    const char = line[index] ?? "";
    const rtl = (levels.levels[index] ?? 0) % 2 === 1;
    const script: FontScript = isArabic(char) ? "arabic" : "other";
    const current = runs.at(-1);
    const last = current?.indices.at(-1);
    if (current && last !== undefined && current.script === script && current.rtl === rtl && index === last + (rtl ? -1 : 1)) {
      current.indices.push(index);
    } else {
      runs.push({ indices: [index], script, rtl });
    }
  }
  return runs.map(({ indices, script, rtl }) => {
    if (!rtl) return { text: indices.map((i) => line[i]).join(""), script, rtl };
    const logical = [...indices].reverse().map((i) => line[i] ?? "").join("");
    if (ARABIC_LETTER.test(logical)) return { text: logical, script, rtl };
    return { text: indices.map((i) => bidi.getMirroredCharacter(line[i] ?? "") ?? line[i]).join(""), script, rtl };
  });
}

/**
 * Cuts a paragraph into lines no wider than `maxWidth`, breaking at spaces (a word wider than a
 * line is broken between characters). `measure` gives the drawn width of a piece of text.
 */
export function breakLines(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    const words = paragraph.split(/ +/).filter((word) => word !== "");
    let line = "";
    for (const word of words) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      let rest = word;
      while (measure(rest) > maxWidth && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
