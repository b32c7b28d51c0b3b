import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import fiMessages from "@/messages/fi.json";
import { decryptField } from "@/lib/crypto";
import { clientGroups, permitTypes } from "@/lib/domain-values";
import { isIntakeRejectionReason, type IntakeRejectionReason } from "@/lib/intake/rejection-reasons";
import {
  contactMethods,
  educationLevels,
  familyRelations,
  genders,
  languageLevels,
  maritalStatuses,
} from "@/lib/intake/steps";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { normalizeForSearch, toSearchName } from "@/lib/search-name";
import { recordAuditEvent } from "./audit";
import { nextClientNumber } from "./client-numbers";
import type { Executor } from "./connection";
import {
  agencies,
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
 * Intake review (issue 4): the queue of pending submissions, the audited view of one, possible
 * duplicates, and the three decisions (accept as a new client, merge into an existing client,
 * reject). Each decision is one transaction that writes its audit event with the acting staff
 * member. Role checks (intake:review, client:assign) belong to the server actions calling these.
 *
 * Personal data never leaves through the side doors: audit details and deletion records hold ids
 * and codes only, error messages name no person, and the identity code is only ever copied as
 * ciphertext and hash (decrypted here solely to mask it for the view).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Advisory-lock namespace (with hashtext(identity code hash) as the second key): one decision per code at a time. */
const IDENTITY_CODE_LOCK = 71_405_120;

export type IntakeReviewErrorCode =
  | "not_found"
  | "not_pending"
  | "invalid_answers"
  | "duplicate_identity_code"
  | "identity_code_conflict"
  | "client_not_found"
  | "invalid_assignee"
  | "no_storage_consent"
  | "invalid_reason";

/** A decision the data does not allow; `code` tells the action which message to show. */
export class IntakeReviewError extends Error {
  override name = "IntakeReviewError";
  constructor(
    readonly code: IntakeReviewErrorCode,
    message: string,
    /** For duplicate_identity_code and identity_code_conflict: the clients holding the code. */
    readonly clientIds: readonly string[] = [],
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// The stored answers

const optionalText = z.string().optional();
const yesNo = z.enum(["yes", "no"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The answers as submitIntake stored them (the step schemas' output without the identity code),
 * read back tolerantly: types and codes are checked, the form's relative rules (dates not in the
 * future as of the day of filling in) are not re-applied.
 */
export const storedIntakeAnswersSchema = z.object({
  about: z.object({
    firstNames: z.string().min(1),
    lastName: z.string().min(1),
    dateOfBirth: isoDate,
    hasIdentityCode: yesNo.optional(),
    gender: z.enum(genders).optional(),
    citizenship: optionalText,
    otherCitizenship: optionalText,
    nativeLanguage: optionalText,
    otherLanguages: optionalText,
    interpreterNeeded: yesNo.optional(),
    interpreterLanguage: optionalText,
  }),
  contact: z
    .object({
      phone: optionalText,
      email: optionalText,
      streetAddress: optionalText,
      postalCode: optionalText,
      postOffice: optionalText,
      municipality: optionalText,
      preferredContact: z.enum(contactMethods).optional(),
    })
    .default({}),
  residence: z
    .object({
      permitType: z.enum(permitTypes).optional(),
      permitValidFrom: isoDate.optional(),
      permitValidUntil: isoDate.optional(),
      arrivalDate: isoDate.optional(),
      clientGroup: z.enum(clientGroups).optional(),
    })
    .default({}),
  family: z
    .object({
      maritalStatus: z.enum(maritalStatuses).optional(),
      members: z
        .array(
          z.object({
            fullName: z.string().min(1),
            relation: z.enum(familyRelations),
            dateOfBirth: isoDate.optional(),
            livesInFinland: yesNo.optional(),
          }),
        )
        .default([]),
      childcareNeeds: optionalText,
    })
    .default({ members: [] }),
  "education-work": z
    .object({
      educations: z
        .array(
          z.object({
            level: z.enum(educationLevels),
            field: optionalText,
            country: optionalText,
            endYear: z.number().int().optional(),
          }),
        )
        .default([]),
      work: z
        .array(z.object({ jobTitle: z.string().min(1), country: optionalText, years: z.number().int().optional() }))
        .default([]),
      finnishLevel: z.enum(languageLevels).optional(),
      swedishLevel: z.enum(languageLevels).optional(),
    })
    .default({ educations: [], work: [] }),
  "service-needs": z.object({ needs: z.array(z.string()).default([]), details: optionalText }).default({ needs: [] }),
});

export type StoredIntakeAnswers = z.output<typeof storedIntakeAnswersSchema>;

function parseAnswers(answers: unknown): StoredIntakeAnswers {
  const parsed = storedIntakeAnswersSchema.safeParse(answers);
  // The issues name fields, never values: safe to put in a message.
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))].join(", ");
    throw new IntakeReviewError("invalid_answers", `The submission's stored answers are not readable (${fields})`);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The calendar year in Finland: a client accepted at 00:30 on 1 January, Helsinki time, gets the new year's number. */
export function registerYear(now: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Helsinki", year: "numeric" }).format(now));
}

const fiOptions = fiMessages.intake.options as Record<string, Record<string, string> | undefined>;
/** The Finnish label of a form option (the register's working language), or the code itself. */
function fiLabel(group: string, code: string): string {
  return fiOptions[group]?.[code] ?? code;
}

function finnishDate(date: Date): string {
  return new Intl.DateTimeFormat("fi-FI", { timeZone: "Europe/Helsinki", day: "numeric", month: "numeric", year: "numeric" }).format(date);
}

const given = (value: string | undefined | null): string | null => (value && value.trim() !== "" ? value : null);
const same = (a: string | null | undefined, b: string | null | undefined) => normalizeForSearch(a ?? "") === normalizeForSearch(b ?? "");

type SubmissionRow = typeof intakeSubmissions.$inferSelect;

/** Locks the submission row for the rest of the transaction; refuses one already decided. */
async function lockPendingSubmission(tx: Executor, submissionId: string): Promise<SubmissionRow> {
  if (!UUID.test(submissionId)) throw new IntakeReviewError("not_found", "No such intake submission");
  const [row] = await tx.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId)).for("update");
  if (!row) throw new IntakeReviewError("not_found", "No such intake submission");
  if (row.status !== "pending") throw new IntakeReviewError("not_pending", `The submission is already ${row.status}`);
  return row;
}

async function lockIdentityCode(tx: Executor, hash: string | null): Promise<void> {
  if (hash) await tx.execute(sql`select pg_advisory_xact_lock(${IDENTITY_CODE_LOCK}, hashtext(${hash}))`);
}

/** The submission is decided: its personal data now lives in the client, so it leaves the submission. */
async function closeSubmission(tx: Executor, submissionId: string, clientId: string, actorId: string, now: Date) {
  await tx
    .update(intakeSubmissions)
    .set({
      status: "accepted",
      acceptedClientId: clientId,
      decidedBy: actorId,
      decidedAt: now,
      answers: {},
      personalIdentityCodeEncrypted: null,
      personalIdentityCodeHash: null,
    })
    .where(eq(intakeSubmissions.id, submissionId));
  // The consents follow the person; submission_id stays as their provenance.
  const moved = await tx
    .update(consents)
    .set({ clientId })
    .where(eq(consents.submissionId, submissionId))
    .returning({ id: consents.id });
  return moved.length;
}

/**
 * The one existing client with this name and date of birth, if exactly one: a family member is
 * linked only when the match is unambiguous.
 */
async function uniqueClientByNameAndBirthDate(
  tx: Executor,
  fullName: string,
  dateOfBirth: string | undefined,
  excludeClientId: string,
): Promise<string | null> {
  if (!dateOfBirth) return null;
  const rows = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.searchName, normalizeForSearch(fullName)), eq(clients.dateOfBirth, dateOfBirth), ne(clients.id, excludeClientId)))
    .limit(2);
  return rows.length === 1 ? rows[0]!.id : null;
}

