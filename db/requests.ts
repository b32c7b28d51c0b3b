import "server-only";
import { and, eq } from "drizzle-orm";
import { roleHasPermission } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/auth/client-access";
import type { AuditAction } from "@/lib/audit-actions";
import { isUuid } from "@/lib/forms/uuid";
import { helsinkiDate } from "@/lib/helsinki-time";
import { refuse } from "@/lib/refusal";
import { dueDateFor, extensionIssues, requestDateIssues } from "@/lib/rights/deadlines";
import { decisionEffects, reasonsRequired, stepAllowed, type RequestStep } from "@/lib/rights/request-steps";
import { guardianshipsOf, requestKindsFor, requesterIssue } from "@/lib/rights/requester";
import type { DecideRequestInput, ExtendRequestInput, LogRequestInput, VerifyRequestIdentityInput, CloseRequestInput } from "@/lib/validations/requests";
import { recordAuditEvent } from "./audit";
import { cancelFutureAppointments, inserted, requireClientAccess, type CaseWrite, type CaseWriteResult } from "./case-write";
import type { Executor, Transaction } from "./connection";
import { clients, dataSubjectRequests, familyMembers } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * The register of data subjects' requests (GDPR Arts 12–21; DESIGN.md rule 6): logging a request,
 * verifying who asked, extending the deadline, deciding, closing. Every write follows the write
 * recipe (db/case-write.ts): the client's row is locked, then the request's; the staff member's
 * right to the step is checked (the officer handles and decides; caseworkers and coordinators only
 * log, and only for clients they may open); the step is written and audited with the request's id
 * (`dataSubjectRequestId` in the event's details), never with what the person asked.
 * The rules are pure: lib/rights/deadlines.ts, requester.ts, request-steps.ts.
 */

export type DataSubjectRequest = typeof dataSubjectRequests.$inferSelect;

/** The client a request concerns, as the request's pages and the officer's panels show them. */
export interface RequestClient {
  id: string;
  clientNumber: string;
  firstNames: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
}

const clientColumns = {
  id: clients.id,
  clientNumber: clients.clientNumber,
  firstNames: clients.firstNames,
  lastName: clients.lastName,
  dateOfBirth: clients.dateOfBirth,
};

export function mayHandleRequests(actor: Pick<StaffActor, "role">): boolean {
  return roleHasPermission(actor.role, "request:manage");
}

function mayLogRequests(actor: Pick<StaffActor, "role">): boolean {
  return roleHasPermission(actor.role, "request:log");
}

const notFound = () => refuse("request", "not_found", "No such request");

/** One step's audit event: the client and the request, never the request's content. */
export async function auditRequestStep(
  tx: Executor,
  actor: StaffActor,
  { action, clientId, requestId, details = {} }: { action: AuditAction; clientId: string | null; requestId: string; details?: Record<string, unknown> },
) {
  await recordAuditEvent(tx, { actorId: actor.userId, action, clientId, details: { dataSubjectRequestId: requestId, ...details }, requestId: actor.requestId });
}

/**
 * Steps 1 and 2 of the recipe for a client a request concerns: locks the row and checks that the
 * staff member may log for them. The officer reaches every client for their requests (without
 * opening the case); a caseworker or coordinator only a client whose case they may open.
 */
async function lockClientForRequest(tx: Transaction, actor: StaffActor, clientId: string) {
  if (!mayLogRequests(actor)) throw refuse("request", "client_not_found", "Not a role that logs requests", { field: "clientId" });
  const missing = () => refuse("request", "client_not_found", "No such client", { field: "clientId", clientId: isUuid(clientId) ? clientId : null });
  if (!isUuid(clientId)) throw missing();
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
  if (!client) throw missing();
  if (!mayHandleRequests(actor)) await requireClientAccess(tx, actor, clientId);
  return client;
}

/** The family records that name a guardian of the client (lib/rights/requester.ts guardianshipsOf). */
export async function guardianRecordsOf(db: Executor, clientId: string) {
  const rows = await db
    .select({
      id: familyMembers.id,
      clientId: familyMembers.clientId,
      relatedClientId: familyMembers.relatedClientId,
      clientIsGuardian: familyMembers.clientIsGuardian,
      relation: familyMembers.relation,
      guardianClientNumber: clients.clientNumber,
      guardianFirstNames: clients.firstNames,
      guardianLastName: clients.lastName,
    })
    .from(familyMembers)
    .innerJoin(clients, eq(clients.id, familyMembers.clientId))
    .where(and(eq(familyMembers.relatedClientId, clientId), eq(familyMembers.clientIsGuardian, true)));
  return guardianshipsOf(clientId, rows);
}

export type GuardianRecord = Awaited<ReturnType<typeof guardianRecordsOf>>[number];

/**
 * Logs a request received at a visit, by a signed letter or otherwise verified (Deliver 1): the
 * officer for anyone, a caseworker or coordinator for a client they may open. The due date is one
 * calendar month from the day received unless the officer set an earlier one; a guardian asks only
 * for a minor on that day, named from the family records when they name one; data portability only
 * where the register's basis is consent. Checked again here whatever the form checked.
 */
export async function logRequest({ db, actor, input }: CaseWrite<LogRequestInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const client = await lockClientForRequest(tx, actor, input.clientId);
    const clientId = client.id;
    const settings = await getRegisterSettings({ db: tx });
    if (!requestKindsFor(settings.legalBasis.kind).includes(input.kind)) {
      throw refuse("request", "kind_not_available", "Data portability is for registers whose basis is consent", { field: "kind", clientId });
    }
    const [dateIssue] = requestDateIssues(input);
    if (dateIssue) throw refuse("request", dateIssue.code, "The due date is outside the month", { field: dateIssue.field, clientId });
    const requesterProblem = requesterIssue({ requester: input.requester, clientDateOfBirth: client.dateOfBirth, receivedOn: input.receivedOn });
    if (requesterProblem) throw refuse("request", requesterProblem, "A guardian asks only for a minor", { field: "requester", clientId });
    let guardian: GuardianRecord | undefined;
    if (input.guardianRecordId) {
      guardian = (await guardianRecordsOf(tx, clientId)).find((record) => record.id === input.guardianRecordId);
      if (!guardian || input.requester !== "guardian") {
        throw refuse("request", "not_a_guardian_record", "The record names no guardian of this client", { field: "guardianRecordId", clientId });
      }
    }
    const verified = input.identityVerification !== undefined;
    const now = new Date();
    const [row] = await tx
      .insert(dataSubjectRequests)
      .values({
        clientId,
        kind: input.kind,
        channel: input.channel,
        requester: input.requester,
        requesterName: input.requester === "guardian" ? (input.requesterName ?? null) : null,
        guardianClientId: guardian?.clientId ?? null,
        guardianFamilyMemberId: guardian?.id ?? null,
        replyLanguage: input.replyLanguage,
        description: input.description ?? null,
        receivedOn: input.receivedOn,
        dueOn: input.dueOn ?? dueDateFor(input.receivedOn),
        status: verified ? "verified" : "received",
        identityVerification: input.identityVerification ?? null,
        identityVerificationNote: verified ? (input.identityVerificationNote ?? null) : null,
        identityVerifiedBy: verified ? actor.userId : null,
        identityVerifiedAt: verified ? now : null,
        loggedBy: actor.userId,
        handledBy: mayHandleRequests(actor) ? actor.userId : null,
      })
      .returning({ id: dataSubjectRequests.id });
    const { id } = inserted(row, "request");
    await auditRequestStep(tx, actor, {
      action: "request.logged",
      clientId,
      requestId: id,
      details: {
        kind: input.kind,
        channel: input.channel,
        requester: input.requester,
        guardianRecordId: guardian?.id ?? null,
        identityVerification: input.identityVerification ?? null,
      },
    });
    return { clientId, id };
  });
}

