import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/connection";
import { recordAuditEvent } from "@/db/audit";
import { describeVerdict, runAuditVerify, verifyAuditChain } from "@/db/audit-verify";
import { auditEvents } from "@/db/schema";
import { verifyChain } from "@/lib/audit-chain";
import { auditKeys } from "@/lib/audit-keys";
import { createTestDatabase, testBackend, type TestDatabaseHandle } from "../helpers/database";

const ACTOR = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
const CLIENT = "8e7d6c5b-4a39-4281-b0c1-d2e3f4a5b6c7";

/** `db.execute` gives `{ rows }` on PGlite and an array on postgres.js. */
async function rawRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** drizzle wraps driver errors ("Failed query: …"); the trigger's message is on the cause chain. */
async function rejectionMessages(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(" <- ");
  }
  throw new Error("expected the statement to be refused, but it succeeded");
}

/** What a tamperer with table-owner rights could do: switch the row trigger off, change rows, switch it on. */
async function behindTheTriggersBack(db: Database, change: SQL): Promise<void> {
  await db.execute(sql`alter table audit_events disable trigger audit_events_no_update_or_delete`);
  try {
    await db.execute(change);
  } finally {
    await db.execute(sql`alter table audit_events enable trigger audit_events_no_update_or_delete`);
  }
}

async function eventCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents);
  return row?.n ?? 0;
}

