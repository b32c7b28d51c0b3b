import "server-only";
import { refuse } from "@/lib/refusal";
import { and, eq, isNull, ne } from "drizzle-orm";
import { auditReasonOf, readOnlyReason, type ReadOnlyReason, type StaffActor } from "@/lib/auth/client-access";
import { decryptField } from "@/lib/crypto";
import { helsinkiDate } from "@/lib/helsinki-time";
import { answerRows } from "@/lib/intake/answer-rows";
import { mergedNote } from "@/lib/intake/decision-note";
import {
  decideMerge,
  proposeMerge,
  type FieldProposal,
  type IdentityCheck,
  type MergeClient,
  type MergeField,
  type MergeProposal,
  type RowSets,
  type SubmitterConfirmation,
} from "@/lib/intake/merge-policy";
import type { StoredIntakeAnswers } from "@/lib/intake/stored-answers";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { normalizeForSearch } from "@/lib/search-name";
import { recordAuditEvent } from "./audit";
import { openForWrite, type WritableCase } from "./case-write";
import { clientAccess } from "./client-access";
import type { Executor, Transaction } from "./connection";
import { clientNumbersOf, closeSubmission, familyLinkCandidates, insertRows, lockIdentityCode, lockPendingSubmission } from "./intake-decisions";
import { readAnswers } from "./intake-queue";
import { caseNotes, clients, educations, familyMembers, residencePermits, skills, workExperiences } from "./schema";

/**
 * Merging a pending intake submission into an existing client (security issue 9). The merge is a
 * write to that client's case, so it takes the same lock-and-access step as every case write
 * (another caseworker's client needs a stated reason, which the audit event carries; a restricted,
 * closed or erasure-pending case refuses), and it applies only what staff confirmed after checking
 * the person's identity (lib/intake/merge-policy.ts): the public form's answers are claims, not facts.
 */

type ClientRow = typeof clients.$inferSelect;

function mergeClient(row: ClientRow): MergeClient {
  return { ...row, hasIdentityCode: row.personalIdentityCodeHash !== null };
}

async function existingRows(tx: Executor, clientId: string): Promise<RowSets & { familyIds: { id: string; fullName: string; dateOfBirth: string | null; relatedClientId: string | null }[] }> {
  const family = await tx.select().from(familyMembers).where(eq(familyMembers.clientId, clientId));
  return {
    permit: await tx.select().from(residencePermits).where(eq(residencePermits.clientId, clientId)),
    family,
    education: await tx.select().from(educations).where(eq(educations.clientId, clientId)),
    work: await tx.select().from(workExperiences).where(eq(workExperiences.clientId, clientId)),
    language: await tx.select().from(skills).where(and(eq(skills.clientId, clientId), eq(skills.kind, "language"))),
    familyIds: family,
  };
}

/** Refuses a submission whose identity code another client holds, or a client holding another code. */
async function checkIdentityCodes(tx: Executor, hash: string | null, client: ClientRow): Promise<void> {
  if (!hash) return;
  if (client.personalIdentityCodeHash && client.personalIdentityCodeHash !== hash) {
    throw refuse("intake", "identity_code_conflict", "The client has a different identity code", { clientIds: [client.id] });
  }
  const others = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.personalIdentityCodeHash, hash), ne(clients.id, client.id)));
  if (others.length > 0) throw refuse("intake", "identity_code_conflict", "Another client has this identity code", { clientIds: others.map((other) => other.id) });
}

async function proposalFor(tx: Executor, client: ClientRow, submission: { answers: StoredIntakeAnswers; locale: string; hasIdentityCode: boolean }) {
  const existing = await existingRows(tx, client.id);
  const proposal = proposeMerge({
    client: mergeClient(client),
    submission,
    submittedRows: answerRows(submission.answers),
    existingRows: existing,
    familyCandidates: await familyLinkCandidates(tx, submission.answers, client.id),
  });
  return { proposal, existing };
}

// ---------------------------------------------------------------------------------------------
// What the merge page shows

export type MergeOffer =
  | { kind: "needs_reason" }
  | { kind: "not_found" }
  | { kind: "read_only"; reason: ReadOnlyReason }
  | {
      kind: "offer";
      client: { id: string; clientNumber: string; firstNames: string; lastName: string };
      answers: StoredIntakeAnswers;
      proposal: MergeProposal;
      /** The client numbers of the clients a family link would join. */
      clientNumbers: Record<string, string>;
      /** The submission's identity code, masked (e.g. 010203A****), when it gives one. */
      maskedIdentityCode: string | null;
    };

