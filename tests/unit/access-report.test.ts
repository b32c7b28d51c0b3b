import { randomBytes } from "node:crypto";
import { getTableColumns } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clients } from "@/db/schema";
import { buildClientWithCode, createRng } from "@/demo/factories";
import { demoSettings } from "@/demo/settings";
import { decryptField } from "@/lib/crypto";
import { clientLinks, columnCategories, isDataCategory, type ClassifiedTable } from "@/lib/data-categories";
import { accessReportJson, buildAccessReport, consultationPurposeOf, isReportedColumn, type AccessReportInput, type RegisterRows } from "@/lib/rights/access-report";
import { parseRegisterSettings } from "@/lib/register-settings";

/**
 * Issue 11, acceptance (unit): the access-report builder over generated clients. Every non-derived
 * column of every personal-data table that holds a value for the client appears in the report under
 * its category, and no value that belongs only to another client does. The register is generated
 * from the classification itself (lib/data-categories.ts), so a table or column added later is
 * covered without touching this test; the clients' own rows come from the demo factories.
 */

const DATA_KEY = randomBytes(32);
const settings = parseRegisterSettings(demoSettings);
const INTAKE_DECIDED_AT = new Date("2026-01-10T10:00:00.000Z");
const CREATED_TIMES = [INTAKE_DECIDED_AT, new Date("2026-01-12T08:30:00.000Z"), new Date("2026-01-14T12:00:00.000Z")];

/** The clients row as the database gives it: SQL column names. */
function sqlRow(values: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(clients))) row[column.name] = values[key] ?? null;
  return row;
}

const personalTables = (Object.keys(clientLinks) as ClassifiedTable[]).filter((table) => table !== "clients");

interface Register {
  clientIds: string[];
  rows: RegisterRows;
}

