import "server-only";
import { refuse } from "@/lib/refusal";
import { and, asc, count, desc, eq, or, sql } from "drizzle-orm";
import type { StaffActor } from "@/lib/auth/client-access";
import { decryptField } from "@/lib/crypto";
import { parseStoredAnswers, type StoredIntakeAnswers } from "@/lib/intake/stored-answers";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { toSearchName } from "@/lib/search-name";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { agencies, clients, consents, intakeSubmissions } from "./schema";

/**
 * The intake queue (issue 4): pending submissions, the audited view of one, and the existing clients
 * it may duplicate. Every look at a submission's or a client's personal data is audited with the ids
 * shown (security issue 9): the queue names the submissions listed, the duplicate list the clients.
 * The decisions on a submission are in db/intake-decisions.ts.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
type SubmissionRow = typeof intakeSubmissions.$inferSelect;

/** The stored answers, or the refusal naming the fields that do not read (never their values). */
export function readAnswers(answers: unknown): StoredIntakeAnswers {
  const parsed = parseStoredAnswers(answers);
  if (!parsed.ok) throw refuse("intake", "invalid_answers", `The submission's stored answers are not readable (${parsed.fields.join(", ")})`);
  return parsed.answers;
}

// ---------------------------------------------------------------------------------------------
// The queue

export interface PendingSubmission {
  id: string;
  reference: string;
  locale: string;
  submittedAt: Date;
  firstNames: string | null;
  lastName: string | null;
  /** Whole days since submission. */
  ageDays: number;
}

export const QUEUE_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Pending submissions, newest first; `page` counts from 1. */
export async function listPendingSubmissions({
  db,
  page = 1,
  pageSize = QUEUE_PAGE_SIZE,
  now = new Date(),
}: {
  db: Executor;
  page?: number;
  pageSize?: number;
  now?: Date;
}): Promise<PendingSubmission[]> {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(Number.isFinite(pageSize) ? pageSize : QUEUE_PAGE_SIZE)));
  const pageNumber = Math.max(1, Math.trunc(Number.isFinite(page) ? page : 1));
  const rows = await db
    .select({
      id: intakeSubmissions.id,
      reference: intakeSubmissions.reference,
      locale: intakeSubmissions.locale,
      submittedAt: intakeSubmissions.submittedAt,
      firstNames: sql<string | null>`${intakeSubmissions.answers} -> 'about' ->> 'firstNames'`,
      lastName: sql<string | null>`${intakeSubmissions.answers} -> 'about' ->> 'lastName'`,
    })
    .from(intakeSubmissions)
    .where(eq(intakeSubmissions.status, "pending"))
    .orderBy(desc(intakeSubmissions.submittedAt), desc(intakeSubmissions.id))
    .limit(size)
    .offset((pageNumber - 1) * size);
  return rows.map((row) => ({
    ...row,
    ageDays: Math.max(0, Math.floor((now.getTime() - row.submittedAt.getTime()) / DAY_MS)),
  }));
}

export async function countPendingSubmissions({ db }: { db: Executor }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(intakeSubmissions).where(eq(intakeSubmissions.status, "pending"));
  return Number(row?.n ?? 0);
}

/** One page of the queue for a staff member: the names listed are personal data, so the look is audited with the submission ids shown. */
export async function viewIntakeQueue({ db, actor, page, now = new Date() }: { db: Executor; actor: StaffActor; page: number; now?: Date }) {
  return db.transaction(async (tx) => {
    const [rows, total] = await Promise.all([listPendingSubmissions({ db: tx, page, now }), countPendingSubmissions({ db: tx })]);
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "intake.queue_viewed",
      details: { page, submissionIds: rows.map((row) => row.id) },
      requestId: actor.requestId,
    });
    return { rows, total };
  });
}

// ---------------------------------------------------------------------------------------------
// One submission

export interface SubmissionConsent {
  id: string;
  kind: "storage" | "obtain_data" | "disclosure" | "transfer";
  granted: boolean;
  agencyCode: string | null;
  agencyName: string | null;
  sourceAuthority: string | null;
  categories: string[];
  purpose: string | null;
  validFrom: string | null;
  validUntil: string | null;
  givenAt: Date;
  channel: "electronic_form" | "written" | "staff_recorded";
  consentTextId: string | null;
  textSha256: string | null;
  locale: string | null;
  withdrawnAt: Date | null;
}

export interface SubmissionView {
  id: string;
  reference: string;
  locale: string;
  status: "pending" | "accepted" | "rejected";
  submittedAt: Date;
  decidedAt: Date | null;
  acceptedClientId: string | null;
  /** Null once decided: the personal data has moved to the client. */
  answers: StoredIntakeAnswers | null;
  hasIdentityCode: boolean;
  /** e.g. 010203A****; never the full code. */
  maskedIdentityCode: string | null;
  consents: SubmissionConsent[];
}

