import { stringify } from "csv-stringify/sync";

/** One row of the disclosure log as the CSV export needs it. */
export interface DisclosureCsvEntry {
  id: string;
  disclosedAt: Date;
  clientNumber: string | null;
  agencyCode: string;
  agencyName: string;
  categories: string[];
  basis: ({ category: string; kind: "consent"; consentId: string } | { category: string; kind: "statutory"; provision: string })[];
  purpose: string;
  method: string;
  requestReference: string | null;
  disclosedBy: string;
  documentSha256: string | null;
}

export const disclosureCsvColumns = [
  "disclosure_id",
  "disclosed_at",
  "client_number",
  "agency_code",
  "agency_name",
  "categories",
  "basis",
  "purpose",
  "method",
  "request_reference",
  "disclosed_by",
  "document_sha256",
] as const;

/** What a spreadsheet takes for the start of a formula (the ASCII signs and their full-width forms, tab). */
const FORMULA_START = /^[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]/;
const LINE_BREAK = /\r\n|\n|\r/;

/**
 * A cell no spreadsheet runs as a formula: every line of it that starts like a formula gets a
 * leading apostrophe (OWASP's advice). Every line, not just the first: a program that reads the
 * file line by line (or a careless import) would otherwise start a row at a line break inside a
 * cell, and `x\n=1+1` would become a row starting `=1+1`. The forms refuse line breaks in
 * one-line fields, but rows written before that, or free text from the settings, may hold them.
 */
export function neutralisedCell(value: string): string {
  let out = "";
  let rest = value;
  for (;;) {
    const line = rest.match(LINE_BREAK);
    const head = line ? rest.slice(0, line.index) : rest;
    out += (FORMULA_START.test(head) ? "'" : "") + head;
    if (!line) return out;
    out += line[0];
    rest = rest.slice((line.index ?? 0) + line[0].length);
  }
}

/**
 * The disclosure log as CSV for the data protection officer: RFC 4180 quoting, a UTF-8 byte-order
 * mark so spreadsheet programs read Finnish and Arabic letters right, and cells that a spreadsheet
 * would run as a formula (=, +, -, @ …) escaped, since purposes and references are free text.
 * Any cell holding a CR or LF is quoted: with a CRLF record delimiter csv-stringify would quote
 * only cells holding the whole CRLF and leave a bare LF or CR to split the row.
 * Column names are stable codes, not translations, so the file can be processed by scripts.
 */
export function disclosureLogCsv(entries: readonly DisclosureCsvEntry[]): string {
  return stringify(
    entries.map((entry) =>
      [
        entry.id,
        entry.disclosedAt.toISOString(),
        entry.clientNumber ?? "",
        entry.agencyCode,
        entry.agencyName,
        entry.categories.join(";"),
        entry.basis.map((b) => `${b.category}=${b.kind === "consent" ? `consent:${b.consentId}` : `statutory:${b.provision}`}`).join(";"),
        entry.purpose,
        entry.method,
        entry.requestReference ?? "",
        entry.disclosedBy,
        entry.documentSha256 ?? "",
      ].map(neutralisedCell),
    ),
    {
      header: true,
      columns: [...disclosureCsvColumns],
      bom: true,
      // neutralisedCell escapes every line of a cell; the library's option looks at the first only.
      escape_formulas: false,
      record_delimiter: "windows",
      quote_record_delimiter: true,
    },
  );
}
