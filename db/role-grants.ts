import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { hashPassword } from "@/lib/auth/passwords";
import { grantDecision, roleGrantPath, type GrantStatus } from "@/lib/auth/role-grants";
import { refuse } from "@/lib/refusal";
import type { StaffActor } from "@/lib/auth/client-access";
import type { StaffRole } from "@/lib/auth/roles";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { staffRoleGrants, staffUsers } from "./schema";
import { applyRoleChange, findStaffByEmail, insertGrant, insertStaffUser, roleOf, type StaffUser } from "./staff";

/**
 * Accounts created and re-roled by an administrator, and the second person's approval (the rule:
 * lib/auth/role-grants.ts). A client-data role is only asked for here; it comes into force when a
 * coordinator or the DPO who is neither the requester nor the account approves it. Every request,
 * approval, refusal and cancellation is a row in staff_role_grants and an audit event, in one
 * transaction with the change it records.
 */

/**
 * The staff member acting: an administrator asking, or an approver deciding. The request id is
 * required (null only where there is no request), so every event these writes record carries it.
 */
export type GrantActor = Pick<StaffActor, "userId" | "requestId">;

export interface CreateAccountResult {
  status: "ok";
  user: StaffUser;
  grant: "pending" | "immediate";
  grantId: string;
}

/**
 * An administrator adds an account. The password they typed only lets the person in to set their
 * own (mustChangePassword); a client-data role waits for approval, with no role in force meanwhile.
 */
export async function createStaffAccount({
  db,
  email,
  displayName,
  role,
  password,
  actor,
}: {
  db: Executor;
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
  actor: GrantActor;
}): Promise<CreateAccountResult> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await findStaffByEmail({ db: tx, email })) throw refuse("staff", "email_taken", "An account with this email exists", { field: "email" });
    const grant = roleGrantPath(role) === "immediate" ? "immediate" : "pending";
    const user = await insertStaffUser(tx, {
      email,
      displayName,
      role: grant === "immediate" ? role : null,
      passwordHash,
      isDemo: false,
      mustChangePassword: true,
    });
    const grantId = await insertGrant(tx, {
      staffId: user.id,
      role,
      previousRole: null,
      status: grant === "immediate" ? "direct" : "pending",
      requestedBy: actor.userId,
    });
    const requestId = actor.requestId;
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "staff.created",
      details: { staffId: user.id, role, grant: grant === "immediate" ? "direct" : "pending", grantId, mustChangePassword: true },
      requestId,
    });
    if (grant === "pending") {
      await recordAuditEvent(tx, { actorId: actor.userId, action: "staff.role_grant_requested", details: { grantId, staffId: user.id, from: null, to: role }, requestId });
    }
    return { status: "ok", user, grant, grantId };
  });
}

export type RoleRequestResult = { status: "requested" | "changed" | "cancelled" | "unchanged"; grantId?: string };

/**
 * An administrator changes an account's role. To a client-data role: a pending request (the role in
 * force stays until approval). To another role: at once, as before. Choosing the role in force again
 * withdraws an open request. An open request is replaced by a new one, never stacked.
 */
export async function requestStaffRole({
  db,
  staffId,
  role,
  actor,
}: {
  db: Executor;
  staffId: string;
  role: StaffRole;
  actor: GrantActor;
}): Promise<RoleRequestResult> {
  if (staffId === actor.userId) throw refuse("staff", "cannot_change_self", "An administrator does not change their own role");
  const requestId = actor.requestId;
  return db.transaction(async (tx) => {
    const current = await roleOf(tx, staffId);
    const [open] = await tx
      .select({ id: staffRoleGrants.id, role: staffRoleGrants.role })
      .from(staffRoleGrants)
      .where(and(eq(staffRoleGrants.staffId, staffId), eq(staffRoleGrants.status, "pending")))
      .for("update");
    if (open && open.role === role) return { status: "requested", grantId: open.id };
    if (open) {
      await tx
        .update(staffRoleGrants)
        .set({ status: "cancelled", decidedBy: actor.userId, decidedAt: new Date() })
        .where(eq(staffRoleGrants.id, open.id));
      await recordAuditEvent(tx, { actorId: actor.userId, action: "staff.role_grant_cancelled", details: { grantId: open.id, staffId }, requestId });
    }
    if (role === current) return { status: open ? "cancelled" : "unchanged", grantId: open?.id };

    if (roleGrantPath(role) === "immediate") {
      const grantId = await insertGrant(tx, { staffId, role, previousRole: current, status: "direct", requestedBy: actor.userId });
      await applyRoleChange(tx, { staffId, role, actorId: actor.userId, grantId, requestId });
      return { status: "changed", grantId };
    }
    const grantId = await insertGrant(tx, { staffId, role, previousRole: current, status: "pending", requestedBy: actor.userId });
    await recordAuditEvent(tx, { actorId: actor.userId, action: "staff.role_grant_requested", details: { grantId, staffId, from: current, to: role }, requestId });
    return { status: "requested", grantId };
  });
}

export type DecisionResult = { status: "ok" };

/**
 * A coordinator or the DPO approves or refuses a pending grant. The approver's role is read again
 * inside the transaction, and the rule decides; an approval puts the role in force (ending the
 * account's sessions) and is audited twice: as the approval, and as the role change it caused.
 */
