import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connection";
import { purgeExpiredLimiterRows } from "@/db/limiter-housekeeping";
import { auditEvents, rateLimits, signInThrottles } from "@/db/schema";
import { activeSignInLockouts, attemptSignIn, signInKeys, type SignInOutcome } from "@/db/sign-in";
import { createStaff } from "@/demo/factories/staff";
import { isExpired, KNOWN_ADDRESS_MS, SIGN_IN_LIMITS, type SignInScope, type ThrottleState } from "@/lib/sign-in-throttle";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

const PASSWORD = "the-right-password-1";
let n = 0;
async function staffMember() {
  const email = `member-${++n}@kotola.example`;
  const user = await createStaff(handle.db, { role: "caseworker", email, displayName: `Member ${n}`, password: PASSWORD });
  return { id: user.id, email };
}

function tally(results: SignInOutcome[]) {
  return {
    invalid: results.filter((r) => r.outcome === "invalid").length,
    throttled: results.filter((r) => r.outcome === "throttled").length,
    signedIn: results.filter((r) => r.outcome === "signed_in").length,
  };
}

async function auditCount(action: "auth.sign_in_failed" | "auth.sign_in_locked_out" | "auth.sign_in_throttled", actorId?: string) {
  const where = actorId ? and(eq(auditEvents.action, action), eq(auditEvents.actorId, actorId)) : eq(auditEvents.action, action);
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where);
  return Number(row?.n);
}

describe("sign-in throttling under concurrency", () => {
  it("40 concurrent wrong passwords for one account from one address: no more checked than the limit allows", async () => {
    const member = await staffMember();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attemptSignIn({ db: handle.db, email: member.email, password: `wrong-password-${i}`, address: "198.51.100.40" })),
    );
    expect(tally(results)).toEqual({ invalid: SIGN_IN_LIMITS.pair.freeFailures, throttled: 40 - SIGN_IN_LIMITS.pair.freeFailures, signedIn: 0 });
    // Each checked password is one audited failure: exactly the free ones were verified.
    expect(await auditCount("auth.sign_in_failed", member.id)).toBe(SIGN_IN_LIMITS.pair.freeFailures);
    for (const r of results) if (r.outcome === "throttled") expect(r.retryAfterSeconds).toBe(30);

    // The person at another address is not locked out by someone else's failures.
    expect(await attemptSignIn({ db: handle.db, email: member.email, password: PASSWORD, address: "203.0.113.40" })).toMatchObject({ outcome: "signed_in" });
  });

  it("40 concurrent wrong passwords for one account from 40 addresses: no more checked than the account's ceiling", async () => {
    const member = await staffMember();
    // The person signed in from the office before the attack.
    expect(await attemptSignIn({ db: handle.db, email: member.email, password: PASSWORD, address: "192.0.2.10" })).toMatchObject({ outcome: "signed_in" });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attemptSignIn({ db: handle.db, email: member.email, password: `wrong-password-${i}`, address: `198.51.100.${100 + i}` })),
    );
    expect(tally(results)).toEqual({ invalid: SIGN_IN_LIMITS.account.freeFailures, throttled: 40 - SIGN_IN_LIMITS.account.freeFailures, signedIn: 0 });

    // From the office (known address) the person still signs in; from a new address they wait.
    expect(await attemptSignIn({ db: handle.db, email: member.email, password: PASSWORD, address: "192.0.2.10" })).toMatchObject({ outcome: "signed_in" });
    expect(await attemptSignIn({ db: handle.db, email: member.email, password: PASSWORD, address: "203.0.113.41" })).toMatchObject({ outcome: "throttled" });

    // The lockout is audited and listed for the administrator: account id, until when, failures.
    expect(await auditCount("auth.sign_in_locked_out", member.id)).toBeGreaterThanOrEqual(1);
    const lockouts = await activeSignInLockouts({ db: handle.db });
    const mine = lockouts.filter((l) => l.staffId === member.id);
    expect(mine).toEqual([
      expect.objectContaining({ scope: "account", email: member.email, failures: SIGN_IN_LIMITS.account.freeFailures, until: expect.any(Date) }),
    ]);
    expect(mine[0]!.until.getTime()).toBeGreaterThan(Date.now());
  });

  it("an unknown email gets the very same answers as a known one", async () => {
    const member = await staffMember();
    const run = async (email: string) => {
      const outcomes: string[] = [];
      for (let i = 0; i < 7; i++) outcomes.push((await attemptSignIn({ db: handle.db, email, password: `wrong-password-${i}`, address: "198.51.100.77" })).outcome);
      return outcomes;
    };
    const known = await run(member.email);
    const unknown = await run("nobody-at-all@kotola.example");
    expect(unknown).toEqual(known);
    expect(known).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "throttled", "throttled"]);
    // Nothing names the unknown email: no lockout row with an account, no audited actor.
    const lockouts = await activeSignInLockouts({ db: handle.db });
    expect(lockouts.some((l) => l.email.startsWith("nobody"))).toBe(false);
  });

  it("the delay grows with failures; a correct password after it gives the count back", async () => {
    const member = await staffMember();
    const address = "198.51.100.90";
    let now = Date.now();
    const attempt = (password: string) => attemptSignIn({ db: handle.db, email: member.email, password, address, now: () => new Date(now) });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-password-${i}`)).outcome).toBe("invalid");
    expect(await attempt(PASSWORD)).toEqual({ outcome: "throttled", retryAfterSeconds: 30 });
    now += 30_000;
    expect((await attempt("wrong-password-6")).outcome).toBe("invalid");
    expect(await attempt(PASSWORD)).toEqual({ outcome: "throttled", retryAfterSeconds: 60 });
    now += 60_000;
    expect((await attempt(PASSWORD)).outcome).toBe("signed_in");
    // Back to five free failures at this address.
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-again-${i}`)).outcome).toBe("invalid");
    expect((await attempt(PASSWORD)).outcome).toBe("throttled");
  });

  it("a disabled account's right password is a failure like any other", async () => {
    const member = await staffMember();
    await handle.db.execute(sql`update staff_users set disabled_at = now() where id = ${member.id}`);
    expect(await attemptSignIn({ db: handle.db, email: member.email, password: PASSWORD, address: "198.51.100.91" })).toEqual({ outcome: "invalid" });
  });
});

