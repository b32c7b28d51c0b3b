import { describe, expect, it } from "vitest";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";
import {
  categoriesOfTable,
  categoryOfColumn,
  clientLinks,
  columnCategories,
  columnsOfCategory,
  dataCategories,
  isDataCategory,
  nonClientClasses,
  specialCategories,
  type ColumnClass,
} from "@/lib/data-categories";

/** SQL table name → SQL column names, from every table db/schema exports. */
function schemaTables(): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    tables.set(
      config.name,
      config.columns.map((column) => column.name),
    );
  }
  return tables;
}

const classified = columnCategories as Record<string, Record<string, ColumnClass>>;

describe("data categories", () => {
  const tables = schemaTables();

  it("finds the schema's tables", () => {
    expect(tables.size).toBeGreaterThan(20);
    expect(tables.get("clients")).toContain("personal_identity_code_encrypted");
  });

  it("classify every column of every table in db/schema", () => {
    const missing: string[] = [];
    for (const [table, columns] of tables) {
      for (const column of columns) {
        if (categoryOfColumn(table, column) === undefined) missing.push(`${table}.${column}`);
      }
    }
    expect(missing, `columns without an entry in lib/data-categories.ts: ${missing.join(", ")}`).toEqual([]);
  });

  it("name no table or column that is not in db/schema", () => {
    const stale: string[] = [];
    for (const [table, columns] of Object.entries(classified)) {
      const actual = tables.get(table);
      if (!actual) {
        stale.push(`${table} (whole table)`);
        continue;
      }
      for (const column of Object.keys(columns)) {
        if (!actual.includes(column)) stale.push(`${table}.${column}`);
      }
    }
    expect(stale, `entries in lib/data-categories.ts for columns that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  it("use only known classes", () => {
    const known = new Set<string>([...dataCategories, ...nonClientClasses]);
    const unknown = Object.entries(classified).flatMap(([table, columns]) =>
      Object.entries(columns)
        .filter(([, cls]) => !known.has(cls))
        .map(([column, cls]) => `${table}.${column}: ${cls}`),
    );
    expect(unknown).toEqual([]);
  });

  it.each(dataCategories)("give category %s at least one column", (category) => {
    expect(columnsOfCategory(category).length).toBeGreaterThan(0);
  });

  it("mark functional capacity as the special category, held in its own table only", () => {
    expect(specialCategories).toEqual(["functionalCapacity"]);
    expect(new Set(columnsOfCategory("functionalCapacity").map((c) => c.table))).toEqual(
      new Set(["functional_capacity_entries"]),
    );
  });

  it("say how every table with client data reaches its client", () => {
    for (const table of Object.keys(classified)) {
      const hasClientData = categoriesOfTable(table).length > 0;
      expect(Boolean(clientLinks[table as keyof typeof clientLinks]), `${table} needs a clientLinks entry`).toBe(
        hasClientData,
      );
    }
    for (const [table, link] of Object.entries(clientLinks)) {
      expect(tables.get(table)).toContain(link.column);
      if (link.kind === "via") {
        expect(tables.get(link.parentTable)).toContain(link.parentKey);
        expect(tables.get(link.parentTable)).toContain(link.parentClientColumn);
      }
    }
  });

  it("keep identity codes in the identity category and out of disclosable free text", () => {
    expect(categoryOfColumn("clients", "personal_identity_code_encrypted")).toBe("identity");
    expect(categoryOfColumn("clients", "personal_identity_code_hash")).toBe("identity");
    expect(categoryOfColumn("clients", "no_such_column")).toBeUndefined();
    expect(categoryOfColumn("no_such_table", "id")).toBeUndefined();
    expect(categoryOfColumn("clients", "toString")).toBeUndefined();
  });

  it("answer columnsOfCategory with table/column pairs", () => {
    // Issue 10: an intake decision's note keeps its facts as codes beside the body (docs/decisions/0006).
    expect(columnsOfCategory("notes")).toEqual([
      { table: "case_notes", column: "body" },
      { table: "case_notes", column: "intake_decision" },
    ]);
    expect(columnsOfCategory("identity")).toContainEqual({ table: "clients", column: "first_names" });
    expect(isDataCategory("identity")).toBe(true);
    expect(isDataCategory("key")).toBe(false);
  });
});