export async function decideRoleGrant({
  db,
  grantId,
  decision,
  actor,
}: {
  db: Executor;
  grantId: string;
  decision: "approve" | "refuse";
  actor: GrantActor;
}): Promise<DecisionResult> {
  const requestId = actor.requestId;
  return db.transaction(async (tx) => {
    const [grant] = await tx.select().from(staffRoleGrants).where(eq(staffRoleGrants.id, grantId)).for("update");
    if (!grant) throw refuse("staff", "not_found", "No such role grant");
    const [grantee] = await tx
      .select({ mustChangePassword: staffUsers.mustChangePassword })
      .from(staffUsers)
      .where(eq(staffUsers.id, grant.staffId))
      .for("update");
    const [approver] = await tx
      .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
      .from(staffUsers)
      .where(eq(staffUsers.id, actor.userId))
      .for("share");
    const verdict = grantDecision(
      { userId: actor.userId, role: approver && !approver.disabledAt ? approver.role : null },
      { ...grant, accountMustChangePassword: grantee?.mustChangePassword ?? true },
      decision,
    );
    if (verdict.kind === "refused") throw refuse("staff", verdict.reason, `The grant cannot be decided: ${verdict.reason}`);

    const now = new Date();
    if (decision === "refuse") {
      await tx.update(staffRoleGrants).set({ status: "refused", decidedBy: actor.userId, decidedAt: now }).where(eq(staffRoleGrants.id, grantId));
      await recordAuditEvent(tx, { actorId: actor.userId, action: "staff.role_grant_refused", details: { grantId, staffId: grant.staffId, to: grant.role }, requestId });
      return { status: "ok" };
    }
    const current = await roleOf(tx, grant.staffId);
    await tx.update(staffRoleGrants).set({ status: "approved", decidedBy: actor.userId, decidedAt: now }).where(eq(staffRoleGrants.id, grantId));
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "staff.role_grant_approved",
      details: { grantId, staffId: grant.staffId, from: current, to: grant.role, requestedBy: grant.requestedBy },
      requestId,
    });
    await applyRoleChange(tx, { staffId: grant.staffId, role: grant.role, actorId: actor.userId, grantId, requestId });
    return { status: "ok" };
  });
}

export interface RoleGrantRow {
  id: string;
  staffId: string;
  staffName: string;
  staffEmail: string;
  /** The account still has an administrator's initial password (approval waits for its own). */
  accountMustChangePassword: boolean;
  role: StaffRole;
  previousRole: StaffRole | null;
  status: GrantStatus;
  requestedById: string | null;
  requestedByName: string | null;
  requestedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
}

const account = alias(staffUsers, "account");
const requester = alias(staffUsers, "requester");
const decider = alias(staffUsers, "decider");

/** How many decided grants the DPO's history shows, newest first (the audit log keeps them all). */
export const GRANT_HISTORY_LIMIT = 500;

/** Pending grants, oldest first; or (`"decided"`) the history of every other grant, newest first. */
export async function listRoleGrants({ db, which }: { db: Executor; which: "pending" | "decided" }): Promise<RoleGrantRow[]> {
  const query = db
    .select({
      id: staffRoleGrants.id,
      staffId: staffRoleGrants.staffId,
      staffName: account.displayName,
      staffEmail: account.email,
      accountMustChangePassword: account.mustChangePassword,
      role: staffRoleGrants.role,
      previousRole: staffRoleGrants.previousRole,
      status: staffRoleGrants.status,
      requestedById: staffRoleGrants.requestedBy,
      requestedByName: requester.displayName,
      requestedAt: staffRoleGrants.requestedAt,
      decidedByName: decider.displayName,
      decidedAt: staffRoleGrants.decidedAt,
    })
    .from(staffRoleGrants)
    .innerJoin(account, eq(account.id, staffRoleGrants.staffId))
    .leftJoin(requester, eq(requester.id, staffRoleGrants.requestedBy))
    .leftJoin(decider, eq(decider.id, staffRoleGrants.decidedBy));
  if (which === "pending") {
    return query.where(eq(staffRoleGrants.status, "pending")).orderBy(asc(staffRoleGrants.requestedAt));
  }
  return query
    .where(ne(staffRoleGrants.status, "pending"))
    .orderBy(desc(staffRoleGrants.requestedAt), desc(staffRoleGrants.decidedAt))
    .limit(GRANT_HISTORY_LIMIT);
}

/** The role each account is waiting for (the administrator's staff table shows it). */
export async function pendingRolesByStaff({ db }: { db: Executor }): Promise<Map<string, StaffRole>> {
  const rows = await db
    .select({ staffId: staffRoleGrants.staffId, role: staffRoleGrants.role })
    .from(staffRoleGrants)
    .where(eq(staffRoleGrants.status, "pending"));
  return new Map(rows.map((row) => [row.staffId, row.role]));
}

/** The role `staffId` is waiting for, if any (their own home page says so). */
export async function pendingRoleOf({ db, staffId }: { db: Executor; staffId: string }): Promise<StaffRole | null> {
  const [row] = await db
    .select({ role: staffRoleGrants.role })
    .from(staffRoleGrants)
    .where(and(eq(staffRoleGrants.staffId, staffId), eq(staffRoleGrants.status, "pending")));
  return row?.role ?? null;
}