describe("purgeExpiredLimiterRows", () => {
  it("deletes exactly the rows that hold nothing back any more, and expired intake counters", async () => {
    const db = handle.db;
    await db.delete(signInThrottles);
    await db.delete(rateLimits);
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const HOUR = 3_600_000;
    const cases: Array<[SignInScope, Partial<ThrottleState>]> = [
      ["pair", {}],
      ["pair", { failures: 3, lastFailureAt: ago(HOUR) }],
      ["pair", { failures: 3, lastFailureAt: ago(SIGN_IN_LIMITS.pair.forgetAfterMs) }],
      ["pair", { failures: 9, lastFailureAt: ago(25 * HOUR), blockedUntil: new Date(now.getTime() + HOUR) }],
      ["pair", { failures: 9, lastFailureAt: ago(25 * HOUR), blockedUntil: ago(HOUR) }],
      ["pair", { lastSuccessAt: ago(HOUR) }],
      ["pair", { lastSuccessAt: ago(KNOWN_ADDRESS_MS + HOUR) }],
      ["account", { failures: 22, lastFailureAt: ago(2 * HOUR), blockedUntil: ago(HOUR) }],
      ["account", { failures: 22, lastFailureAt: ago(48 * HOUR), blockedUntil: ago(47 * HOUR) }],
      ["address", { failures: 1, lastFailureAt: ago(SIGN_IN_LIMITS.address.forgetAfterMs - HOUR) }],
      ["address", { failures: 0, lastFailureAt: ago(HOUR) }],
    ];
    const rows = cases.map(([scope, state], i) => ({
      key: `case-${i}`,
      scope,
      failures: 0,
      lastFailureAt: null,
      blockedUntil: null,
      lastSuccessAt: null,
      ...state,
    }));
    await db.insert(signInThrottles).values(rows);
    await db.insert(rateLimits).values([
      { key: "intake_submit:old", points: 3, expire: ago(1) },
      { key: "intake_submit:live", points: 3, expire: new Date(now.getTime() + HOUR) },
    ]);

    // The oracle is the pure rule; the purge is SQL.
    const expectedGone = rows.filter((r) => isExpired(r.scope, r, now)).map((r) => r.key);
    expect(expectedGone.length).toBeGreaterThan(2);
    expect(await purgeExpiredLimiterRows({ db, now })).toBe(expectedGone.length + 1);
    const left = (await db.select({ key: signInThrottles.key }).from(signInThrottles)).map((r) => r.key).sort();
    expect(left).toEqual(rows.map((r) => r.key).filter((k) => !expectedGone.includes(k)).sort());
    expect((await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key)).toEqual(["intake_submit:live"]);
  });

  it("runs on a successful sign-in", async () => {
    const member = await staffMember();
    const { pair } = signInKeys("stale@kotola.example", "198.51.100.200");
    await handle.db.insert(signInThrottles).values({ key: pair, scope: "pair", failures: 4, lastFailureAt: new Date(Date.now() - 48 * 3_600_000) });
    await attemptSignIn({ db: handle.db, email: member.email, password: PASSWORD, address: "198.51.100.201" });
    expect(await handle.db.select().from(signInThrottles).where(eq(signInThrottles.key, pair))).toEqual([]);
  });
});
