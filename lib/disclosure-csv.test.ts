import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { disclosureCsvColumns, disclosureLogCsv, neutralisedCell, type DisclosureCsvEntry } from "./disclosure-csv";

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

describe("cells a spreadsheet could run or split", () => {
  const row = (value: string): DisclosureCsvEntry => ({ ...entry, purpose: value, requestReference: value });
  /** Physical lines of the file, split the way a careless line-by-line reader would. */
  const physicalLines = (csv: string) => csv.slice(1).split(/\r\n|\n|\r/);

  it.each([
    ["a bare LF before a formula", "x\n=1+1", "x\n'=1+1"],
    ["a bare CR before a formula", "x\r=1+1", "x\r'=1+1"],
    ["a CRLF before a formula", "x\r\n+SUM(A1:A9)", "x\r\n'+SUM(A1:A9)"],
    ["a leading =", "=1+1", "'=1+1"],
    ["a leading +", "+358401234567", "'+358401234567"],
    ["a leading -", "-2+3", "'-2+3"],
    ["a leading @", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading tab", "\t=1", "'\t=1"],
    ["a leading CR", "\r=1", "\r'=1"],
    ["a full-width =", "\uFF1D1+1", "'\uFF1D1+1"],
    ["plain text with a line break", "first line\nsecond line", "first line\nsecond line"],
  ])("%s stays one quoted cell that runs nothing", (_name, value, expected) => {
    const csv = disclosureLogCsv([row(value)]);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    // One record, whatever line breaks the cell holds, and the text kept apart from the apostrophes.
    expect(rows).toHaveLength(1);
    expect(rows[0]?.purpose).toBe(expected);
    expect(rows[0]?.request_reference).toBe(expected);
    expect(rows[0]?.disclosure_id).toBe(entry.id);
    // Even read line by line, no line of the file starts like a formula.
    for (const line of physicalLines(csv)) expect(line, JSON.stringify(line)).not.toMatch(/^[=+\-@\t\uFF1D]/);
    // A cell holding a CR or LF is inside quotes.
    if (/[\r\n]/.test(value)) expect(csv).toContain(`"${expected}"`);
  });

  it("neutralisedCell leaves ordinary text, numbers in the middle and dates alone", () => {
    for (const value of ["Kotoutumispalvelut", "2026-11-20T08:30:00.000Z", "a=b", "x - y", "", "Öhman @ ELY"]) {
      expect(neutralisedCell(value)).toBe(value);
    }
  });
});
