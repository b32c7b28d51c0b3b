import "server-only";
import { refuse } from "@/lib/refusal";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { StaffActor } from "@/lib/auth/client-access";
import { helsinkiDate, registerYear } from "@/lib/helsinki-time";
import { answerRows } from "@/lib/intake/answer-rows";
import { acceptedNote } from "@/lib/intake/decision-note";
import { confirmed, familyLinkProposals, memberOfProposals, type FamilyLinkProposal, type MemberOfProposal } from "@/lib/intake/merge-policy";
import { citizenshipsOf } from "@/lib/intake/merge-policy";
import { isIntakeRejectionReason, type IntakeRejectionReason } from "@/lib/domain-values";
import type { StoredIntakeAnswers } from "@/lib/intake/stored-answers";
import { normalizeForSearch, toSearchName } from "@/lib/search-name";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import { nextClientNumber } from "./client-numbers";
import type { Executor, Transaction } from "./connection";
import { readAnswers } from "./intake-queue";
import {
  caseNotes,
  clients,
  consents,
  deletionRecords,
  educations,
  familyMembers,
  intakeSubmissions,
  residencePermits,
  skills,
  staffUsers,
  workExperiences,
} from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * The decisions on a pending intake submission: accept it as a new client, or reject it (merging
 * into an existing client is db/intake-merge.ts). Each decision is one transaction that writes its
 * audit event with the acting staff member and the request id. Personal data never leaves through
 * the side doors: audit details and deletion records hold ids and codes only, error messages name no
 * person, and the identity code is only ever copied as ciphertext and hash.
 *
 * Links between family members and other clients are made only where staff confirm them (security
 * issue 9): the form's answers name people, and a name with a birth date is not proof.
 */

/** Advisory-lock namespace (with hashtext(identity code hash) as the second key): one decision per code at a time. */
export const IDENTITY_CODE_LOCK = 71_405_120;

type SubmissionRow = typeof intakeSubmissions.$inferSelect;

export const given = (value: string | undefined | null): string | null => (value && value.trim() !== "" ? value : null);

/** Locks the submission row for the rest of the transaction; refuses one already decided. */
export async function lockPendingSubmission(tx: Executor, submissionId: string): Promise<SubmissionRow> {
  if (!isUuid(submissionId)) throw refuse("intake", "not_found", "No such intake submission");
  const [row] = await tx.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId)).for("update");
  if (!row) throw refuse("intake", "not_found", "No such intake submission");
  if (row.status !== "pending") throw refuse("intake", "not_pending", `The submission is already ${row.status}`);
  return row;
}

export async function lockIdentityCode(tx: Executor, hash: string | null): Promise<void> {
  if (hash) await tx.execute(sql`select pg_advisory_xact_lock(${IDENTITY_CODE_LOCK}, hashtext(${hash}))`);
}

/**
 * The submission is decided: its personal data now lives in the client, so it leaves the
 * submission. Its consents follow the person only when `attachConsents` (submission_id stays as
 * their provenance); otherwise they stay with the submission and no client's.
 */
export async function closeSubmission(tx: Executor, submission: { id: string }, clientId: string, actor: StaffActor, now: Date, attachConsents: boolean): Promise<number> {
  await tx
    .update(intakeSubmissions)
    .set({
      status: "accepted",
      acceptedClientId: clientId,
      decidedBy: actor.userId,
      decidedAt: now,
      answers: {},
      personalIdentityCodeEncrypted: null,
      personalIdentityCodeHash: null,
    })
    .where(eq(intakeSubmissions.id, submission.id));
  if (!attachConsents) return 0;
  const moved = await tx.update(consents).set({ clientId }).where(eq(consents.submissionId, submission.id)).returning({ id: consents.id });
  return moved.length;
}

// ---------------------------------------------------------------------------------------------
// Family links on offer

/**
 * For each family member on the form, the one existing client with that name and date of birth (if
 * exactly one, and not `excludeClientId`): the links staff may confirm.
 */
