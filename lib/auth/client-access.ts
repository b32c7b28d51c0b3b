import type { ClientStatus, RestrictionGround } from "../domain-values";
import { restrictionAllows, type RestrictableWrite } from "../rights/restriction";
import type { StaffRole } from "./roles";

/**
 * Who may open, write or assign a client (DESIGN.md rule 4): the one home of the rule, called by the
 * data layer inside its transactions and by the pages that decide what to offer.
 *
 * Coordinators see every client. A caseworker sees their own caseload and unassigned clients, and
 * another caseworker's client only after stating a reason (audited, valid for the rest of the
 * session). Other roles see no client at all: to them a client does not exist.
 */

/** Who is asking: enough of the signed-in staff member to decide object-level access. */
export interface StaffActor {
  userId: string;
  role: StaffRole;
  sessionId: string;
  /** Required (null only outside a request): every audit event a write records carries it. */
  requestId: string | null;
}

/** The client as the rule needs it. */
export interface ClientForAccess {
  assignedCaseworkerId: string | null;
  status: ClientStatus;
  restrictedAt: Date | null;
}

export type ClientAccess =
  | { kind: "allowed"; basis: "assigned" | "unassigned" | "coordinator" }
  | { kind: "allowed"; basis: "reason_given"; reason: string | null }
  | { kind: "needs_reason" }
  | { kind: "not_found" };

export type AllowedAccess = Extract<ClientAccess, { kind: "allowed" }>;

/**
 * The access `actor` has to `client`. `reasonGiven` is the reason the actor stated for this client in
 * this session, if any (undefined: none stated).
 */
export function decideClientAccess(actor: Pick<StaffActor, "userId" | "role">, client: Pick<ClientForAccess, "assignedCaseworkerId">, reasonGiven?: string | null): ClientAccess {
  if (actor.role === "coordinator") return { kind: "allowed", basis: "coordinator" };
  if (actor.role !== "caseworker") return { kind: "not_found" };
  if (client.assignedCaseworkerId === actor.userId) return { kind: "allowed", basis: "assigned" };
  if (client.assignedCaseworkerId === null) return { kind: "allowed", basis: "unassigned" };
  return reasonGiven !== undefined ? { kind: "allowed", basis: "reason_given", reason: reasonGiven } : { kind: "needs_reason" };
}

/** Whether the access depends on a stated reason, so a caller knows to look one up. */
export function accessNeedsReasonLookup(actor: Pick<StaffActor, "userId" | "role">, client: Pick<ClientForAccess, "assignedCaseworkerId">): boolean {
  return decideClientAccess(actor, client).kind === "needs_reason";
}

/** The reason an allowed access carries into audit events (a write or view of someone else's client). */
export function auditReasonOf(access: AllowedAccess): string | null {
  return access.basis === "reason_given" ? access.reason : null;
}

/**
 * The functional-capacity section (special category data): only the client's own caseworker and
 * coordinators, even where the rest of the case is open to the actor.
 */
export function mayReadFunctionalCapacity(actor: Pick<StaffActor, "userId" | "role">, client: Pick<ClientForAccess, "assignedCaseworkerId">): boolean {
  return actor.role === "coordinator" || (actor.role === "caseworker" && client.assignedCaseworkerId === actor.userId);
}

/** Only coordinators move clients between caseloads. */
export function mayAssignClients(actor: Pick<StaffActor, "role">): boolean {
  return actor.role === "coordinator";
}

export type ReadOnlyReason =
  /** Processing is restricted (DESIGN.md rule 6): the case can be read, not changed. */
  | "restricted"
  /** The case is closed. */
  | "closed"
  /** The storage consent was withdrawn: the client waits for erasure. */
  | "erasure_pending";

/** A write to a restricted case and the ground in force: what the ground allows may go on (lib/rights/restriction.ts). */
export interface RestrictedWrite {
  write: RestrictableWrite;
  ground: RestrictionGround | null;
}

/**
 * Why the case cannot be changed, or null when it can. Restriction comes first: it is the data
 * subject's own request and stays in force whatever the case's status — except for a write its
 * ground allows (`restricted`; without it, a restricted case takes no write at all).
 */
export function readOnlyReason(client: Pick<ClientForAccess, "status" | "restrictedAt">, restricted?: RestrictedWrite): ReadOnlyReason | null {
  if (client.restrictedAt && !(restricted && restrictionAllows(restricted.ground, restricted.write))) return "restricted";
  if (client.status === "erasure_pending") return "erasure_pending";
  if (client.status === "closed") return "closed";
  return null;
}

/**
 * Which clients a name or date-of-birth search may list (rule 4 applied to search): a caseworker's
 * own caseload and unassigned clients; another caseworker's client only on an exact match (the
 * identity code, the client number, or the whole name as registered), so the search cannot be used
 * to browse other caseloads. Coordinators search the whole register.
 */
export type SearchScope = "whole_register" | "own_and_unassigned_unless_exact";

export function searchScopeOf(actor: Pick<StaffActor, "role">): SearchScope {
  return actor.role === "coordinator" ? "whole_register" : "own_and_unassigned_unless_exact";
}
