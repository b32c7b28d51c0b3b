import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { StaffRole } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/passwords";
import { ABSOLUTE_TIMEOUT_MS, needsTouch, sessionVerdict, type SessionVerdict } from "@/lib/auth/session-policy";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { staffSessions, staffUsers } from "./schema";

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

/** Creates an account and audits it; `actorId` is null when created from the command line. */
export async function createStaffUser({
  db,
  email,
  displayName,
  role,
  password,
  actorId = null,
  isDemo = false,
}: {
  db: Executor;
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
  actorId?: string | null;
  isDemo?: boolean;
}): Promise<StaffUser> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(staffUsers)
      .values({ email: normalizeEmail(email), displayName, role, passwordHash, isDemo })
      .returning();
    if (!user) throw new Error("Inserting the staff user returned no row");
    await recordAuditEvent(tx, { actorId, action: "staff.created", details: { staffId: user.id, role } });
    return user;
  });
}

export async function setStaffRole({ db, staffId, role, actorId }: { db: Executor; staffId: string; role: StaffRole; actorId: string | null }) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, staffId));
    if (!before) throw new Error(`No staff user ${staffId}`);
    await tx.update(staffUsers).set({ role, updatedAt: new Date() }).where(eq(staffUsers.id, staffId));
    // A new role must not ride on sessions issued under the old one.
    await revokeAllSessions(tx, staffId, "role_changed");
    await recordAuditEvent(tx, { actorId, action: "staff.role_changed", details: { staffId, from: before.role, to: role } });
  });
}

export async function setStaffDisabled({ db, staffId, disabled, actorId }: { db: Executor; staffId: string; disabled: boolean; actorId: string | null }) {
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(eq(staffUsers.id, staffId));
    if (disabled) await revokeAllSessions(tx, staffId, "account_disabled");
    await recordAuditEvent(tx, { actorId, action: disabled ? "staff.disabled" : "staff.enabled", details: { staffId } });
  });
}

async function revokeAllSessions(db: Executor, userId: string, reason: string) {
  await db
    .update(staffSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)));
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
  user: Pick<StaffUser, "id" | "email" | "displayName" | "role" | "locale">;
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
  const { id, email, displayName, role, locale } = row.user;
  return { verdict: "active", session: { sessionId, user: { id, email, displayName, role, locale } } };
}

export async function revokeSession({ db, sessionId, reason }: { db: Executor; sessionId: string; reason: string }) {
  await db
    .update(staffSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)));
}