export async function familyLinkCandidates(tx: Executor, answers: StoredIntakeAnswers, excludeClientId: string | null): Promise<Map<number, string>> {
  const candidates = new Map<number, string>();
  for (const [index, member] of answers.family.members.entries()) {
    if (!member.dateOfBirth) continue;
    const rows = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(
        and(
          eq(clients.searchName, normalizeForSearch(member.fullName)),
          eq(clients.dateOfBirth, member.dateOfBirth),
          excludeClientId ? ne(clients.id, excludeClientId) : undefined,
        ),
      )
      .limit(2);
    if (rows.length === 1) candidates.set(index, rows[0]!.id);
  }
  return candidates;
}

/**
 * Other clients' family-member rows that name this person (same normalized name and date of birth,
 * not yet linked), unless a client with that name and birth date exists already (then it is that
 * client they name, or no one can tell).
 */
async function memberOfCandidates(tx: Executor, about: StoredIntakeAnswers["about"]): Promise<{ familyMemberId: string; ownerClientId: string }[]> {
  const searchName = toSearchName(about.firstNames, about.lastName);
  const [namesake] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.searchName, searchName), eq(clients.dateOfBirth, about.dateOfBirth)))
    .limit(1);
  if (namesake) return [];
  const rows = await tx
    .select({ id: familyMembers.id, ownerClientId: familyMembers.clientId, fullName: familyMembers.fullName })
    .from(familyMembers)
    .where(and(eq(familyMembers.dateOfBirth, about.dateOfBirth), isNull(familyMembers.relatedClientId)));
  return rows.filter((row) => normalizeForSearch(row.fullName) === searchName).map((row) => ({ familyMemberId: row.id, ownerClientId: row.ownerClientId }));
}

export interface AcceptOffer {
  familyLinks: FamilyLinkProposal[];
  memberOf: MemberOfProposal[];
}

async function acceptOfferIn(tx: Executor, answers: StoredIntakeAnswers): Promise<AcceptOffer> {
  return {
    familyLinks: familyLinkProposals(await familyLinkCandidates(tx, answers, null)),
    memberOf: memberOfProposals(await memberOfCandidates(tx, answers.about)),
  };
}

/** Client numbers by id, for naming the clients a link would join (never their names). */
export async function clientNumbersOf(tx: Executor, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await tx.select({ id: clients.id, clientNumber: clients.clientNumber }).from(clients).where(inArray(clients.id, [...ids]));
  return Object.fromEntries(rows.map((row) => [row.id, row.clientNumber]));
}

/**
 * The links accepting this submission could make, for staff to confirm. The list names other
 * clients, so the look is audited with their ids.
 */
export async function acceptOffer({ db, actor, submissionId }: { db: Executor; actor: StaffActor; submissionId: string }): Promise<AcceptOffer & { clientNumbers: Record<string, string> }> {
  return db.transaction(async (tx) => {
    const submission = await lockPendingSubmission(tx, submissionId);
    const offer = await acceptOfferIn(tx, readAnswers(submission.answers));
    const clientIds = [...new Set([...offer.familyLinks.map((link) => link.relatedClientId), ...offer.memberOf.map((link) => link.ownerClientId)])];
    if (clientIds.length > 0) {
      await recordAuditEvent(tx, { actorId: actor.userId, action: "intake.family_links_viewed", details: { submissionId, clientIds }, requestId: actor.requestId });
    }
    return { ...offer, clientNumbers: await clientNumbersOf(tx, clientIds) };
  });
}

// ---------------------------------------------------------------------------------------------
// Accept

export interface AcceptInput {
  submissionId: string;
  /** The caseworker whose caseload the client joins (the action passes the caseworker accepting, when they ask). */
  assignToCaseworkerId?: string | null;
  /** The family links staff confirmed (keys of the accept offer). */
  apply?: readonly string[];
}

export interface AcceptResult {
  clientId: string;
  clientNumber: string;
  consentsMoved: number;
  /** The submission's family members linked to existing clients (confirmed by staff). */
  familyMembersLinked: number;
  /** Other clients' family-member rows that now point at the new client (confirmed by staff). */
  linkedAsFamilyMember: number;
}