async function lastSeq(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${auditEvents.seq}), 0)::int` }).from(auditEvents);
  return Number(row?.n ?? 0);
}

describe(`audit log on ${testBackend()}`, () => {
  let handle: TestDatabaseHandle;
  let db: Database;
  // The triggers are the defence against the tables' owner (the app's role may not even try).
  let owner: Database;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    owner = handle.owner;
  });
  afterAll(async () => handle?.close());

  it("starts empty, and an empty log verifies", async () => {
    expect(await verifyAuditChain({ db })).toEqual({ ok: true, count: 0, lastHash: "0".repeat(64) });
  });

  it("200 concurrent appends give seq 1..200 and one unbroken chain", async () => {
    // allSettled: a failure must not leave appends running while the database is closed.
    const settled = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed", clientId: CLIENT, details: { i } }),
      ),
    );
    const failures = settled.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    expect(failures).toEqual([]);
    const results = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Every call's details landed exactly once.
    expect(new Set(rows.map((r) => r.details.i)).size).toBe(200);
    // One chain: every event chains from the one before, no fork.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    const verdict = await verifyAuditChain({ db });
    expect(verdict).toEqual({ ok: true, count: 200, lastHash: rows[199]!.hash });
    // Paged reading (page boundaries everywhere) gives the same verdict as one page.
    expect(await verifyAuditChain({ db, pageSize: 7 })).toEqual(verdict);
    expect(await verifyAuditChain({ db, pageSize: 200 })).toEqual(verdict);
    expect(await verifyAuditChain({ db, pageSize: 1 })).toEqual(verdict);
  });

  describe("the database refuses changes to audit_events", () => {
    it.each([
      ["UPDATE", sql`update audit_events set action = 'auth.sign_in' where seq = 1`],
      ["UPDATE", sql`update audit_events set details = '{}'::jsonb`],
      ["DELETE", sql`delete from audit_events where seq = 2`],
      ["DELETE", sql`delete from audit_events`],
      ["TRUNCATE", sql`truncate audit_events`],
    ] as const)("refuses %s", async (op, statement) => {
      const before = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
      expect(before.length).toBeGreaterThan(0);
      expect(await rejectionMessages(owner.execute(statement))).toContain(`audit_events is append-only: ${op} refused`);
      expect(await db.select().from(auditEvents).orderBy(asc(auditEvents.seq))).toEqual(before);
    });

    it("refuses an UPDATE inside a transaction too, and the transaction fails as a whole", async () => {
      const before = await eventCount(db);
      const attempt = owner.transaction(async (tx) => {
        await recordAuditEvent(tx, { actorId: ACTOR, action: "client.updated" });
        await tx.execute(sql`update audit_events set reason = 'rewritten'`);
      });
      expect(await rejectionMessages(attempt)).toContain("audit_events is append-only: UPDATE refused");
      expect(await eventCount(db)).toBe(before);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });
  });

  it("verifies an intact chain of varied events and stores their details faithfully", async () => {
    const start = await lastSeq(db);
    const inputs = [
      {
        actorId: ACTOR,
        action: "client.updated" as const,
        clientId: CLIENT,
        details: { z: 1, a: { y: [3, 2, 1], x: { b: true, a: null } }, m: "Äänekoski" },
        reason: "asiakkaan pyyntö",
        requestId: "req-1",
      },
      {
        actorId: ACTOR,
        action: "client.updated" as const,
        clientId: CLIENT,
        details: { m: "Äänekoski", a: { x: { a: null, b: true }, y: [3, 2, 1] }, z: 1 },
      },
      {
        actorId: null,
        action: "auth.sign_in_failed" as const,
        details: { text: "مرحبا Привет 🧭 \"quoted\" \\ back\nslash", emoji: "👨‍👩‍👧", "ключ": "arvo", "": "empty key" },
      },
      {
        actorId: ACTOR,
        action: "disclosure.recorded" as const,
        clientId: CLIENT,
        details: {
          numbers: [0, -1, 1.5, 0.1 + 0.2, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, -2.5e-300],
          categories: ["identity", "contact"],
          when: new Date(Date.UTC(2025, 5, 30, 21, 0, 0, 5)),
          nested: [{ b: [{ d: 1, c: 2 }], a: [] }, {}],
          skipped: undefined,
        },
        requestId: "req-2",
      },
      { actorId: ACTOR, action: "audit.viewed" as const },
    ];
    for (const input of inputs) await recordAuditEvent(db, input);

    const verdict = await verifyAuditChain({ db });
    expect(verdict).toMatchObject({ ok: true, count: start + inputs.length });

    const stored = await db.select().from(auditEvents).where(sql`${auditEvents.seq} > ${start}`).orderBy(asc(auditEvents.seq));
    expect(stored.map((e) => e.seq)).toEqual(inputs.map((_, i) => start + i + 1));
    expect(stored[0]!.details).toEqual(inputs[0]!.details);
    expect(stored[2]!.details).toEqual(inputs[2]!.details);
    expect(stored[3]!.details).toEqual(JSON.parse(JSON.stringify(inputs[3]!.details)));
    expect(stored[4]!.details).toEqual({});
    expect(stored[0]!.reason).toBe("asiakkaan pyyntö");
    // The same details in another key order hash the same way apart from seq/time: both verify.
    expect(verifyChain(stored, { hash: stored[0]!.prevHash, seq: start, keyed: true }, auditKeys().chain)).toMatchObject({ ok: true });
  });

  it("hashes ids and text as the database stores them, so unusual input still verifies", async () => {
    const start = await lastSeq(db);
    await recordAuditEvent(db, { actorId: ACTOR.toUpperCase(), action: "client.viewed", clientId: CLIENT.toUpperCase() });
    await recordAuditEvent(db, { actorId: `{${ACTOR}}`, action: "client.viewed", clientId: CLIENT.replaceAll("-", "") });
    // A lone surrogate cannot be encoded in UTF-8; the drivers store U+FFFD in its place.
    await recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed", reason: "syy \ud800", requestId: "\udfff" });
    const stored = await db.select().from(auditEvents).where(sql`${auditEvents.seq} > ${start}`).orderBy(asc(auditEvents.seq));
    expect(stored.map((e) => [e.actorId, e.clientId])).toEqual([
      [ACTOR, CLIENT],
      [ACTOR, CLIENT],
      [ACTOR, null],
    ]);
    expect(stored[2]!.reason).toBe("syy \ufffd");
    expect(stored[2]!.requestId).toBe("\ufffd");
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: start + 3 });
  });

  it("refuses an event it cannot store faithfully, and records nothing", async () => {
    const before = await eventCount(db);
    await expect(recordAuditEvent(db, { actorId: "not-a-uuid", action: "client.viewed" })).rejects.toThrow(/uuid/);
    await expect(recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed", details: { x: "nul \u0000" } })).rejects.toThrow();
    expect(await eventCount(db)).toBe(before);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: before });
  });

  describe("transactions", () => {
    it("an event recorded in a transaction that rolls back leaves no event, and the chain still verifies", async () => {
      const beforeCount = await eventCount(db);
      const beforeSeq = await lastSeq(db);
      await expect(
        db.transaction(async (tx) => {
          const { seq } = await recordAuditEvent(tx, { actorId: ACTOR, action: "client.created", clientId: CLIENT });
          expect(seq).toBe(beforeSeq + 1);
          throw new Error("the change this event records failed");
        }),
      ).rejects.toThrow("the change this event records failed");
      expect(await eventCount(db)).toBe(beforeCount);
      expect(await lastSeq(db)).toBe(beforeSeq);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: beforeCount });

      // The next event takes the seq the rolled-back one had: no gap.
      const { seq } = await recordAuditEvent(db, { actorId: ACTOR, action: "client.viewed", clientId: CLIENT });
      expect(seq).toBe(beforeSeq + 1);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: beforeCount + 1 });
    });

    it("an event recorded in a committed transaction is kept with the change", async () => {
      const beforeSeq = await lastSeq(db);
      await db.transaction(async (tx) => {
        await recordAuditEvent(tx, { actorId: ACTOR, action: "client.created", clientId: CLIENT });
        await recordAuditEvent(tx, { actorId: ACTOR, action: "consent.recorded", clientId: CLIENT });
      });
      expect(await lastSeq(db)).toBe(beforeSeq + 2);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: beforeSeq + 2 });
    });

    it("rolling back a nested savepoint drops only its event", async () => {
      const beforeSeq = await lastSeq(db);
      await db.transaction(async (tx) => {
        await recordAuditEvent(tx, { actorId: ACTOR, action: "client.updated", clientId: CLIENT });
        await expect(
          tx.transaction(async (inner) => {
            await recordAuditEvent(inner, { actorId: ACTOR, action: "client.updated", clientId: CLIENT });
            throw new Error("inner step failed");
          }),
        ).rejects.toThrow("inner step failed");
        await recordAuditEvent(tx, { actorId: ACTOR, action: "client.viewed", clientId: CLIENT });
      });
      expect(await lastSeq(db)).toBe(beforeSeq + 2);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: beforeSeq + 2 });
    });
  });

  describe("tampering behind the trigger's back is detected", () => {
    const TARGET = 17;

    it("an altered details object is named by its seq", async () => {
      const total = await eventCount(db);
      const [original] = await db.select().from(auditEvents).where(eq(auditEvents.seq, TARGET));
      await behindTheTriggersBack(
        owner,
        sql`update audit_events set details = jsonb_set(details, '{i}', '999') where seq = ${TARGET}`,
      );
      const verdict = await verifyAuditChain({ db });
      expect(verdict).toEqual({ ok: false, count: TARGET - 1, brokenSeq: TARGET, problem: "hash_mismatch" });
      // Also across page boundaries.
      expect(await verifyAuditChain({ db, pageSize: 5 })).toEqual(verdict);
      expect(await verifyAuditChain({ db, pageSize: TARGET })).toEqual(verdict);
      expect(await verifyAuditChain({ db, pageSize: TARGET - 1 })).toEqual(verdict);

      const lines: string[] = [];
      expect(await runAuditVerify(db, (line) => lines.push(line))).toBe(1);
      expect(lines).toEqual([expect.stringMatching(new RegExp(`^audit chain BROKEN at event seq ${TARGET} \\(hash_mismatch\\): `))]);

      // Putting it back makes the chain whole again, so the check is about content, not history.
      await behindTheTriggersBack(owner, sql`update audit_events set details = ${JSON.stringify(original!.details)}::jsonb where seq = ${TARGET}`);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: true, count: total });
    });

    it("an altered action is named by its seq", async () => {
      await behindTheTriggersBack(owner, sql`update audit_events set action = 'audit.viewed' where seq = ${TARGET}`);
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, brokenSeq: TARGET, problem: "hash_mismatch" });
      await behindTheTriggersBack(owner, sql`update audit_events set action = 'client.viewed' where seq = ${TARGET}`);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });

    it("an altered time, actor or reason is named by its seq", async () => {
      for (const [change, undo] of [
        [sql`occurred_at = occurred_at + interval '1 millisecond'`, sql`occurred_at = occurred_at - interval '1 millisecond'`],
        [sql`actor_id = null`, sql`actor_id = ${ACTOR}::uuid`],
        [sql`reason = 'invented'`, sql`reason = null`],
      ]) {
        await behindTheTriggersBack(owner, sql`update audit_events set ${change} where seq = ${TARGET}`);
        expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, brokenSeq: TARGET, problem: "hash_mismatch" });
        await behindTheTriggersBack(owner, sql`update audit_events set ${undo} where seq = ${TARGET}`);
        expect((await verifyAuditChain({ db })).ok).toBe(true);
      }
    });

    it("a deleted event shows as a sequence gap at the next seq", async () => {
      const [original] = await db.select().from(auditEvents).where(eq(auditEvents.seq, TARGET));
      await behindTheTriggersBack(owner, sql`delete from audit_events where seq = ${TARGET}`);
      expect(await verifyAuditChain({ db })).toEqual({
        ok: false,
        count: TARGET - 1,
        brokenSeq: TARGET + 1,
        problem: "sequence_gap",
      });
      await db.insert(auditEvents).values(original!);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });

    it("a rehashed forgery is caught at the event after it", async () => {
      const [original] = await db.select().from(auditEvents).where(eq(auditEvents.seq, TARGET));
      await behindTheTriggersBack(owner, sql`update audit_events set hash = ${"f".repeat(64)} where seq = ${TARGET}`);
      const verdict = await verifyAuditChain({ db });
      expect(verdict).toMatchObject({ ok: false, brokenSeq: TARGET, problem: "hash_mismatch" });
      await behindTheTriggersBack(owner, sql`update audit_events set hash = ${original!.hash} where seq = ${TARGET}`);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });

    it("a row slipped in before seq 1 is caught", async () => {
      const [first] = await db.select().from(auditEvents).where(eq(auditEvents.seq, 1));
      await db.insert(auditEvents).values({ ...first!, seq: 0 });
      expect(await verifyAuditChain({ db })).toMatchObject({ ok: false, brokenSeq: 0, problem: "sequence_gap" });
      await behindTheTriggersBack(owner, sql`delete from audit_events where seq = 0`);
      expect((await verifyAuditChain({ db })).ok).toBe(true);
    });

    it("leaves both refusing triggers enabled after the tampering above", async () => {
      const triggers = await rawRows<{ name: string; enabled: string }>(
        db,
        sql`select tgname as name, tgenabled as enabled from pg_trigger
            where tgrelid = 'audit_events'::regclass and not tgisinternal order by tgname`,
      );
      expect(triggers).toEqual([
        { name: "audit_events_no_truncate", enabled: "O" },
        { name: "audit_events_no_update_or_delete", enabled: "O" },
      ]);
      expect(await rejectionMessages(owner.execute(sql`delete from audit_events`))).toContain("DELETE refused");
    });

    it("the intact verdict reads as one line for people", async () => {
      const lines: string[] = [];
      expect(await runAuditVerify(db, (line) => lines.push(line))).toBe(0);
      const verdict = await verifyAuditChain({ db });
      expect(lines).toEqual([describeVerdict(verdict)]);
      expect(lines[0]).toMatch(/^audit chain intact: \d+ events, last hash [0-9a-f]{64}$/);
    });

    it.runIf(testBackend() === "postgres")(
      "npm run audit:verify exits 1 and names the broken seq, 0 when intact",
      async () => {
        const target = handle.target;
        if (target.kind !== "postgres") throw new Error("postgres only");
        const run = async () => {
          try {
            const { stdout } = await promisify(execFile)(
              "npx",
              ["tsx", "--conditions=react-server", "scripts/audit-verify.ts"],
              { env: { ...process.env, DATABASE_URL: target.url }, cwd: process.cwd() },
            );
            return { code: 0, stdout };
          } catch (error) {
            const e = error as { code?: number; stdout?: string };
            return { code: e.code ?? -1, stdout: e.stdout ?? "" };
          }
        };
        const intact = await run();
        expect(intact.code).toBe(0);
        expect(intact.stdout).toMatch(/^audit chain intact: \d+ events, last hash [0-9a-f]{64}\n$/);

        await behindTheTriggersBack(owner, sql`update audit_events set action = 'audit.viewed' where seq = ${TARGET}`);
        try {
          const broken = await run();
          expect(broken.code).toBe(1);
          expect(broken.stdout).toContain(`audit chain BROKEN at event seq ${TARGET} (hash_mismatch)`);
        } finally {
          await behindTheTriggersBack(owner, sql`update audit_events set action = 'client.viewed' where seq = ${TARGET}`);
        }
      },
    );
  });
});