type FamilyInsert = typeof familyMembers.$inferInsert;
type EducationInsert = typeof educations.$inferInsert;
type WorkInsert = typeof workExperiences.$inferInsert;
type SkillInsert = typeof skills.$inferInsert;

async function familyRows(tx: Executor, answers: StoredIntakeAnswers, clientId: string, now: Date): Promise<FamilyInsert[]> {
  const rows: FamilyInsert[] = [];
  for (const member of answers.family.members) {
    rows.push({
      clientId,
      relatedClientId: await uniqueClientByNameAndBirthDate(tx, member.fullName, member.dateOfBirth, clientId),
      relation: member.relation,
      fullName: member.fullName,
      dateOfBirth: member.dateOfBirth ?? null,
      livesInFinland: member.livesInFinland !== "no",
      createdAt: now,
    });
  }
  return rows;
}

function educationRows(answers: StoredIntakeAnswers, clientId: string, now: Date): EducationInsert[] {
  return answers["education-work"].educations.map((education) => ({
    clientId,
    level: fiLabel("educationLevel", education.level),
    field: given(education.field),
    country: given(education.country),
    endYear: education.endYear ?? null,
    createdAt: now,
  }));
}

function workRows(answers: StoredIntakeAnswers, clientId: string, now: Date): WorkInsert[] {
  return answers["education-work"].work.map((work) => ({
    clientId,
    jobTitle: work.jobTitle,
    country: given(work.country),
    description: work.years !== undefined ? `Kokemusta ${work.years} v (ilmoitettu lomakkeella)` : null,
    createdAt: now,
  }));
}

