import "server-only";
import type { StaffActor } from "@/lib/auth/client-access";
import { refuse } from "@/lib/refusal";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { StaffRole } from "@/lib/auth/roles";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { ABSOLUTE_TIMEOUT_MS, needsTouch, sessionVerdict, type SessionVerdict } from "@/lib/auth/session-policy";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { staffRoleGrants, staffSessions, staffUsers } from "./schema";

export type StaffUser = typeof staffUsers.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findStaffByEmail({ db, email }: { db: Executor; email: string }): Promise<StaffUser | undefined> {
  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.email, normalizeEmail(email))).limit(1);
  return user;
}

export async function listStaff({ db }: { db: Executor }): Promise<StaffUser[]> {
  return db.select().from(staffUsers).orderBy(staffUsers.displayName);
}

/**
 * Creates an account with its role in force at once, as the system: only the operator's command line
 * (bootstrapping a deployment, where the operator holds the database anyway), the demo seed and test
 * fixtures call it. There is no actor to pass on purpose: an administrator creates accounts through
 * createStaffAccount (db/role-grants.ts), where a client-data role waits for a second person.
 * The direct grant is recorded for the DPO's list and audited as such.
 */
export async function createStaffUser({
  db,
  email,
  displayName,
  role,
  password,
  passwordHash: givenHash,
  isDemo = false,
}: {
  db: Executor;
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
  /** The hash of `password` made already (the staff factory hashes its one password once for many accounts). */
  passwordHash?: string;
  isDemo?: boolean;
}): Promise<StaffUser> {
  const passwordHash = givenHash ?? (await hashPassword(password));
  return db.transaction(async (tx) => {
    const user = await insertStaffUser(tx, { email, displayName, role, passwordHash, isDemo, mustChangePassword: false });
    const grantId = await insertGrant(tx, { staffId: user.id, role, previousRole: null, status: "direct", requestedBy: null });
    await recordAuditEvent(tx, { actorId: null, action: "staff.created", details: { staffId: user.id, role, grant: "direct", grantId } });
    return user;
  });
}

/**
 * Changes a role at once, as the system (tests and operator tooling; no actor on purpose). An
 * administrator's change goes through requestStaffRole (db/role-grants.ts).
 */
export async function setStaffRole({ db, staffId, role }: { db: Executor; staffId: string; role: StaffRole; actorId?: null }) {
  await db.transaction(async (tx) => {
    const previousRole = await roleOf(tx, staffId);
    const grantId = await insertGrant(tx, { staffId, role, previousRole, status: "direct", requestedBy: null });
    await applyRoleChange(tx, { staffId, role, actorId: null, grantId, requestId: null });
  });
}

/** The role in force, locking the account's row for the rest of the transaction. */
export async function roleOf(tx: Executor, staffId: string): Promise<StaffRole | null> {
  const [row] = await tx.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, staffId)).for("update");
  if (!row) throw new Error(`No staff user ${staffId}`);
  return row.role;
}

export async function insertStaffUser(
  tx: Executor,
  values: { email: string; displayName: string; role: StaffRole | null; passwordHash: string; isDemo: boolean; mustChangePassword: boolean },
): Promise<StaffUser> {
  const [user] = await tx
    .insert(staffUsers)
    .values({ ...values, email: normalizeEmail(values.email) })
    .returning();
  if (!user) throw new Error("Inserting the staff user returned no row");
  return user;
}

export async function insertGrant(
  tx: Executor,
  values: { staffId: string; role: StaffRole; previousRole: StaffRole | null; status: "pending" | "direct"; requestedBy: string | null },
): Promise<string> {
  const [row] = await tx.insert(staffRoleGrants).values(values).returning({ id: staffRoleGrants.id });
  if (!row) throw new Error("Inserting the role grant returned no row");
  return row.id;
}

/**
 * Puts `role` in force: ends every session issued under the old role (the next request signs in
 * again under the new one) and audits the change. The caller holds the account's row lock.
 */
export async function applyRoleChange(tx: Executor, { staffId, role, actorId, grantId, requestId }: { staffId: string; role: StaffRole; actorId: string | null; grantId: string; requestId: string | null }) {
  const [before] = await tx.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!before) throw new Error(`No staff user ${staffId}`);
  // Any request still open for this account is overtaken by this change.
  await tx
    .update(staffRoleGrants)
    .set({ status: "cancelled", decidedBy: actorId, decidedAt: new Date() })
    .where(and(eq(staffRoleGrants.staffId, staffId), eq(staffRoleGrants.status, "pending"), ne(staffRoleGrants.id, grantId)));
  await tx.update(staffUsers).set({ role, updatedAt: new Date() }).where(eq(staffUsers.id, staffId));
  // A new role must not ride on sessions issued under the old one.
  await revokeAllSessions(tx, staffId, "role_changed");
  await recordAuditEvent(tx, { actorId, action: "staff.role_changed", details: { staffId, from: before.role, to: role, grantId }, requestId });
}

