import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, gte, sql } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, openDatabase, PGLITE_EXTENSIONS, type Database, type DatabaseHandle, type DatabaseTarget } from "@/db/connection";
import { recordAuditEvent, sealUnkeyedAuditChain } from "@/db/audit";
import { verifyAuditChain } from "@/db/audit-verify";
import { auditEvents } from "@/db/schema";
import { CHAIN_SEAL_ACTION, chainHash, GENESIS_HASH, KEYED, UNKEYED, type ChainedEventContent } from "@/lib/audit-chain";
import { createPostgresDatabase, dropPostgresDatabase, testBackend, urlFor } from "../helpers/database";

/**
 * A log written before the chain was keyed (the demo's PGlite folders, any deployment): its events
 * are unkeyed. Migrating seals them with a keyed event naming the prefix; from then on a rewrite of
 * the old events is caught, and so is a log passed off as entirely old.
 */

const ACTOR = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

/** The migrations folder as it was before the chain was keyed: every migration before the one adding hash_version. */
function migrationsBeforeKeying(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kotona-old-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const firstKeyed = journal.entries.findIndex((entry) => readFileSync(path.join(dir, `${entry.tag}.sql`), "utf8").includes("hash_version"));
  expect(firstKeyed).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, firstKeyed);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/** Events as the old recordAuditEvent wrote them: SHA-256, no hash_version column yet. */
async function writeUnkeyedEvents(execute: (query: ReturnType<typeof sql>) => Promise<unknown>, n: number): Promise<void> {
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const event: ChainedEventContent = {
      seq,
      occurredAt: new Date(Date.UTC(2025, 10, 1, 8, seq)),
      actorId: ACTOR,
      action: "client.viewed",
      clientId: null,
      details: { old: seq },
      reason: null,
      requestId: `old-${seq}`,
    };
    const hash = chainHash(prevHash, event);
    await execute(sql`insert into audit_events (seq, occurred_at, actor_id, action, client_id, details, reason, request_id, prev_hash, hash)
      values (${seq}, ${event.occurredAt.toISOString()}, ${ACTOR}, ${event.action}, null, ${JSON.stringify(event.details)}::jsonb, null,
              ${event.requestId}, ${prevHash}, ${hash})`);
    prevHash = hash;
  }
}

/** A database at the schema before keying, holding `n` unkeyed events; returns where it is. */
async function oldDatabase(n: number): Promise<{ target: DatabaseTarget; cleanup: () => Promise<void> }> {
  const migrations = migrationsBeforeKeying();
  try {
    if (testBackend() === "pglite") {
      const dir = mkdtempSync(path.join(tmpdir(), "kotona-old-pglite-"));
      const client = new PGlite({ dataDir: dir, extensions: PGLITE_EXTENSIONS });
      const db = drizzlePglite(client);
      await migratePglite(db, { migrationsFolder: migrations });
      await writeUnkeyedEvents((query) => db.execute(query), n);
      await client.close();
      return { target: { kind: "pglite", dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    const name = await createPostgresDatabase();
    const client = postgres(urlFor(name), { max: 1, onnotice: () => {} });
    try {
      const db = drizzlePostgres(client);
      await migratePostgres(db, { migrationsFolder: migrations });
      await writeUnkeyedEvents((query) => db.execute(query), n);
    } finally {
      await client.end();
    }
    return { target: { kind: "postgres", url: urlFor(name) }, cleanup: () => dropPostgresDatabase(name) };
  } finally {
    rmSync(migrations, { recursive: true, force: true });
  }
}

async function events(db: Database) {
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

describe(`an audit log from before the chain was keyed, on ${testBackend()}`, () => {
  let old: Awaited<ReturnType<typeof oldDatabase>>;
  let handle: DatabaseHandle;
  let db: Database;

  beforeAll(async () => {
    old = await oldDatabase(6);
    // What `npm run db:migrate` (or `npm start`, or opening the embedded database) does.
    handle = await openDatabase(old.target, { migrate: true });
    db = handle.db;
  });
  afterAll(async () => {
    await handle?.close();
    await old?.cleanup();
  });

  it("is sealed by migrating: its events keep their unkeyed hashes, and a keyed event names them", async () => {
    const rows = await events(db);
    expect(rows.map((r) => r.hashVersion)).toEqual([UNKEYED, UNKEYED, UNKEYED, UNKEYED, UNKEYED, UNKEYED, KEYED]);
    expect(rows[6]).toMatchObject({
      seq: 7,
      action: CHAIN_SEAL_ACTION,
      actorId: null,
      prevHash: rows[5]!.hash,
      details: { unkeyedEvents: 6, unkeyedHead: rows[5]!.hash },
    });
    expect(await verifyAuditChain({ db })).toEqual({ ok: true, count: 7, lastHash: rows[6]!.hash });

    // Sealing again (the next migration or start) adds nothing; new events are keyed and chain on.
    expect(await sealUnkeyedAuditChain(db)).toBe("nothing_to_seal");
    await recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed" });
    const after = await events(db);
    expect(after.map((r) => r.action).filter((a) => a === CHAIN_SEAL_ACTION)).toHaveLength(1);
    expect(after.at(-1)).toMatchObject({ seq: 8, hashVersion: KEYED });
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: 8 });
  });

  it("a rewrite of the old events, rehashed as they were, no longer chains into the seal", async () => {
    const rows = await events(db);
    let prevHash = GENESIS_HASH;
    const rewritten = rows.slice(0, 6).map((row) => {
      const changed = row.seq === 3 ? { ...row, details: { old: 333 } } : row;
      const hash = chainHash(prevHash, changed);
      const result = { ...changed, prevHash, hash };
      prevHash = hash;
      return result;
    });
    await replace(db, [...rewritten, ...rows.slice(6)]);
    try {
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, brokenSeq: 7, problem: "prev_hash_mismatch" });
    } finally {
      await replace(db, rows);
    }
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("without its seal it does not verify, and the next event seals it first", async () => {
    const rows = await events(db);
    const unsealed = rows.slice(0, 6);
    await replace(db, unsealed);
    expect(await verifyAuditChain({ db })).toEqual({ ok: false, count: 6, brokenSeq: 7, problem: "unkeyed_unsealed" });

    const { seq } = await recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed" });
    expect(seq).toBe(8);
    const sealed = await events(db);
    expect(sealed[6]).toMatchObject({ seq: 7, action: CHAIN_SEAL_ACTION, hashVersion: KEYED, details: { unkeyedEvents: 6 } });
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: 8 });
  });
});

/** As the owner (here the same connection), behind the append-only triggers' back. */
async function replace(db: Database, rows: (typeof auditEvents.$inferSelect)[]): Promise<void> {
  await db.execute(sql`alter table audit_events disable trigger user`);
  try {
    await db.delete(auditEvents).where(gte(auditEvents.seq, 0));
    await db.insert(auditEvents).values(rows);
  } finally {
    await db.execute(sql`alter table audit_events enable trigger user`);
  }
}
