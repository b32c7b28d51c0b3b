import "server-only";
import { and, eq, gt } from "drizzle-orm";
import type { AuditAction } from "@/lib/audit-actions";
import { roleHasPermission } from "@/lib/auth/permissions";
import { instantOfDay } from "@/lib/helsinki-time";
import type {
  AssignClientInput,
  BookAppointmentInput,
  CancelAppointmentInput,
  CaseNoteInput,
  CloseCaseInput,
  FunctionalCapacityInput,
  InitialAssessmentInput,
  IntegrationPlanInput,
  OutcomeInput,
  PlanReviewInput,
  RecordVisitInput,
  RescheduleAppointmentInput,
} from "@/lib/validations/case";
import { recordAuditEvent } from "./audit";
import { mayReadFunctionalCapacity, readOnlyReason, type AllowedAccess, type ReadOnlyReason } from "@/lib/auth/client-access";
import { clientAccess, type StaffActor } from "./client-access";
import type { Executor, Transaction } from "./connection";
import {
  appointments,
  caseNotes,
  clients,
  functionalCapacityEntries,
  initialAssessments,
  integrationPlanMeasures,
  integrationPlanReviews,
  integrationPlans,
  outcomes,
  staffUsers,
  visits,
} from "./schema";

/**
 * Writing a client's case: appointments and visits, the initial assessment and the integration plan
 * (decree 874/2024 §§1–2) with its reviews, outcomes, functional capacity, notes, assignment and
 * closing. Every function takes input already parsed by its schema in lib/validations/case.ts and,
 * in one transaction: locks the client row, checks object-level access (DESIGN.md rule 4), refuses a
 * client under restriction or closed, writes, and appends one audit event (rule 5) naming the client
 * and the fields written — field names only, never their values, since the log outlives erasure.
 */

// ---------------------------------------------------------------------------------------------
// Refusals

export type CaseAccessErrorCode =
  /** No such client (or appointment, or plan), or a role that does not see clients. */
  | "not_found"
  /** Another caseworker's client: state a reason first (recordAccessReason). */
  | "needs_reason"
  /** Seen, but this role or person may not do this: functional capacity, assignment. */
  | "forbidden";

