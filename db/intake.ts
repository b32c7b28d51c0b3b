import "server-only";
import { refuse } from "@/lib/refusal";
import { and, eq, gt, lt } from "drizzle-orm";
import { decryptField, encryptField, lookupHash } from "@/lib/crypto";
import type { IntakeAnswers, IntakeStep } from "@/lib/intake/steps";
import { intakeSteps } from "@/lib/intake/steps";
import { draftExpiresAt } from "@/lib/intake/draft-policy";
import { generateReference } from "@/lib/intake/reference";
import { normalizePersonalIdentityCode } from "@/lib/personal-identity-code";
import { DEFAULT_DRAFT_IDLE_MINUTES, type RegisterSettings } from "@/lib/register-settings";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { agencies, consents, consentTexts, intakeDrafts, intakeSubmissions } from "./schema";
import { currentConsentText, type ConsentKind, type ConsentText } from "./settings";

/**
 * How long a draft lasts after its last saved page when the caller names no idle limit: the
 * register settings' default (retention.intakeDraftIdleMinutes). The pages pass the settings' value.
 */
export const DRAFT_TTL_MS = DEFAULT_DRAFT_IDLE_MINUTES * 60_000;

/** The consent step's answer, with the exact consent texts the person was shown. */
export interface IntakeConsentAnswer {
  storageConsent: boolean;
  obtainFrom: string[];
  discloseTo: string[];
  shownTexts: Partial<Record<ConsentKind, string>>;
}

export interface IntakeDraft {
  id: string;
  locale: string;
  answers: IntakeAnswers & { consent?: IntakeConsentAnswer };
  personalIdentityCode: string | undefined;
  expiresAt: Date;
}

export async function createDraft({
  db,
  locale,
  now = new Date(),
  idleMinutes = DEFAULT_DRAFT_IDLE_MINUTES,
}: {
  db: Executor;
  locale: string;
  now?: Date;
  idleMinutes?: number;
}): Promise<string> {
  const [row] = await db
    .insert(intakeDrafts)
    .values({ locale, answers: {}, createdAt: now, updatedAt: now, expiresAt: draftExpiresAt(now, idleMinutes) })
    .returning({ id: intakeDrafts.id });
  if (!row) throw new Error("Inserting the intake draft returned no row");
  return row.id;
}

/**
 * "Start a new form": the draft this browser had (if any) is deleted and a new, empty one made, in
 * one transaction. Starting never reopens earlier answers, so the next person at a shared
 * computer starts from nothing, whatever the previous one left.
 */
export async function startNewDraft({
  db,
  previousDraftId,
  locale,
  idleMinutes = DEFAULT_DRAFT_IDLE_MINUTES,
  now = new Date(),
}: {
  db: Executor;
  previousDraftId: string | undefined;
  locale: string;
  idleMinutes?: number;
  now?: Date;
}): Promise<string> {
  return db.transaction(async (tx) => {
    if (previousDraftId && isUuid(previousDraftId)) await tx.delete(intakeDrafts).where(eq(intakeDrafts.id, previousDraftId));
    return createDraft({ db: tx, locale, now, idleMinutes });
  });
}

