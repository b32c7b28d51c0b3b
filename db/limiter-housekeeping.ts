import "server-only";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { KNOWN_ADDRESS_MS, SIGN_IN_LIMITS, signInScopes } from "@/lib/sign-in-throttle";
import type { Executor } from "./connection";
import { rateLimits, signInThrottles } from "./schema";

/**
 * Deletes limiter rows that no longer hold anything back: intake counters past their window and
 * sign-in counters with no delay, no remembered failure and no recent success (the rule is
 * lib/sign-in-throttle.ts#isExpired). Called where housekeeping already runs (a form is started,
 * a staff member signs in) until scheduled jobs take it over. Returns how many rows went.
 */
export async function purgeExpiredLimiterRows({ db, now = new Date() }: { db: Executor; now?: Date }): Promise<number> {
  const intake = await db.delete(rateLimits).where(lte(rateLimits.expire, now)).returning({ key: rateLimits.key });
  let signIn = 0;
  for (const scope of signInScopes) {
    const forgottenBefore = new Date(now.getTime() - SIGN_IN_LIMITS[scope].forgetAfterMs);
    const unknownBefore = new Date(now.getTime() - KNOWN_ADDRESS_MS);
    const deleted = await db
      .delete(signInThrottles)
      .where(
        and(
          eq(signInThrottles.scope, scope),
          or(isNull(signInThrottles.blockedUntil), lte(signInThrottles.blockedUntil, now)),
          or(isNull(signInThrottles.lastFailureAt), lte(signInThrottles.lastFailureAt, forgottenBefore), eq(signInThrottles.failures, 0)),
          or(isNull(signInThrottles.lastSuccessAt), lte(signInThrottles.lastSuccessAt, unknownBefore)),
        ),
      )
      .returning({ key: signInThrottles.key });
    signIn += deleted.length;
  }
  return intake.length + signIn;
}
