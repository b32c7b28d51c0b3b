import "server-only";
import { eq } from "drizzle-orm";
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
} from "@/lib/validations/case-work";
import { mayAssignClients, mayReadFunctionalCapacity } from "@/lib/auth/client-access";
import { refuse } from "@/lib/refusal";
import { isUuid } from "@/lib/forms/uuid";
import { audit, cancelFutureAppointments, clientOf, fieldsGiven, inserted, openForWrite, type CaseWrite, type CaseWriteResult } from "./case-write";
import type { Transaction } from "./connection";
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
 * The service's case work on a client: appointments and visits, the assessment of skills and
 * integration service needs and the integration plan (Act 681/2023 §§14–16, decree 874/2024 §§1–2)
 * with its reviews, outcomes, functional capacity, notes, assignment and closing. Every function takes
 * input already parsed by its schema (lib/validations/case-work.ts) and follows the write recipe
 * (db/case-write.ts): lock and access, write, one audit event naming the fields written.
 */

async function lockBookedAppointment(tx: Transaction, appointmentId: string, clientId: string) {
  const [appointment] = await tx
    .select({ id: appointments.id, clientId: appointments.clientId, status: appointments.status })
    .from(appointments)
    .where(eq(appointments.id, appointmentId))
    .for("update");
  if (!appointment || appointment.clientId !== clientId) throw refuse("case", "appointment_not_found", "No such appointment for this client", { clientId });
  if (appointment.status !== "booked") throw refuse("case", "appointment_not_booked", `The appointment is already ${appointment.status}`, { clientId });
  return appointment;
}

// ---------------------------------------------------------------------------------------------
// Appointments and visits

/** Books an appointment with the acting staff member. Returns the appointment's id. */
export async function bookAppointment({ db, actor, input }: CaseWrite<BookAppointmentInput>): Promise<CaseWriteResult> {
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
    return { clientId: target.clientId, id };
  });
}

/** Moves a booked appointment to a new time. Returns the appointment's id. */
export async function rescheduleAppointment({ db, actor, input }: CaseWrite<RescheduleAppointmentInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, await clientOf(tx, "appointment", input.appointmentId));
    await lockBookedAppointment(tx, input.appointmentId, target.clientId);
    await tx.update(appointments).set({ startsAt: input.startsAt }).where(eq(appointments.id, input.appointmentId));
    await audit(tx, actor, target, "case.appointment_rescheduled", { appointmentId: input.appointmentId, fields: ["startsAt"] });
    return { clientId: target.clientId, id: input.appointmentId };
  });
}

/** Cancels a booked appointment (kept, marked cancelled). Returns the appointment's id. */
export async function cancelAppointment({ db, actor, input }: CaseWrite<CancelAppointmentInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, await clientOf(tx, "appointment", input.appointmentId));
    await lockBookedAppointment(tx, input.appointmentId, target.clientId);
    await tx.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, input.appointmentId));
    await audit(tx, actor, target, "case.appointment_cancelled", { appointmentId: input.appointmentId, fields: ["status"] });
    return { clientId: target.clientId, id: input.appointmentId };
  });
}

/**
 * Records a visit by the acting staff member; when it names one of the client's booked appointments,
 * that appointment is marked held. Returns the visit's id.
 */
export async function recordVisit({ db, actor, input }: CaseWrite<RecordVisitInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    if (input.appointmentId) {
      if (!isUuid(input.appointmentId)) throw refuse("case", "appointment_not_found", "No such appointment for this client", { clientId: target.clientId });
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
    return { clientId: target.clientId, id };
  });
}

// ---------------------------------------------------------------------------------------------
// Initial assessment and integration plan

/** Records an initial assessment (decree 874/2024 §1). Returns its id. */
export async function recordInitialAssessment({ db, actor, input }: CaseWrite<InitialAssessmentInput>): Promise<CaseWriteResult> {
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
    return { clientId: target.clientId, id };
  });
}

/** Records an integration plan (decree 874/2024 §2) with its agreed measures. Returns the plan's id. */
export async function recordIntegrationPlan({ db, actor, input }: CaseWrite<IntegrationPlanInput>): Promise<CaseWriteResult> {
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
    return { clientId: target.clientId, id };
  });
}

/**
 * Records a review of an integration plan and moves the plan's review date to the next review (or
 * clears it when none is set). Returns the review's id.
 */
export async function reviewIntegrationPlan({ db, actor, input }: CaseWrite<PlanReviewInput>): Promise<CaseWriteResult> {
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
    return { clientId: target.clientId, id };
  });
}

