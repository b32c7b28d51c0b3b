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

/**
 * The disclosure log as CSV for the data protection officer: RFC 4180 quoting, a UTF-8 byte-order
 * mark so spreadsheet programs read Finnish and Arabic letters right, and cells that a spreadsheet
 * would run as a formula (=, +, -, @ …) escaped, since purposes and references are free text.
 * Column names are stable codes, not translations, so the file can be processed by scripts.
 */
export function disclosureLogCsv(entries: readonly DisclosureCsvEntry[]): string {
  return stringify(
    entries.map((entry) => [
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
    ]),
    { header: true, columns: [...disclosureCsvColumns], bom: true, escape_formulas: true, record_delimiter: "windows" },
  );
}
