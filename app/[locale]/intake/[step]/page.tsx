import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { StepForm } from "@/components/intake/step-form";
import { getDb } from "@/db";
import { loadDraft } from "@/db/intake";
import { draftIdFromCookie } from "@/server/intake-cookies";
import { IDENTITY_CODE_ON_FILE, valuesForFields } from "@/lib/intake/draft-policy";
import { stepDictionary } from "@/server/intake-dictionary";
import { stepFields } from "@/lib/intake/form-spec";
import { intakeSteps, isIntakeStep } from "@/lib/intake/steps";
import { saveStepAction } from "../actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake/[step]">): Promise<Metadata> {
  const { locale, step } = await params;
  if (!isIntakeStep(step)) return {};
  const t = await getTranslations({ locale, namespace: "intake" });
  return { title: t(`steps.${step}` as never) };
}

export default async function IntakeStepPage({ params, searchParams }: PageProps<"/[locale]/intake/[step]">) {
  const { locale, step } = await params;
  setRequestLocale(locale);
  if (!isIntakeStep(step)) notFound();
  const draft = await loadDraft({ db: await getDb(), draftId: await draftIdFromCookie() });
  if (!draft) redirect(`/${locale}/intake`);
  const { change } = await searchParams;
  const t = await getTranslations("intake");
  const index = intakeSteps.indexOf(step);
  const previous = index === 0 ? `/${locale}/intake` : `/${locale}/intake/${intakeSteps[index - 1]}`;
  const saved: Record<string, unknown> = { ...(draft.answers[step] as Record<string, unknown> | undefined) };
  // The identity code is never put back into its field (a shared computer's next user would see
  // it): the field stays empty and says a code is on file; empty keeps it, a new one replaces it.
  const codeOnFile = step === "about" && draft.personalIdentityCode !== undefined;
  const initialValues = step === "about" ? valuesForFields(saved, codeOnFile) : saved;
  const dictionary = await stepDictionary(step);
  if (codeOnFile) {
    dictionary.fields.personalIdentityCode = { label: t("fields.personalIdentityCode.label"), hint: t("fields.personalIdentityCode.hintOnFile") };
  }

  return (
    <div>
      <p className="text-gray-700">{t("progress", { current: index + 1, total: intakeSteps.length })}</p>
      <h1 className="mb-6 text-3xl font-bold">{t(`steps.${step}` as never)}</h1>
      <StepForm
        step={step}
        fields={stepFields[step]}
        initialValues={initialValues}
        dictionary={dictionary}
        hiddenFields={codeOnFile ? [IDENTITY_CODE_ON_FILE] : []}
        action={saveStepAction.bind(null, locale, step)}
        backHref={change === "1" ? `/${locale}/intake/check` : previous}
        backLabel={t("ui.back")}
        changeMode={change === "1"}
        honeypotLabel={t("ui.honeypot")}
      />
    </div>
  );
}
