import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, gte, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/connection";
import { recordAuditEvent } from "@/db/audit";
import { runAuditCheckpoint, runAuditVerify, verifyAuditChain } from "@/db/audit-verify";
import { auditEvents } from "@/db/schema";
import { chainHash, GENESIS_HASH, KEYED, keyedChainHash, UNKEYED, verifyChain } from "@/lib/audit-chain";
import { formatCheckpoint, readCheckpoints, type AuditCheckpoint } from "@/lib/audit-checkpoint";
import { auditKeys } from "@/lib/audit-keys";
import { createTestDatabase, testBackend, type TestDatabaseHandle } from "../helpers/database";

const ACTOR = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
const CLIENT = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";

type Row = typeof auditEvents.$inferSelect;

/** drizzle wraps driver errors; the SQLSTATE and message are on the error and its cause chain. */
async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; messages: string }> {
  try {
    await promise;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return { code: (error as { code?: unknown }).code, messages: messages.join(" <- ") };
  }
  throw new Error("expected the statement to be refused, but it succeeded");
}

async function allEvents(db: Database): Promise<Row[]> {
  return db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
}

/**
 * What the tables' owner can do and the app's role cannot: switch the append-only triggers off,
 * replace the events from `fromSeq` on with `rows`, and switch them on again.
 */
async function replaceFrom(owner: Database, fromSeq: number, rows: Row[]): Promise<void> {
  await owner.execute(sql`alter table audit_events disable trigger user`);
  try {
    await owner.delete(auditEvents).where(gte(auditEvents.seq, fromSeq));
    if (rows.length > 0) await owner.insert(auditEvents).values(rows);
  } finally {
    await owner.execute(sql`alter table audit_events enable trigger user`);
  }
}

/** Recomputes every hash from the first row on, as the old unkeyed chain did (anyone can). */
function rehashUnkeyed(rows: Row[], prevHash: string, hashVersion: number): Row[] {
  return rows.map((row) => {
    const hash = chainHash(prevHash, row);
    const rewritten = { ...row, prevHash, hash, hashVersion };
    prevHash = hash;
    return rewritten;
  });
}

