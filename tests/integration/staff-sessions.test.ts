import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { rateLimits } from "@/db/schema";
import type { DatabaseHandle } from "@/db/connection";
import { auditEvents, staffSessions } from "@/db/schema";
import { clearAccountFailures, isLoginThrottled, LOGIN_LIMITS, recordLoginFailure } from "@/db/login-throttle";
import { createStaffSession, createStaffUser, loadActiveSession, revokeSession, setStaffDisabled, setStaffRole } from "@/db/staff";
import { verifyPassword } from "@/lib/auth/passwords";
import { IDLE_TIMEOUT_MS } from "@/lib/auth/session-policy";
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
    await setStaffDisabled({ db, staffId: user.id, disabled: true, actorId: null });
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
  it("throttles an account after its failures, whatever the address, and a success clears it", async () => {
    const db = handle.db;
    const email = "victim@kotola.example";
    for (let i = 0; i < LOGIN_LIMITS.account.points; i++) {
      expect(await isLoginThrottled({ db, email, ip: `198.51.100.${i}` })).toBe(false);
      await recordLoginFailure({ db, email, ip: `198.51.100.${i}` });
    }
    expect(await isLoginThrottled({ db, email, ip: "203.0.113.99" })).toBe(true);
    expect(await isLoginThrottled({ db, email: " VICTIM@kotola.example ", ip: null })).toBe(true);
    expect(await isLoginThrottled({ db, email: "other@kotola.example", ip: null })).toBe(false);
    await clearAccountFailures({ db, email });
    expect(await isLoginThrottled({ db, email, ip: null })).toBe(false);
  });

  it("throttles an address that tries many accounts", async () => {
    const db = handle.db;
    const ip = "203.0.113.7";
    for (let i = 0; i < LOGIN_LIMITS.ip.points; i++) await recordLoginFailure({ db, email: `spray-${i}@kotola.example`, ip });
    expect(await isLoginThrottled({ db, email: "fresh@kotola.example", ip })).toBe(true);
    expect(await isLoginThrottled({ db, email: "fresh@kotola.example", ip: "203.0.113.8" })).toBe(false);
  });

  it("stores no typed email in clear", async () => {
    const keys = (await handle.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes("@"))).toBe(false);
  });
});