/**
 * Steps 1 and 2 for a step on a logged request (the officer only): the client's row locked first,
 * as every write to a client does, then the request's; the step must be one the journey allows now.
 */
async function openRequestForStep(tx: Transaction, actor: StaffActor, requestId: string, step: RequestStep): Promise<DataSubjectRequest> {
  if (!mayHandleRequests(actor) || !isUuid(requestId)) throw notFound();
  const [found] = await tx.select({ clientId: dataSubjectRequests.clientId }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
  if (!found) throw notFound();
  if (found.clientId) await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, found.clientId)).for("update");
  const [request] = await tx.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId)).for("update");
  if (!request) throw notFound();
  if (!stepAllowed(request, step)) throw refuse("request", "step_not_allowed", `The request's status does not allow ${step}`, { clientId: request.clientId });
  return request;
}

type StepResult = { clientId: string | null; id: string };

/** Records how the requester's identity was verified, and by whom (the officer, now). */
export async function verifyRequestIdentity({ db, actor, input }: CaseWrite<VerifyRequestIdentityInput>): Promise<StepResult> {
  return db.transaction(async (tx) => {
    const request = await openRequestForStep(tx, actor, input.requestId, "verify");
    await tx
      .update(dataSubjectRequests)
      .set({
        status: "verified",
        identityVerification: input.identityVerification,
        identityVerificationNote: input.identityVerificationNote ?? null,
        identityVerifiedBy: actor.userId,
        identityVerifiedAt: new Date(),
        handledBy: request.handledBy ?? actor.userId,
      })
      .where(eq(dataSubjectRequests.id, request.id));
    await auditRequestStep(tx, actor, { action: "request.identity_verified", clientId: request.clientId, requestId: request.id, details: { identityVerification: input.identityVerification } });
    return { clientId: request.clientId, id: request.id };
  });
}

