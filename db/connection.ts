import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql as rawSql, type ExtractTablesWithRelations } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";
import { dataDir } from "@/lib/data-dir";
import { sealUnkeyedAuditChain } from "./audit";
import { installQueryErrorsWithoutValues } from "./query-error";
import * as schema from "./schema";

// Before any query runs: a failed query must never carry its parameters into a log.
installQueryErrorsWithoutValues();

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

/**
 * Where migrations run: DATABASE_MIGRATION_URL (a role that owns the tables) when set, else
 * DATABASE_URL, so a one-URL setup keeps working. In production DATABASE_URL is the app's login
 * role, a member of kotona_app that owns nothing (drizzle/0006_app_role.sql).
 */
export function migrationTargetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_MIGRATION_URL || env.DATABASE_URL };
  return targetFromEnv(env);
}

export class DatabaseNotMigratedError extends Error {
  override name = "DatabaseNotMigratedError";
}

export interface OpenOptions {
  /**
   * Apply pending migrations (and seal an audit log written before the chain was keyed). Default:
   * on PGlite, which is one user and one process; never on PostgreSQL, where the app's role may
   * not change the schema: `npm run db:migrate` and `npm start` migrate there, with the owner's URL.
   */
  migrate?: boolean;
}

/** Opens a database; see OpenOptions for when it migrates. */
export async function openDatabase(target: DatabaseTarget, { migrate = target.kind === "pglite" }: OpenOptions = {}): Promise<DatabaseHandle> {
  const handle = target.kind === "postgres" ? connectPostgres(target) : connectPglite(target);
  try {
    if (!migrate) {
      if (target.kind === "postgres") await assertMigrated(handle.db);
    } else {
      await handle.migrateSchema();
      await sealUnkeyedAuditChain(handle.db);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  return { db: handle.db, target, close: handle.close };
}

function connectPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>) {
  const sql = postgres(target.url, {
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    onnotice: () => {},
  });
  return {
    db: drizzlePostgres(sql, { schema }) as unknown as Database,
    migrateSchema: () => migratePostgres(drizzlePostgres(sql, { schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => sql.end({ timeout: 5 }),
  };
}

function connectPglite(target: Extract<DatabaseTarget, { kind: "pglite" }>) {
  if (target.dir) {
    // Only this user may enter the embedded database's folder (it holds every client's data);
    // one an older version created world-readable is narrowed too.
    mkdirSync(target.dir, { recursive: true, mode: 0o700 });
    chmodSync(target.dir, 0o700);
  }
  const client = new PGlite({ dataDir: target.dir, extensions: PGLITE_EXTENSIONS });
  const pg = drizzlePglite(client, { schema });
  return {
    db: pg as unknown as Database,
    migrateSchema: () => migratePglite(pg, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}

/**
 * The app does not migrate a PostgreSQL database, so it refuses one that lacks this version's
 * migrations with a message that says what to run, instead of failing later on a missing column.
 */
async function assertMigrated(db: Database): Promise<void> {
  const latest = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).at(-1);
  if (!latest) return;
  let applied: number | undefined;
  try {
    const rows = (await db.execute(rawSql`select max(created_at)::text as at from drizzle.__drizzle_migrations`)) as unknown as { at: string | null }[];
    applied = rows[0]?.at ? Number(rows[0].at) : undefined;
  } catch (error) {
    throw new DatabaseNotMigratedError(
      "The database has not been migrated for this version of Kotona (or this role may not read its migrations): run npm run db:migrate with DATABASE_MIGRATION_URL set to the tables' owner.",
      { cause: error },
    );
  }
  if (applied === undefined || applied < latest.folderMillis) {
    throw new DatabaseNotMigratedError(
      "The database lacks migrations of this version of Kotona: run npm run db:migrate with DATABASE_MIGRATION_URL set to the tables' owner.",
    );
  }
}
