/**
 * What a server-made PDF says, as data (the access report, the refusal certificate, the record of
 * processing activities, letters): built by pure functions in lib/rights/ from the texts in the
 * reader's language, drawn by server/pdf/render.ts. Keeping the content apart from the drawing lets
 * tests read what a document says without opening a PDF.
 */

export type PdfBlock =
  | { kind: "heading"; text: string; level: 1 | 2 | 3 }
  | { kind: "paragraph"; text: string }
  /** Label and value pairs (a record's fields). */
  | { kind: "fields"; rows: { label: string; value: string }[] }
  | { kind: "list"; items: string[] }
  /** Extra space, e.g. between records. */
  | { kind: "gap" };

export interface PdfDocumentModel {
  /** BCP 47 language of the document (the PDF's /Lang). */
  locale: string;
  direction: "ltr" | "rtl";
  title: string;
  /** The PDF's metadata subject and the running footer. */
  subject: string;
  blocks: PdfBlock[];
}

export const heading = (text: string, level: 1 | 2 | 3 = 2): PdfBlock => ({ kind: "heading", text, level });
export const paragraph = (text: string): PdfBlock => ({ kind: "paragraph", text });
export const fields = (rows: { label: string; value: string }[]): PdfBlock => ({ kind: "fields", rows });
export const list = (items: string[]): PdfBlock => ({ kind: "list", items });
export const gap: PdfBlock = { kind: "gap" };

/** All the text of a document in reading order, for tests and for a plain-text view. */
export function textOf(model: PdfDocumentModel): string[] {
  return [
    model.title,
    ...model.blocks.flatMap((block) => {
      switch (block.kind) {
        case "heading":
        case "paragraph":
          return [block.text];
        case "fields":
          return block.rows.flatMap((row) => [row.label, row.value]);
        case "list":
          return block.items;
        case "gap":
          return [];
      }
    }),
  ];
}