/** The submission's consent records, as the review shows them. */
export async function consentsOfSubmission(db: Executor, submissionId: string): Promise<SubmissionConsent[]> {
  return db
    .select({
      id: consents.id,
      kind: consents.kind,
      granted: consents.granted,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      sourceAuthority: consents.sourceAuthority,
      categories: consents.categories,
      purpose: consents.purpose,
      validFrom: consents.validFrom,
      validUntil: consents.validUntil,
      givenAt: consents.givenAt,
      channel: consents.channel,
      consentTextId: consents.consentTextId,
      textSha256: consents.textSha256,
      locale: consents.locale,
      withdrawnAt: consents.withdrawnAt,
    })
    .from(consents)
    .leftJoin(agencies, eq(agencies.id, consents.agencyId))
    .where(eq(consents.submissionId, submissionId))
    .orderBy(asc(consents.kind), asc(agencies.code), asc(consents.sourceAuthority));
}

/**
 * A submission for review: its answers (without the identity code, which is only masked) and its
 * consent records. Records "intake.viewed" in the same transaction; an unknown id gives null and
 * records nothing.
 */
export async function viewSubmission({ db, actor, submissionId }: { db: Executor; actor: StaffActor; submissionId: string }): Promise<SubmissionView | null> {
  if (!isUuid(submissionId)) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    if (!row) return null;
    const answers = row.status === "pending" ? readAnswers(row.answers) : null;
    const maskedIdentityCode = row.personalIdentityCodeEncrypted ? maskPersonalIdentityCode(decryptField(row.personalIdentityCodeEncrypted)) : null;
    await recordAuditEvent(tx, { actorId: actor.userId, action: "intake.viewed", details: { submissionId }, requestId: actor.requestId });
    return {
      id: row.id,
      reference: row.reference,
      locale: row.locale,
      status: row.status,
      submittedAt: row.submittedAt,
      decidedAt: row.decidedAt,
      acceptedClientId: row.acceptedClientId,
      answers,
      hasIdentityCode: row.personalIdentityCodeEncrypted !== null,
      maskedIdentityCode,
      consents: await consentsOfSubmission(tx, submissionId),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Possible duplicates

export type DuplicateReason = "identity_code" | "name_and_birth_date";

export interface PossibleDuplicate {
  id: string;
  clientNumber: string;
  firstNames: string;
  lastName: string;
  dateOfBirth: string | null;
  status: "active" | "closed" | "erasure_pending";
  /** The stronger reason when both hold. */
  reason: DuplicateReason;
  reasons: DuplicateReason[];
}

async function duplicatesOf(tx: Executor, submission: Pick<SubmissionRow, "personalIdentityCodeHash" | "answers" | "status">): Promise<PossibleDuplicate[]> {
  if (submission.status !== "pending") return [];
  const about = readAnswers(submission.answers).about;
  const searchName = toSearchName(about.firstNames, about.lastName);
  const byName = and(eq(clients.searchName, searchName), eq(clients.dateOfBirth, about.dateOfBirth));
  const hash = submission.personalIdentityCodeHash;
  const rows = await tx
    .select({
      id: clients.id,
      clientNumber: clients.clientNumber,
      firstNames: clients.firstNames,
      lastName: clients.lastName,
      dateOfBirth: clients.dateOfBirth,
      status: clients.status,
      searchName: clients.searchName,
      hash: clients.personalIdentityCodeHash,
    })
    .from(clients)
    .where(hash ? or(eq(clients.personalIdentityCodeHash, hash), byName) : byName)
    .orderBy(asc(clients.clientNumber))
    .limit(50);
  return rows
    .map(({ searchName: rowName, hash: rowHash, ...client }) => {
      const reasons: DuplicateReason[] = [];
      if (hash && rowHash === hash) reasons.push("identity_code");
      if (rowName === searchName && client.dateOfBirth === about.dateOfBirth) reasons.push("name_and_birth_date");
      return { ...client, reason: reasons[0]!, reasons };
    })
    .filter((client) => client.reasons.length > 0)
    .sort((a, b) => Number(b.reason === "identity_code") - Number(a.reason === "identity_code"));
}

/**
 * Existing clients the submission's person may already be: the same identity code (by its keyed
 * hash) or the same normalized name and date of birth. Identity-code matches first. The list shows
 * other clients' names, so with an `actor` (as the review page passes one) the look-up is audited as
 * "intake.duplicates_viewed" with the client ids found.
 */
export async function findPossibleDuplicates({ db, submissionId, actor }: { db: Executor; submissionId: string; actor?: StaffActor }): Promise<PossibleDuplicate[]> {
  if (!isUuid(submissionId)) return [];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: intakeSubmissions.status, answers: intakeSubmissions.answers, personalIdentityCodeHash: intakeSubmissions.personalIdentityCodeHash })
      .from(intakeSubmissions)
      .where(eq(intakeSubmissions.id, submissionId));
    if (!row) return [];
    const found = await duplicatesOf(tx, row);
    if (actor) {
      await recordAuditEvent(tx, {
        actorId: actor.userId,
        action: "intake.duplicates_viewed",
        details: { submissionId, clientIds: found.map((client) => client.id) },
        requestId: actor.requestId,
      });
    }
    return found;
  });
}
