import "server-only";
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { StaffActor } from "@/lib/auth/client-access";
import { isUuid } from "@/lib/forms/uuid";
import type { DeliveryMethod, NoticeCause, RestrictionGround } from "@/lib/domain-values";
import { helsinkiDate, helsinkiStartOfDay } from "@/lib/helsinki-time";
import { refuse } from "@/lib/refusal";
import { letterSender, type LetterRenderer } from "@/lib/rights/letters";
import {
  concernsOfCorrections,
  concernsOfWhole,
  correctionActions,
  correctionCandidates,
  correctionOf,
  recipientsToTell,
  toldAlready,
  type Concern,
  type Correction,
  type LoggedDisclosure,
  type Recipient,
} from "@/lib/rights/recipients";
import type { LinkCorrectionsInput, RecipientNoticeInput } from "@/lib/validations/restriction";
import { recordAuditEvent } from "./audit";
import { inserted, type CaseWrite, type CaseWriteResult } from "./case-write";
import type { Executor, Transaction } from "./connection";
import { storeRightsDocument } from "./rights-documents";
import { agencies, auditEvents, clientRestrictions, clients, dataSubjectRequests, disclosures, recipientNotices, requestCorrections } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * Notices to the recipients of rectified, erased or restricted data (GDPR Art 19): the corrections
 * a rectification request led to (linked by the officer from the case forms' audit events), the
 * agencies the disclosure log shows received any of the data concerned (lib/rights/recipients.ts),
 * and a notice recorded to each with its generated letter, method and date. The person's access
 * report lists these recipients (db/access-report.ts reads recipient_notices).
 */

// ---------------------------------------------------------------------------------------------
// Corrections of a rectification request

type RequestRow = Pick<typeof dataSubjectRequests.$inferSelect, "id" | "clientId" | "kind" | "receivedOn" | "completedAt" | "decidedOn">;

async function requestRow(db: Executor, requestId: string | undefined): Promise<RequestRow | null> {
  if (!requestId || !isUuid(requestId)) return null;
  const [row] = await db
    .select({
      id: dataSubjectRequests.id,
      clientId: dataSubjectRequests.clientId,
      kind: dataSubjectRequests.kind,
      receivedOn: dataSubjectRequests.receivedOn,
      completedAt: dataSubjectRequests.completedAt,
      decidedOn: dataSubjectRequests.decidedOn,
    })
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.id, requestId));
  return row ?? null;
}

/** The writes of the client's data since the request was received (the candidates), and which are linked. */
export async function correctionsForRequest({ db, requestId }: { db: Executor; requestId: string }): Promise<{ candidates: Correction[]; linked: Correction[] }> {
  const request = await requestRow(db, requestId);
  if (!request?.clientId || request.kind !== "rectification") return { candidates: [], linked: [] };
  const events = await db
    .select({ seq: auditEvents.seq, occurredAt: auditEvents.occurredAt, action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.clientId, request.clientId),
        inArray(auditEvents.action, [...correctionActions]),
        gte(auditEvents.occurredAt, helsinkiStartOfDay(request.receivedOn)),
      ),
    )
    .orderBy(asc(auditEvents.seq));
  const candidates = correctionCandidates(events, { receivedOn: request.receivedOn, closedAt: request.completedAt });
  const linkedSeqs = new Set(
    (await db.select({ seq: requestCorrections.auditSeq }).from(requestCorrections).where(eq(requestCorrections.requestId, request.id))).map((row) => row.seq),
  );
  // A linked event is shown even if it falls outside the window later (the request's dates changed).
  const linkedOutside = events.filter((e) => linkedSeqs.has(e.seq) && !candidates.some((c) => c.seq === e.seq)).map(correctionOf);
  const linked = [...candidates.filter((c) => linkedSeqs.has(c.seq)), ...linkedOutside.filter((c): c is Correction => c !== null)];
  return { candidates, linked };
}

/**
 * Links corrections to a rectification request: each must be a write of that client's data made
 * while the request was open. Locks the client (the write recipe) and audits the seqs linked.
 */
export async function linkCorrections({ db, actor, input }: CaseWrite<LinkCorrectionsInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const request = await requestRow(tx, input.requestId);
    if (!request?.clientId) throw refuse("notice", "request_not_found", "No such request");
    if (request.kind !== "rectification") throw refuse("notice", "request_kind", "Only a rectification request has corrections", { clientId: request.clientId });
    await lockClient(tx, request.clientId);
    const { candidates } = await correctionsForRequest({ db: tx, requestId: request.id });
    const offered = new Set(candidates.map((c) => c.seq));
    const missing = input.auditSeq.filter((seq) => !offered.has(seq));
    if (missing.length > 0) throw refuse("notice", "correction_not_found", "Not a correction of this client while the request was open", { clientId: request.clientId, field: "auditSeq" });
    await tx
      .insert(requestCorrections)
      .values(input.auditSeq.map((auditSeq) => ({ requestId: request.id, auditSeq, linkedBy: actor.userId })))
      .onConflictDoNothing();
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "notice.corrections_linked",
      clientId: request.clientId,
      details: { requestId: request.id, auditSeqs: input.auditSeq },
      requestId: actor.requestId,
    });
    return { clientId: request.clientId, id: request.id };
  });
}