export class CaseAccessError extends Error {
  override name = "CaseAccessError";
  constructor(
    readonly code: CaseAccessErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Why a case cannot be changed: lib/auth/client-access.ts readOnlyReason. */
export type CaseReadOnlyReason = ReadOnlyReason;

export class CaseReadOnlyError extends Error {
  override name = "CaseReadOnlyError";
  constructor(
    readonly code: CaseReadOnlyReason,
    message: string,
  ) {
    super(message);
  }
}

export type CaseRecordErrorCode =
  /** The visit names an appointment that is not this client's. */
  | "appointment_not_found"
  /** The appointment was already held or cancelled. */
  | "appointment_not_booked"
  /** The assignee is not an active caseworker. */
  | "invalid_assignee";

/** A write the case's own data does not allow; `code` tells the action which message to show. */
export class CaseRecordError extends Error {
  override name = "CaseRecordError";
  constructor(
    readonly code: CaseRecordErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared steps

export interface CaseWrite<I> {
  db: Executor;
  actor: StaffActor;
  input: I;
}

/** A client row locked for one write, with the access that allowed it. */
export interface WritableCase {
  clientId: string;
  row: typeof clients.$inferSelect;
  assignedCaseworkerId: string | null;
  access: AllowedAccess;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function notFound(what: string): CaseAccessError {
  return new CaseAccessError("not_found", `No such ${what}`);
}

/** The access a staff member has to a client, or the refusal (not found, reason needed) as an error. */
export async function requireClientAccess(db: Executor, actor: StaffActor, clientId: string): Promise<AllowedAccess> {
  const access = await clientAccess({ db, actor, clientId });
  if (access.kind === "not_found") throw notFound("client");
  if (access.kind === "needs_reason") throw new CaseAccessError("needs_reason", "Another caseworker's client: a reason is needed first");
  return access;
}

/**
 * Locks the client's row for the rest of the transaction (so restriction, closing, reassignment and
 * withdrawals cannot slip in between the checks and what follows) and checks access. Writes go on
 * to openForWrite's checks; withdrawals and disclosures decide on the row themselves.
 */
export async function lockClientForCase(tx: Transaction, actor: StaffActor, clientId: string): Promise<WritableCase> {
  if (!UUID.test(clientId)) throw notFound("client");
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
  if (!client) throw notFound("client");
  const access = await requireClientAccess(tx, actor, clientId);
  return { clientId, row: client, assignedCaseworkerId: client.assignedCaseworkerId, access };
}

/**
 * Locks the client's row and checks, in order: access (not found, reason needed), what this write
 * additionally requires (`authorize`), and that the case is writable.
 */
export async function openForWrite(
  tx: Transaction,
  actor: StaffActor,
  clientId: string,
  authorize?: (client: { assignedCaseworkerId: string | null }) => void,
): Promise<WritableCase> {
  const target = await lockClientForCase(tx, actor, clientId);
  authorize?.(target.row);
  const readOnly = readOnlyReason(target.row);
  if (readOnly) throw new CaseReadOnlyError(readOnly, `The case is read-only (${readOnly})`);
  return target;
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

/** The client an appointment or plan belongs to; not found when there is none. */
async function clientOf(tx: Transaction, kind: "appointment" | "plan", id: string): Promise<string> {
  if (!UUID.test(id)) throw notFound(kind);
  const table = kind === "appointment" ? appointments : integrationPlans;
  const [row] = await tx.select({ clientId: table.clientId }).from(table).where(eq(table.id, id));
  if (!row) throw notFound(kind);
  return row.clientId;
}

/** The names of the fields that carry a value (ids of the record's owner left out). */
export function fieldsGiven(input: object, ...omit: string[]): string[] {
  return Object.entries(input)
    .filter(([key, value]) => !omit.includes(key) && value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0))
    .map(([key]) => key);
}

export async function audit(
  tx: Transaction,
  actor: StaffActor,
  target: WritableCase,
  action: AuditAction,
  details: Record<string, unknown>,
) {
  await recordAuditEvent(tx, {
    actorId: actor.userId,
    action,
    clientId: target.clientId,
    // A write to someone else's client carries the reason stated for opening it.
    reason: target.access.basis === "reason_given" ? target.access.reason : null,
    details,
    requestId: actor.requestId,
  });
}

export function inserted<T>(row: T | undefined, what: string): T {
  if (!row) throw new Error(`Inserting the ${what} returned no row`);
  return row;
}

async function lockBookedAppointment(tx: Transaction, appointmentId: string, clientId: string) {
  const [appointment] = await tx
    .select({ id: appointments.id, clientId: appointments.clientId, status: appointments.status })
    .from(appointments)
    .where(eq(appointments.id, appointmentId))
    .for("update");
  if (!appointment || appointment.clientId !== clientId) throw new CaseRecordError("appointment_not_found", "No such appointment for this client");
  if (appointment.status !== "booked") throw new CaseRecordError("appointment_not_booked", `The appointment is already ${appointment.status}`);
  return appointment;
}

// ---------------------------------------------------------------------------------------------
// Appointments and visits

/** Books an appointment with the acting staff member. Returns the appointment's id. */
export async function bookAppointment({ db, actor, input }: CaseWrite<BookAppointmentInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(appointments)
      .values({
        clientId: target.clientId,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        channel: input.channel,
        interpreterLanguage: input.interpreterLanguage ?? null,
        purpose: input.purpose ?? null,
        staffId: actor.userId,
        status: "booked",
      })
      .returning({ id: appointments.id });
    const { id } = inserted(row, "appointment");
    await audit(tx, actor, target, "case.appointment_booked", { appointmentId: id, fields: fieldsGiven(input, "clientId") });
    return id;
  });
}

/** Moves a booked appointment to a new time. Returns the appointment's id. */
export async function rescheduleAppointment({ db, actor, input }: CaseWrite<RescheduleAppointmentInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, await clientOf(tx, "appointment", input.appointmentId));
    await lockBookedAppointment(tx, input.appointmentId, target.clientId);
    await tx.update(appointments).set({ startsAt: input.startsAt }).where(eq(appointments.id, input.appointmentId));
    await audit(tx, actor, target, "case.appointment_rescheduled", { appointmentId: input.appointmentId, fields: ["startsAt"] });
    return input.appointmentId;
  });
}

/** Cancels a booked appointment (kept, marked cancelled). Returns the appointment's id. */
export async function cancelAppointment({ db, actor, input }: CaseWrite<CancelAppointmentInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, await clientOf(tx, "appointment", input.appointmentId));
    await lockBookedAppointment(tx, input.appointmentId, target.clientId);
    await tx.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, input.appointmentId));
    await audit(tx, actor, target, "case.appointment_cancelled", { appointmentId: input.appointmentId, fields: ["status"] });
    return input.appointmentId;
  });
}

