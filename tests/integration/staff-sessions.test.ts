import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connection";
import { auditEvents, signInThrottles, staffSessions } from "@/db/schema";
import { attemptSignIn } from "@/db/sign-in";
import { createStaffSession, createStaffUser, loadActiveSession, revokeSession, setStaffDisabled, setStaffRole } from "@/db/staff";
import { verifyPassword } from "@/lib/auth/passwords";
import { IDLE_TIMEOUT_MS } from "@/lib/auth/session-policy";
import { SIGN_IN_LIMITS } from "@/lib/sign-in-throttle";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

describe("staff accounts and sessions", () => {
  it("stores an argon2id hash with at least 19 MiB, t=2, p=1, never the password", async () => {
    const user = await createStaffUser({ db: handle.db, email: "Hash@Kotola.Example", displayName: "H", role: "caseworker", password: "a-long-password-1" });
    expect(user.email).toBe("hash@kotola.example");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=2,p=1\$/);
    expect(Number(/m=(\d+)/.exec(user.passwordHash)![1])).toBeGreaterThanOrEqual(19 * 1024);
    expect(user.passwordHash).not.toContain("a-long-password-1");
    expect(await verifyPassword(user.passwordHash, "a-long-password-1")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "a-long-password-2")).toBe(false);
  });

  it("a session counts until it is revoked, idle, or its account is disabled or its role changed", async () => {
    const db = handle.db;
    const user = await createStaffUser({ db, email: "s@kotola.example", displayName: "S", role: "caseworker", password: "a-long-password-1" });
    const now = new Date();

    const a = await createStaffSession({ db, userId: user.id, ipAddress: "192.0.2.1", userAgent: "test", now });
    expect((await loadActiveSession({ db, sessionId: a, now })).verdict).toBe("active");
    await revokeSession({ db, sessionId: a, reason: "signed_out" });
    expect((await loadActiveSession({ db, sessionId: a, now })).verdict).toBe("revoked");

    const b = await createStaffSession({ db, userId: user.id, ipAddress: null, userAgent: null, now });
    expect((await loadActiveSession({ db, sessionId: b, now: new Date(now.getTime() + IDLE_TIMEOUT_MS + 1) })).verdict).toBe("idle");

    const c = await createStaffSession({ db, userId: user.id, ipAddress: null, userAgent: null, now });
    await setStaffRole({ db, staffId: user.id, role: "coordinator", actorId: null });
    expect((await loadActiveSession({ db, sessionId: c, now })).verdict).toBe("revoked");

    const d = await createStaffSession({ db, userId: user.id, ipAddress: null, userAgent: null, now });
    await setStaffDisabled({ db, staffId: user.id, disabled: true, actor: null });
    expect((await loadActiveSession({ db, sessionId: d, now })).verdict).not.toBe("active");
    const [row] = await db.select().from(staffSessions).where(eq(staffSessions.id, d));
    expect(row?.revokedReason).toBe("account_disabled");

    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["staff.created", "staff.role_changed", "staff.disabled"]));
  });

  it("an unknown session id is not a session", async () => {
    expect((await loadActiveSession({ db: handle.db, sessionId: "00000000-0000-4000-8000-000000000000" })).verdict).toBe("unknown");
  });
});

describe("sign-in throttling", () => {
  // Adapted for security issue 9: the hard lockout per account (5 failures from anywhere) and per
  // address (30) became delays keyed on account and address together (lib/sign-in-throttle.ts).
  it("holds back an email at one address after its free failures, even with the right password, but not the person elsewhere", async () => {
    const db = handle.db;
    const email = "victim@kotola.example";
    await createStaffUser({ db, email, displayName: "V", role: "caseworker", password: "the-right-password-1" });
    const attacker = "198.51.100.20";
    for (let i = 0; i < SIGN_IN_LIMITS.pair.freeFailures; i++) {
      expect(await attemptSignIn({ db, email, password: `wrong-${i}-password`, address: attacker })).toEqual({ outcome: "invalid" });
    }
    expect(await attemptSignIn({ db, email: " VICTIM@kotola.example ", password: "the-right-password-1", address: attacker })).toMatchObject({ outcome: "throttled" });
    expect(await attemptSignIn({ db, email, password: "the-right-password-1", address: "203.0.113.99" })).toMatchObject({ outcome: "signed_in" });
    expect(await attemptSignIn({ db, email: "other@kotola.example", password: "wrong-password-1", address: attacker })).toEqual({ outcome: "invalid" });
  });

  it("holds back an address that tries many accounts, not another address", async () => {
    const db = handle.db;
    const address = "203.0.113.7";
    for (let i = 0; i < SIGN_IN_LIMITS.address.freeFailures; i++) {
      expect(await attemptSignIn({ db, email: `spray-${i}@kotola.example`, password: "wrong-password-1", address })).toEqual({ outcome: "invalid" });
    }
    expect(await attemptSignIn({ db, email: "fresh@kotola.example", password: "wrong-password-1", address })).toMatchObject({ outcome: "throttled" });
    expect(await attemptSignIn({ db, email: "fresh@kotola.example", password: "wrong-password-1", address: "203.0.113.8" })).toEqual({ outcome: "invalid" });
  });

  it("stores no typed email and no address in clear", async () => {
    const rows = await handle.db.select().from(signInThrottles);
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    for (const needle of ["@", "kotola", "203.0.113", "198.51.100"]) expect(stored).not.toContain(needle);
    // Only accounts that exist are named, by id.
    const named = rows.filter((r) => r.staffId !== null);
    expect(named.length).toBeGreaterThan(0);
    for (const row of named) expect(row.scope).not.toBe("address");
  });
});