/**
 * Accepts a pending submission as a new client, in one transaction: the client with the next
 * client number of the year, a residence permit, family members, education, work and languages (as
 * codes, lib/intake/answer-rows.ts), a case note of the decision with the stated needs as codes; the family links staff confirmed; the consents move to the
 * client; the submission is marked accepted and emptied of personal data; "intake.accepted" is
 * audited with the ids linked. Refuses a submission that is not pending, one whose identity code a
 * client already has (merge instead), and, on the consent basis, one without storage consent.
 */
export async function acceptSubmission({ db, actor, input, now = new Date() }: { db: Executor; actor: StaffActor; input: AcceptInput; now?: Date }): Promise<AcceptResult> {
  const assignToCaseworkerId = input.assignToCaseworkerId ?? null;
  return db.transaction(async (tx) => {
    const submission = await lockPendingSubmission(tx, input.submissionId);
    const answers = readAnswers(submission.answers);
    const hash = submission.personalIdentityCodeHash;

    // Two submissions with one code accepted at once must not make two clients.
    await lockIdentityCode(tx, hash);
    if (hash) {
      const holders = await tx.select({ id: clients.id }).from(clients).where(eq(clients.personalIdentityCodeHash, hash));
      if (holders.length > 0) {
        throw refuse("intake", "duplicate_identity_code", "A client with this identity code exists: merge the submission into that client", { clientIds: holders.map((holder) => holder.id) });
      }
    }
    if (assignToCaseworkerId) await requireActiveAssignee(tx, assignToCaseworkerId);

    const settings = await getRegisterSettings({ db: tx });
    const consentBasis = settings.legalBasis.kind === "consent";
    if (consentBasis) {
      const [storage] = await tx
        .select({ id: consents.id })
        .from(consents)
        .where(and(eq(consents.submissionId, submission.id), eq(consents.kind, "storage"), eq(consents.granted, true), isNull(consents.withdrawnAt)))
        .limit(1);
      if (!storage) throw refuse("intake", "no_storage_consent", "The register's basis is consent and the submission has no storage consent");
    }

    const offer = await acceptOfferIn(tx, answers);
    const links = confirmed(offer.familyLinks, input.apply ?? []);
    const memberOf = confirmed(offer.memberOf, input.apply ?? []);

    const { about, contact, residence, family } = answers;
    const clientNumber = await nextClientNumber(tx, registerYear(now));
    const [client] = await tx
      .insert(clients)
      .values({
        clientNumber,
        firstNames: about.firstNames,
        lastName: about.lastName,
        searchName: toSearchName(about.firstNames, about.lastName),
        dateOfBirth: about.dateOfBirth,
        personalIdentityCodeEncrypted: submission.personalIdentityCodeEncrypted,
        personalIdentityCodeHash: hash,
        gender: about.gender && about.gender !== "prefer_not_to_say" ? about.gender : null,
        streetAddress: given(contact.streetAddress),
        postalCode: given(contact.postalCode),
        postOffice: given(contact.postOffice),
        phone: given(contact.phone),
        email: given(contact.email),
        homeMunicipality: given(contact.municipality),
        preferredLanguage: submission.locale,
        interpreterNeeded: about.interpreterNeeded === "yes",
        interpreterLanguage: about.interpreterNeeded === "yes" ? given(about.interpreterLanguage) : null,
        preferredContactMethod: contact.preferredContact ?? null,
        citizenships: citizenshipsOf(answers),
        arrivalDate: residence.arrivalDate ?? null,
        clientGroup: residence.clientGroup ?? "resident",
        maritalStatus: family.maritalStatus ?? null,
        basis: consentBasis ? "consent_electronic" : "legal_obligation",
        status: "active",
        assignedCaseworkerId: assignToCaseworkerId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: clients.id });
    if (!client) throw new Error("Inserting the client returned no row");
    const clientId = client.id;

    const rows = answerRows(answers);
    await insertRows(tx, clientId, now, {
      permit: rows.permit,
      family: rows.family.map((member, index) => ({ ...member, relatedClientId: links.find((link) => link.memberIndex === index)?.relatedClientId ?? null })),
      education: rows.education,
      work: rows.work,
      language: rows.language,
    });
    if (memberOf.length > 0) {
      await tx.update(familyMembers).set({ relatedClientId: clientId }).where(inArray(familyMembers.id, memberOf.map((link) => link.familyMemberId)));
    }

    // The note is facts, rendered in the reader's language (lib/intake/decision-note.ts): no label is stored.
    await tx.insert(caseNotes).values({
      clientId,
      body: "",
      intakeDecision: acceptedNote(answers, { reference: submission.reference, decidedOn: helsinkiDate(now) }),
      authorId: actor.userId,
      createdAt: now,
    });

    const consentsMoved = await closeSubmission(tx, submission, clientId, actor, now, true);
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "intake.accepted",
      clientId,
      details: {
        submissionId: submission.id,
        consentsMoved,
        familyLinks: links.map((link) => ({ memberIndex: link.memberIndex, relatedClientId: link.relatedClientId })),
        linkedAsFamilyMemberOf: memberOf.map((link) => ({ familyMemberId: link.familyMemberId, clientId: link.ownerClientId })),
        assignedCaseworkerId: assignToCaseworkerId,
      },
      requestId: actor.requestId,
    });
    return { clientId, clientNumber, consentsMoved, familyMembersLinked: links.length, linkedAsFamilyMember: memberOf.length };
  });
}

