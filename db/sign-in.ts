import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import { dummyVerify, verifyPassword } from "@/lib/auth/passwords";
import type { StaffRole } from "@/lib/auth/roles";
import { limiterAddress } from "@/lib/client-address";
import { limiterHash } from "@/lib/crypto";
import {
  decideSignInAttempt,
  EMPTY_STATE,
  refundSuccess,
  startedDelay,
  type ReservedScope,
  type SignInScope,
  type ThrottleState,
} from "@/lib/sign-in-throttle";
import { recordAuditEvent } from "./audit";
import type { Executor, Transaction } from "./connection";
import { purgeExpiredLimiterRows } from "./limiter-housekeeping";
import { signInThrottles, staffUsers } from "./schema";
import { createStaffSession, findStaffByEmail, normalizeEmail } from "./staff";

/** Any constant: with a key's hashtext, serializes the attempts on one account (and one address). */
const SIGN_IN_LOCK = 71_405_121;

export type SignInOutcome =
  | { outcome: "signed_in"; userId: string; sessionId: string; role: StaffRole | null }
  | { outcome: "invalid" }
  | { outcome: "throttled"; retryAfterSeconds: number };

export interface SignInAttempt {
  db: Executor;
  email: string;
  password: string;
  /** The client address from the Kotona server (lib/client-address.ts), or null when unknown. */
  address: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  now?: () => Date;
}

type ScopeKeys = Record<SignInScope, string>;

/** The counters' keys: keyed hashes of the typed email, the address's bucket, and both together. */
export function signInKeys(email: string, address: string | null): ScopeKeys {
  const account = limiterHash("sign-in/account", normalizeEmail(email));
  const addressKey = limiterHash("sign-in/address", limiterAddress(address));
  return { account, address: addressKey, pair: limiterHash("sign-in/pair", `${account}:${addressKey}`) };
}

function stateOf(row: typeof signInThrottles.$inferSelect | undefined): ThrottleState {
  if (!row) return EMPTY_STATE;
  return { failures: row.failures, lastFailureAt: row.lastFailureAt, blockedUntil: row.blockedUntil, lastSuccessAt: row.lastSuccessAt };
}

