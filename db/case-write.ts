import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { AuditAction } from "@/lib/audit-actions";
import { auditReasonOf, readOnlyReason, type AllowedAccess, type StaffActor } from "@/lib/auth/client-access";
import { refuse } from "@/lib/refusal";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import type { RestrictableWrite } from "@/lib/rights/restriction";
import { clientAccess } from "./client-access";
import type { Executor, Transaction } from "./connection";
import { appointments, clientRestrictions, clients, integrationPlans } from "./schema";

/**
 * The one write recipe (CONVENTIONS.md habit 2): every write that touches a client — its case work,
 * its details, intake decisions, consents, disclosures — runs in one transaction that
 *   1. locks the client's row, so a restriction, closing, reassignment or withdrawal cannot slip in
 *      between the checks and the write;
 *   2. checks the staff member's access to that client (lib/auth/client-access.ts: not found,
 *      reason needed) and, for a write, that the case is writable (restricted, closed, erasure pending);
 *   3. writes;
 *   4. appends one audit event naming the client, the fields written (names, never values: the log
 *      outlives erasure), the request id, and the reason stated for someone else's client.
 * A refusal (lib/refusal.ts) leaves everything as it was.
 */

/** What every write is handed: the action wrapper (server/action.ts) builds it once. */
export interface CaseWrite<I> {
  db: Executor;
  actor: StaffActor;
  input: I;
}

/** What a case write answers: the client it wrote (whose page is refreshed) and the record it made or changed. */
export interface CaseWriteResult {
  clientId: string;
  id: string;
}

/** A client row locked for one write, with the access that allowed it. */
export interface WritableCase {
  clientId: string;
  row: typeof clients.$inferSelect;
  access: AllowedAccess;
}

function noSuch(what: string, clientId?: string) {
  return refuse("case", "not_found", `No such ${what}`, { clientId: clientId && isUuid(clientId) ? clientId : null });
}

/** The access a staff member has to a client, or the refusal (not found, reason needed). */
export async function requireClientAccess(db: Executor, actor: StaffActor, clientId: string): Promise<AllowedAccess> {
  const access = await clientAccess({ db, actor, clientId });
  if (access.kind === "not_found") throw noSuch("client", clientId);
  if (access.kind === "needs_reason") throw refuse("case", "needs_reason", "Another caseworker's client: a reason is needed first", { clientId });
  return access;
}

/**
 * Steps 1 and 2 without the writable check: withdrawals of consent (allowed on any case) and
 * disclosures (the gate decides on the row itself) go on from here.
 */
export async function lockClientForCase(tx: Transaction, actor: StaffActor, clientId: string): Promise<WritableCase> {
  if (!isUuid(clientId)) throw noSuch("client");
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
  if (!client) throw noSuch("client", clientId);
  const access = await requireClientAccess(tx, actor, clientId);
  return { clientId, row: client, access };
}

export interface WriteOptions {
  /** What this write additionally requires; throws its refusal. */
  authorize?: (client: { assignedCaseworkerId: string | null }) => void;
  /**
   * What kind of write it is, for a restricted case: its ground may allow this kind
   * (lib/rights/restriction.ts). Default: the service's case work, which no ground allows.
   */
  write?: RestrictableWrite;
}

/** The ground of the restriction in force on the client (db/restrictions.ts writes it), null when none is recorded. */
async function groundInForce(tx: Transaction, clientId: string) {
  const [row] = await tx
    .select({ ground: clientRestrictions.ground })
    .from(clientRestrictions)
    .where(and(eq(clientRestrictions.clientId, clientId), isNull(clientRestrictions.liftedAt)));
  return row?.ground ?? null;
}

/**
 * The person's own details (db/client-details.ts, db/client-records.ts): what a restriction for
 * contested accuracy still lets staff correct.
 */
export const PERSON_DETAILS: WriteOptions = { write: "person_details" };

/**
 * Steps 1 and 2 for a write: locks the client's row and checks, in order, access (not found,
 * reason needed), what this write additionally requires (`authorize`), and that the case is
 * writable — for a restricted case, whether the ground in force allows this kind of write.
 */
export async function openForWrite(tx: Transaction, actor: StaffActor, clientId: string, { authorize, write = "case_work" }: WriteOptions = {}): Promise<WritableCase> {
  const target = await lockClientForCase(tx, actor, clientId);
  authorize?.(target.row);
  const restricted = target.row.restrictedAt ? { write, ground: await groundInForce(tx, target.clientId) } : undefined;
  const readOnly = readOnlyReason(target.row, restricted);
  if (readOnly) throw refuse("case", readOnly, `The case is read-only (${readOnly})`, { clientId });
  return target;
}

/** The client an appointment or plan belongs to (to open it for a write); not found when there is none. */
export async function clientOf(tx: Transaction, kind: "appointment" | "plan", id: string): Promise<string> {
  if (!isUuid(id)) throw noSuch(kind);
  const table = kind === "appointment" ? appointments : integrationPlans;
  const [row] = await tx.select({ clientId: table.clientId }).from(table).where(eq(table.id, id));
  if (!row) throw noSuch(kind);
  return row.clientId;
}

/** Cancels the client's bookings after `now` (kept, marked cancelled): when the case can no longer go on. */
export async function cancelFutureAppointments(tx: Transaction, clientId: string, now: Date): Promise<string[]> {
  const cancelled = await tx
    .update(appointments)
    .set({ status: "cancelled" })
    .where(and(eq(appointments.clientId, clientId), eq(appointments.status, "booked"), gt(appointments.startsAt, now)))
    .returning({ id: appointments.id });
  return cancelled.map((appointment) => appointment.id);
}

/** The names of the fields that carry a value (ids of the record's owner left out). */
export function fieldsGiven(input: object, ...omit: string[]): string[] {
  return Object.entries(input)
    .filter(([key, value]) => !omit.includes(key) && value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0))
    .map(([key]) => key);
}

/** Step 4: the write's audit event, with the reason stated for someone else's client. */
export async function audit(tx: Transaction, actor: StaffActor, target: Pick<WritableCase, "clientId" | "access">, action: AuditAction, details: Record<string, unknown>) {
  await recordAuditEvent(tx, {
    actorId: actor.userId,
    action,
    clientId: target.clientId,
    reason: auditReasonOf(target.access),
    details,
    requestId: actor.requestId,
  });
}

export function inserted<T>(row: T | undefined, what: string): T {
  if (!row) throw new Error(`Inserting the ${what} returned no row`);
  return row;
}