async function requireActiveAssignee(tx: Executor, staffId: string): Promise<void> {
  const [assignee] = await tx.select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt }).from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!assignee || assignee.disabledAt || (assignee.role !== "caseworker" && assignee.role !== "coordinator")) {
    throw refuse("intake", "invalid_assignee", "The client can be assigned only to an active caseworker or coordinator");
  }
}

type InsertableRows = Omit<ReturnType<typeof answerRows>, "family"> & {
  family: (ReturnType<typeof answerRows>["family"][number] & { relatedClientId: string | null })[];
};

/** Inserts a submission's rows for a client, each kind in one statement. */
export async function insertRows(tx: Transaction, clientId: string, now: Date, rows: InsertableRows): Promise<void> {
  const base = { clientId, createdAt: now };
  if (rows.permit.length > 0) await tx.insert(residencePermits).values(rows.permit.map((row) => ({ ...base, ...row, permitType: row.permitType as typeof residencePermits.$inferInsert.permitType })));
  if (rows.family.length > 0) await tx.insert(familyMembers).values(rows.family.map((row) => ({ ...base, ...row })));
  if (rows.education.length > 0) await tx.insert(educations).values(rows.education.map((row) => ({ ...base, ...row })));
  if (rows.work.length > 0) await tx.insert(workExperiences).values(rows.work.map((row) => ({ ...base, ...row })));
  if (rows.language.length > 0) await tx.insert(skills).values(rows.language.map((row) => ({ ...base, kind: "language", ...row })));
}

// ---------------------------------------------------------------------------------------------
// Reject

/**
 * Rejects a pending submission, in one transaction: the submission row is deleted (its consent
 * records cascade with it), a deletion record without personal data remains, and
 * "intake.rejected" is audited with the submission's id and the reason code.
 */
export async function rejectSubmission({
  db,
  actor,
  input,
  now = new Date(),
}: {
  db: Executor;
  actor: StaffActor;
  input: { submissionId: string; reason: IntakeRejectionReason };
  now?: Date;
}): Promise<{ deletionRecordId: string }> {
  if (!isIntakeRejectionReason(input.reason)) throw refuse("intake", "invalid_reason", "Not a rejection reason code");
  return db.transaction(async (tx) => {
    await lockPendingSubmission(tx, input.submissionId);
    await tx.delete(intakeSubmissions).where(eq(intakeSubmissions.id, input.submissionId));
    const [record] = await tx
      .insert(deletionRecords)
      .values({ subjectKind: "intake_submission", subjectReference: input.submissionId, reason: input.reason, deletedBy: actor.userId, deletedAt: now })
      .returning({ id: deletionRecords.id });
    if (!record) throw new Error("Inserting the deletion record returned no row");
    await recordAuditEvent(tx, { actorId: actor.userId, action: "intake.rejected", details: { submissionId: input.submissionId }, reason: input.reason, requestId: actor.requestId });
    return { deletionRecordId: record.id };
  });
}
