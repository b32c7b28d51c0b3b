import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/connection";

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function testBackend(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

/** A database URL for `name` on the admin URL's server. */
export function urlFor(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty PostgreSQL database; the caller drops it with dropPostgresDatabase. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `kotona_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (TEST_DB=postgres) a new
 * database on the PostgreSQL server that close() drops again.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testBackend() === "pglite") return openDatabase({ kind: "pglite", dir: undefined });
  const name = await createPostgresDatabase();
  try {
    const handle = await openDatabase({ kind: "postgres", url: urlFor(name) });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await dropPostgresDatabase(name);
      },
    };
  } catch (error) {
    await dropPostgresDatabase(name);
    throw error;
  }
}