/** Languages: the native language, any others named, Finnish and Swedish at the level given. */
function languageRows(answers: StoredIntakeAnswers, clientId: string, now: Date): SkillInsert[] {
  const rows: SkillInsert[] = [];
  const language = (name: string, level: string | null) => rows.push({ clientId, kind: "language", name, level, createdAt: now });
  const { nativeLanguage, otherLanguages } = answers.about;
  if (given(nativeLanguage)) language(nativeLanguage!, "äidinkieli");
  if (given(otherLanguages)) language(otherLanguages!, null);
  const { finnishLevel, swedishLevel } = answers["education-work"];
  if (finnishLevel) language("suomi", fiLabel("languageLevel", finnishLevel));
  if (swedishLevel && swedishLevel !== "none") language("ruotsi", fiLabel("languageLevel", swedishLevel));
  return rows;
}

function citizenshipsOf(answers: StoredIntakeAnswers): string[] {
  return [answers.about.citizenship, answers.about.otherCitizenship].filter((value): value is string => Boolean(given(value)));
}

/** What the person wrote about their needs, for the case note. */
function needsLines(answers: StoredIntakeAnswers): string[] {
  const lines: string[] = [];
  const needs = answers["service-needs"].needs;
  if (needs.length > 0) lines.push(`Palvelutarpeet: ${needs.map((need) => fiLabel("serviceNeed", need)).join("; ")}.`);
  if (given(answers["service-needs"].details)) lines.push(`Lisätiedot: ${answers["service-needs"].details}`);
  if (given(answers.family.childcareNeeds)) lines.push(`Lasten hoito ja koulu: ${answers.family.childcareNeeds}`);
  return lines;
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

export const MAX_PAGE_SIZE = 100;

/** Pending submissions, newest first; `page` counts from 1. */
export async function listPendingSubmissions({
  db,
  page = 1,
  pageSize = 25,
  now = new Date(),
}: {
  db: Executor;
  page?: number;
  pageSize?: number;
  now?: Date;
}): Promise<PendingSubmission[]> {
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(Number.isFinite(pageSize) ? pageSize : 25)));
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

/**
 * A submission for review: its answers (without the identity code, which is only masked) and its
 * consent records. Records "intake.viewed" in the same transaction; an unknown id gives null and
 * records nothing.
 */
export async function viewSubmission({
  db,
  submissionId,
  actorId,
  requestId,
}: {
  db: Executor;
  submissionId: string;
  actorId: string;
  requestId?: string | null;
}): Promise<SubmissionView | null> {
  if (!UUID.test(submissionId)) return null;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    if (!row) return null;
    const consentRows = await tx
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
    const answers = row.status === "pending" ? parseAnswers(row.answers) : null;
    const maskedIdentityCode = row.personalIdentityCodeEncrypted
      ? maskPersonalIdentityCode(decryptField(row.personalIdentityCodeEncrypted))
      : null;
    await recordAuditEvent(tx, { actorId, action: "intake.viewed", details: { submissionId }, requestId: requestId ?? null });
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
      consents: consentRows,
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

async function duplicatesOf(
  tx: Executor,
  submission: Pick<SubmissionRow, "personalIdentityCodeHash" | "answers" | "status">,
): Promise<PossibleDuplicate[]> {
  if (submission.status !== "pending") return [];
  const about = parseAnswers(submission.answers).about;
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
 * other clients' names, so with `actorId` (as the review page passes it) the look-up is audited as
 * "intake.duplicates_viewed" with the client ids found.
 */
export async function findPossibleDuplicates({
  db,
  submissionId,
  actorId,
  requestId,
}: {
  db: Executor;
  submissionId: string;
  actorId?: string | null;
  requestId?: string | null;
}): Promise<PossibleDuplicate[]> {
  if (!UUID.test(submissionId)) return [];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        status: intakeSubmissions.status,
        answers: intakeSubmissions.answers,
        personalIdentityCodeHash: intakeSubmissions.personalIdentityCodeHash,
      })
      .from(intakeSubmissions)
      .where(eq(intakeSubmissions.id, submissionId));
    if (!row) return [];
    const found = await duplicatesOf(tx, row);
    if (actorId) {
      await recordAuditEvent(tx, {
        actorId,
        action: "intake.duplicates_viewed",
        details: { submissionId, clientIds: found.map((client) => client.id) },
        requestId: requestId ?? null,
      });
    }
    return found;
  });
}