/** The draft behind a cookie, unless it has expired (then it is as good as gone). */
export async function loadDraft({ db, draftId, now = new Date() }: { db: Executor; draftId: string | undefined; now?: Date }): Promise<IntakeDraft | null> {
  if (!draftId || !isUuid(draftId)) return null;
  const [row] = await db
    .select()
    .from(intakeDrafts)
    .where(and(eq(intakeDrafts.id, draftId), gt(intakeDrafts.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    locale: row.locale,
    answers: row.answers as IntakeDraft["answers"],
    personalIdentityCode: row.personalIdentityCodeEncrypted ? decryptField(row.personalIdentityCodeEncrypted) : undefined,
    expiresAt: row.expiresAt,
  };
}

/**
 * Saves one step's validated answer. The identity code never enters the JSON: it is kept
 * encrypted in its own column.
 */
export async function saveDraftStep<S extends IntakeStep>({
  db,
  draft,
  step,
  value,
  locale,
  idleMinutes = DEFAULT_DRAFT_IDLE_MINUTES,
  now = new Date(),
}: {
  db: Executor;
  draft: IntakeDraft;
  step: S;
  value: NonNullable<IntakeAnswers[S]>;
  locale: string;
  /** Each saved page moves the expiry forward by the idle limit. */
  idleMinutes?: number;
  now?: Date;
}): Promise<void> {
  let stored: unknown = value;
  const patch: Partial<typeof intakeDrafts.$inferInsert> = {};
  if (step === "about") {
    const { personalIdentityCode, ...rest } = value as NonNullable<IntakeAnswers["about"]>;
    stored = rest;
    patch.personalIdentityCodeEncrypted = personalIdentityCode ? encryptField(personalIdentityCode) : null;
  }
  await db
    .update(intakeDrafts)
    .set({ ...patch, locale, answers: { ...draft.answers, [step]: stored }, updatedAt: now, expiresAt: draftExpiresAt(now, idleMinutes) })
    .where(eq(intakeDrafts.id, draft.id));
}

export async function saveDraftConsent({
  db,
  draft,
  consent,
  idleMinutes = DEFAULT_DRAFT_IDLE_MINUTES,
  now = new Date(),
}: {
  db: Executor;
  draft: IntakeDraft;
  consent: IntakeConsentAnswer;
  idleMinutes?: number;
  now?: Date;
}) {
  await db
    .update(intakeDrafts)
    .set({ answers: { ...draft.answers, consent }, updatedAt: now, expiresAt: draftExpiresAt(now, idleMinutes) })
    .where(eq(intakeDrafts.id, draft.id));
}

export async function deleteDraft({ db, draftId }: { db: Executor; draftId: string }): Promise<void> {
  if (!isUuid(draftId)) return;
  await db.delete(intakeDrafts).where(eq(intakeDrafts.id, draftId));
}

export async function purgeExpiredDrafts({ db, now = new Date() }: { db: Executor; now?: Date }): Promise<number> {
  const rows = await db.delete(intakeDrafts).where(lt(intakeDrafts.expiresAt, now)).returning({ id: intakeDrafts.id });
  return rows.length;
}

/** The first question page without an answer, or null when every one is answered. */
export function firstMissingStep(answers: IntakeAnswers): IntakeStep | null {
  return intakeSteps.find((step) => answers[step] === undefined) ?? null;
}

/**
 * The consent text of a kind to show in a locale: the newest version in that locale, else in
 * English, else in Finnish. The consent record names the text actually shown, whatever its locale.
 */
export async function consentTextToShow({ db, kind, locale }: { db: Executor; kind: ConsentKind; locale: string }): Promise<ConsentText | undefined> {
  for (const candidate of [locale, "en", "fi"]) {
    const text = await currentConsentText({ db, kind, locale: candidate });
    if (text) return text;
  }
  return undefined;
}


/**
 * Turns a finished draft into a submission, in one transaction: the submission with an unguessable
 * reference, one consent record per choice (granted or not) naming the exact text shown, an audit
 * event, and the draft deleted. Nothing is half-written.
 */
export async function submitIntake({
  db,
  draftId,
  settings,
  now = new Date(),
}: {
  db: Executor;
  draftId: string;
  settings: RegisterSettings;
  now?: Date;
}): Promise<{ submissionId: string; reference: string }> {
  // Not an id at all (a garbled cookie): no draft, rather than a query the database refuses.
  if (!isUuid(draftId)) throw refuse("intake", "incomplete", "The draft is gone or expired");
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(intakeDrafts).where(and(eq(intakeDrafts.id, draftId), gt(intakeDrafts.expiresAt, now))).for("update");
    if (!row) throw refuse("intake", "incomplete", "The draft is gone or expired");
    const answers = row.answers as IntakeDraft["answers"];
    const consent = answers.consent;
    if (firstMissingStep(answers) !== null || !consent) throw refuse("intake", "incomplete", "The draft is not complete");
    const consentBasis = settings.legalBasis.kind === "consent";
    if (consentBasis && !consent.storageConsent) throw refuse("intake", "incomplete", "Storage consent was not given");

    const { consent: _consent, ...answersWithoutConsent } = answers;
    const code = row.personalIdentityCodeEncrypted ? decryptField(row.personalIdentityCodeEncrypted) : undefined;
    const reference = await uniqueReference(tx);
    const [submission] = await tx
      .insert(intakeSubmissions)
      .values({
        reference,
        locale: row.locale,
        answers: answersWithoutConsent,
        personalIdentityCodeEncrypted: row.personalIdentityCodeEncrypted,
        personalIdentityCodeHash: code ? lookupHash(normalizePersonalIdentityCode(code)) : null,
        submittedAt: now,
      })
      .returning({ id: intakeSubmissions.id });
    if (!submission) throw new Error("Inserting the submission returned no row");

    const texts = new Map<string, { id: string; sha256: string; locale: string }>();
    for (const id of Object.values(consent.shownTexts)) {
      if (!id) continue;
      const [text] = await tx.select().from(consentTexts).where(eq(consentTexts.id, id));
      if (text) texts.set(id, { id: text.id, sha256: text.sha256, locale: text.locale });
    }
    const evidence = (kind: ConsentKind) => {
      const text = consent.shownTexts[kind] ? texts.get(consent.shownTexts[kind]!) : undefined;
      if (!text) throw refuse("intake", "incomplete", `No ${kind} consent text was recorded as shown`);
      return { consentTextId: text.id, textSha256: text.sha256, locale: text.locale };
    };
    const base = { submissionId: submission.id, givenAt: now, channel: "electronic_form" as const };
    const records: (typeof consents.$inferInsert)[] = [];
    if (consentBasis) {
      records.push({ ...base, ...evidence("storage"), kind: "storage", granted: consent.storageConsent, purpose: settings.register.purpose.fi });
    }
    for (const authority of settings.obtainFromAuthorities) {
      records.push({
        ...base,
        ...evidence("obtain_data"),
        kind: "obtain_data",
        granted: consent.obtainFrom.includes(authority.code),
        sourceAuthority: authority.code,
        purpose: authority.description?.fi ?? null,
      });
    }
    const agencyRows = await tx.select({ id: agencies.id, code: agencies.code }).from(agencies);
    for (const agency of settings.agencies.filter((a) => a.intakeConsent)) {
      const agencyId = agencyRows.find((a) => a.code === agency.code)?.id;
      if (!agencyId) throw new Error(`Agency ${agency.code} is in the settings but not in the agencies table`);
      const validUntil = new Date(now);
      validUntil.setUTCMonth(validUntil.getUTCMonth() + agency.intakeConsent!.validMonths);
      records.push({
        ...base,
        ...evidence("disclosure"),
        kind: "disclosure",
        granted: consent.discloseTo.includes(agency.code),
        agencyId,
        categories: agency.intakeConsent!.categories,
        purpose: agency.intakeConsent!.purpose.fi,
        validFrom: now.toISOString().slice(0, 10),
        validUntil: validUntil.toISOString().slice(0, 10),
      });
    }
    if (records.length > 0) await tx.insert(consents).values(records);
    await tx.delete(intakeDrafts).where(eq(intakeDrafts.id, draftId));
    await recordAuditEvent(tx, {
      actorId: null,
      action: "intake.submitted",
      details: { submissionId: submission.id, consents: records.length, locale: row.locale },
    });
    return { submissionId: submission.id, reference };
  });
}

