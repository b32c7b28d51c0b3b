import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connection";
import { consentTextToShow, createDraft, loadDraft, saveDraftConsent, saveDraftStep, submitIntake } from "@/db/intake";
import { consents } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import { demoStatutorySettings } from "@/demo/settings";
import { stepSchemas } from "@/lib/intake/steps";
import { createTestDatabase } from "../helpers/database";

/** The second source notice's model: the legal obligation is the basis, so no storage consent is asked. */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo({ db: handle.db, demoAccounts: false, clients: 0, settings: demoStatutorySettings });
});
afterAll(async () => handle?.close());

describe("intake under the legal-obligation basis", () => {
  it("records no storage consent but still each optional choice, with the text shown", async () => {
    const db = handle.db;
    const settings = await getRegisterSettings({ db });
    expect(settings.legalBasis.kind).toBe("legal_obligation");
    const draftId = await createDraft({ db, locale: "fi" });
    const values = {
      about: stepSchemas.about.parse({ firstNames: "Testi", lastName: "Henkilö", dateOfBirth: "1985-01-02", hasIdentityCode: "no", citizenship: "Syyria", nativeLanguage: "arabia", interpreterNeeded: "no" }),
      contact: stepSchemas.contact.parse({ phone: "040 000 0000", municipality: "Kotola", preferredContact: "phone" }),
      residence: stepSchemas.residence.parse({ permitType: "international_protection", clientGroup: "resident" }),
      family: stepSchemas.family.parse({ maritalStatus: "single" }),
      "education-work": stepSchemas["education-work"].parse({ finnishLevel: "none", swedishLevel: "none" }),
      "service-needs": stepSchemas["service-needs"].parse({ needs: ["language_course"] }),
    };
    for (const [step, value] of Object.entries(values)) {
      const draft = (await loadDraft({ db, draftId }))!;
      await saveDraftStep({ db, draft, step: step as keyof typeof values, value: value as never, locale: "fi" });
    }
    // The consent schema under this basis does not require the storage box.
    const draft = (await loadDraft({ db, draftId }))!;
    const disclosureText = await consentTextToShow({ db, kind: "disclosure", locale: "fi" });
    const obtainText = await consentTextToShow({ db, kind: "obtain_data", locale: "fi" });
    await saveDraftConsent({
      db,
      draft,
      consent: { storageConsent: false, obtainFrom: [], discloseTo: ["ely"], shownTexts: { disclosure: disclosureText!.id, obtain_data: obtainText!.id } },
    });
    const { submissionId } = await submitIntake({ db, draftId, settings });
    const rows = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
    expect(rows.some((r) => r.kind === "storage")).toBe(false);
    expect(rows.find((r) => r.kind === "disclosure" && r.granted)?.textSha256).toBe(disclosureText!.sha256);
    expect(rows.filter((r) => r.kind === "obtain_data").every((r) => r.granted === false)).toBe(true);
  });
});