// ---------------------------------------------------------------------------------------------
// Outcomes, functional capacity, notes

/** Records a placement in work, education or another service. Returns its id. */
export async function recordOutcome({ db, actor, input }: CaseWrite<OutcomeInput>): Promise<CaseWriteResult> {
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
    return { clientId: target.clientId, id };
  });
}

/**
 * Records a work and functional capacity entry: special category data, so only the client's own
 * caseworker or a coordinator (mayReadFunctionalCapacity), even where the case is otherwise open to
 * the actor. Returns its id.
 */
export async function recordFunctionalCapacity({ db, actor, input }: CaseWrite<FunctionalCapacityInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, {
      authorize: (client) => {
        if (!roleHasPermission(actor.role, "client:readFunctionalCapacity") || !mayReadFunctionalCapacity(actor, client)) {
          throw refuse("case", "forbidden", "Only the client's own caseworker or a coordinator records functional capacity", { clientId: input.clientId });
        }
      },
    });
    const [row] = await tx
      .insert(functionalCapacityEntries)
      .values({ clientId: target.clientId, assessedOn: input.assessedOn, content: input.content, recordedBy: actor.userId })
      .returning({ id: functionalCapacityEntries.id });
    const { id } = inserted(row, "functional capacity entry");
    await audit(tx, actor, target, "case.functional_capacity_recorded", { entryId: id, fields: fieldsGiven(input, "clientId") });
    return { clientId: target.clientId, id };
  });
}

/** Adds a case note by the acting staff member. Returns its id. */
export async function addCaseNote({ db, actor, input }: CaseWrite<CaseNoteInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    // A note is what a restriction for legal claims still allows (lib/rights/restriction.ts).
    const target = await openForWrite(tx, actor, input.clientId, { write: "case_note" });
    const [row] = await tx
      .insert(caseNotes)
      .values({ clientId: target.clientId, body: input.body, authorId: actor.userId })
      .returning({ id: caseNotes.id });
    const { id } = inserted(row, "case note");
    await audit(tx, actor, target, "case.note_added", { noteId: id, fields: fieldsGiven(input, "clientId") });
    return { clientId: target.clientId, id };
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
export async function assignClient({ db, actor, input }: CaseWrite<AssignClientInput>): Promise<CaseWriteResult> {
  if (!roleHasPermission(actor.role, "client:assign") || !mayAssignClients(actor)) {
    throw refuse("case", "forbidden", "Only a coordinator assigns clients", { clientId: input.clientId });
  }
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const caseworkerId = input.caseworkerId;
    if (caseworkerId !== null) {
      if (!isUuid(caseworkerId)) throw refuse("case", "invalid_assignee", "No such caseworker", { clientId: target.clientId });
      const [assignee] = await tx
        .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
        .from(staffUsers)
        .where(eq(staffUsers.id, caseworkerId));
      if (!assignee || assignee.role !== "caseworker" || assignee.disabledAt) {
        throw refuse("case", "invalid_assignee", "A client can be assigned only to an active caseworker", { clientId: target.clientId });
      }
    }
    await tx.update(clients).set({ assignedCaseworkerId: caseworkerId, updatedAt: new Date() }).where(eq(clients.id, target.clientId));
    await audit(tx, actor, target, "client.assigned", {
      fields: ["assignedCaseworkerId"],
      previousCaseworkerId: target.row.assignedCaseworkerId,
      caseworkerId,
    });
    return { clientId: target.clientId, id: target.clientId };
  });
}

/**
 * Closes the case: status closed, the closing time (now when closed today, otherwise the start of
 * that day in Helsinki) and the reason. Appointments still booked for later are cancelled with it,
 * since a closed case can no longer be changed. Returns the client's id.
 */
export async function closeCase({ db, actor, input, now = new Date() }: CaseWrite<CloseCaseInput> & { now?: Date }): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const closedAt = instantOfDay(input.closedOn, now);
    await tx
      .update(clients)
      .set({ status: "closed", closedAt, closeReason: input.reason, updatedAt: now })
      .where(eq(clients.id, target.clientId));
    const cancelledAppointmentIds = await cancelFutureAppointments(tx, target.clientId, now);
    await audit(tx, actor, target, "client.closed", { fields: ["status", "closedAt", "closeReason"], cancelledAppointmentIds });
    return { clientId: target.clientId, id: target.clientId };
  });
}