/** Extends the deadline once (Art 12(3)): the new date, the reasons, and the day the person was told. */
export async function extendRequest({ db, actor, input }: CaseWrite<ExtendRequestInput>): Promise<StepResult> {
  return db.transaction(async (tx) => {
    const request = await openRequestForStep(tx, actor, input.requestId, "extend");
    const [issue] = extensionIssues({ receivedOn: request.receivedOn, dueOn: request.dueOn, extendedDueOn: input.extendedDueOn, toldOn: input.toldOn, today: helsinkiDate() });
    if (issue) throw refuse("request", issue.code, "The extension's dates are not allowed", { field: issue.field, clientId: request.clientId });
    await tx
      .update(dataSubjectRequests)
      .set({ extendedDueOn: input.extendedDueOn, extensionReasons: input.extensionReasons, extensionToldOn: input.toldOn, extendedBy: actor.userId, handledBy: request.handledBy ?? actor.userId })
      .where(eq(dataSubjectRequests.id, request.id));
    await auditRequestStep(tx, actor, { action: "request.extended", clientId: request.clientId, requestId: request.id, details: { extendedDueOn: input.extendedDueOn, toldOn: input.toldOn } });
    return { clientId: request.clientId, id: request.id };
  });
}

/**
 * Decides the request (Deliver 6 for erasure and objection): accepted, partially refused or refused,
 * on a day from receipt to today, with reasons where the rule asks them. An accepted erasure marks
 * the client for erasure at once — the case turns read-only, future bookings are cancelled and
 * nothing more is disclosed — and the retention run carries it out; a refusal is answered with the
 * refusal certificate (its panel on the request's page).
 */
export async function decideRequest({ db, actor, input }: CaseWrite<DecideRequestInput>): Promise<StepResult & { markedForErasure: boolean }> {
  return db.transaction(async (tx) => {
    const request = await openRequestForStep(tx, actor, input.requestId, "decide");
    const clientId = request.clientId;
    if (reasonsRequired(request.kind, input.decision) && !input.decisionReasons) {
      throw refuse("request", "reasons_required", "This decision states its reasons", { field: "decisionReasons", clientId });
    }
    if (input.decidedOn < request.receivedOn) throw refuse("request", "decided_before_received", "Decided before it was received", { field: "decidedOn", clientId });
    await tx
      .update(dataSubjectRequests)
      .set({
        status: "decided",
        decision: input.decision,
        decisionReasons: input.decisionReasons ?? null,
        decidedOn: input.decidedOn,
        decidedBy: actor.userId,
        handledBy: request.handledBy ?? actor.userId,
      })
      .where(eq(dataSubjectRequests.id, request.id));
    await auditRequestStep(tx, actor, { action: "request.decided", clientId, requestId: request.id, details: { kind: request.kind, decision: input.decision } });

    let markedForErasure = false;
    if (clientId && decisionEffects(request.kind, input.decision).includes("mark_for_erasure")) {
      const [client] = await tx.select({ status: clients.status }).from(clients).where(eq(clients.id, clientId));
      if (client && client.status !== "erasure_pending") {
        const now = new Date();
        await tx.update(clients).set({ status: "erasure_pending", updatedAt: now }).where(eq(clients.id, clientId));
        const cancelled = await cancelFutureAppointments(tx, clientId, now);
        await auditRequestStep(tx, actor, { action: "client.marked_for_erasure", clientId, requestId: request.id, details: { cancelledAppointments: cancelled.length } });
        markedForErasure = true;
      }
    }
    return { clientId, id: request.id, markedForErasure };
  });
}

/** Closes a decided request: the answer has been given. */
export async function closeRequest({ db, actor, input }: CaseWrite<CloseRequestInput>): Promise<StepResult> {
  return db.transaction(async (tx) => {
    const request = await openRequestForStep(tx, actor, input.requestId, "close");
    await tx.update(dataSubjectRequests).set({ status: "closed", completedAt: new Date(), closedBy: actor.userId }).where(eq(dataSubjectRequests.id, request.id));
    await auditRequestStep(tx, actor, { action: "request.closed", clientId: request.clientId, requestId: request.id, details: { decision: request.decision } });
    return { clientId: request.clientId, id: request.id };
  });
}

/**
 * The officer's look at one request (the contract the panels of the request's page build on): the
 * request's row with its client (id, client number, names, date of birth), or null when there is
 * no such request or the staff member does not handle requests. Audited as a view of the request.
 */
export async function requestForDpo({ db, actor, requestId }: { db: Executor; actor: StaffActor; requestId: string }): Promise<(DataSubjectRequest & { client: RequestClient | null }) | null> {
  if (!mayHandleRequests(actor) || !isUuid(requestId)) return null;
  const [row] = await db
    .select({ request: dataSubjectRequests, client: clientColumns })
    .from(dataSubjectRequests)
    .leftJoin(clients, eq(clients.id, dataSubjectRequests.clientId))
    .where(eq(dataSubjectRequests.id, requestId));
  if (!row) return null;
  await auditRequestStep(db, actor, { action: "request.viewed", clientId: row.request.clientId, requestId: row.request.id });
  return { ...row.request, client: row.client?.id ? row.client : null };
}
