import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { limiterAddress } from "@/lib/client-address";
import { limiterHash } from "@/lib/crypto";
import type { Executor } from "./connection";
import { loadDraft } from "./intake";
import { rateLimits } from "./schema";

/**
 * Submissions per client address per hour. A service point's shared computer may send several
 * families' forms, so the default is generous; it stops floods, not people.
 */
export function intakeSubmitLimit(env: Readonly<Record<string, string | undefined>> = process.env) {
  const points = Number(env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR ?? 20);
  return { points: Number.isFinite(points) && points > 0 ? points : 20, durationSeconds: 60 * 60 };
}

export type IntakeSubmissionAllowance =
  | { allowed: true }
  | { allowed: false; reason: "no_draft" }
  | { allowed: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Counts one submission against the client address's hourly allowance, but only for a request
 * that carries a live draft: a post without one cannot submit anything, so it must not use up
 * anyone's quota (a forged or stolen address would otherwise lock out a service point). The
 * counter's key is a keyed hash of the address (per /64 for IPv6), never the address in clear.
 * RateLimiterDrizzle's consume is one INSERT … ON CONFLICT DO UPDATE … RETURNING, atomic on
 * both drivers, so attempts at once from one address get no more than the limit between them.
 */
export async function consumeIntakeSubmission({
  db,
  address,
  draftId,
}: {
  db: Executor;
  address: string | null;
  draftId: string | undefined;
}): Promise<IntakeSubmissionAllowance> {
  if (!(await loadDraft({ db, draftId }))) return { allowed: false, reason: "no_draft" };
  const limit = intakeSubmitLimit();
  const limiter = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: "intake_submit",
    points: limit.points,
    duration: limit.durationSeconds,
    // Expired rows are purged by db/limiter-housekeeping.ts; no timers in request handlers.
    clearExpiredByTimeout: false,
  });
  try {
    await limiter.consume(limiterHash("intake/address", limiterAddress(address)), 1);
    return { allowed: true };
  } catch (result) {
    if (result instanceof RateLimiterRes) return { allowed: false, reason: "rate_limited", retryAfterSeconds: Math.ceil(result.msBeforeNext / 1000) };
    throw result;
  }
}
