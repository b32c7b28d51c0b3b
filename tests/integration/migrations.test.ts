import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, PGLITE_EXTENSIONS } from "@/db/connection";
import { createPostgresDatabase, dropPostgresDatabase, testBackend, urlFor } from "../helpers/database";

/** Every table, column and trigger, so "applying again changes nothing" compares the whole schema. */
const SCHEMA_SNAPSHOT = sql`
  select string_agg(x, E'\n' order by x) as snapshot from (
    select table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, '') as x
      from information_schema.columns where table_schema = 'public'
    union all
    select 'trigger:' || event_object_table || '.' || trigger_name || ':' || event_manipulation
      from information_schema.triggers where trigger_schema = 'public'
    union all
    select 'index:' || indexname || ':' || indexdef from pg_indexes where schemaname = 'public'
  ) s`;

interface Runner {
  migrate(): Promise<void>;
  snapshot(): Promise<string>;
  migrationCount(): Promise<number>;
  close(): Promise<void>;
}

async function runner(): Promise<Runner> {
  if (testBackend() === "pglite") {
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const db = drizzlePglite(client);
    return {
      migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      snapshot: async () => String((await db.execute(SCHEMA_SNAPSHOT)).rows[0]?.snapshot ?? ""),
      migrationCount: async () =>
        Number((await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)).rows[0]?.n),
      close: () => client.close(),
    };
  }
  const name = await createPostgresDatabase();
  const client = postgres(urlFor(name), { max: 1, onnotice: () => {} });
  const db = drizzlePostgres(client);
  return {
    migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    snapshot: async () => String((await db.execute(SCHEMA_SNAPSHOT))[0]?.snapshot ?? ""),
    migrationCount: async () =>
      Number((await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n),
    close: async () => {
      await client.end();
      await dropPostgresDatabase(name);
    },
  };
}

describe(`migrations on ${testBackend()}`, () => {
  let r: Runner | undefined;
  afterAll(async () => r?.close());

  it("apply to an empty database, and applying them again changes nothing", async () => {
    r = await runner();
    expect(await r.snapshot()).toBe("");
    await r.migrate();
    const first = await r.snapshot();
    expect(first).toContain("clients.personal_identity_code_encrypted:text");
    expect(first).toContain("trigger:audit_events.audit_events_no_update_or_delete:UPDATE");
    expect(first).toContain("trigger:audit_events.audit_events_no_update_or_delete:DELETE");
    const applied = await r.migrationCount();
    expect(applied).toBeGreaterThanOrEqual(2);

    await r.migrate();
    expect(await r.snapshot()).toBe(first);
    expect(await r.migrationCount()).toBe(applied);
  });
});