// ---------------------------------------------------------------------------------------------
// What the notices are about, and to whom

/** What a set of notices is about: a request (rectification, erasure) or a restriction. */
export interface NoticeSubject {
  cause: NoticeCause;
  clientId: string;
  requestId: string | null;
  restrictionId: string | null;
  concerns: Concern[];
  /** The day of the change, for the letter. */
  changedOn: string;
  correctionSeqs: number[];
  ground: RestrictionGround | null;
}

type SubjectRef = { cause: NoticeCause; requestId?: string | null; restrictionId?: string | null };

async function subjectOf(db: Executor, ref: SubjectRef, now: Date): Promise<NoticeSubject> {
  if (ref.cause === "restriction") {
    const id = ref.restrictionId;
    const [restriction] = id && isUuid(id) ? await db.select().from(clientRestrictions).where(eq(clientRestrictions.id, id)) : [];
    if (!restriction) throw refuse("notice", "restriction_not_found", "No such restriction");
    if (ref.requestId && restriction.requestId !== ref.requestId) throw refuse("notice", "restriction_not_found", "Not this request's restriction", { clientId: restriction.clientId });
    return {
      cause: "restriction",
      clientId: restriction.clientId,
      requestId: restriction.requestId,
      restrictionId: restriction.id,
      concerns: concernsOfWhole(restriction.appliedAt),
      changedOn: helsinkiDate(restriction.appliedAt),
      correctionSeqs: [],
      ground: restriction.ground,
    };
  }
  const request = await requestRow(db, ref.requestId ?? undefined);
  if (!request?.clientId) throw refuse("notice", "request_not_found", "No such request");
  if (request.kind !== ref.cause) throw refuse("notice", "request_kind", `Not a ${ref.cause} request`, { clientId: request.clientId });
  const base = { clientId: request.clientId, requestId: request.id, restrictionId: null, ground: null };
  if (ref.cause === "erasure") {
    // Everything disclosed until now: an accepted erasure marks the client, and the gate refuses from then on.
    return { ...base, cause: "erasure", concerns: concernsOfWhole(now), changedOn: request.decidedOn ?? helsinkiDate(now), correctionSeqs: [] };
  }
  const { linked } = await correctionsForRequest({ db, requestId: request.id });
  const latest = linked.reduce<Date | null>((max, c) => (!max || c.occurredAt > max ? c.occurredAt : max), null);
  return {
    ...base,
    cause: "rectification",
    concerns: concernsOfCorrections(linked),
    changedOn: helsinkiDate(latest ?? now),
    correctionSeqs: linked.map((c) => c.seq),
  };
}

interface AgencyInfo {
  name: string;
  businessId: string | null;
  /** The agency's usual way of receiving (the notice form's default). */
  deliveryMethod: DeliveryMethod;
}

async function disclosureLogOf(db: Executor, clientId: string): Promise<{ logged: LoggedDisclosure[]; agencyInfo: Map<string, AgencyInfo & { id: string }> }> {
  const rows = await db
    .select({
      id: disclosures.id,
      categories: disclosures.categories,
      disclosedAt: disclosures.disclosedAt,
      agencyId: agencies.id,
      code: agencies.code,
      name: agencies.name,
      businessId: agencies.businessId,
      deliveryMethod: agencies.deliveryMethod,
    })
    .from(disclosures)
    .innerJoin(agencies, eq(agencies.id, disclosures.agencyId))
    .where(eq(disclosures.clientId, clientId));
  return {
    logged: rows.map((row) => ({ id: row.id, agencyCode: row.code, categories: row.categories, disclosedAt: row.disclosedAt })),
    agencyInfo: new Map(rows.map((row) => [row.code, { id: row.agencyId, name: row.name, businessId: row.businessId, deliveryMethod: row.deliveryMethod }])),
  };
}

export type NoticeRow = typeof recipientNotices.$inferSelect;

async function noticesOfSubject(db: Executor, subject: NoticeSubject): Promise<(NoticeRow & { agencyCode: string })[]> {
  const bySubject = subject.cause === "restriction" && subject.restrictionId
    ? eq(recipientNotices.restrictionId, subject.restrictionId)
    : subject.requestId
      ? eq(recipientNotices.requestId, subject.requestId)
      : undefined;
  if (!bySubject) return [];
  const rows = await db
    .select({ notice: recipientNotices, agencyCode: agencies.code })
    .from(recipientNotices)
    .innerJoin(agencies, eq(agencies.id, recipientNotices.agencyId))
    .where(and(eq(recipientNotices.cause, subject.cause), bySubject))
    .orderBy(asc(recipientNotices.recordedAt));
  return rows.map(({ notice, agencyCode }) => ({ ...notice, agencyCode }));
}

export interface RecipientEntry extends Recipient {
  agencyName: string;
  deliveryMethod: DeliveryMethod;
  disclosedOn: string[];
  notices: NoticeRow[];
  told: boolean;
}