// ---------------------------------------------------------------------------------------------
// Accept

export interface AcceptResult {
  clientId: string;
  clientNumber: string;
  consentsMoved: number;
  /** The submission's family members found to be clients already. */
  familyMembersLinked: number;
  /** Other clients' family-member rows that now point at the new client. */
  linkedAsFamilyMember: number;
}

/**
 * Accepts a pending submission as a new client, in one transaction: the client with the next
 * client number of the year, a residence permit, family members (linked to existing clients by
 * name and date of birth), education, work and languages, an initial case note with the needs;
 * the consents move to the client; the submission is marked accepted and emptied of personal data;
 * "intake.accepted" is audited. Refuses a submission that is not pending, one whose identity code
 * a client already has (merge instead), and, on the consent basis, one without storage consent.
 */
export async function acceptSubmission({
  db,
  submissionId,
  actorId,
  assignToCaseworkerId = null,
  now = new Date(),
}: {
  db: Executor;
  submissionId: string;
  actorId: string;
  assignToCaseworkerId?: string | null;
  now?: Date;
}): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const submission = await lockPendingSubmission(tx, submissionId);
    const answers = parseAnswers(submission.answers);
    const hash = submission.personalIdentityCodeHash;

    // Two submissions with one code accepted at once must not make two clients.
    await lockIdentityCode(tx, hash);
    if (hash) {
      const holders = await tx.select({ id: clients.id }).from(clients).where(eq(clients.personalIdentityCodeHash, hash));
      if (holders.length > 0) {
        throw new IntakeReviewError(
          "duplicate_identity_code",
          "A client with this identity code exists: merge the submission into that client",
          holders.map((holder) => holder.id),
        );
      }
    }

    if (assignToCaseworkerId) {
      const [assignee] = await tx
        .select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
        .from(staffUsers)
        .where(eq(staffUsers.id, assignToCaseworkerId));
      if (!assignee || assignee.disabledAt || !["caseworker", "coordinator"].includes(assignee.role)) {
        throw new IntakeReviewError("invalid_assignee", "The client can be assigned only to an active caseworker or coordinator");
      }
    }

    const settings = await getRegisterSettings({ db: tx });
    const consentBasis = settings.legalBasis.kind === "consent";
    if (consentBasis) {
      const [storage] = await tx
        .select({ id: consents.id })
        .from(consents)
        .where(and(eq(consents.submissionId, submissionId), eq(consents.kind, "storage"), eq(consents.granted, true), isNull(consents.withdrawnAt)))
        .limit(1);
      if (!storage) throw new IntakeReviewError("no_storage_consent", "The register's basis is consent and the submission has no storage consent");
    }

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

    if (residence.permitType) {
      await tx.insert(residencePermits).values({
        clientId,
        permitType: residence.permitType,
        validFrom: residence.permitValidFrom ?? null,
        validUntil: residence.permitValidUntil ?? null,
        createdAt: now,
      });
    }

    const members = await familyRows(tx, answers, clientId, now);
    if (members.length > 0) await tx.insert(familyMembers).values(members);
    const linkedAsFamilyMember = await linkAsFamilyMember(tx, clientId, about.firstNames, about.lastName, about.dateOfBirth);

    const educationValues = educationRows(answers, clientId, now);
    if (educationValues.length > 0) await tx.insert(educations).values(educationValues);
    const workValues = workRows(answers, clientId, now);
    if (workValues.length > 0) await tx.insert(workExperiences).values(workValues);
    const languageValues = languageRows(answers, clientId, now);
    if (languageValues.length > 0) await tx.insert(skills).values(languageValues);

    await tx.insert(caseNotes).values({
      clientId,
      body: [`Sähköinen asiakastietolomake ${submission.reference} hyväksytty ${finnishDate(now)}.`, ...needsLines(answers)].join("\n"),
      authorId: actorId,
      createdAt: now,
    });

    const consentsMoved = await closeSubmission(tx, submissionId, clientId, actorId, now);
    const familyMembersLinked = members.filter((member) => member.relatedClientId).length;
    await recordAuditEvent(tx, {
      actorId,
      action: "intake.accepted",
      clientId,
      details: { submissionId, consentsMoved, familyMembersLinked, linkedAsFamilyMember, assignedCaseworkerId: assignToCaseworkerId },
    });
    return { clientId, clientNumber, consentsMoved, familyMembersLinked, linkedAsFamilyMember };
  });
}