/**
 * The differences between the client and the submission, field by field and row by row, for staff to
 * confirm. Reading the client's details is a view of the case: audited as one, with the reason stated
 * for another caseworker's client.
 */
export async function mergeOffer({ db, actor, submissionId, clientId }: { db: Executor; actor: StaffActor; submissionId: string; clientId: string }): Promise<MergeOffer> {
  const access = await clientAccess({ db, actor, clientId });
  if (access.kind === "needs_reason") return { kind: "needs_reason" };
  if (access.kind === "not_found") return { kind: "not_found" };
  return db.transaction(async (tx) => {
    const submission = await lockPendingSubmission(tx, submissionId);
    const [client] = await tx.select().from(clients).where(eq(clients.id, clientId));
    if (!client) return { kind: "not_found" } as const;
    const readOnly = readOnlyReason(client);
    if (readOnly) return { kind: "read_only", reason: readOnly } as const;
    const answers = readAnswers(submission.answers);
    const { proposal } = await proposalFor(tx, client, { answers, locale: submission.locale, hasIdentityCode: submission.personalIdentityCodeHash !== null });
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "client.viewed",
      clientId,
      reason: auditReasonOf(access),
      details: { basis: access.basis, via: "intake_merge", submissionId },
      requestId: actor.requestId,
    });
    const linked = proposal.familyLinks.map((link) => link.relatedClientId);
    if (linked.length > 0) {
      await recordAuditEvent(tx, { actorId: actor.userId, action: "intake.family_links_viewed", details: { submissionId, clientIds: linked }, requestId: actor.requestId });
    }
    return {
      kind: "offer",
      client: { id: client.id, clientNumber: client.clientNumber, firstNames: client.firstNames, lastName: client.lastName },
      answers,
      proposal,
      clientNumbers: await clientNumbersOf(tx, linked),
      maskedIdentityCode: submission.personalIdentityCodeEncrypted ? maskPersonalIdentityCode(decryptField(submission.personalIdentityCodeEncrypted)) : null,
    } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// The merge

export interface MergeInput {
  submissionId: string;
  clientId: string;
  /** Keys of the proposals staff confirmed (lib/intake/merge-policy.ts). */
  apply: readonly string[];
  identityCheck: IdentityCheck;
  submitter: SubmitterConfirmation;
}

export interface MergeResult {
  clientId: string;
  consentsMoved: number;
  /** Fields whose earlier value the submission replaced (confirmed by staff). */
  updatedFields: MergeField[];
  /** Fields the client had no value for and now has (confirmed by staff). */
  filledFields: MergeField[];
  added: { residencePermits: number; familyMembers: number; educations: number; workExperiences: number; languages: number };
  /** Family members linked to other clients (confirmed by staff). */
  familyLinks: { memberIndex: number; relatedClientId: string }[];
  /** Proposals staff did not confirm. */
  declined: number;
  nameMatches: boolean;
}

/**
 * Merges a pending submission into an existing client, in one transaction: the submission and the
 * client locked and the client's access and state checked (the case write recipe); the fields and
 * rows staff confirmed applied, nothing else; family links only where confirmed; the consents
 * attached only when staff confirmed the submitter is the client or their guardian; a case note of
 * the merge (with the earlier values of what changed); the submission closed and emptied; and
 * "intake.merged" audited with the fields (names), the ids linked, the identity check and the reason
 * stated for the client.
 */
export async function mergeSubmission({ db, actor, input, now = new Date() }: { db: Executor; actor: StaffActor; input: MergeInput; now?: Date }): Promise<MergeResult> {
  return db.transaction(async (tx) => {
    const submission = await lockPendingSubmission(tx, input.submissionId);
    const answers = readAnswers(submission.answers);
    const hash = submission.personalIdentityCodeHash;
    await lockIdentityCode(tx, hash);
    const target = await openForWrite(tx, actor, input.clientId);
    const client = target.row;
    await checkIdentityCodes(tx, hash, client);

    const { proposal, existing } = await proposalFor(tx, client, { answers, locale: submission.locale, hasIdentityCode: hash !== null });
    const decision = decideMerge(proposal, input);

    const patch: Partial<typeof clients.$inferInsert> = {};
    for (const change of decision.fields) {
      if (change.field === "personalIdentityCode") {
        patch.personalIdentityCodeEncrypted = submission.personalIdentityCodeEncrypted;
        patch.personalIdentityCodeHash = hash;
      } else {
        (patch as Record<string, unknown>)[change.field] = change.proposed;
      }
    }
    if (decision.fields.length > 0) await tx.update(clients).set({ ...patch, updatedAt: now }).where(eq(clients.id, client.id));

    const rows = answerRows(answers);
    const chosen = (kind: keyof RowSets) => new Set(decision.rows.filter((row) => row.kind === kind).map((row) => row.index));
    const linkOf = (index: number) => decision.familyLinks.find((link) => link.memberIndex === index)?.relatedClientId ?? null;
    const pick = <T>(kind: keyof RowSets, list: T[]) => list.filter((_, index) => chosen(kind).has(index));
    const newFamily = rows.family.map((member, index) => ({ member, index })).filter(({ index }) => chosen("family").has(index));
    await insertRows(tx, client.id, now, {
      permit: pick("permit", rows.permit),
      family: newFamily.map(({ member, index }) => ({ ...member, relatedClientId: linkOf(index) })),
      education: pick("education", rows.education),
      work: pick("work", rows.work),
      language: pick("language", rows.language),
    });
    // A confirmed link for a member the client already had: point that row at the related client.
    for (const link of decision.familyLinks.filter((l) => !chosen("family").has(l.memberIndex))) {
      const member = rows.family[link.memberIndex]!;
      const row = existing.familyIds.find(
        (known) => known.relatedClientId === null && normalizeForSearch(known.fullName) === normalizeForSearch(member.fullName) && (known.dateOfBirth === member.dateOfBirth || !known.dateOfBirth || !member.dateOfBirth),
      );
      if (row) await tx.update(familyMembers).set({ relatedClientId: link.relatedClientId }).where(and(eq(familyMembers.id, row.id), isNull(familyMembers.relatedClientId)));
    }

    const updated = decision.fields.filter((f) => f.kind === "update");
    const filled = decision.fields.filter((f) => f.kind === "fill");
    await writeMergeNote(tx, target, actor, now, { reference: submission.reference, answers, nameMatches: proposal.nameMatches, updated, filled });

    const consentsMoved = await closeSubmission(tx, submission, client.id, actor, now, decision.attachConsents);
    const added = {
      residencePermits: chosen("permit").size,
      familyMembers: chosen("family").size,
      educations: chosen("education").size,
      workExperiences: chosen("work").size,
      languages: chosen("language").size,
    };
    const familyLinks = decision.familyLinks.map((link) => ({ memberIndex: link.memberIndex, relatedClientId: link.relatedClientId }));
    const offered = proposal.fields.length + proposal.rows.length + proposal.familyLinks.length;
    const result: MergeResult = {
      clientId: client.id,
      consentsMoved,
      updatedFields: updated.map((f) => f.field),
      filledFields: filled.map((f) => f.field),
      added,
      familyLinks,
      declined: offered - decision.fields.length - decision.rows.length - decision.familyLinks.length,
      nameMatches: proposal.nameMatches,
    };
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "intake.merged",
      clientId: client.id,
      reason: auditReasonOf(target.access),
      details: {
        submissionId: submission.id,
        identityCheck: input.identityCheck,
        submitter: input.submitter,
        nameMatches: result.nameMatches,
        consentsMoved,
        updatedFields: result.updatedFields,
        filledFields: result.filledFields,
        added,
        familyLinks,
        declined: result.declined,
      },
      requestId: actor.requestId,
    });
    return result;
  });
}

/** The merge's case note: facts (field codes, earlier values, need codes), rendered in the reader's language. */
async function writeMergeNote(
  tx: Transaction,
  target: WritableCase,
  actor: StaffActor,
  now: Date,
  { reference, answers, nameMatches, updated, filled }: { reference: string; answers: StoredIntakeAnswers; nameMatches: boolean; updated: FieldProposal[]; filled: FieldProposal[] },
): Promise<void> {
  const intakeDecision = mergedNote(answers, { reference, decidedOn: helsinkiDate(now), nameMatches, updated, filled });
  await tx.insert(caseNotes).values({ clientId: target.clientId, body: "", intakeDecision, authorId: actor.userId, createdAt: now });
}