/**
 * Records a visit by the acting staff member; when it names one of the client's booked appointments,
 * that appointment is marked held. Returns the visit's id.
 */
export async function recordVisit({ db, actor, input }: CaseWrite<RecordVisitInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    if (input.appointmentId) {
      if (!UUID.test(input.appointmentId)) throw new CaseRecordError("appointment_not_found", "No such appointment for this client");
      await lockBookedAppointment(tx, input.appointmentId, target.clientId);
    }
    const [row] = await tx
      .insert(visits)
      .values({
        clientId: target.clientId,
        appointmentId: input.appointmentId ?? null,
        occurredAt: input.occurredAt,
        channel: input.channel,
        interpreterLanguage: input.interpreterLanguage ?? null,
        notes: input.notes ?? null,
        staffId: actor.userId,
      })
      .returning({ id: visits.id });
    const { id } = inserted(row, "visit");
    if (input.appointmentId) await tx.update(appointments).set({ status: "held" }).where(eq(appointments.id, input.appointmentId));
    await audit(tx, actor, target, "case.visit_recorded", {
      visitId: id,
      ...(input.appointmentId ? { appointmentId: input.appointmentId, appointmentFields: ["status"] } : {}),
      fields: fieldsGiven(input, "clientId"),
    });
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Initial assessment and integration plan

/** Records an initial assessment (decree 874/2024 §1). Returns its id. */
export async function recordInitialAssessment({ db, actor, input }: CaseWrite<InitialAssessmentInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(initialAssessments)
      .values({
        clientId: target.clientId,
        assessedOn: input.assessedOn,
        content: input.content,
        furtherMeasures: input.furtherMeasures ?? null,
        plannedPlanDate: input.plannedPlanDate ?? null,
        otherReferral: input.otherReferral ?? null,
        authors: input.authors,
        sources: input.sources ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: initialAssessments.id });
    const { id } = inserted(row, "initial assessment");
    await audit(tx, actor, target, "case.assessment_recorded", { assessmentId: id, fields: fieldsGiven(input, "clientId") });
    return id;
  });
}

/** Records an integration plan (decree 874/2024 §2) with its agreed measures. Returns the plan's id. */
export async function recordIntegrationPlan({ db, actor, input }: CaseWrite<IntegrationPlanInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(integrationPlans)
      .values({
        clientId: target.clientId,
        planDate: input.planDate,
        validUntil: input.validUntil ?? null,
        goals: input.goals,
        jobSearch: input.jobSearch ?? null,
        studies: input.studies ?? null,
        skillsAcquisition: input.skillsAcquisition ?? null,
        authors: input.authors,
        reviewDueOn: input.reviewDueOn ?? null,
        sources: input.sources ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: integrationPlans.id });
    const { id } = inserted(row, "integration plan");
    if (input.measures.length > 0) {
      await tx.insert(integrationPlanMeasures).values(
        input.measures.map((measure) => ({
          planId: id,
          description: measure.description,
          provider: measure.provider ?? null,
          startsOn: measure.startsOn ?? null,
          endsOn: measure.endsOn ?? null,
        })),
      );
    }
    await audit(tx, actor, target, "case.plan_recorded", {
      planId: id,
      fields: fieldsGiven(input, "clientId"),
      measureCount: input.measures.length,
    });
    return id;
  });
}

/**
 * Records a review of an integration plan and moves the plan's review date to the next review (or
 * clears it when none is set). Returns the review's id.
 */
export async function reviewIntegrationPlan({ db, actor, input }: CaseWrite<PlanReviewInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, await clientOf(tx, "plan", input.planId));
    await tx.select({ id: integrationPlans.id }).from(integrationPlans).where(eq(integrationPlans.id, input.planId)).for("update");
    const [row] = await tx
      .insert(integrationPlanReviews)
      .values({
        planId: input.planId,
        reviewedOn: input.reviewedOn,
        summary: input.summary,
        nextReviewOn: input.nextReviewOn ?? null,
        reviewedBy: actor.userId,
      })
      .returning({ id: integrationPlanReviews.id });
    const { id } = inserted(row, "plan review");
    await tx
      .update(integrationPlans)
      .set({ reviewDueOn: input.nextReviewOn ?? null })
      .where(eq(integrationPlans.id, input.planId));
    await audit(tx, actor, target, "case.plan_reviewed", {
      planId: input.planId,
      reviewId: id,
      fields: fieldsGiven(input, "planId"),
      planFields: ["reviewDueOn"],
    });
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Outcomes, functional capacity, notes

