import "server-only";
import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { decryptField } from "@/lib/crypto";
import { clientLinks, columnsOfCategory, type ClassifiedTable, type DataCategory } from "@/lib/data-categories";
import type { CategoryRows, DisclosedData } from "@/lib/disclosure-document";
import type { Executor } from "./connection";
import * as schema from "./schema";

/**
 * A client's data in the chosen categories, read for a disclosure document. What goes in is decided
 * by the register's one classification of columns (lib/data-categories.ts): a category's columns and
 * nothing else, so a column added to the schema reaches a document only once it is classified, and
 * only under its category.
 */

/** Columns that hold a category's data only as a derivative of another column (search copies, keyed hashes). */
const DERIVED_COLUMNS = new Set(["clients.search_name", "clients.personal_identity_code_hash"]);
const ENCRYPTED_SUFFIX = "_encrypted";


const tablesByName = new Map<string, PgTable>();
for (const value of Object.values(schema) as unknown[]) {
  if (is(value, PgTable)) tablesByName.set(getTableName(value), value);
}

function table(name: string): PgTable {
  const found = tablesByName.get(name);
  if (!found) throw new Error(`No table ${name} in db/schema`);
  return found;
}

function columnBySqlName(of: PgTable, sqlName: string): PgColumn {
  const found = (Object.values(getTableColumns(of)) as PgColumn[]).find((column) => column.name === sqlName);
  if (!found) throw new Error(`No column ${sqlName} in ${getTableName(of)}`);
  return found;
}

/** A value as a document carries it: dates as ISO strings, encrypted fields opened. */
function documentValue(sqlName: string, value: unknown, dataKey?: Buffer): [string, unknown] {
  if (sqlName.endsWith(ENCRYPTED_SUFFIX)) {
    return [sqlName.slice(0, -ENCRYPTED_SUFFIX.length), typeof value === "string" ? decryptField(value, dataKey) : null];
  }
  return [sqlName, value instanceof Date ? value.toISOString() : value];
}

async function rowsOf(db: Executor, tableName: ClassifiedTable, columns: string[], clientId: string, dataKey?: Buffer): Promise<Record<string, unknown>[]> {
  const link = clientLinks[tableName];
  if (!link) throw new Error(`${tableName} holds client data but has no client link in lib/data-categories.ts`);
  const source = table(tableName);
  const selection = Object.fromEntries(columns.map((name) => [name, columnBySqlName(source, name)]));
  const rows =
    link.kind === "direct"
      ? await db.select(selection).from(source).where(eq(columnBySqlName(source, link.column), clientId))
      : await db
          .select(selection)
          .from(source)
          .innerJoin(table(link.parentTable), eq(columnBySqlName(source, link.column), columnBySqlName(table(link.parentTable), link.parentKey)))
          .where(eq(columnBySqlName(table(link.parentTable), link.parentClientColumn), clientId));
  return rows.map((row) => Object.fromEntries(columns.map((name) => documentValue(name, (row as Record<string, unknown>)[name], dataKey))));
}

/** The client's data in `categories`, table by table; tables without rows are left out. */
export async function collectDisclosedData({
  db,
  clientId,
  categories,
  dataKey,
}: {
  db: Executor;
  clientId: string;
  categories: readonly DataCategory[];
  dataKey?: Buffer;
}): Promise<DisclosedData> {
  const data: DisclosedData = {};
  for (const category of categories) {
    const byTable = new Map<ClassifiedTable, string[]>();
    for (const { table: tableName, column } of columnsOfCategory(category)) {
      if (DERIVED_COLUMNS.has(`${tableName}.${column}`)) continue;
      byTable.set(tableName, [...(byTable.get(tableName) ?? []), column]);
    }
    const rows: CategoryRows = {};
    for (const [tableName, columns] of byTable) {
      const found = await rowsOf(db, tableName, columns, clientId, dataKey);
      if (found.length > 0) rows[tableName] = found;
    }
    data[category] = rows;
  }
  return data;
}
