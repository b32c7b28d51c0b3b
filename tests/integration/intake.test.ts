import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomUUID } from "node:crypto";
import { count, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { verifyAuditChain } from "@/db/audit-verify";
import {
  consentTextToShow,
  createDraft,
  deleteDraft,
  DRAFT_TTL_MS,
  loadDraft,
  loadReceipt,
  purgeExpiredDrafts,
  saveDraftConsent,
  saveDraftStep,
  submitIntake,
  type IntakeConsentAnswer,
} from "@/db/intake";
import { consumeIntakeSubmission } from "@/db/intake-rate-limit";
import { agencies, auditEvents, clients, consents, consentTexts, intakeDrafts, intakeSubmissions } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import { decryptField, lookupHash } from "@/lib/crypto";
import { consentSchemaFor, intakeSteps, issuesByField, stepSchemas, type IntakeAnswers, type IntakeStep } from "@/lib/intake/steps";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";
import type { RegisterSettings } from "@/lib/register-settings";
import { rawIntakeAnswers, type RawIntakeAnswers } from "@/demo/factories/intake-answers";
import { createTestDatabase, testBackend } from "../helpers/database";
import { Refusal } from "@/lib/refusal";

/** The refusal a submission of an unfinished, expired or unknown draft gets. */
const incomplete = { name: "Refusal", domain: "intake", code: "incomplete" };

/** Rows of a raw query on either driver (PGlite answers { rows }, postgres.js an array). */
async function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/** How many rows of any table hold `needle` in any column, as text. */
async function occurrencesAnywhere(db: Executor, needle: string): Promise<Record<string, number>> {
  const columns = await rawRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  const found: Record<string, number> = {};
  for (const [table, names] of byTable) {
    const anyColumn = sql.join(
      names.map((name) => sql`strpos(upper(${sql.identifier(name)}::text), upper(${needle})) > 0`),
      sql` or `,
    );
    const [row] = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${anyColumn}`);
    if (Number(row?.n) > 0) found[table] = Number(row?.n);
  }
  return found;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const REFERENCE = /^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{3}$/;

type RawAnswers = RawIntakeAnswers;

/** A person's answers as the form posts them, with the empty family row a person may leave; `i` makes each person different. */
const rawAnswers = (i = 0): RawAnswers => rawIntakeAnswers(i, { emptyRows: true });

function parseAll(raw: RawAnswers): Required<IntakeAnswers> {
  return Object.fromEntries(intakeSteps.map((step) => [step, stepSchemas[step].parse(raw[step])])) as Required<IntakeAnswers>;
}

describe(`the intake form on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  /** Consent rows one submission writes with these settings: storage, each authority, each agency asking in the form. */
  let consentsPerSubmission: number;
  const shownTextsCache = new Map<string, IntakeConsentAnswer["shownTexts"]>();

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    settings = await getRegisterSettings({ db });
    consentsPerSubmission =
      (settings.legalBasis.kind === "consent" ? 1 : 0) +
      settings.obtainFromAuthorities.length +
      settings.agencies.filter((agency) => agency.intakeConsent).length;
  });
  afterAll(async () => handle?.close());

  /** The consent texts the consent page shows in `locale`, as the consent action records them. */
  async function shownTextsFor(locale: string): Promise<IntakeConsentAnswer["shownTexts"]> {
    let shown = shownTextsCache.get(locale);
    if (!shown) {
      shown = {};
      for (const kind of ["storage", "obtain_data", "disclosure"] as const) {
        const text = await consentTextToShow({ db, kind, locale });
        if (text) shown[kind] = text.id;
      }
      shownTextsCache.set(locale, shown);
    }
    return { ...shown };
  }

  /** The consent page's answer, validated with the settings' schema and stored as the action stores it. */
  async function consentAnswer(locale: string, form: Record<string, unknown>): Promise<IntakeConsentAnswer> {
    const schema = consentSchemaFor({
      storageConsentRequired: settings.legalBasis.kind === "consent",
      authorityCodes: settings.obtainFromAuthorities.map((authority) => authority.code),
      agencyCodes: settings.agencies.filter((agency) => agency.intakeConsent).map((agency) => agency.code),
    });
    const parsed = schema.parse(form);
    return {
      storageConsent: parsed.storageConsent === "yes",
      obtainFrom: parsed.obtainFrom as string[],
      discloseTo: parsed.discloseTo as string[],
      shownTexts: await shownTextsFor(locale),
    };
  }

  const defaultConsentForm = { storageConsent: "yes", obtainFrom: "wellbeing_county", discloseTo: ["te_office"] };

  /** A draft with every step saved (reloaded before each save, as each page does) and the consent given. */
  async function completeDraft({
    locale = "fi",
    raw = rawAnswers(),
    consentForm = defaultConsentForm,
    consent,
  }: {
    locale?: string;
    raw?: RawAnswers;
    consentForm?: Record<string, unknown>;
    consent?: Partial<IntakeConsentAnswer>;
  } = {}): Promise<string> {
    const draftId = await createDraft({ db, locale });
    for (const step of intakeSteps) {
      const draft = await loadDraft({ db, draftId });
      if (!draft) throw new Error("The draft vanished while being filled in");
      await saveDraftStep({ db, draft, step, value: stepSchemas[step].parse(raw[step]) as never, locale });
    }
    const draft = await loadDraft({ db, draftId });
    if (!draft) throw new Error("The draft vanished while being filled in");
    await saveDraftConsent({ db, draft, consent: { ...(await consentAnswer(locale, consentForm)), ...consent } });
    return draftId;
  }

  async function tableCount(table: typeof intakeSubmissions | typeof consents | typeof auditEvents | typeof intakeDrafts): Promise<number> {
    const [row] = await db.select({ n: count() }).from(table);
    return Number(row?.n);
  }

  async function counts() {
    return {
      submissions: await tableCount(intakeSubmissions),
      consents: await tableCount(consents),
      auditEvents: await tableCount(auditEvents),
    };
  }

  it("submits a complete draft: the submission, one consent record per choice with the exact text shown, an audit event, the draft gone", async () => {
    const code = formatPersonalIdentityCode({ dateOfBirth: "2003-01-01", individualNumber: 931 });
    expect(code).toMatch(/[A-Z]/);
    const raw = rawAnswers(1);
    raw.about = { ...raw.about, dateOfBirth: "2003-01-01", personalIdentityCode: ` ${code.toLowerCase()} ` };
    const draftId = await completeDraft({ raw });

    // The draft keeps the code encrypted, never in its JSON.
    const [draftRow] = await db.select().from(intakeDrafts).where(eq(intakeDrafts.id, draftId));
    expect(JSON.stringify(draftRow!.answers).toUpperCase()).not.toContain(code);
    expect(decryptField(draftRow!.personalIdentityCodeEncrypted!)).toBe(code);

    const before = await counts();
    const now = new Date();
    const { submissionId, reference } = await submitIntake({ db, draftId, settings, now });
    expect(reference).toMatch(REFERENCE);

    // One submission.
    const after = await counts();
    expect(after.submissions).toBe(before.submissions + 1);
    const [submission] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    expect(submission).toMatchObject({ reference, locale: "fi", status: "pending", acceptedClientId: null });
    expect(submission!.submittedAt.getTime()).toBe(now.getTime());
    const answers = submission!.answers as Record<string, unknown>;
    const expected = parseAll(raw);
    expect(answers).toEqual(JSON.parse(JSON.stringify({ ...expected, about: { ...expected.about, personalIdentityCode: undefined } })));
    expect(answers).not.toHaveProperty("consent");
    expect(answers.about).not.toHaveProperty("personalIdentityCode");
    expect(JSON.stringify(answers).toUpperCase()).not.toContain(code);
    expect(decryptField(submission!.personalIdentityCodeEncrypted!)).toBe(code);
    expect(submission!.personalIdentityCodeHash).toBe(lookupHash(code));
    // Nowhere in the database is the code in plain text (in either case).
    expect(await occurrencesAnywhere(db, code)).toEqual({});

    // One consent record per choice, each naming the exact text shown.
    const rows = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
    expect(rows).toHaveLength(consentsPerSubmission);
    expect(after.consents).toBe(before.consents + consentsPerSubmission);
    const texts = new Map((await db.select().from(consentTexts)).map((text) => [text.id, text]));
    const shown = await shownTextsFor("fi");
    for (const row of rows) {
      expect(row.channel).toBe("electronic_form");
      expect(row.clientId).toBeNull();
      expect(row.givenAt.getTime()).toBe(now.getTime());
      expect(row.withdrawnAt).toBeNull();
      expect(row.consentTextId).toBe(shown[row.kind as keyof typeof shown]);
      const text = texts.get(row.consentTextId!);
      expect(text?.kind).toBe(row.kind);
      expect(row.textSha256).toBe(sha256(text!.body));
      expect(row.locale).toBe("fi");
      expect(text!.locale).toBe("fi");
    }
    const byKind = (kind: string) => rows.filter((row) => row.kind === kind);

    expect(byKind("storage")).toHaveLength(1);
    expect(byKind("storage")[0]).toMatchObject({ granted: true, purpose: settings.register.purpose.fi, agencyId: null });

    const obtain = byKind("obtain_data");
    expect(obtain.map((row) => row.sourceAuthority).sort()).toEqual(settings.obtainFromAuthorities.map((a) => a.code).sort());
    for (const row of obtain) {
      expect(row.granted).toBe(row.sourceAuthority === "wellbeing_county");
      expect(row.purpose).toBe(settings.obtainFromAuthorities.find((a) => a.code === row.sourceAuthority)?.description?.fi ?? null);
    }

    const agencyCodes = new Map((await db.select().from(agencies)).map((agency) => [agency.id, agency.code]));
    const disclosure = byKind("disclosure");
    const asking = settings.agencies.filter((agency) => agency.intakeConsent);
    expect(disclosure.map((row) => agencyCodes.get(row.agencyId!)).sort()).toEqual(asking.map((agency) => agency.code).sort());
    expect(asking.length).toBeGreaterThan(1);
    for (const row of disclosure) {
      const agency = asking.find((a) => a.code === agencyCodes.get(row.agencyId!))!;
      expect(row.granted, agency.code).toBe(agency.code === "te_office");
      expect(row.categories).toEqual(agency.intakeConsent!.categories);
      expect(row.purpose).toBe(agency.intakeConsent!.purpose.fi);
      const validUntil = new Date(now);
      validUntil.setUTCMonth(validUntil.getUTCMonth() + agency.intakeConsent!.validMonths);
      expect(row.validFrom).toBe(now.toISOString().slice(0, 10));
      expect(row.validUntil).toBe(validUntil.toISOString().slice(0, 10));
    }

    // The draft is gone.
    expect(await loadDraft({ db, draftId })).toBeNull();
    expect(await db.select().from(intakeDrafts).where(eq(intakeDrafts.id, draftId))).toEqual([]);

    // One audit event, naming the submission and no personal data.
    expect(after.auditEvents).toBe(before.auditEvents + 1);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "intake.submitted"));
    const event = events.find((e) => e.details.submissionId === submissionId);
    expect(event).toMatchObject({ actorId: null, clientId: null, details: { submissionId, consents: consentsPerSubmission, locale: "fi" } });
    expect((await verifyAuditChain({ db })).ok).toBe(true);

    // The receipt shows the same choices.
    const receipt = await loadReceipt({ db, submissionId });
    expect(receipt?.submission.reference).toBe(reference);
    expect(receipt?.consents).toHaveLength(consentsPerSubmission);
    expect(receipt?.consents.filter((c) => c.granted).map((c) => c.agencyCode ?? c.sourceAuthority ?? c.kind).sort()).toEqual(
      ["storage", "te_office", "wellbeing_county"].sort(),
    );

    // Submitting the same draft again finds nothing to submit.
    await expect(submitIntake({ db, draftId, settings })).rejects.toMatchObject(incomplete);
    expect(await counts()).toEqual(after);
  });

  it("records the text actually shown when the person's language has none (it falls back to English)", async () => {
    // Somali: a language people write in, with no consent texts in the demo.
    expect(await db.select().from(consentTexts).where(eq(consentTexts.locale, "so"))).toEqual([]);
    const draftId = await completeDraft({ locale: "so", raw: rawAnswers(2), consentForm: { storageConsent: "yes" } });
    const { submissionId } = await submitIntake({ db, draftId, settings });
    const [submission] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    expect(submission!.locale).toBe("so");
    const rows = await db
      .select({ locale: consents.locale, granted: consents.granted, kind: consents.kind, sha: consents.textSha256, body: consentTexts.body })
      .from(consents)
      .innerJoin(consentTexts, eq(consentTexts.id, consents.consentTextId))
      .where(eq(consents.submissionId, submissionId));
    expect(rows).toHaveLength(consentsPerSubmission);
    for (const row of rows) {
      expect(row.locale).toBe("en");
      expect(row.sha).toBe(sha256(row.body));
      expect(row.granted).toBe(row.kind === "storage");
    }
  });

  // -------------------------------------------------------------------------------------------
  // Hostile input

  /** Where each hostile value goes: text fields of every step, short and long, top level and in rows. */
  const targets: { step: IntakeStep; path: (string | number)[]; multiline?: true }[] = [
    { step: "about", path: ["firstNames"] },
    { step: "about", path: ["lastName"] },
    { step: "about", path: ["otherLanguages"] },
    { step: "contact", path: ["municipality"] },
    { step: "contact", path: ["streetAddress"] },
    { step: "family", path: ["members", 0, "fullName"] },
    { step: "family", path: ["childcareNeeds"], multiline: true },
    { step: "education-work", path: ["educations", 0, "field"] },
    { step: "education-work", path: ["work", 0, "jobTitle"] },
    { step: "service-needs", path: ["details"], multiline: true },
  ];

  function getAt(object: unknown, path: (string | number)[]): unknown {
    return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], object);
  }
  function setAt(object: Record<string, unknown>, path: (string | number)[], value: unknown): void {
    const parent = getAt(object, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path.at(-1)!] = value;
  }

  /** `oneLineOnly`: refused in one-line fields, kept verbatim in the multi-line ones. */
  const hostile: { name: string; value: string; refused?: string; oneLineOnly?: true }[] = [
    { name: "a 10 kB string", value: "A".repeat(10 * 1024), refused: "tooLong" },
    { name: "10 kB of Arabic", value: "ع".repeat(10 * 1024), refused: "tooLong" },
    { name: "control characters", value: "Amina\u0007\u001b[2J\u0008", refused: "invalidCharacters" },
    { name: "a NUL byte", value: "Amina\u0000Hassan", refused: "invalidCharacters" },
    { name: "only NUL bytes", value: "\u0000\u0000\u0000", refused: "invalidCharacters" },
    { name: "a script tag", value: "<script>alert(1)</script>" },
    { name: "an attribute injection", value: `"><img src=x onerror=alert(1)>` },
    { name: "an SQL fragment", value: "'); DROP TABLE clients;--" },
    { name: "more SQL", value: `Robert'); DELETE FROM intake_submissions WHERE ''=''; --` },
    { name: "JSON and escapes", value: String.raw`{"$ne": null} \u0000 \" \\ %s %n $1` + " ${x} {{x}}" },
    { name: "right-to-left override", value: "\u202Egnp.exe\u202C Amina" },
    { name: "right-to-left and bidi isolates", value: "\u200F\u2067محمد\u2069 \u200E(2)" },
    { name: "emoji", value: "👩🏽‍🔬 Amina 🇫🇮 ❤️" },
    { name: "Arabic text", value: "محمد عبد الله الحسن" },
    { name: "Cyrillic, Hebrew and CJK", value: "Юлія · שלום · 李小龙" },
    { name: "combining characters", value: "Z\u0351\u0362a\u0361\u0308l\u0335g\u0334o\u0336" },
    // Security issue 9, deliverable 8: a line break in a one-line field could split a CSV row.
    { name: "a line break inside", value: "rivi 1\nrivi 2", refused: "invalidCharacters", oneLineOnly: true },
    { name: "a bare carriage return inside", value: "rivi 1\r=1+1", refused: "invalidCharacters", oneLineOnly: true },
  ];

  it.each(hostile)("$name is refused with a field error or stored verbatim", async ({ value, refused, oneLineOnly }) => {
    const raw = rawAnswers(3);
    for (const { step, path } of targets) setAt(raw[step], path, value);
    // A line break is fine in a long answer; a one-line field refuses it.

    if (refused) {
      const refusedIn = oneLineOnly ? targets.filter((t) => !t.multiline) : targets;
      for (const step of new Set(refusedIn.map((t) => t.step))) {
        const result = stepSchemas[step].safeParse(raw[step]);
        expect(result.success, step).toBe(false);
        const errors = issuesByField(result.error!);
        for (const target of refusedIn.filter((t) => t.step === step)) {
          expect(errors[target.path.join(".")], `${step}.${target.path.join(".")}`).toContain(refused);
        }
      }
      for (const target of targets.filter((t) => !refusedIn.includes(t))) {
        const result = stepSchemas[target.step].safeParse(raw[target.step]);
        const errors = result.success ? {} : issuesByField(result.error);
        expect(errors[target.path.join(".")], `${target.step}.${target.path.join(".")} keeps its lines`).toBeUndefined();
      }
      return;
    }

    const before = await counts();
    const draftId = await completeDraft({ raw });
    const { submissionId, reference } = await submitIntake({ db, draftId, settings });
    const [submission] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    for (const { step, path } of targets) {
      expect(getAt((submission!.answers as Record<string, unknown>)[step], path), `${step}.${path.join(".")}`).toBe(value);
    }
    expect(submission!.reference).toBe(reference);
    // The tables are all still there and only one submission was added.
    expect(await db.select({ n: count() }).from(clients)).toHaveLength(1);
    expect((await counts()).submissions).toBe(before.submissions + 1);
    // Read back through the receipt, too.
    expect((await loadReceipt({ db, submissionId }))?.submission.reference).toBe(reference);
  });

  // -------------------------------------------------------------------------------------------
  // Atomicity

  it("writes nothing when the submission fails inside its transaction, and keeps the draft", async () => {
    const failures: { name: string; draft: () => Promise<string>; settings?: () => RegisterSettings; error: RegExp | (new (...args: never[]) => Error) }[] = [
      {
        name: "a shown text that does not exist",
        draft: async () => completeDraft({ raw: rawAnswers(4), consent: { shownTexts: { ...(await shownTextsFor("fi")), disclosure: randomUUID() } } }),
        error: Refusal,
      },
      {
        name: "a shown text id that is not even a uuid (the database refuses the query)",
        draft: async () => completeDraft({ raw: rawAnswers(5), consent: { shownTexts: { ...(await shownTextsFor("fi")), obtain_data: "not-a-uuid" } } }),
        error: /uuid|invalid input/i,
      },
      {
        name: "no storage text recorded",
        draft: async () => completeDraft({ raw: rawAnswers(6), consent: { shownTexts: { obtain_data: (await shownTextsFor("fi")).obtain_data } } }),
        error: Refusal,
      },
      {
        name: "settings naming an agency missing from the agencies table",
        draft: () => completeDraft({ raw: rawAnswers(7) }),
        settings: () => ({
          ...settings,
          agencies: [
            ...settings.agencies,
            { ...settings.agencies.find((agency) => agency.code === "te_office")!, code: "ghost_agency", name: "Ghost" },
          ],
        }),
        error: /ghost_agency.*not in the agencies table/,
      },
    ];

    for (const failure of failures) {
      const draftId = await failure.draft();
      const draftBefore = await loadDraft({ db, draftId });
      const before = await counts();
      const attempt = submitIntake({ db, draftId, settings: failure.settings?.() ?? settings });
      if (failure.error instanceof RegExp) await expect(attempt, failure.name).rejects.toThrow(failure.error);
      else await expect(attempt, failure.name).rejects.toBeInstanceOf(failure.error);

      expect(await counts(), failure.name).toEqual(before);
      const draftAfter = await loadDraft({ db, draftId });
      expect(draftAfter, failure.name).not.toBeNull();
      expect(draftAfter!.answers).toEqual(draftBefore!.answers);
      expect(draftAfter!.personalIdentityCode).toBe(draftBefore!.personalIdentityCode);
      // No row of this person anywhere but in the draft.
      expect(await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.personalIdentityCodeHash, lookupHash(draftBefore!.personalIdentityCode!)))).toEqual([]);
    }
    // The same database still takes a good submission, and the chain is intact.
    const { submissionId } = await submitIntake({ db, draftId: await completeDraft({ raw: rawAnswers(8) }), settings });
    expect(await db.select({ n: count() }).from(consents).where(eq(consents.submissionId, submissionId))).toEqual([{ n: consentsPerSubmission }]);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("refuses a draft without storage consent or with a step missing, writing nothing", async () => {
    const refusedStorage = await completeDraft({ raw: rawAnswers(9), consent: { storageConsent: false } });
    const before = await counts();
    await expect(submitIntake({ db, draftId: refusedStorage, settings })).rejects.toThrow(/Storage consent/);

    const partial = await createDraft({ db, locale: "fi" });
    const draft = await loadDraft({ db, draftId: partial });
    await saveDraftStep({ db, draft: draft!, step: "about", value: stepSchemas.about.parse(rawAnswers(10).about), locale: "fi" });
    await expect(submitIntake({ db, draftId: partial, settings })).rejects.toThrow(/not complete/);
    expect(await counts()).toEqual(before);
    expect(await loadDraft({ db, draftId: refusedStorage })).not.toBeNull();
    expect(await loadDraft({ db, draftId: partial })).not.toBeNull();
  });

  it("refusal: deleteDraft leaves no draft and no submission or consent", async () => {
    const draftId = await completeDraft({ raw: rawAnswers(11) });
    const before = await counts();
    const draftsBefore = await tableCount(intakeDrafts);
    await deleteDraft({ db, draftId });
    expect(await loadDraft({ db, draftId })).toBeNull();
    expect(await db.select().from(intakeDrafts).where(eq(intakeDrafts.id, draftId))).toEqual([]);
    expect(await tableCount(intakeDrafts)).toBe(draftsBefore - 1);
    expect(await counts()).toEqual(before);
    // Nothing left to submit; a malformed id deletes nothing.
    await expect(submitIntake({ db, draftId, settings })).rejects.toMatchObject(incomplete);
    await deleteDraft({ db, draftId: "'; DELETE FROM intake_drafts; --" });
    expect(await tableCount(intakeDrafts)).toBe(draftsBefore - 1);
    expect(await counts()).toEqual(before);
  });

  // -------------------------------------------------------------------------------------------
  // Concurrency

  it("takes 200 concurrent submissions: 200 references, every consent row, an intact audit chain", { timeout: 120_000 }, async () => {
    const N = 200;
    const before = await counts();
    const draftIds = await Promise.all(Array.from({ length: N }, (_, i) => completeDraft({ raw: rawAnswers(100 + i), locale: i % 2 ? "fi" : "en" })));
    expect(new Set(draftIds).size).toBe(N);

    const results = await Promise.all(draftIds.map((draftId) => submitIntake({ db, draftId, settings })));
    const submissionIds = results.map((r) => r.submissionId);
    expect(new Set(submissionIds).size).toBe(N);
    expect(new Set(results.map((r) => r.reference)).size).toBe(N);
    for (const { reference } of results) expect(reference).toMatch(REFERENCE);

    const after = await counts();
    expect(after.submissions).toBe(before.submissions + N);
    expect(after.consents).toBe(before.consents + N * consentsPerSubmission);
    expect(after.auditEvents).toBe(before.auditEvents + N);
    const perSubmission = await db
      .select({ submissionId: consents.submissionId, n: count() })
      .from(consents)
      .where(inArray(consents.submissionId, submissionIds))
      .groupBy(consents.submissionId);
    expect(perSubmission).toHaveLength(N);
    expect(perSubmission.every((row) => Number(row.n) === consentsPerSubmission)).toBe(true);
    expect(await db.select({ n: count() }).from(intakeDrafts).where(inArray(intakeDrafts.id, draftIds))).toEqual([{ n: 0 }]);
    const events = await db.select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.action, "intake.submitted"));
    const audited = new Set(events.map((e) => e.details.submissionId));
    expect(submissionIds.every((id) => audited.has(id))).toBe(true);

    const verdict = await verifyAuditChain({ db });
    expect(verdict).toMatchObject({ ok: true, count: after.auditEvents });
  });

  // -------------------------------------------------------------------------------------------
  // Expiry

  it("loadDraft refuses an expired draft and a malformed id", async () => {
    const longAgo = new Date(Date.now() - DRAFT_TTL_MS - 60_000);
    const expired = await createDraft({ db, locale: "fi", now: longAgo });
    expect(await loadDraft({ db, draftId: expired })).toBeNull();
    // It was a good draft while it lasted.
    expect(await loadDraft({ db, draftId: expired, now: new Date(longAgo.getTime() + 1000) })).toMatchObject({ id: expired, locale: "fi" });
    await expect(submitIntake({ db, draftId: expired, settings })).rejects.toMatchObject(incomplete);

    const fresh = await createDraft({ db, locale: "sv" });
    expect(await loadDraft({ db, draftId: fresh })).toMatchObject({ id: fresh, locale: "sv", answers: {}, personalIdentityCode: undefined });
    for (const bad of [undefined, "", "not-a-uuid", `${fresh}0`, ` ${fresh}`, `${fresh}' OR '1'='1`, "'; DROP TABLE intake_drafts;--", randomUUID()]) {
      expect(await loadDraft({ db, draftId: bad }), JSON.stringify(bad)).toBeNull();
    }
    await deleteDraft({ db, draftId: expired });
    await deleteDraft({ db, draftId: fresh });
  });

  it("purgeExpiredDrafts deletes only expired drafts", async () => {
    const now = new Date();
    const expired = [
      await createDraft({ db, locale: "fi", now: new Date(now.getTime() - DRAFT_TTL_MS - 1) }),
      await createDraft({ db, locale: "fi", now: new Date(now.getTime() - 3 * DRAFT_TTL_MS) }),
    ];
    const live = [await createDraft({ db, locale: "fi", now: new Date(now.getTime() - DRAFT_TTL_MS + 60_000) }), await completeDraft({ raw: rawAnswers(12) })];
    const expiredBefore = await db.select({ id: intakeDrafts.id }).from(intakeDrafts).where(lt(intakeDrafts.expiresAt, now));
    expect(expiredBefore.map((row) => row.id).sort()).toEqual([...expired].sort());
    const total = await tableCount(intakeDrafts);

    expect(await purgeExpiredDrafts({ db, now })).toBe(expired.length);
    expect(await db.select().from(intakeDrafts).where(inArray(intakeDrafts.id, expired))).toEqual([]);
    expect(await tableCount(intakeDrafts)).toBe(total - expired.length);
    for (const draftId of live) expect(await loadDraft({ db, draftId, now })).not.toBeNull();
    // Nothing more to purge; a complete live draft still submits.
    expect(await purgeExpiredDrafts({ db, now })).toBe(0);
    await submitIntake({ db, draftId: live[1]!, settings });
  });

  // -------------------------------------------------------------------------------------------
  // Rate limit

  it("allows up to the limit of submissions per address, then refuses with a retry time, per address", async () => {
    const previous = process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR;
    process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = "3";
    try {
      // The quota counts only requests that carry a live draft (security issue 9).
      const draftId = await createDraft({ db, locale: "fi" });
      const first = "198.51.100.7";
      const second = "2001:db8::42";
      for (let i = 0; i < 3; i++) expect(await consumeIntakeSubmission({ db, address: first, draftId })).toEqual({ allowed: true });
      const refused = await consumeIntakeSubmission({ db, address: first, draftId });
      expect(refused).toMatchObject({ allowed: false, reason: "rate_limited" });
      if (refused.allowed || refused.reason !== "rate_limited") throw new Error("unreachable");
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60 * 60);

      // Another address has its own allowance; every address of one IPv6 /64 shares one.
      for (let i = 0; i < 3; i++) expect(await consumeIntakeSubmission({ db, address: second, draftId })).toEqual({ allowed: true });
      expect(await consumeIntakeSubmission({ db, address: "2001:db8::4242", draftId })).toMatchObject({ allowed: false, reason: "rate_limited" });
      expect(await consumeIntakeSubmission({ db, address: first, draftId })).toMatchObject({ allowed: false, reason: "rate_limited" });

      // Attempts at once from one address get no more than the limit between them.
      const burst = await Promise.all(Array.from({ length: 10 }, () => consumeIntakeSubmission({ db, address: "203.0.113.9", draftId })));
      expect(burst.filter((r) => r.allowed)).toHaveLength(3);

      // The counters are keyed by a keyed hash: no address is stored in clear.
      const keys = await rawRows<{ key: string }>(db, sql`select key from rate_limits`);
      expect(keys.length).toBeGreaterThan(0);
      for (const address of [first, second, "203.0.113.9", "2001:db8"]) expect(keys.some((k) => k.key.includes(address))).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR;
      else process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = previous;
    }
  });

  it("a request without a live draft uses no quota", async () => {
    const previous = process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR;
    process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = "2";
    try {
      const address = "198.51.100.77";
      const expired = await createDraft({ db, locale: "fi", now: new Date(Date.now() - DRAFT_TTL_MS - 60_000) });
      for (const draftId of [undefined, "not-a-uuid", randomUUID(), expired]) {
        for (let i = 0; i < 5; i++) expect(await consumeIntakeSubmission({ db, address, draftId })).toEqual({ allowed: false, reason: "no_draft" });
      }
      // The address's whole allowance is still there for a real form.
      const draftId = await createDraft({ db, locale: "fi" });
      expect(await consumeIntakeSubmission({ db, address, draftId })).toEqual({ allowed: true });
      expect(await consumeIntakeSubmission({ db, address, draftId })).toEqual({ allowed: true });
      expect(await consumeIntakeSubmission({ db, address, draftId })).toMatchObject({ allowed: false, reason: "rate_limited" });
    } finally {
      if (previous === undefined) delete process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR;
      else process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = previous;
    }
  });
});
