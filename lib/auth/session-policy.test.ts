import { describe, expect, it } from "vitest";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, needsTouch, sessionVerdict } from "./session-policy";

const t0 = new Date("2026-11-22T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const base = { createdAt: t0, lastSeenAt: t0, expiresAt: at(ABSOLUTE_TIMEOUT_MS), revokedAt: null, userDisabledAt: null };

describe("sessionVerdict", () => {
  it("is active just before the idle timeout", () => {
    expect(sessionVerdict(base, at(IDLE_TIMEOUT_MS - 1))).toBe("active");
  });
  it("ends after 30 minutes idle", () => {
    expect(sessionVerdict(base, at(IDLE_TIMEOUT_MS))).toBe("idle");
  });
  it("ends 10 hours after sign-in even when in use", () => {
    const busy = { ...base, lastSeenAt: at(ABSOLUTE_TIMEOUT_MS - 1000) };
    expect(sessionVerdict(busy, at(ABSOLUTE_TIMEOUT_MS - 1))).toBe("active");
    expect(sessionVerdict(busy, at(ABSOLUTE_TIMEOUT_MS))).toBe("expired");
  });
  it("refuses a revoked session and a disabled account's session", () => {
    expect(sessionVerdict({ ...base, revokedAt: t0 }, at(1))).toBe("revoked");
    expect(sessionVerdict({ ...base, userDisabledAt: t0 }, at(1))).toBe("disabled");
  });
  it("touches at most once a minute", () => {
    expect(needsTouch(base, at(59_999))).toBe(false);
    expect(needsTouch(base, at(60_000))).toBe(true);
  });
});
