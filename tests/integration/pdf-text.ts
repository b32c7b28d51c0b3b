import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/**
 * The text a reader gets out of a PDF (search, copy, a screen reader), extracted with pdf.js: each
 * line's pieces joined, lines by newlines. Right-to-left runs come back in logical order.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    let line = "";
    for (const item of content.items) {
      if (!("str" in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = "";
      }
    }
    if (line) lines.push(line);
  }
  await document.destroy();
  return lines.join("\n");
}

/**
 * The words of a text, brackets and punctuation left out: a right-to-left line is laid out in
 * visual order, so a mixed Arabic and Latin name is checked word by word.
 */
export function wordsOf(text: string): string[] {
  return text
    .split(/[\s()[\],.;:–—-]+/u)
    .map((word) => word.trim())
    .filter((word) => word !== "");
}
