import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditCsvColumns, auditTrailCsv, type AuditCsvEntry } from "./audit-csv";

const entry: AuditCsvEntry = {
  seq: 4711,
  occurredAt: new Date("2026-03-10T08:30:00.000Z"),
  action: "client.viewed",
  actorId: "0f0e0d0c-0b0a-4908-8706-050403020100",
  actorName: "Ohjaaja Öhman",
  clientId: "5b0c1d9e-2f4a-4c1b-9b7e-0a1b2c3d4e5f",
  clientNumber: "2026-000123",
  reason: "Sijaistan kollegaa, \"lomalla\"",
  details: { basis: "reason_given" },
  requestId: "req-1",
  hash: "ab".repeat(32),
};

const rowsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];

describe("the audit trail's CSV", () => {
  it("has a byte-order mark, a header of stable codes, the action as its code and the details as JSON", () => {
    const csv = auditTrailCsv([entry]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = rowsOf(csv);
    expect(Object.keys(rows[0] ?? {})).toEqual([...auditCsvColumns]);
    expect(rows[0]).toEqual({
      seq: "4711",
      occurred_at: "2026-03-10T08:30:00.000Z",
      action: "client.viewed",
      actor_id: entry.actorId,
      actor_name: "Ohjaaja Öhman",
      client_id: entry.clientId,
      client_number: "2026-000123",
      reason: entry.reason,
      details: '{"basis":"reason_given"}',
      request_id: "req-1",
      hash: entry.hash,
    });
  });

  it("writes missing values as empty cells, and an empty trail as the header alone", () => {
    const rows = rowsOf(auditTrailCsv([{ ...entry, actorId: null, actorName: null, clientId: null, clientNumber: null, reason: null, details: {}, requestId: null }]));
    expect(rows[0]).toMatchObject({ actor_id: "", actor_name: "", client_id: "", client_number: "", reason: "", details: "", request_id: "" });
    expect(auditTrailCsv([]).trimEnd()).toBe(`\uFEFF${auditCsvColumns.join(",")}`);
  });

  // The same escaping as the disclosure log (lib/disclosure-csv.test.ts): a stated reason and a
  // staff member's name are free text.
  it.each([
    ["a leading =", "=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"],
    ["a leading @", "@SUM(A1)", "'@SUM(A1)"],
    ["a bare LF before a formula", "syy\n=1+1", "syy\n'=1+1"],
    ["a CRLF before a formula", "syy\r\n-2+3", "syy\r\n'-2+3"],
    ["a full-width +", "\uFF0B1", "'\uFF0B1"],
    ["plain text over two lines", "eka rivi\ntoka rivi", "eka rivi\ntoka rivi"],
  ])("%s in a reason or a name stays one quoted cell that runs nothing", (_name, value, expected) => {
    const csv = auditTrailCsv([{ ...entry, reason: value, actorName: value }]);
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).toBe(expected);
    expect(rows[0]?.actor_name).toBe(expected);
    for (const line of csv.slice(1).split(/\r\n|\n|\r/)) expect(line, JSON.stringify(line)).not.toMatch(/^[=+\-@\t\uFF1D\uFF0B]/);
    if (/[\r\n]/.test(value)) expect(csv).toContain(`"${expected}"`);
  });

  it("keeps a line break inside details on one line: JSON escapes it", () => {
    const rows = rowsOf(auditTrailCsv([{ ...entry, details: { note: "x\n=1+1" } }]));
    expect(rows[0]?.details).toBe('{"note":"x\\n=1+1"}');
  });
});
