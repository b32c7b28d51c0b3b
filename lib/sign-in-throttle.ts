/**
 * Sign-in throttling as a pure rule: which attempts are checked at all, and for how long failures
 * hold the next attempt back. db/sign-in.ts fetches the counters, calls `decideSignInAttempt`
 * under a per-account lock and writes what it returns, before any password is verified.
 *
 * Three counters, each keyed on a keyed hash (never an email or an address in clear):
 * - `pair`: one typed email at one address. Five free failures, then a delay that doubles from
 *   30 seconds up to 15 minutes. Only someone at the same address can slow a person down.
 * - `account`: one typed email from addresses it has not signed in from (a distributed guess).
 *   Twenty free failures, then a delay from 1 minute doubling up to 1 hour, for new addresses only.
 * - `address`: one address against accounts that have not signed in from it (spraying).
 *   Thirty free failures, then a delay from 1 minute doubling up to 1 hour.
 * An address the account has signed in from within 90 days is "known": its attempts count only
 * in their pair, so no stranger elsewhere can lock the person out, and a colleague's typos at a
 * shared office address do not hold everyone there back.
 * Counters are forgotten 24 hours after their last failure. Unknown and known emails are counted
 * alike, so the answer never tells whether an account exists.
 */

export const signInScopes = ["pair", "account", "address"] as const;
export type SignInScope = (typeof signInScopes)[number];

export interface ScopeLimit {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The delay after the first failure past the free ones; each later failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A counter with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SIGN_IN_LIMITS: Record<SignInScope, ScopeLimit> = {
  pair: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * MINUTE, forgetAfterMs: 24 * HOUR },
  account: { freeFailures: 20, firstDelayMs: MINUTE, maxDelayMs: HOUR, forgetAfterMs: 24 * HOUR },
  address: { freeFailures: 30, firstDelayMs: MINUTE, maxDelayMs: HOUR, forgetAfterMs: 24 * HOUR },
};

/** How long a successful sign-in makes its address "known" for that account. */
export const KNOWN_ADDRESS_MS = 90 * 24 * HOUR;

/** One counter as stored. */
export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  blockedUntil: Date | null;
  /** Pair counters only: the last successful sign-in from this address with this email. */
  lastSuccessAt: Date | null;
}

export const EMPTY_STATE: ThrottleState = { failures: 0, lastFailureAt: null, blockedUntil: null, lastSuccessAt: null };

/** The delay after `failures` failures: none while they are free, then doubling up to the cap. */
export function delayAfterFailures(failures: number, limit: ScopeLimit): number {
  const past = failures - limit.freeFailures;
  if (past < 0) return 0;
  // 2^past overflows to Infinity long after the cap; Math.min keeps the cap.
  return Math.min(limit.firstDelayMs * 2 ** past, limit.maxDelayMs);
}

/** Failures still remembered at `now`. */
export function rememberedFailures(state: ThrottleState, limit: ScopeLimit, now: Date): number {
  if (state.lastFailureAt === null || now.getTime() - state.lastFailureAt.getTime() >= limit.forgetAfterMs) return 0;
  return state.failures;
}

export function isKnownAddress(pair: ThrottleState, now: Date): boolean {
  return pair.lastSuccessAt !== null && now.getTime() - pair.lastSuccessAt.getTime() < KNOWN_ADDRESS_MS;
}

/** The counters an attempt counts in: only its pair when the address is known for the email. */
export function scopesFor(known: boolean): readonly SignInScope[] {
  return known ? ["pair"] : signInScopes;
}

export interface ReservedScope {
  scope: SignInScope;
  /** The counter after this attempt is counted as a failure. */
  next: ThrottleState;
  /** What `blockedUntil` was before, so a success can put it back. */
  previousBlockedUntil: Date | null;
}

export type SignInDecision =
  | { allowed: false; retryAfterMs: number; blockedBy: SignInScope[] }
  | { allowed: true; known: boolean; reserved: ReservedScope[] };

/**
 * Whether an attempt may have its password checked. An allowed attempt is counted as a failure
 * at once (and starts any delay that failure would start), so attempts racing each other see it;
 * a success gives it back (`refundSuccess`). A refused attempt counts nowhere: waiting it out is
 * the only way on, and retrying during the delay does not lengthen it.
 */
export function decideSignInAttempt(states: Record<SignInScope, ThrottleState>, now: Date): SignInDecision {
  const known = isKnownAddress(states.pair, now);
  const scopes = scopesFor(known);
  const blockedBy = scopes.filter((scope) => (states[scope].blockedUntil?.getTime() ?? 0) > now.getTime());
  if (blockedBy.length > 0) {
    const retryAfterMs = Math.max(...blockedBy.map((scope) => states[scope].blockedUntil!.getTime() - now.getTime()));
    return { allowed: false, retryAfterMs, blockedBy };
  }
  const reserved = scopes.map((scope): ReservedScope => {
    const limit = SIGN_IN_LIMITS[scope];
    const failures = rememberedFailures(states[scope], limit, now) + 1;
    const delay = delayAfterFailures(failures, limit);
    return {
      scope,
      previousBlockedUntil: states[scope].blockedUntil,
      next: { ...states[scope], failures, lastFailureAt: now, blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null },
    };
  });
  return { allowed: true, known, reserved };
}

/**
 * The counters after a correct password: the pair starts again and its address becomes known;
 * the account and address counters give back the one failure the attempt had reserved, and a
 * delay this attempt started is lifted (one started since by someone else stays).
 */
export function refundSuccess(scope: SignInScope, current: ThrottleState, reserved: ReservedScope, now: Date): ThrottleState {
  if (scope === "pair") return { failures: 0, lastFailureAt: null, blockedUntil: null, lastSuccessAt: now };
  const failures = Math.max(current.failures - 1, 0);
  const ownDelay = current.blockedUntil?.getTime() === reserved.next.blockedUntil?.getTime();
  const stillDelayed = delayAfterFailures(failures, SIGN_IN_LIMITS[scope]) > 0;
  return {
    ...current,
    failures,
    blockedUntil: !stillDelayed ? null : ownDelay ? reserved.previousBlockedUntil : current.blockedUntil,
  };
}

/** A failure that started a delay: audited as a lockout and listed for the administrator. */
export function startedDelay(reserved: ReservedScope, now: Date): boolean {
  const previous = reserved.previousBlockedUntil?.getTime() ?? 0;
  return reserved.next.blockedUntil !== null && previous <= now.getTime();
}

/** A counter that no longer matters and may be deleted: no delay, nothing remembered, not known. */
export function isExpired(scope: SignInScope, state: ThrottleState, now: Date): boolean {
  return (
    (state.blockedUntil?.getTime() ?? 0) <= now.getTime() &&
    rememberedFailures(state, SIGN_IN_LIMITS[scope], now) === 0 &&
    !isKnownAddress(state, now)
  );
}
