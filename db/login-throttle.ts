import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterDrizzle } from "rate-limiter-flexible";
import type { Executor } from "./connection";
import { rateLimits } from "./schema";

/** Failures allowed per account, and per IP address, within the window before sign-in is refused. */
export const LOGIN_LIMITS = {
  account: { points: 5, durationSeconds: 15 * 60 },
  ip: { points: 30, durationSeconds: 15 * 60 },
} as const;

function limiter(db: Executor, kind: keyof typeof LOGIN_LIMITS) {
  return new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: `login_${kind}`,
    points: LOGIN_LIMITS[kind].points,
    duration: LOGIN_LIMITS[kind].durationSeconds,
    // Expired rows are overwritten on the next failure; no timers in request handlers.
    clearExpiredByTimeout: false,
  });
}

// The key is a hash: whatever someone typed into the email field (even another person's data)
// must not be stored in clear.
function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

async function exhausted(db: Executor, kind: keyof typeof LOGIN_LIMITS, key: string): Promise<boolean> {
  const res = await limiter(db, kind).get(key);
  return res !== null && res.consumedPoints >= LOGIN_LIMITS[kind].points;
}

export async function isLoginThrottled({ db, email, ip }: { db: Executor; email: string; ip: string | null }): Promise<boolean> {
  if (await exhausted(db, "account", accountKey(email))) return true;
  return ip !== null && (await exhausted(db, "ip", ip));
}

export async function recordLoginFailure({ db, email, ip }: { db: Executor; email: string; ip: string | null }): Promise<void> {
  await limiter(db, "account").penalty(accountKey(email), 1);
  if (ip !== null) await limiter(db, "ip").penalty(ip, 1);
}

export async function clearAccountFailures({ db, email }: { db: Executor; email: string }): Promise<void> {
  await limiter(db, "account").delete(accountKey(email));
}
