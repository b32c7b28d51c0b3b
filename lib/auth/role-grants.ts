import type { Permission } from "./permissions";
import type { RoleGrantStatus } from "../domain-values";
import type { StaffRole } from "./roles";

/**
 * Four eyes on access to client data (security issue 9): no one grants themselves a role that reads
 * clients' data. The one home of "which roles read client data" and "who may approve whose grant";
 * the data layer calls it inside the transaction that approves, and the pages to decide what to offer.
 */

/**
 * Roles that read client data: caseworkers and coordinators by their work, and the DPO, who reads a
 * person's data to answer their access request. Getting one of these takes a second person's approval.
 */
export const clientDataRoles = ["caseworker", "coordinator", "dpo"] as const satisfies readonly StaffRole[];

/**
 * Permissions that show a client's or an applicant's personal data. A unit test keeps every role that
 * holds one of them in clientDataRoles, so a permission added to a role cannot slip past approval.
 */
export const clientDataPermissions = [
  "intake:review",
  "client:read",
  "client:write",
  "client:assign",
  "client:readFunctionalCapacity",
  "consent:record",
  "disclosure:create",
  "disclosure:readLog",
  "audit:read",
  "request:manage",
  "retention:run",
] as const satisfies readonly Permission[];

/** Who approves: holders of a client-data role with an overview of the register, never a caseworker. */
export const grantApproverRoles = ["coordinator", "dpo"] as const satisfies readonly StaffRole[];

export function readsClientData(role: StaffRole | null): boolean {
  return role !== null && (clientDataRoles as readonly StaffRole[]).includes(role);
}

export function mayApproveGrants(role: StaffRole | null): boolean {
  return role !== null && (grantApproverRoles as readonly StaffRole[]).includes(role);
}

/**
 * How a change of an account's role to `to` takes effect. Going to a client-data role waits for a
 * second person; any other role (admin, reporting) reads no client data and takes effect at once.
 */
export function roleGrantPath(to: StaffRole): "needs_approval" | "immediate" {
  return readsClientData(to) ? "needs_approval" : "immediate";
}

/** staff_role_grants.status (the list is in lib/domain-values.ts). */
export type GrantStatus = RoleGrantStatus;

export interface GrantForDecision {
  /** The account that would get the role. */
  staffId: string;
  /** Who asked for it (an administrator); null when the system did (command line, demo seed). */
  requestedBy: string | null;
  status: GrantStatus;
  /**
   * The account still has the password an administrator chose. Approving then would hand the role to
   * whoever knows that password, the administrator included, so approval waits until the person has
   * signed in and set their own (a refusal need not wait).
   */
  accountMustChangePassword: boolean;
}

export interface Approver {
  userId: string;
  role: StaffRole | null;
}

export type GrantRefusal = "not_an_approver" | "own_account" | "own_request" | "not_pending" | "initial_password";

/**
 * Whether `approver` may approve (or refuse) `grant`: a coordinator or the DPO, who is neither the
 * account being granted nor the person who asked for the grant, only while it is pending, and an
 * approval only once the account has set its own password.
 */
export function grantDecision(
  approver: Approver,
  grant: GrantForDecision,
  decision: "approve" | "refuse" = "approve",
): { kind: "allowed" } | { kind: "refused"; reason: GrantRefusal } {
  if (!mayApproveGrants(approver.role)) return { kind: "refused", reason: "not_an_approver" };
  if (approver.userId === grant.staffId) return { kind: "refused", reason: "own_account" };
  if (grant.requestedBy !== null && approver.userId === grant.requestedBy) return { kind: "refused", reason: "own_request" };
  if (grant.status !== "pending") return { kind: "refused", reason: "not_pending" };
  if (decision === "approve" && grant.accountMustChangePassword) return { kind: "refused", reason: "initial_password" };
  return { kind: "allowed" };
}
