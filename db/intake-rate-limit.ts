import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import type { Executor } from "./connection";
import { rateLimits } from "./schema";

/**
 * Submissions per client address per hour. A service point's shared computer may send several
 * families' forms, so the default is generous; it stops floods, not people.
 */
export function intakeSubmitLimit(env: Readonly<Record<string, string | undefined>> = process.env) {
  const points = Number(env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR ?? 20);
  return { points: Number.isFinite(points) && points > 0 ? points : 20, durationSeconds: 60 * 60 };
}

/** Counts one submission attempt; answers whether it may go ahead and, if not, for how long. */
export async function consumeIntakeSubmission({ db, ip }: { db: Executor; ip: string }): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const limit = intakeSubmitLimit();
  const limiter = new RateLimiterDrizzle({
    storeClient: db,
    schema: rateLimits,
    keyPrefix: "intake_submit",
    points: limit.points,
    duration: limit.durationSeconds,
    clearExpiredByTimeout: false,
  });
  try {
    await limiter.consume(ip, 1);
    return { allowed: true };
  } catch (result) {
    if (result instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.ceil(result.msBeforeNext / 1000) };
    throw result;
  }
}
