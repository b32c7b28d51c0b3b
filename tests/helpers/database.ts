import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database, type DatabaseHandle } from "@/db/connection";

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function testBackend(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

/** A database URL for `name` on the admin URL's server (as `user`, without a password, when given). */
export function urlFor(name: string, user?: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = "";
  }
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

export interface TestDatabaseHandle extends DatabaseHandle {
  /**
   * The tables' owner, for what only an owner may do (DDL, switching triggers off to tamper with
   * the audit log). On PGlite, one user: the same as `db`.
   */
  owner: Database;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or (TEST_DB=postgres) a new
 * database on the PostgreSQL server that close() drops again. On PostgreSQL the migrations run as
 * the server's admin (the owner) and `db` connects as a login role that is only a member of
 * kotona_app, as the app does in production, so every integration test shows that the app's
 * writes work under that role (TEST_DB_ROLE=owner connects `db` as the owner instead).
 */
export async function createTestDatabase(): Promise<TestDatabaseHandle> {
  if (testBackend() === "pglite") {
    const handle = await openDatabase({ kind: "pglite", dir: undefined });
    return { ...handle, owner: handle.db };
  }
  const name = await createPostgresDatabase();
  const appRole = `${name}_app`;
  let owner: DatabaseHandle | undefined;
  let app: DatabaseHandle | undefined;
  const dropAll = async () => {
    await app?.close();
    await owner?.close();
    await dropPostgresDatabase(name);
    await dropLoginRole(appRole);
  };
  try {
    owner = await openDatabase({ kind: "postgres", url: urlFor(name) }, { migrate: true });
    if (process.env.TEST_DB_ROLE === "owner") {
      return { ...owner, owner: owner.db, close: dropAll };
    }
    await createAppLoginRole(appRole);
    app = await openDatabase({ kind: "postgres", url: urlFor(name, appRole) });
    return { ...app, owner: owner.db, close: dropAll };
  } catch (error) {
    await dropAll();
    throw error;
  }
}

/** A login role whose only privileges are those of kotona_app (drizzle/0006_app_role.sql). */
export async function createAppLoginRole(role: string): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE ROLE ${role} LOGIN IN ROLE kotona_app`);
  } finally {
    await admin.end();
  }
}

export async function dropLoginRole(role: string): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await admin.end();
  }
}