/** Records a placement in work, education or another service. Returns its id. */
export async function recordOutcome({ db, actor, input }: CaseWrite<OutcomeInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(outcomes)
      .values({
        clientId: target.clientId,
        kind: input.kind,
        description: input.description,
        startedOn: input.startedOn ?? null,
        endedOn: input.endedOn ?? null,
      })
      .returning({ id: outcomes.id });
    const { id } = inserted(row, "outcome");
    await audit(tx, actor, target, "case.outcome_recorded", { outcomeId: id, fields: fieldsGiven(input, "clientId") });
    return id;
  });
}

/**
 * Records a work and functional capacity entry: special category data, so only the client's own
 * caseworker or a coordinator (mayReadFunctionalCapacity), even where the case is otherwise open to
 * the actor. Returns its id.
 */
export async function recordFunctionalCapacity({ db, actor, input }: CaseWrite<FunctionalCapacityInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, (client) => {
      if (!roleHasPermission(actor.role, "client:readFunctionalCapacity") || !mayReadFunctionalCapacity(actor, client)) {
        throw new CaseAccessError("forbidden", "Only the client's own caseworker or a coordinator records functional capacity");
      }
    });
    const [row] = await tx
      .insert(functionalCapacityEntries)
      .values({ clientId: target.clientId, assessedOn: input.assessedOn, content: input.content, recordedBy: actor.userId })
      .returning({ id: functionalCapacityEntries.id });
    const { id } = inserted(row, "functional capacity entry");
    await audit(tx, actor, target, "case.functional_capacity_recorded", { entryId: id, fields: fieldsGiven(input, "clientId") });
    return id;
  });
}

/** Adds a case note by the acting staff member. Returns its id. */
export async function addCaseNote({ db, actor, input }: CaseWrite<CaseNoteInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(caseNotes)
      .values({ clientId: target.clientId, body: input.body, authorId: actor.userId })
      .returning({ id: caseNotes.id });
    const { id } = inserted(row, "case note");
    await audit(tx, actor, target, "case.note_added", { noteId: id, fields: fieldsGiven(input, "clientId") });
    return id;
  });
}

// ---------------------------------------------------------------------------------------------
// Assignment and closing

/**
 * Assigns the client to an active caseworker, or leaves them unassigned (caseworkerId null).
 * Coordinators only (DESIGN.md rule 4). The event names the previous and the new caseworker by
 * staff id (no client data), so the log can tell whose caseload the client was on when. Returns the
 * client's id.
 */
export async function assignClient({ db, actor, input }: CaseWrite<AssignClientInput>): Promise<string> {
  if (!roleHasPermission(actor.role, "client:assign")) {
    throw new CaseAccessError("forbidden", "Only a coordinator assigns clients");
  }
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const caseworkerId = input.caseworkerId;
    if (caseworkerId !== null) {
      if (!UUID.test(caseworkerId)) throw new CaseRecordError("invalid_assignee", "No such caseworker");
      const [assignee] = await tx
        .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
        .from(staffUsers)
        .where(eq(staffUsers.id, caseworkerId));
      if (!assignee || assignee.role !== "caseworker" || assignee.disabledAt) {
        throw new CaseRecordError("invalid_assignee", "A client can be assigned only to an active caseworker");
      }
    }
    await tx.update(clients).set({ assignedCaseworkerId: caseworkerId, updatedAt: new Date() }).where(eq(clients.id, target.clientId));
    await audit(tx, actor, target, "client.assigned", {
      fields: ["assignedCaseworkerId"],
      previousCaseworkerId: target.assignedCaseworkerId,
      caseworkerId,
    });
    return target.clientId;
  });
}

/**
 * Closes the case: status closed, the closing time (now when closed today, otherwise the start of
 * that day in Helsinki) and the reason. Appointments still booked for later are cancelled with it,
 * since a closed case can no longer be changed. Returns the client's id.
 */
export async function closeCase({ db, actor, input, now = new Date() }: CaseWrite<CloseCaseInput> & { now?: Date }): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const closedAt = instantOfDay(input.closedOn, now);
    await tx
      .update(clients)
      .set({ status: "closed", closedAt, closeReason: input.reason, updatedAt: now })
      .where(eq(clients.id, target.clientId));
    const cancelledAppointmentIds = await cancelFutureAppointments(tx, target.clientId, now);
    await audit(tx, actor, target, "client.closed", { fields: ["status", "closedAt", "closeReason"], cancelledAppointmentIds });
    return target.clientId;
  });
}
