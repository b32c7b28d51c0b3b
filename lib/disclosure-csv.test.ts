import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { disclosureCsvColumns, disclosureLogCsv, type DisclosureCsvEntry } from "./disclosure-csv";

const entry: DisclosureCsvEntry = {
  id: "5b0c1d9e-2f4a-4c1b-9b7e-0a1b2c3d4e5f",
  disclosedAt: new Date("2026-11-20T08:30:00.000Z"),
  clientNumber: "2026-000123",
  agencyCode: "ely",
  agencyName: "Kotolanmaan ELY-keskus",
  categories: ["identity", "servicePlan"],
  basis: [
    { category: "identity", kind: "consent", consentId: "c1" },
    { category: "servicePlan", kind: "statutory", provision: "Laki kotoutumisen edistämisestä (681/2023), 84 §" },
  ],
  purpose: "Kotoutumispalvelut, \"ohjaus\"\nja seuranta",
  method: "secure_email",
  requestReference: "=HYPERLINK(\"http://evil.example\")",
  disclosedBy: "Ohjaaja Öhman",
  documentSha256: "ab".repeat(32),
};

describe("disclosureLogCsv", () => {
  it("writes a header of stable column codes and one row per disclosure, quoting what needs quoting", () => {
    const csv = disclosureLogCsv([entry]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...disclosureCsvColumns]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      disclosure_id: entry.id,
      disclosed_at: "2026-11-20T08:30:00.000Z",
      client_number: "2026-000123",
      categories: "identity;servicePlan",
      basis: "identity=consent:c1;servicePlan=statutory:Laki kotoutumisen edistämisestä (681/2023), 84 §",
      purpose: entry.purpose,
      disclosed_by: "Ohjaaja Öhman",
    });
  });

  it("escapes a cell a spreadsheet would run as a formula", () => {
    const rows = parse(disclosureLogCsv([entry]).slice(1), { columns: true }) as Record<string, string>[];
    expect(rows[0]?.request_reference).toBe("'=HYPERLINK(\"http://evil.example\")");
  });

  it("writes an empty log as the header alone", () => {
    expect(disclosureLogCsv([]).trimEnd()).toBe(`\uFEFF${disclosureCsvColumns.join(",")}`);
  });
});
