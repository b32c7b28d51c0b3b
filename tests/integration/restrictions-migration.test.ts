import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, PGLITE_EXTENSIONS } from "@/db/connection";
import { createPostgresDatabase, dropPostgresDatabase, testBackend, urlFor } from "../helpers/database";

/**
 * drizzle/0013_restrictions_carried_over.sql on a database with a client already restricted by the
 * single clients.restricted_at: the client gets its period in client_restrictions (applied then, no
 * ground recorded, not lifted), so the disclosure gate — which now reads the history — still refuses
 * them; an unrestricted client gets none. The database is migrated up to before issue 11's
 * restriction tables, the rows written as the old code wrote them, then the rest migrated.
 */

const FIRST_NEW = "0012_restrictions_and_notices";
const RESTRICTED = "00000000-0000-4000-8000-000000000011";
const FREE = "00000000-0000-4000-8000-000000000012";
const RESTRICTED_AT = "2025-11-03T08:15:00.000Z";

function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kotona-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  if (cut < 0) throw new Error(`No migration ${tag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

async function runner() {
  if (testBackend() === "pglite") {
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const db = drizzlePglite(client);
    return {
      migrate: (folder: string) => migratePglite(db, { migrationsFolder: folder }),
      run: async (query: SQL) => void (await db.execute(query)),
      rows: async <T,>(query: SQL) => (await db.execute(query)).rows as T[],
      close: () => client.close(),
    };
  }
  const name = await createPostgresDatabase();
  const client = postgres(urlFor(name), { max: 1, onnotice: () => {} });
  const db = drizzlePostgres(client);
  return {
    migrate: (folder: string) => migratePostgres(db, { migrationsFolder: folder }),
    run: async (query: SQL) => void (await db.execute(query)),
    rows: async <T,>(query: SQL) => [...(await db.execute(query))] as T[],
    close: async () => {
      await client.end();
      await dropPostgresDatabase(name);
    },
  };
}

describe(`the restriction history migration on ${testBackend()}`, () => {
  let r: Awaited<ReturnType<typeof runner>> | undefined;
  let oldFolder: string | undefined;
  afterAll(async () => {
    await r?.close();
    if (oldFolder) rmSync(oldFolder, { recursive: true, force: true });
  });

  it("gives a client restricted before the history its period, with no ground, in force", async () => {
    r = await runner();
    oldFolder = migrationsBefore(FIRST_NEW);
    await r.migrate(oldFolder);
    await r.run(sql`insert into clients (id, client_number, first_names, last_name, search_name, basis, restricted_at) values
      (${RESTRICTED}, '2025-000011', 'Amina', 'Hassan', 'amina hassan', 'consent_electronic', ${RESTRICTED_AT}),
      (${FREE}, '2025-000012', 'Olena', 'Melnyk', 'olena melnyk', 'consent_written', null)`);
    await r.migrate(MIGRATIONS_FOLDER);
    const rows = await r.rows<{ client_id: string; ground: string | null; applied_at: string | Date; applied_by: string | null; lifted_at: unknown }>(
      sql`select client_id, ground, applied_at, applied_by, lifted_at from client_restrictions order by client_id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ client_id: RESTRICTED, ground: null, applied_by: null, lifted_at: null });
    expect(new Date(rows[0]!.applied_at).toISOString()).toBe(RESTRICTED_AT);
  });
});
