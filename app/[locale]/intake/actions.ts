"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { consentTextToShow, deleteDraft, loadDraft, purgeExpiredDrafts, saveDraftConsent, saveDraftStep, startNewDraft } from "@/db/intake";
import { purgeExpiredLimiterRows } from "@/db/limiter-housekeeping";
import { getRegisterSettings } from "@/db/settings";
import type { ConsentFormState, StepFormState } from "@/lib/forms/state";
import { clearDoneCookie, clearDraftCookie, draftIdFromCookie, setDraftCookie } from "@/server/intake-cookies";
import { aboutAnswersWithCodeOnFile, valuesForFields } from "@/lib/intake/draft-policy";
import { formDataToObject, FormTooLargeError } from "@/lib/intake/form-data";
import { consentSchemaFor, intakeSteps, isIntakeStep, issuesByField, stepSchemas, type IntakeStep } from "@/lib/intake/steps";
import { isPublicLocale } from "@/lib/i18n/locales";

/*
 * The public intake form's actions. They are public by nature (anyone may fill in the form): what
 * protects them is that a draft is reachable only through its HttpOnly cookie, every value is
 * validated with the step's schema, and the body size is capped (next.config.ts).
 */

function safeLocale(locale: string): string {
  return isPublicLocale(locale) ? locale : "fi";
}

/**
 * "Start a new form" always starts an empty one: whatever draft this browser had is deleted first,
 * so the next person at a shared computer never sees the previous person's answers.
 */
export async function startIntakeAction(locale: string): Promise<void> {
  const l = safeLocale(locale);
  const db = await getDb();
  // Expired drafts and limiter rows are deleted whenever someone starts a form: no scheduler needed.
  await purgeExpiredDrafts({ db });
  await purgeExpiredLimiterRows({ db });
  const { retention } = await getRegisterSettings({ db });
  const draftId = await startNewDraft({ db, previousDraftId: await draftIdFromCookie(), locale: l, idleMinutes: retention.intakeDraftIdleMinutes });
  await setDraftCookie(draftId);
  await clearDoneCookie();
  redirect(`/${l}/intake/${intakeSteps[0]}`);
}

/** "Delete my answers": the draft row goes at once, and the cookie with it. */
export async function deleteIntakeAnswersAction(locale: string): Promise<void> {
  const l = safeLocale(locale);
  const draftId = await draftIdFromCookie();
  if (draftId) await deleteDraft({ db: await getDb(), draftId });
  await clearDraftCookie();
  await clearDoneCookie();
  redirect(`/${l}/intake?deleted=1`);
}

function nextPage(step: IntakeStep): string {
  const index = intakeSteps.indexOf(step);
  return intakeSteps[index + 1] ?? "consent";
}

export async function saveStepAction(locale: string, step: string, _previous: StepFormState, formData: FormData): Promise<StepFormState> {
  const l = safeLocale(locale);
  if (!isIntakeStep(step)) redirect(`/${l}/intake`);
  const db = await getDb();
  const draft = await loadDraft({ db, draftId: await draftIdFromCookie() });
  if (!draft) redirect(`/${l}/intake?expired=1`);

  let posted: Record<string, unknown>;
  try {
    posted = formDataToObject(formData);
  } catch (error) {
    if (error instanceof FormTooLargeError) return { status: "error", values: {}, errors: { form: ["tooLong"] }, rows: {} };
    throw error;
  }
  // What goes back into the fields if the page is shown again: never the identity code.
  const values = step === "about" ? valuesForFields(posted, draft.personalIdentityCode !== undefined) : posted;
  const intent = formData.get("$intent");
  const rows = Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => Array.isArray(v))
      .map(([k, v]) => [k, Math.max(1, (v as unknown[]).length)]),
  );
  if (typeof intent === "string" && intent.startsWith("add:")) {
    const group = intent.slice(4);
    return { status: "edit", values, errors: {}, rows: { ...rows, [group]: (rows[group] ?? 1) + 1 } };
  }

  const parsed = stepSchemas[step].safeParse(step === "about" ? aboutAnswersWithCodeOnFile(posted, draft.personalIdentityCode) : posted);
  if (!parsed.success) return { status: "error", values, errors: issuesByField(parsed.error), rows };
  const { retention } = await getRegisterSettings({ db });
  await saveDraftStep({ db, draft, step, value: parsed.data as never, locale: l, idleMinutes: retention.intakeDraftIdleMinutes });
  redirect(formData.get("$change") === "1" ? `/${l}/intake/check` : `/${l}/intake/${nextPage(step)}`);
}


export async function saveConsentAction(locale: string, _previous: ConsentFormState, formData: FormData): Promise<ConsentFormState> {
  const l = safeLocale(locale);
  const db = await getDb();
  const draftId = await draftIdFromCookie();
  const draft = await loadDraft({ db, draftId });
  if (!draft) redirect(`/${l}/intake?expired=1`);

  if (formData.get("$decision") === "refuse") {
    // Refusing stores nothing: the draft goes at once.
    await deleteDraft({ db, draftId: draft.id });
    await clearDraftCookie();
    redirect(`/${l}/intake/refused`);
  }

  const settings = await getRegisterSettings({ db });
  const schema = consentSchemaFor({
    storageConsentRequired: settings.legalBasis.kind === "consent",
    authorityCodes: settings.obtainFromAuthorities.map((a) => a.code),
    agencyCodes: settings.agencies.filter((a) => a.intakeConsent).map((a) => a.code),
  });
  const values = formDataToObject(formData);
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { status: "error", errors: issuesByField(parsed.error), values };

  const shownTexts: Partial<Record<"storage" | "obtain_data" | "disclosure", string>> = {};
  for (const kind of ["storage", "obtain_data", "disclosure"] as const) {
    const text = await consentTextToShow({ db, kind, locale: l });
    if (text) shownTexts[kind] = text.id;
  }
  await saveDraftConsent({
    db,
    draft,
    idleMinutes: settings.retention.intakeDraftIdleMinutes,
    consent: {
      storageConsent: parsed.data.storageConsent === "yes",
      obtainFrom: parsed.data.obtainFrom as string[],
      discloseTo: parsed.data.discloseTo as string[],
      shownTexts,
    },
  });
  redirect(`/${l}/intake/check`);
}