describe(`keyed audit chain on ${testBackend()}`, () => {
  let handle: TestDatabaseHandle;
  let db: Database;
  let owner: Database;
  const keys = auditKeys();

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    owner = handle.owner;
  });
  afterAll(async () => handle?.close());

  async function record(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      await recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed", clientId: CLIENT, details: { i }, requestId: `req-${i}` });
    }
  }

  async function checkpointNow(): Promise<{ line: string; checkpoint: AuditCheckpoint }> {
    const out: string[] = [];
    const notes: string[] = [];
    expect(await runAuditCheckpoint(db, { out: (l) => out.push(l), note: (l) => notes.push(l) })).toBe(0);
    expect(out).toHaveLength(1);
    expect(notes[0]).toMatch(/^audit chain intact: /);
    return { line: out[0]!, checkpoint: readCheckpoints(keys.checkpoint, out[0]!)[0]! };
  }

  async function verifyLine(checkpoints: AuditCheckpoint[]): Promise<{ status: number; line: string }> {
    const lines: string[] = [];
    const status = await runAuditVerify(db, (l) => lines.push(l), { checkpoints });
    return { status, line: lines.join("\n") };
  }

  it("keys every event of a fresh log from event 1; another key verifies none of them", async () => {
    await record(30);
    const rows = await allEvents(db);
    expect(rows.map((r) => r.hashVersion)).toEqual(Array.from({ length: 30 }, () => KEYED));
    expect(rows[0]!.hash).toBe(keyedChainHash(keys.chain, GENESIS_HASH, rows[0]!));
    expect(await verifyAuditChain({ db })).toEqual({ ok: true, count: 30, lastHash: rows[29]!.hash });
    expect(await verifyAuditChain({ db, key: auditKeys(Buffer.alloc(32, 1)).chain })).toMatchObject({
      ok: false,
      brokenSeq: 1,
      problem: "hash_mismatch",
    });
  });

  it.runIf(testBackend() === "postgres")(
    "the app's role may insert and read events, but cannot update, delete, truncate or switch off the triggers, and owns nothing",
    async () => {
      const before = await allEvents(owner);
      const [who] = (await db.execute(sql`select current_user as name, pg_has_role(current_user, 'kotona_app', 'member') as member,
        (select rolsuper from pg_roles where rolname = current_user) as superuser`)) as unknown as { name: string; member: boolean; superuser: boolean }[];
      expect(who).toMatchObject({ member: true, superuser: false });
      expect(who!.name).not.toBe("postgres");

      const refused: [string, SQL][] = [
        ["UPDATE", sql`update audit_events set details = '{}'::jsonb where seq = 3`],
        ["DELETE", sql`delete from audit_events where seq > 20`],
        ["TRUNCATE", sql`truncate audit_events`],
        ["DISABLE TRIGGER", sql`alter table audit_events disable trigger audit_events_no_update_or_delete`],
        ["DISABLE TRIGGER (truncate)", sql`alter table audit_events disable trigger audit_events_no_truncate`],
        ["DISABLE TRIGGER ALL", sql`alter table audit_events disable trigger all`],
        ["DROP TRIGGER", sql`drop trigger audit_events_no_update_or_delete on audit_events`],
        ["DROP TABLE", sql`drop table audit_events`],
        ["CREATE TRIGGER", sql`create trigger t before insert on audit_events for each row execute function audit_events_refuse_change()`],
        ["replica mode (skips triggers)", sql`set session_replication_role = replica`],
      ];
      for (const [what, statement] of refused) {
        const { code, messages } = await refusal(db.execute(statement));
        expect(code, what).toBe("42501");
        expect(messages, what).toMatch(/permission denied|must be owner/);
      }
      // A GRANT without the grant option grants nothing (PostgreSQL only warns).
      await db.execute(sql`grant update, delete, truncate on audit_events to current_user`);
      const [privileges] = (await db.execute(sql`select
          has_table_privilege('audit_events', 'SELECT') as "select", has_table_privilege('audit_events', 'INSERT') as "insert",
          has_table_privilege('audit_events', 'UPDATE') as "update", has_table_privilege('audit_events', 'DELETE') as "delete",
          has_table_privilege('audit_events', 'TRUNCATE') as "truncate", has_table_privilege('audit_events', 'TRIGGER') as "trigger"`)) as unknown as Record<string, boolean>[];
      expect(privileges).toEqual({ select: true, insert: true, update: false, delete: false, truncate: false, trigger: false });
      // Nothing in the database belongs to the role or to a role it is a member of.
      const [owned] = (await db.execute(sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and pg_has_role(current_user, c.relowner, 'MEMBER')`)) as unknown as { n: number }[];
      expect(owned!.n).toBe(0);

      expect(await allEvents(owner)).toEqual(before);
      const triggers = (await db.execute(sql`select tgname, tgenabled from pg_trigger
          where tgrelid = 'audit_events'::regclass and not tgisinternal order by tgname`)) as unknown as { tgname: string; tgenabled: string }[];
      expect(triggers).toEqual([
        { tgname: "audit_events_no_truncate", tgenabled: "O" },
        { tgname: "audit_events_no_update_or_delete", tgenabled: "O" },
      ]);
      await record(1);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    },
  );

  it("a tail cut off the log verifies as a chain but is caught against a checkpoint, naming the first missing seq", async () => {
    const { checkpoint } = await checkpointNow();
    await record(5);
    const later = await checkpointNow();
    expect(await verifyLine([checkpoint, later.checkpoint])).toMatchObject({ status: 0 });

    const rows = await allEvents(owner);
    const cut = checkpoint.seq - 4;
    await replaceFrom(owner, cut, []);
    try {
      // Every prefix of a valid chain is valid: without a checkpoint nothing looks wrong.
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: cut - 1 });
      expect(await verifyAuditChain({ db, checkpoints: [checkpoint, later.checkpoint] })).toEqual({
        ok: false,
        count: cut - 1,
        brokenSeq: cut,
        problem: "truncated",
      });
      const { status, line } = await verifyLine([later.checkpoint]);
      expect(status).toBe(1);
      expect(line).toMatch(new RegExp(`^audit chain BROKEN at event seq ${cut} \\(truncated\\): the event is missing`));

      // The app appends again from the shortened log: the checkpoint still names the changed head.
      await record(10);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true });
      expect(await verifyAuditChain({ db, checkpoints: [checkpoint] })).toMatchObject({
        ok: false,
        brokenSeq: checkpoint.seq,
        problem: "checkpoint_mismatch",
      });
    } finally {
      await replaceFrom(owner, 1, rows);
    }
    expect(await verifyAuditChain({ db, checkpoints: [checkpoint, later.checkpoint] })).toMatchObject({ ok: true });
  });

  it("a chain rewritten and rehashed is caught: without the key by the chain itself, with the key by the checkpoint", async () => {
    const { checkpoint } = await checkpointNow();
    const rows = await allEvents(owner);
    const target = 7;
    const forged = rows.map((row) => (row.seq === target ? { ...row, details: { i: 999 }, reason: "invented" } : row));

    // Rehashed the old way from the changed event on (what passed audit:verify before).
    await replaceFrom(owner, target, rehashUnkeyed(forged.slice(target - 1), rows[target - 2]!.hash, KEYED));
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, brokenSeq: target, problem: "hash_mismatch" });
    // ... and labelled as unkeyed events.
    await replaceFrom(owner, target, rehashUnkeyed(forged.slice(target - 1), rows[target - 2]!.hash, UNKEYED));
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, brokenSeq: target, problem: "unkeyed_after_keyed" });
    // ... and the whole log passed off as one from before the chain was keyed.
    const wholeUnkeyed = rehashUnkeyed(forged, GENESIS_HASH, UNKEYED);
    expect(verifyChain(wholeUnkeyed)).toMatchObject({ ok: true }); // the old check would pass it
    await replaceFrom(owner, 1, wholeUnkeyed);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, problem: "unkeyed_unsealed" });
    expect(await verifyAuditChain({ db, checkpoints: [checkpoint] })).toMatchObject({
      ok: false,
      brokenSeq: checkpoint.seq,
      problem: "checkpoint_mismatch",
    });

    // Someone who also holds the key recomputes a valid keyed chain: only the checkpoint tells.
    let prevHash = rows[target - 2]!.hash;
    const rekeyed = forged.slice(target - 1).map((row) => {
      const hash = keyedChainHash(keys.chain, prevHash, row);
      const rewritten = { ...row, prevHash, hash };
      prevHash = hash;
      return rewritten;
    });
    await replaceFrom(owner, 1, [...rows.slice(0, target - 1), ...rekeyed]);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true });
    expect(await verifyAuditChain({ db, checkpoints: [checkpoint] })).toEqual({
      ok: false,
      count: 0,
      brokenSeq: checkpoint.seq,
      problem: "checkpoint_mismatch",
    });
    const { status, line } = await verifyLine([checkpoint]);
    expect(status).toBe(1);
    expect(line).toContain(`BROKEN at event seq ${checkpoint.seq} (checkpoint_mismatch)`);

    await replaceFrom(owner, 1, rows);
    expect(await verifyAuditChain({ db, checkpoints: [checkpoint] })).toMatchObject({ ok: true });
  });

  it.runIf(testBackend() === "postgres")(
    "npm run audit:checkpoint prints one checkpoint line; npm run audit:verify -- --checkpoint exits 0, 1 on a cut tail, 2 on a forged checkpoint",
    async () => {
      const target = handle.target;
      if (target.kind !== "postgres") throw new Error("postgres only");
      const run = async (script: string, args: string[] = []) => {
        try {
          const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", "--conditions=react-server", script, ...args], {
            env: { ...process.env, DATABASE_URL: target.url },
            cwd: process.cwd(),
          });
          return { code: 0, stdout, stderr };
        } catch (error) {
          const e = error as { code?: number; stdout?: string; stderr?: string };
          return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
        }
      };
      const made = await run("scripts/audit-checkpoint.ts");
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/^kotona-audit-checkpoint v1 seq=\d+ head=[0-9a-f]{64} at=\S+ mac=[0-9a-f]{64}\n$/);
      expect(made.stderr).toMatch(/^audit chain intact: /);
      const line = made.stdout.trim();
      const dir = mkdtempSync(path.join(tmpdir(), "kotona-checkpoints-"));
      try {
        const file = path.join(dir, "checkpoints.txt");
        writeFileSync(file, `# kept by the DPO\n${line}\n`);
        const intact = await run("scripts/audit-verify.ts", ["--checkpoint", file]);
        expect(intact.code, intact.stderr).toBe(0);
        expect(intact.stdout).toMatch(/^audit chain intact: \d+ events, last hash [0-9a-f]{64}; agrees with 1 checkpoint, the latest at seq \d+\n$/);

        const forged = line.replace(/seq=(\d+)/, (_m, n: string) => `seq=${Number(n) - 1}`);
        const refused = await run("scripts/audit-verify.ts", ["--checkpoint", forged]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain("its MAC does not verify");
        const otherKey = formatCheckpoint(auditKeys(Buffer.alloc(32, 2)).checkpoint, readCheckpoints(keys.checkpoint, line)[0]!);
        expect((await run("scripts/audit-verify.ts", ["--checkpoint", otherKey])).code).toBe(2);

        const rows = await allEvents(owner);
        const seq = readCheckpoints(keys.checkpoint, line)[0]!.seq;
        await replaceFrom(owner, seq, []);
        try {
          const cut = await run("scripts/audit-verify.ts", ["--checkpoint", line]);
          expect(cut.code).toBe(1);
          expect(cut.stdout).toContain(`audit chain BROKEN at event seq ${seq} (truncated)`);
          // Without the checkpoint the shortened log looks whole.
          expect((await run("scripts/audit-verify.ts")).code).toBe(0);
        } finally {
          await replaceFrom(owner, 1, rows);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