/** Takes the account's lock, then the address's: always in this order, so two attempts never deadlock. */
async function lockAndRead(tx: Transaction, keys: ScopeKeys): Promise<Record<SignInScope, ThrottleState>> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK}, hashtext(${keys.account}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK}, hashtext(${keys.address}))`);
  const rows = await tx.select().from(signInThrottles).where(inArray(signInThrottles.key, [keys.pair, keys.account, keys.address]));
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return { pair: stateOf(byKey.get(keys.pair)), account: stateOf(byKey.get(keys.account)), address: stateOf(byKey.get(keys.address)) };
}

async function writeState(tx: Transaction, key: string, scope: SignInScope, staffId: string | null, state: ThrottleState) {
  const values = { key, scope, staffId: scope === "address" ? null : staffId, ...state };
  await tx
    .insert(signInThrottles)
    .values(values)
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: { staffId: values.staffId, failures: state.failures, lastFailureAt: state.lastFailureAt, blockedUntil: state.blockedUntil, lastSuccessAt: state.lastSuccessAt },
    });
}

/**
 * One sign-in attempt, from the typed email to a session. The attempt is counted (as a failure)
 * atomically before the password is verified, under a per-account lock, so attempts racing each
 * other are checked no more than the limits allow; a correct password gives the count back. A
 * wrong password, an unknown email and a disabled account answer alike and cost the same argon2
 * work; a throttled attempt answers alike for known and unknown emails (the counters are kept for
 * whatever was typed), so no answer tells whether an account exists.
 */
export async function attemptSignIn({ db, email, password, address, userAgent = null, requestId = null, now = () => new Date() }: SignInAttempt): Promise<SignInOutcome> {
  const user = await findStaffByEmail({ db, email });
  const staffId = user?.id ?? null;
  const keys = signInKeys(email, address);

  const decision = await db.transaction(async (tx) => {
    const states = await lockAndRead(tx, keys);
    // The time is read once the lock is held, so it is never earlier than a decision before it.
    const decided = decideSignInAttempt(states, now());
    if (decided.allowed) for (const r of decided.reserved) await writeState(tx, keys[r.scope], r.scope, staffId, r.next);
    return decided;
  });
  if (!decision.allowed) {
    await recordAuditEvent(db, { actorId: null, action: "auth.sign_in_throttled", details: { blockedBy: decision.blockedBy }, requestId });
    return { outcome: "throttled", retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) };
  }

  // Same work whether or not the account exists, so timing tells nothing.
  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
  if (!user || !passwordOk || user.disabledAt) {
    await recordFailure(db, { staffId, reserved: decision.reserved, requestId, knownAccount: Boolean(user), disabled: Boolean(user?.disabledAt), at: now() });
    return { outcome: "invalid" };
  }

  const sessionId = await db.transaction(async (tx) => {
    const current = await lockAndRead(tx, keys);
    const at = now();
    for (const r of decision.reserved) await writeState(tx, keys[r.scope], r.scope, user.id, refundSuccess(r.scope, current[r.scope], r, at));
    const id = await createStaffSession({ db: tx, userId: user.id, ipAddress: address, userAgent });
    await recordAuditEvent(tx, { actorId: user.id, action: "auth.sign_in", details: { sessionId: id }, requestId });
    return id;
  });
  // Housekeeping that already runs regularly, on a path an attacker cannot drive.
  await purgeExpiredLimiterRows({ db });
  return { outcome: "signed_in", userId: user.id, sessionId, role: user.role };
}

/** The failure is already counted; what is left is the audit, and a lockout when one started. */
async function recordFailure(
  db: Executor,
  { staffId, reserved, requestId, knownAccount, disabled, at }: { staffId: string | null; reserved: ReservedScope[]; requestId: string | null; knownAccount: boolean; disabled: boolean; at: Date },
) {
  await db.transaction(async (tx) => {
    await recordAuditEvent(tx, { actorId: staffId, action: "auth.sign_in_failed", details: { knownAccount, disabled }, requestId });
    for (const r of reserved) {
      if (!startedDelay(r, at)) continue;
      await recordAuditEvent(tx, {
        actorId: r.scope === "address" ? null : staffId,
        action: "auth.sign_in_locked_out",
        details: { scope: r.scope, failures: r.next.failures, until: r.next.blockedUntil!.toISOString(), knownAccount },
        requestId,
      });
    }
  });
}

export interface SignInLockout {
  staffId: string;
  email: string;
  displayName: string;
  /** `pair`: from one address; `account`: from every address the account has not signed in from. */
  scope: "pair" | "account";
  failures: number;
  until: Date;
}

/** Staff accounts held back right now, for the administrator; longest first. */
export async function activeSignInLockouts({ db, now = new Date() }: { db: Executor; now?: Date }): Promise<SignInLockout[]> {
  const rows = await db
    .select({
      staffId: signInThrottles.staffId,
      email: staffUsers.email,
      displayName: staffUsers.displayName,
      scope: signInThrottles.scope,
      failures: signInThrottles.failures,
      until: signInThrottles.blockedUntil,
    })
    .from(signInThrottles)
    .innerJoin(staffUsers, eq(staffUsers.id, signInThrottles.staffId))
    .where(and(isNotNull(signInThrottles.staffId), gt(signInThrottles.blockedUntil, now), inArray(signInThrottles.scope, ["pair", "account"])))
    .orderBy(desc(signInThrottles.blockedUntil));
  return rows.map((row) => ({ ...row, staffId: row.staffId!, scope: row.scope as SignInLockout["scope"], until: row.until! }));
}
