import "server-only";
import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { decryptField } from "@/lib/crypto";
import { clientLinks, type ClassifiedTable, type DataCategory } from "@/lib/data-categories";
import { documentColumnsOf, type CategoryRows, type DisclosedData, type DocumentColumn } from "@/lib/disclosure-document";
import type { Executor } from "./connection";
import * as schema from "./schema";

/**
 * A client's data in the chosen categories, read for a disclosure document. What goes in is decided
 * by the register's one classification of columns (lib/data-categories.ts): a category's columns and
 * nothing else, so a column added to the schema reaches a document only once it is classified, and
 * only under its category (lib/disclosure-document.ts documentColumnsOf).
 */

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
function documentValue(column: DocumentColumn, value: unknown, dataKey?: Buffer): unknown {
  if (column.encrypted) return typeof value === "string" ? decryptField(value, dataKey) : null;
  return value instanceof Date ? value.toISOString() : value;
}

async function rowsOf(db: Executor, tableName: ClassifiedTable, columns: DocumentColumn[], clientId: string, dataKey?: Buffer): Promise<Record<string, unknown>[]> {
  const link = clientLinks[tableName];
  if (!link) throw new Error(`${tableName} holds client data but has no client link in lib/data-categories.ts`);
  const source = table(tableName);
  const selection = Object.fromEntries(columns.map((column) => [column.sqlName, columnBySqlName(source, column.sqlName)]));
  const rows =
    link.kind === "direct"
      ? await db.select(selection).from(source).where(eq(columnBySqlName(source, link.column), clientId))
      : await db
          .select(selection)
          .from(source)
          .innerJoin(table(link.parentTable), eq(columnBySqlName(source, link.column), columnBySqlName(table(link.parentTable), link.parentKey)))
          .where(eq(columnBySqlName(table(link.parentTable), link.parentClientColumn), clientId));
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column.field, documentValue(column, (row as Record<string, unknown>)[column.sqlName], dataKey)])));
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
    const byTable = new Map<ClassifiedTable, DocumentColumn[]>();
    for (const column of documentColumnsOf(category)) byTable.set(column.table, [...(byTable.get(column.table) ?? []), column]);
    const rows: CategoryRows = {};
    for (const [tableName, columns] of byTable) {
      const found = await rowsOf(db, tableName, columns, clientId, dataKey);
      if (found.length > 0) rows[tableName] = found;
    }
    data[category] = rows;
  }
  return data;
}
