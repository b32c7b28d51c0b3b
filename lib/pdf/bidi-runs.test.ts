import { describe, expect, it } from "vitest";
import { breakLines, visualRuns } from "./bidi-runs";

/** The PDFs' right-to-left layout: runs in visual order, each handed to the shaper the way it reverses them. */
describe("visual runs", () => {
  it("leaves a left-to-right line as one run", () => {
    expect(visualRuns("Tietosuojavaltuutetun toimisto, PL 800", "ltr")).toEqual([{ text: "Tietosuojavaltuutetun toimisto, PL 800", script: "other", rtl: false }]);
  });

  it("puts an Arabic line's runs right to left, Latin names and numbers kept in their own order", () => {
    const runs = visualRuns("مكتب TE في Kotolanmaa 2026", "rtl");
    // A number after a Latin word reads with it (UBA rule W7): "Kotolanmaa 2026" stays one left-to-right run.
    expect(runs.map((run) => run.text)).toEqual(["Kotolanmaa 2026", " ", "في", " ", "TE", " ", "مكتب"]);
    expect(runs.filter((run) => run.script === "arabic").every((run) => run.rtl)).toBe(true);
  });

  it("mirrors brackets between Arabic words, and hands Arabic to the shaper in logical order", () => {
    const runs = visualRuns("مركز (ELY)", "rtl");
    expect(runs.map((run) => run.text).join("")).toBe("(ELY) مركز");
    expect(runs.at(-1)).toEqual({ text: "مركز", script: "arabic", rtl: true });
  });
});

describe("line breaking", () => {
  const measure = (text: string) => text.length;
  it("breaks at spaces, never past the width", () => {
    const lines = breakLines("yksi kaksi kolme neljä viisi", 11, measure);
    expect(lines).toEqual(["yksi kaksi", "kolme neljä", "viisi"]);
    expect(lines.every((line) => measure(line) <= 11)).toBe(true);
  });
  it("breaks a word longer than a line between characters, and keeps line breaks", () => {
    expect(breakLines("abcdefghij\nx", 4, measure)).toEqual(["abcd", "efgh", "ij", "x"]);
  });
});