/**
 * Other clients' family members who are this person (same normalized name and date of birth, not
 * yet linked) now point at the new client, unless another client has that name and date of birth too.
 */
async function linkAsFamilyMember(tx: Executor, clientId: string, firstNames: string, lastName: string, dateOfBirth: string): Promise<number> {
  const searchName = toSearchName(firstNames, lastName);
  const [other] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.searchName, searchName), eq(clients.dateOfBirth, dateOfBirth), ne(clients.id, clientId)))
    .limit(1);
  if (other) return 0;
  const candidates = await tx
    .select({ id: familyMembers.id, fullName: familyMembers.fullName })
    .from(familyMembers)
    .where(and(eq(familyMembers.dateOfBirth, dateOfBirth), isNull(familyMembers.relatedClientId), ne(familyMembers.clientId, clientId)));
  const ids = candidates.filter((row) => normalizeForSearch(row.fullName) === searchName).map((row) => row.id);
  if (ids.length === 0) return 0;
  await tx.update(familyMembers).set({ relatedClientId: clientId }).where(inArray(familyMembers.id, ids));
  return ids.length;
}

// ---------------------------------------------------------------------------------------------
// Merge

/** Client columns a merge may change, with their Finnish names for the case note. */
const fieldNames = {
  phone: "puhelin",
  email: "sähköposti",
  streetAddress: "katuosoite",
  postalCode: "postinumero",
  postOffice: "postitoimipaikka",
  homeMunicipality: "kotikunta",
  preferredContactMethod: "yhteydenottotapa",
  preferredLanguage: "asiointikieli",
  interpreterNeeded: "tulkin tarve",
  interpreterLanguage: "tulkkauskieli",
  dateOfBirth: "syntymäaika",
  gender: "sukupuoli",
  personalIdentityCode: "henkilötunnus",
  arrivalDate: "maahantulopäivä",
  maritalStatus: "siviilisääty",
  citizenships: "kansalaisuudet",
} as const;
export type MergeField = keyof typeof fieldNames;

export interface MergeResult {
  clientId: string;
  consentsMoved: number;
  /** Fields whose earlier value the submission replaced (contact details). */
  updatedFields: MergeField[];
  /** Fields the client had no value for and now has. */
  filledFields: MergeField[];
  added: { residencePermits: number; familyMembers: number; educations: number; workExperiences: number; languages: number };
}

/**
 * Merges a pending submission into an existing client, in one transaction, keeping both
 * histories: the submission's consents join the client's; contact details the person gave replace
 * the client's (the case note keeps the earlier values; the audit names the fields only); fields
 * the client lacks are filled in; permits, family members, education, work and languages not
 * already recorded are appended; a case note records the merge. The submission is marked accepted
 * into the client and emptied of personal data; "intake.merged" is audited. Refuses when the
 * client has a different identity code or another client has the submission's code.
 */