async function listRecipients(db: Executor, subject: NoticeSubject) {
  const { logged, agencyInfo } = await disclosureLogOf(db, subject.clientId);
  const notices = await noticesOfSubject(db, subject);
  const when = new Map(logged.map((d) => [d.id, helsinkiDate(d.disclosedAt)]));
  const recipients: RecipientEntry[] = recipientsToTell(logged, subject.concerns).map((recipient) => ({
    ...recipient,
    agencyName: agencyInfo.get(recipient.agencyCode)?.name ?? recipient.agencyCode,
    deliveryMethod: agencyInfo.get(recipient.agencyCode)?.deliveryMethod ?? "secure_email",
    disclosedOn: [...new Set(recipient.disclosureIds.map((id) => when.get(id) ?? ""))],
    notices: notices.filter((notice) => notice.agencyCode === recipient.agencyCode),
    told: toldAlready(recipient, notices, subject.correctionSeqs),
  }));
  return { recipients, agencyInfo };
}

/**
 * The recipients to tell of a rectification, an erasure or a restriction, each with the notices
 * recorded to it; audited (it shows where the client's data went).
 */
export async function recipientsFor({ db, actor, subject: ref, now = new Date() }: { db: Executor; actor: StaffActor; subject: SubjectRef; now?: Date }) {
  const subject = await subjectOf(db, ref, now);
  const { recipients } = await listRecipients(db, subject);
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "notice.recipients_viewed",
    clientId: subject.clientId,
    details: { cause: subject.cause, requestId: subject.requestId, restrictionId: subject.restrictionId, agencyCodes: recipients.map((r) => r.agencyCode) },
    requestId: actor.requestId,
  });
  return { subject, recipients };
}

// ---------------------------------------------------------------------------------------------
// Recording a notice

async function lockClient(tx: Transaction, clientId: string) {
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
  if (!client) throw refuse("notice", "request_not_found", "The client is gone");
  return client;
}

/**
 * Records a notice to one recipient: the agency must be among the recipients listed now and not yet
 * told all it must be; the letter is generated in the chosen language and stored, then the notice
 * row (categories, disclosures, corrections told of, method, date) and its audit event.
 */
export async function recordRecipientNotice({
  db,
  actor,
  input,
  renderLetter,
  now = new Date(),
}: CaseWrite<RecipientNoticeInput> & { renderLetter: LetterRenderer; now?: Date }): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const subject = await subjectOf(tx, input, now);
    const client = await lockClient(tx, subject.clientId);
    const { recipients, agencyInfo } = await listRecipients(tx, subject);
    const recipient = recipients.find((r) => r.agencyCode === input.agencyCode);
    if (!recipient) throw refuse("notice", "not_a_recipient", "The agency received none of the data concerned", { clientId: client.id, field: "agencyCode" });
    if (recipient.told) throw refuse("notice", "already_told", "The agency has been told already", { clientId: client.id });
    const agency = agencyInfo.get(recipient.agencyCode);
    if (!agency) throw refuse("notice", "unknown_agency", "No such agency", { clientId: client.id });
    const settings = await getRegisterSettings({ db: tx });
    const letter = await renderLetter({
      kind: "recipient_notice",
      locale: input.locale,
      date: input.sentOn,
      ...letterSender(settings, input.locale),
      cause: subject.cause,
      agency: { name: agency.name, businessId: agency.businessId },
      person: { name: `${client.firstNames} ${client.lastName}`, dateOfBirth: client.dateOfBirth, clientNumber: client.clientNumber },
      categories: recipient.categories,
      disclosedOn: recipient.disclosedOn,
      changedOn: subject.changedOn,
      ground: subject.ground,
    });
    const document = await storeRightsDocument({
      tx,
      actor,
      kind: "recipient_notice",
      requestId: subject.requestId ?? undefined,
      clientId: client.id,
      locale: input.locale,
      json: letter.json,
      pdf: Buffer.from(letter.pdf),
    });
    const [row] = await tx
      .insert(recipientNotices)
      .values({
        clientId: client.id,
        cause: subject.cause,
        requestId: subject.requestId,
        restrictionId: subject.restrictionId,
        agencyId: agency.id,
        categories: recipient.categories,
        disclosureIds: recipient.disclosureIds,
        correctionSeqs: subject.correctionSeqs,
        method: input.method,
        sentOn: input.sentOn,
        locale: input.locale,
        documentId: document.id,
        recordedBy: actor.userId,
        recordedAt: now,
      })
      .returning({ id: recipientNotices.id });
    const { id } = inserted(row, "recipient notice");
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "notice.recorded",
      clientId: client.id,
      details: {
        noticeId: id,
        cause: subject.cause,
        requestId: subject.requestId,
        restrictionId: subject.restrictionId,
        agencyCode: recipient.agencyCode,
        categories: recipient.categories,
        method: input.method,
        sentOn: input.sentOn,
        documentId: document.id,
      },
      requestId: actor.requestId,
    });
    return { clientId: client.id, id };
  });
}
