import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import postgres from "postgres";
import { dataDir } from "@/lib/data-dir";
import * as schema from "./schema";

/**
 * The two drivers share drizzle's PostgreSQL core, so every query in db/ is written once against
 * this type and runs on both PGlite and postgres.js.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A function that may run inside a caller's transaction or on its own. */
export type Executor = Database | Transaction;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dir: string | undefined /* undefined: in memory */ };

export interface DatabaseHandle {
  db: Database;
  target: DatabaseTarget;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Extensions the migrations create, which PGlite must load at construction (pg_trgm: name search). */
export const PGLITE_EXTENSIONS = { pg_trgm };

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dir: env.PGLITE_DIR ?? path.join(dataDir(env), "pglite") };
}

/** Opens a database and applies every pending migration. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === "postgres") {
    const sql = postgres(target.url, {
      max: Number(process.env.DATABASE_POOL_MAX ?? 10),
      onnotice: () => {},
    });
    const db = drizzlePostgres(sql, { schema }) as unknown as Database;
    await migratePostgres(drizzlePostgres(sql, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    return { db, target, close: () => sql.end({ timeout: 5 }) };
  }
  if (target.dir) mkdirSync(target.dir, { recursive: true });
  const client = new PGlite({ dataDir: target.dir, extensions: PGLITE_EXTENSIONS });
  const pg = drizzlePglite(client, { schema });
  await migratePglite(pg, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: pg as unknown as Database, target, close: () => client.close() };
}
