import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import {
  createDraft,
  loadDraft,
  purgeExpiredDrafts,
  saveDraftConsent,
  saveDraftStep,
  startNewDraft,
  submitIntake,
} from "@/db/intake";
import { intakeDrafts } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings, saveRegisterSettings } from "@/db/settings";
import { aboutAnswersWithCodeOnFile } from "@/lib/intake/draft-policy";
import { stepSchemas } from "@/lib/intake/steps";
import type { RegisterSettings } from "@/lib/register-settings";
import { createTestDatabase, testBackend } from "../helpers/database";
import { rawIntakeAnswers } from "../helpers/intake";

/** The refusal a submission of an unfinished, expired or unknown draft gets. */
const incomplete = { name: "Refusal", domain: "intake", code: "incomplete" };

/**
 * Security issue 9, deliverable 10 (a shared computer does not show the previous person's answers)
 * and point 11 (a malformed draft cookie): the draft's idle limit, "start a new form", and garbled
 * ids, against a real database.
 */
describe(`the unfinished intake form on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  const MINUTE = 60_000;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    settings = await getRegisterSettings({ db });
  });
  afterAll(async () => handle?.close());

  async function expiresAt(draftId: string): Promise<Date> {
    const [row] = await db.select({ expiresAt: intakeDrafts.expiresAt }).from(intakeDrafts).where(eq(intakeDrafts.id, draftId));
    if (!row) throw new Error("no such draft");
    return row.expiresAt;
  }

  it("lasts the settings' idle limit (20 minutes by default) after its last saved page, not 24 hours", async () => {
    expect(settings.retention.intakeDraftIdleMinutes).toBe(20);
    const start = new Date(Date.now() - 30 * MINUTE);
    const draftId = await createDraft({ db, locale: "fi", now: start, idleMinutes: settings.retention.intakeDraftIdleMinutes });
    expect((await expiresAt(draftId)).getTime()).toBe(start.getTime() + 20 * MINUTE);

    // Saving a page 15 minutes in moves the expiry to 15 + 20 minutes.
    const saved = new Date(start.getTime() + 15 * MINUTE);
    const draft = await loadDraft({ db, draftId, now: saved });
    expect(draft).not.toBeNull();
    const raw = rawIntakeAnswers(1);
    await saveDraftStep({ db, draft: draft!, step: "about", value: stepSchemas.about.parse(raw.about), locale: "fi", idleMinutes: 20, now: saved });
    expect((await expiresAt(draftId)).getTime()).toBe(saved.getTime() + 20 * MINUTE);
    expect(await loadDraft({ db, draftId, now: new Date(saved.getTime() + 19 * MINUTE) })).not.toBeNull();

    // The consent page counts as a saved page too.
    const consentAt = new Date(saved.getTime() + 10 * MINUTE);
    const again = (await loadDraft({ db, draftId, now: consentAt }))!;
    await saveDraftConsent({ db, draft: again, idleMinutes: 20, now: consentAt, consent: { storageConsent: true, obtainFrom: [], discloseTo: [], shownTexts: {} } });
    expect((await expiresAt(draftId)).getTime()).toBe(consentAt.getTime() + 20 * MINUTE);

    // Left alone past the limit, it is gone for every page and is purged.
    const idle = new Date(consentAt.getTime() + 20 * MINUTE + 1);
    expect(await loadDraft({ db, draftId, now: idle })).toBeNull();
    await expect(submitIntake({ db, draftId, settings, now: idle })).rejects.toMatchObject(incomplete);
    expect(await purgeExpiredDrafts({ db, now: idle })).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(intakeDrafts).where(eq(intakeDrafts.id, draftId))).toEqual([]);
  });

  it("follows a changed idle limit in the settings", async () => {
    await saveRegisterSettings({ db, settings: { ...settings, retention: { ...settings.retention, intakeDraftIdleMinutes: 45 } }, actor: null });
    const changed = await getRegisterSettings({ db });
    expect(changed.retention.intakeDraftIdleMinutes).toBe(45);
    const now = new Date();
    const draftId = await createDraft({ db, locale: "sv", now, idleMinutes: changed.retention.intakeDraftIdleMinutes });
    expect((await expiresAt(draftId)).getTime()).toBe(now.getTime() + 45 * MINUTE);
    await saveRegisterSettings({ db, settings, actor: null });
  });

  it("starting a new form deletes the previous person's draft, identity code and all, and starts empty", async () => {
    const raw = rawIntakeAnswers(2);
    const previous = await createDraft({ db, locale: "fi" });
    await saveDraftStep({ db, draft: (await loadDraft({ db, draftId: previous }))!, step: "about", value: stepSchemas.about.parse(raw.about), locale: "fi" });
    await saveDraftStep({ db, draft: (await loadDraft({ db, draftId: previous }))!, step: "contact", value: stepSchemas.contact.parse(raw.contact), locale: "fi" });
    expect((await loadDraft({ db, draftId: previous }))?.personalIdentityCode).toBe(raw.about.personalIdentityCode);

    const next = await startNewDraft({ db, previousDraftId: previous, locale: "en", idleMinutes: 20 });
    expect(next).not.toBe(previous);
    expect(await db.select().from(intakeDrafts).where(eq(intakeDrafts.id, previous))).toEqual([]);
    expect(await loadDraft({ db, draftId: next })).toMatchObject({ id: next, locale: "en", answers: {}, personalIdentityCode: undefined });

    // Without a previous draft (or with a garbled id) it simply starts one.
    for (const previousDraftId of [undefined, "not-a-uuid", "x".repeat(5000)]) {
      const fresh = await startNewDraft({ db, previousDraftId, locale: "fi" });
      expect(await loadDraft({ db, draftId: fresh })).toMatchObject({ answers: {} });
    }
  });

  it("an empty identity-code field keeps the code on file; the code is checked and stored encrypted as before", async () => {
    const raw = rawIntakeAnswers(3);
    const draftId = await createDraft({ db, locale: "fi" });
    await saveDraftStep({ db, draft: (await loadDraft({ db, draftId }))!, step: "about", value: stepSchemas.about.parse(raw.about), locale: "fi" });
    const draft = (await loadDraft({ db, draftId }))!;
    // Returning to "about you": the field is empty; the person changes their name only.
    const posted = { ...raw.about, firstNames: "Amina Noor", personalIdentityCode: "", identityCodeOnFile: "yes" };
    const value = stepSchemas.about.parse(aboutAnswersWithCodeOnFile(posted, draft.personalIdentityCode));
    await saveDraftStep({ db, draft, step: "about", value, locale: "fi" });
    const after = (await loadDraft({ db, draftId }))!;
    expect(after.personalIdentityCode).toBe(raw.about.personalIdentityCode);
    expect(after.answers.about?.firstNames).toBe("Amina Noor");
    expect(JSON.stringify(after.answers)).not.toContain(String(raw.about.personalIdentityCode));
  });

  it("a garbled draft id is no draft: every lookup answers 'none', never a database error", async () => {
    for (const bad of ["", "garbage", "%7B%7D", "'; DROP TABLE intake_drafts;--", "x".repeat(5000), "00000000-0000-0000-0000-00000000000g"]) {
      expect(await loadDraft({ db, draftId: bad })).toBeNull();
      await expect(submitIntake({ db, draftId: bad, settings }), bad.slice(0, 40)).rejects.toMatchObject(incomplete);
    }
    // A well-formed id of no draft.
    await expect(submitIntake({ db, draftId: "5b0c1d9e-2f4a-4c1b-9b7e-0a1b2c3d4e5f", settings })).rejects.toMatchObject(incomplete);
  });
});