export async function mergeSubmission({
  db,
  submissionId,
  clientId,
  actorId,
  now = new Date(),
}: {
  db: Executor;
  submissionId: string;
  clientId: string;
  actorId: string;
  now?: Date;
}): Promise<MergeResult> {
  return db.transaction(async (tx) => {
    const submission = await lockPendingSubmission(tx, submissionId);
    const answers = parseAnswers(submission.answers);
    const hash = submission.personalIdentityCodeHash;
    await lockIdentityCode(tx, hash);
    if (!UUID.test(clientId)) throw new IntakeReviewError("client_not_found", "No such client");
    const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
    if (!client) throw new IntakeReviewError("client_not_found", "No such client");

    if (hash) {
      if (client.personalIdentityCodeHash && client.personalIdentityCodeHash !== hash) {
        throw new IntakeReviewError("identity_code_conflict", "The client has a different identity code", [clientId]);
      }
      const others = await tx
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.personalIdentityCodeHash, hash), ne(clients.id, clientId)));
      if (others.length > 0) {
        throw new IntakeReviewError("identity_code_conflict", "Another client has this identity code", others.map((other) => other.id));
      }
    }

    const { about, contact, residence, family } = answers;
    const patch: Partial<typeof clients.$inferInsert> = {};
    const updatedFields: MergeField[] = [];
    const filledFields: MergeField[] = [];
    const earlier: string[] = [];

    // Contact details: what the person gave now is the current value.
    const interpreterNeeded = about.interpreterNeeded === undefined ? undefined : about.interpreterNeeded === "yes";
    const contactValues: Partial<Record<MergeField, string | boolean | null | undefined>> = {
      phone: given(contact.phone),
      email: given(contact.email),
      streetAddress: given(contact.streetAddress),
      postalCode: given(contact.postalCode),
      postOffice: given(contact.postOffice),
      homeMunicipality: given(contact.municipality),
      preferredContactMethod: contact.preferredContact,
      preferredLanguage: submission.locale,
      interpreterNeeded,
      interpreterLanguage: interpreterNeeded === undefined ? undefined : interpreterNeeded ? given(about.interpreterLanguage) : null,
    };
    for (const [field, value] of Object.entries(contactValues) as [MergeField, string | boolean | null | undefined][]) {
      if (value === undefined || (value === null && field !== "interpreterLanguage")) continue;
      const previous = client[field as keyof typeof client] as string | boolean | null;
      if (previous === value) continue;
      (patch as Record<string, unknown>)[field] = value;
      if (previous === null || previous === undefined) {
        filledFields.push(field);
      } else {
        updatedFields.push(field);
        earlier.push(`${fieldNames[field]}: ${typeof previous === "boolean" ? (previous ? "kyllä" : "ei") : previous}`);
      }
    }

    // Identity, residence and family details: only where the client has none.
    const fillIn = (field: MergeField, current: unknown, value: string | null | undefined) => {
      if ((current === null || current === undefined) && value) {
        (patch as Record<string, unknown>)[field] = value;
        filledFields.push(field);
      }
    };
    fillIn("dateOfBirth", client.dateOfBirth, about.dateOfBirth);
    fillIn("gender", client.gender, about.gender && about.gender !== "prefer_not_to_say" ? about.gender : null);
    fillIn("arrivalDate", client.arrivalDate, residence.arrivalDate);
    fillIn("maritalStatus", client.maritalStatus, family.maritalStatus);
    if (hash && !client.personalIdentityCodeHash) {
      patch.personalIdentityCodeEncrypted = submission.personalIdentityCodeEncrypted;
      patch.personalIdentityCodeHash = hash;
      filledFields.push("personalIdentityCode");
    }
    const newCitizenships = citizenshipsOf(answers).filter((c) => !client.citizenships.some((existing) => same(existing, c)));
    if (newCitizenships.length > 0) {
      patch.citizenships = [...client.citizenships, ...newCitizenships];
      (client.citizenships.length > 0 ? updatedFields : filledFields).push("citizenships");
    }
    await tx
      .update(clients)
      .set({ ...patch, updatedAt: now })
      .where(eq(clients.id, clientId));

    // Rows: appended unless the client already has the same one.
    const added = { residencePermits: 0, familyMembers: 0, educations: 0, workExperiences: 0, languages: 0 };
    if (residence.permitType) {
      const permits = await tx.select().from(residencePermits).where(eq(residencePermits.clientId, clientId));
      const known = permits.some(
        (p) =>
          p.permitType === residence.permitType &&
          p.validFrom === (residence.permitValidFrom ?? null) &&
          p.validUntil === (residence.permitValidUntil ?? null),
      );
      if (!known) {
        await tx.insert(residencePermits).values({
          clientId,
          permitType: residence.permitType,
          validFrom: residence.permitValidFrom ?? null,
          validUntil: residence.permitValidUntil ?? null,
          createdAt: now,
        });
        added.residencePermits = 1;
      }
    }

    const existingMembers = await tx.select().from(familyMembers).where(eq(familyMembers.clientId, clientId));
    const newMembers = (await familyRows(tx, answers, clientId, now)).filter(
      (member) =>
        !existingMembers.some(
          (row) => same(row.fullName, member.fullName) && (row.dateOfBirth === member.dateOfBirth || !row.dateOfBirth || !member.dateOfBirth),
        ),
    );
    if (newMembers.length > 0) await tx.insert(familyMembers).values(newMembers);
    added.familyMembers = newMembers.length;

    const existingEducations = await tx.select().from(educations).where(eq(educations.clientId, clientId));
    const newEducations = educationRows(answers, clientId, now).filter(
      (e) => !existingEducations.some((row) => same(row.level, e.level) && same(row.field, e.field) && same(row.country, e.country) && row.endYear === e.endYear),
    );
    if (newEducations.length > 0) await tx.insert(educations).values(newEducations);
    added.educations = newEducations.length;

    const existingWork = await tx.select().from(workExperiences).where(eq(workExperiences.clientId, clientId));
    const newWork = workRows(answers, clientId, now).filter(
      (w) => !existingWork.some((row) => same(row.jobTitle, w.jobTitle) && same(row.country, w.country)),
    );
    if (newWork.length > 0) await tx.insert(workExperiences).values(newWork);
    added.workExperiences = newWork.length;

    // A language at a level not yet recorded gets its own row; the earlier level stays as history.
    const existingSkills = await tx.select().from(skills).where(eq(skills.clientId, clientId));
    const newLanguages = languageRows(answers, clientId, now).filter(
      (l) => !existingSkills.some((row) => row.kind === "language" && same(row.name, l.name) && same(row.level, l.level)),
    );
    if (newLanguages.length > 0) await tx.insert(skills).values(newLanguages);
    added.languages = newLanguages.length;

    const lines = [`Uusi sähköinen asiakastietolomake ${submission.reference} yhdistetty asiakkaan tietoihin ${finnishDate(now)}.`];
    if (!same(toSearchName(about.firstNames, about.lastName), client.searchName)) {
      lines.push(`Lomakkeella ilmoitettu nimi: ${about.firstNames} ${about.lastName}.`);
    }
    if (updatedFields.length > 0) {
      lines.push(`Päivitetyt tiedot: ${updatedFields.map((field) => fieldNames[field]).join(", ")}.`);
      lines.push(`Aiemmat tiedot: ${earlier.join("; ")}.`);
    }
    if (filledFields.length > 0) lines.push(`Lisätyt tiedot: ${filledFields.map((field) => fieldNames[field]).join(", ")}.`);
    lines.push(...needsLines(answers));
    await tx.insert(caseNotes).values({ clientId, body: lines.join("\n"), authorId: actorId, createdAt: now });

    const consentsMoved = await closeSubmission(tx, submissionId, clientId, actorId, now);
    await recordAuditEvent(tx, {
      actorId,
      action: "intake.merged",
      clientId,
      details: { submissionId, consentsMoved, updatedFields, filledFields, added },
    });
    return { clientId, consentsMoved, updatedFields, filledFields, added };
  });
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
  submissionId,
  actorId,
  reason,
  now = new Date(),
}: {
  db: Executor;
  submissionId: string;
  actorId: string;
  reason: IntakeRejectionReason;
  now?: Date;
}): Promise<{ deletionRecordId: string }> {
  if (!isIntakeRejectionReason(reason)) throw new IntakeReviewError("invalid_reason", "Not a rejection reason code");
  return db.transaction(async (tx) => {
    await lockPendingSubmission(tx, submissionId);
    await tx.delete(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    const [record] = await tx
      .insert(deletionRecords)
      .values({ subjectKind: "intake_submission", subjectReference: submissionId, reason, deletedBy: actorId, deletedAt: now })
      .returning({ id: deletionRecords.id });
    if (!record) throw new Error("Inserting the deletion record returned no row");
    await recordAuditEvent(tx, { actorId, action: "intake.rejected", details: { submissionId }, reason });
    return { deletionRecordId: record.id };
  });
}