async function uniqueReference(tx: Executor): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = generateReference();
    const [taken] = await tx.select({ id: intakeSubmissions.id }).from(intakeSubmissions).where(eq(intakeSubmissions.reference, reference));
    if (!taken) return reference;
  }
  throw new Error("Could not find a free reference");
}

/** What the confirmation page and the receipt show: the reference and each consent choice. */
export async function loadReceipt({ db, submissionId }: { db: Executor; submissionId: string }) {
  if (!isUuid(submissionId)) return null;
  const [submission] = await db
    .select({ id: intakeSubmissions.id, reference: intakeSubmissions.reference, submittedAt: intakeSubmissions.submittedAt, locale: intakeSubmissions.locale })
    .from(intakeSubmissions)
    .where(eq(intakeSubmissions.id, submissionId));
  if (!submission) return null;
  const rows = await db
    .select({
      kind: consents.kind,
      granted: consents.granted,
      agencyCode: agencies.code,
      sourceAuthority: consents.sourceAuthority,
      categories: consents.categories,
      validUntil: consents.validUntil,
      textSha256: consents.textSha256,
      consentTextId: consents.consentTextId,
      locale: consents.locale,
      givenAt: consents.givenAt,
    })
    .from(consents)
    .leftJoin(agencies, eq(agencies.id, consents.agencyId))
    .where(eq(consents.submissionId, submissionId));
  return { submission, consents: rows };
}