/** A register of 2–4 generated clients, each with 0–2 rows in every personal-data table. */
const registerArbitrary: fc.Arbitrary<Register> = fc
  .record({
    seeds: fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 4 }),
    counts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: personalTables.length * 4, maxLength: personalTables.length * 4 }),
    createdIndex: fc.array(fc.integer({ min: 0, max: CREATED_TIMES.length - 1 }), { minLength: 64, maxLength: 64 }),
    salt: fc.string({ minLength: 4, maxLength: 8, unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzåäö0123456789") }),
  })
  .map(({ seeds, counts, createdIndex, salt }) => {
    let serial = 0;
    const created = () => CREATED_TIMES[createdIndex[serial % createdIndex.length] ?? 0]!;
    const rows: RegisterRows = { clients: [] };
    const clientIds = seeds.map((seed, index) => {
      const id = `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;
      const built = buildClientWithCode(createRng(seed), {}, { dataKey: DATA_KEY, identityCode: index % 2 === 0 ? undefined : null });
      rows.clients!.push({ ...sqlRow(built.values as Record<string, unknown>), id, created_at: created() });
      return id;
    });
    const newId = () => `10000000-0000-4000-8000-${String((serial += 1)).padStart(12, "0")}`;
    // Parents first, so rows reaching their client through a parent find one.
    const ordered = [...personalTables].sort((a, b) => Number(clientLinks[a]?.kind === "via") - Number(clientLinks[b]?.kind === "via"));
    ordered.forEach((table, tableIndex) => {
      const link = clientLinks[table]!;
      const columns = columnCategories[table] as Record<string, string>;
      clientIds.forEach((clientId, clientIndex) => {
        const parents = link.kind === "via" ? (rows[link.parentTable] ?? []).filter((parent) => parent[link.parentClientColumn] === clientId) : [];
        const count = link.kind === "via" && parents.length === 0 ? 0 : (counts[tableIndex * 4 + clientIndex] ?? 0);
        for (let n = 0; n < count; n += 1) {
          const id = newId();
          const row: Record<string, unknown> = { id, created_at: created() };
          for (const [column, cls] of Object.entries(columns)) {
            if (isDataCategory(cls)) row[column] = `${table}.${column}:${salt}:${id}`;
          }
          if (link.kind === "direct") row[link.column] = clientId;
          else row[link.column] = parents[n % parents.length]![link.parentKey];
          (rows[table] ??= []).push(row);
        }
      });
    });
    return { clientIds, rows };
  });

function inputFor(register: Register, clientId: string): AccessReportInput {
  return {
    clientId,
    locale: "fi",
    generatedAt: new Date("2026-02-01T09:00:00.000Z"),
    requestId: null,
    settings,
    rows: register.rows,
    decrypt: (stored) => decryptField(stored, DATA_KEY),
    intakeDecidedAt: [INTAKE_DECIDED_AT],
    consents: [],
    disclosures: [],
    notices: [],
    agencies: [],
    consultations: [],
  };
}

/** Does `row` belong to `clientId` by the classification's links? (the oracle, written separately) */
function belongsTo(register: Register, table: ClassifiedTable, row: Record<string, unknown>, clientId: string): boolean {
  if (table === "clients") return row.id === clientId;
  const link = clientLinks[table]!;
  if (link.kind === "direct") return row[link.column] === clientId;
  return (register.rows[link.parentTable] ?? []).some((parent) => parent.id === row[link.column] && parent[link.parentClientColumn] === clientId);
}

/** Every value (not key) a JSON document holds, as text. */
function leaves(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) leaves(item, found);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) leaves(item, found);
  else if (value !== null && value !== undefined) found.add(String(value));
  return found;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}

describe("the access report builder (fast-check over generated clients)", () => {
  it("puts every non-derived column holding a value for the client under its category", () => {
    fc.assert(
      fc.property(registerArbitrary, fc.nat(), (register, pick) => {
        const clientId = register.clientIds[pick % register.clientIds.length]!;
        const report = buildAccessReport(inputFor(register, clientId));
        for (const [table, rows] of Object.entries(register.rows) as [ClassifiedTable, Record<string, unknown>[]][]) {
          for (const row of rows.filter((candidate) => belongsTo(register, table, candidate, clientId))) {
            for (const [column, value] of Object.entries(row)) {
              const category = (columnCategories[table] as Record<string, string>)[column];
              if (!isDataCategory(category) || !isReportedColumn(table, column) || !present(value)) continue;
              const encrypted = column.endsWith("_encrypted");
              const field = encrypted ? column.slice(0, -"_encrypted".length) : column;
              const expected = encrypted ? decryptField(String(value), DATA_KEY) : value;
              const tables = report.data.find((entry) => entry.category === category)?.tables ?? [];
              const records = tables.find((entry) => entry.table === table)?.records ?? [];
              expect(records.some((record) => JSON.stringify(record.fields[field]) === JSON.stringify(expected)), `${table}.${column} under ${category}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("holds no value that belongs only to another client, and no derived column", () => {
    fc.assert(
      fc.property(registerArbitrary, fc.nat(), (register, pick) => {
        const clientId = register.clientIds[pick % register.clientIds.length]!;
        const json = accessReportJson(buildAccessReport(inputFor(register, clientId)));
        const reported = leaves(JSON.parse(json));
        const valuesOf = (owner: (table: ClassifiedTable, row: Record<string, unknown>) => boolean) => {
          const found = new Set<string>();
          for (const [table, rows] of Object.entries(register.rows) as [ClassifiedTable, Record<string, unknown>[]][]) {
            for (const row of rows.filter((candidate) => owner(table, candidate))) {
              for (const [column, value] of Object.entries(row)) {
                if (!isDataCategory((columnCategories[table] as Record<string, string>)[column])) continue;
                for (const item of Array.isArray(value) ? value : [value]) if (typeof item === "string" && item.length >= 3) found.add(column.endsWith("_encrypted") ? decryptField(item, DATA_KEY) : item);
              }
            }
          }
          return found;
        };
        const own = valuesOf((table, row) => belongsTo(register, table, row, clientId));
        const others = valuesOf((table, row) => !belongsTo(register, table, row, clientId));
        for (const value of others) {
          if (own.has(value)) continue;
          expect(reported.has(value), `another client's value ${value}`).toBe(false);
        }
        const client = register.rows.clients!.find((row) => row.id === clientId)!;
        for (const derived of [client.personal_identity_code_hash, client.personal_identity_code_encrypted]) {
          if (typeof derived === "string") expect(reported.has(derived) || json.includes(derived)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("the generators reach every personal-data table, both sources and clients with and without an identity code", () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(registerArbitrary, (register) => {
        const report = buildAccessReport(inputFor(register, register.clientIds[0]!));
        for (const { tables } of report.data) for (const { table, records } of tables) for (const record of records) reached.add(`${table}:${record.source}`);
        if (register.rows.clients!.some((row) => row.personal_identity_code_encrypted)) reached.add("code");
        if (register.rows.clients!.some((row) => !row.personal_identity_code_encrypted)) reached.add("no code");
      }),
      { numRuns: 200 },
    );
    for (const table of Object.keys(clientLinks)) {
      expect(reached.has(`${table}:electronic_form`) || reached.has(`${table}:staff`), table).toBe(true);
    }
    expect([...reached].some((key) => key.endsWith(":electronic_form"))).toBe(true);
    expect([...reached].some((key) => key.endsWith(":staff"))).toBe(true);
    expect(reached.has("code") && reached.has("no code")).toBe(true);
  });
});

describe("the consultations' purposes", () => {
  it.each([
    ["client.viewed", "case_view"],
    ["client.searched", "search"],
    ["client.list_viewed", "search"],
    ["client.identity_code_revealed", "identity_code"],
    ["client.functional_capacity_viewed", "functional_capacity"],
    ["case.note_added", "case_record"],
    ["disclosure.recorded", "disclosure"],
    ["intake.accepted", "intake"],
    ["request.logged", "data_subject_request"],
    ["rights_document.released", "data_subject_request"],
    ["something.new", "other"],
  ])("%s reads as %s", (action, purpose) => {
    expect(consultationPurposeOf(action)).toBe(purpose);
  });
});