export async function setStaffDisabled({ db, staffId, disabled, actor }: { db: Executor; staffId: string; disabled: boolean; actor: StaffActor | null }) {
  // An administrator locking themselves out would leave no one to undo it.
  if (actor && staffId === actor.userId) throw refuse("staff", "cannot_change_self", "An administrator does not disable their own account");
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(eq(staffUsers.id, staffId));
    if (disabled) await revokeAllSessions(tx, staffId, "account_disabled");
    await recordAuditEvent(tx, { actorId: actor?.userId ?? null, action: disabled ? "staff.disabled" : "staff.enabled", details: { staffId }, requestId: actor?.requestId ?? null });
  });
}

/** Ends the account's sessions, all of them or all but `except` (the one changing its own password). */
export async function revokeAllSessions(db: Executor, userId: string, reason: string, except?: string) {
  await db
    .update(staffSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt), except ? ne(staffSessions.id, except) : undefined));
}

export async function createStaffSession({
  db,
  userId,
  ipAddress,
  userAgent,
  now = new Date(),
}: {
  db: Executor;
  userId: string;
  ipAddress: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<string> {
  const [row] = await db
    .insert(staffSessions)
    .values({
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
      ipAddress,
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: staffSessions.id });
  if (!row) throw new Error("Inserting the staff session returned no row");
  return row.id;
}

export interface ActiveStaffSession {
  sessionId: string;
  user: Pick<StaffUser, "id" | "email" | "displayName" | "role" | "locale" | "mustChangePassword">;
}

/**
 * The session behind a token, if it is still active; checked on every request, so revocation,
 * disabling and timeouts take effect on the next one.
 */
export async function loadActiveSession({
  db,
  sessionId,
  now = new Date(),
}: {
  db: Executor;
  sessionId: string;
  now?: Date;
}): Promise<{ verdict: "active"; session: ActiveStaffSession } | { verdict: Exclude<SessionVerdict, "active"> | "unknown" }> {
  const [row] = await db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(eq(staffSessions.id, sessionId))
    .limit(1);
  if (!row) return { verdict: "unknown" };
  const verdict = sessionVerdict({ ...row.session, userDisabledAt: row.user.disabledAt }, now);
  if (verdict !== "active") return { verdict };
  if (needsTouch(row.session, now)) {
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.id, sessionId));
  }
  const { id, email, displayName, role, locale, mustChangePassword } = row.user;
  return { verdict: "active", session: { sessionId, user: { id, email, displayName, role, locale, mustChangePassword } } };
}

export async function revokeSession({ db, sessionId, reason }: { db: Executor; sessionId: string; reason: string }) {
  await db
    .update(staffSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)));
}

export type PasswordChangeResult = { status: "ok" };

/**
 * The signed-in person sets their own password: the current one proves it is them (a session left
 * open is not enough), the new one must differ. Clears the mark an administrator's initial password
 * left, ends the account's other sessions and audits the change, in one transaction.
 */
export async function changeOwnPassword({
  db,
  staffId,
  sessionId,
  currentPassword,
  newPassword,
  requestId,
}: {
  db: Executor;
  staffId: string;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  /** The request's id for the audit event: required, so a caller cannot leave it out by accident. */
  requestId: string | null;
}): Promise<PasswordChangeResult> {
  const newHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ passwordHash: staffUsers.passwordHash, mustChangePassword: staffUsers.mustChangePassword })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffId))
      .for("update");
    if (!user) throw new Error(`No staff user ${staffId}`);
    // A wrong current password is a refusal: the action wrapper audits it ("write.refused"), so
    // guessing at an open session's password is on record.
    if (!(await verifyPassword(user.passwordHash, currentPassword))) throw refuse("staff", "wrong_password", "The current password is wrong", { field: "currentPassword" });
    if (await verifyPassword(user.passwordHash, newPassword)) throw refuse("staff", "password_unchanged", "The new password is the current one", { field: "newPassword" });
    await tx.update(staffUsers).set({ passwordHash: newHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(staffUsers.id, staffId));
    await revokeAllSessions(tx, staffId, "password_changed", sessionId);
    await recordAuditEvent(tx, {
      actorId: staffId,
      action: "staff.password_changed",
      details: { staffId, firstPassword: user.mustChangePassword },
      requestId,
    });
    return { status: "ok" };
  });
}
