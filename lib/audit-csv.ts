import { stringify } from "csv-stringify/sync";
import { neutralisedCell } from "./disclosure-csv";

/** One audit event as the DPO's CSV export needs it (db/audit-view.ts reads it). */
export interface AuditCsvEntry {
  seq: number;
  occurredAt: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  clientId: string | null;
  clientNumber: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
  hash: string;
}

export const auditCsvColumns = [
  "seq",
  "occurred_at",
  "action",
  "actor_id",
  "actor_name",
  "client_id",
  "client_number",
  "reason",
  "details",
  "request_id",
  "hash",
] as const;

/**
 * The audit trail as CSV, written exactly as the disclosure log's (lib/disclosure-csv.ts): RFC 4180
 * quoting, a UTF-8 byte-order mark, CRLF records, every cell holding a CR or LF quoted and every
 * line of a cell that starts like a formula neutralised. Stated reasons and names are free text.
 * Actions stay codes (the page shows labels) and the details their JSON, so scripts can read the
 * file; the hash lets a reader match a row to the chain.
 */
export function auditTrailCsv(entries: readonly AuditCsvEntry[]): string {
  return stringify(
    entries.map((entry) =>
      [
        String(entry.seq),
        entry.occurredAt.toISOString(),
        entry.action,
        entry.actorId ?? "",
        entry.actorName ?? "",
        entry.clientId ?? "",
        entry.clientNumber ?? "",
        entry.reason ?? "",
        entry.details && Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : "",
        entry.requestId ?? "",
        entry.hash,
      ].map(neutralisedCell),
    ),
    {
      header: true,
      columns: [...auditCsvColumns],
      bom: true,
      escape_formulas: false,
      record_delimiter: "windows",
      quote_record_delimiter: true,
    },
  );
}
