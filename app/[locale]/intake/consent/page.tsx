import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ConsentForm } from "@/components/intake/consent-form";
import { getDb } from "@/db";
import { consentTextToShow, firstMissingStep, loadDraft } from "@/db/intake";
import { getRegisterSettings } from "@/db/settings";
import { settingsTextFallbacks } from "@/lib/i18n/locales";
import { draftIdFromCookie } from "@/server/intake-cookies";
import { localised } from "@/lib/register-settings";
import { saveConsentAction } from "../actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake/consent">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "intake.consent" });
  return { title: t("title") };
}

/**
 * Generated from the register settings and the current consent text: what the person agrees to is
 * what the system will enforce.
 */
export default async function IntakeConsentPage({ params }: PageProps<"/[locale]/intake/consent">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const db = await getDb();
  const draft = await loadDraft({ db, draftId: await draftIdFromCookie() });
  if (!draft) redirect(`/${locale}/intake`);
  const missing = firstMissingStep(draft.answers);
  if (missing) redirect(`/${locale}/intake/${missing}`);

  const t = await getTranslations("intake.consent");
  const tc = await getTranslations("categories");
  const tp = await getTranslations("privacy");
  const ui = await getTranslations("intake.ui");
  const settings = await getRegisterSettings({ db });
  const fallbacks = settingsTextFallbacks(locale);
  const l = (text: Parameters<typeof localised>[0]) => localised(text, locale, fallbacks);
  const storageText = await consentTextToShow({ db, kind: "storage", locale });
  const consentBasis = settings.legalBasis.kind === "consent";
  const retention =
    settings.retention.caseMonthsAfterPurposeEnded === 0
      ? tp("retentionAtOnce")
      : tp("retentionMonths", { months: settings.retention.caseMonthsAfterPurposeEnded });
  const categoryNames = (categories: readonly string[]) => categories.map((c) => tc(`${c}.name` as never)).join(", ");
  const agencies = settings.agencies
    .filter((agency) => agency.intakeConsent)
    .map((agency) => ({
      code: agency.code,
      label: t("discloseTo", { agency: l({ fi: agency.name, ...agency.names }) }),
      description: t("discloseDescription", {
        categories: categoryNames(agency.intakeConsent!.categories),
        purpose: l(agency.intakeConsent!.purpose),
        months: agency.intakeConsent!.validMonths,
      }),
    }));
  const authorities = settings.obtainFromAuthorities.map((authority) => ({
    code: authority.code,
    label: t("obtainFrom", { authority: l(authority.name) }),
    description: authority.description ? l(authority.description) : "",
  }));
  const consent = draft.answers.consent;

  return (
    <div className="space-y-6">
      <p className="no-print">
        <a href={`/${locale}/intake/service-needs`} className="text-brand-800">
          ‹ {ui("back")}
        </a>
      </p>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <dl className="space-y-3">
        <div>
          <dt className="font-bold">{t("who")}</dt>
          <dd>{l(settings.controller.name)}</dd>
        </div>
        <div>
          <dt className="font-bold">{t("what")}</dt>
          <dd>{t("whatAnswer")}</dd>
        </div>
        <div>
          <dt className="font-bold">{t("why")}</dt>
          <dd>{l(settings.register.purpose)}</dd>
        </div>
        <div>
          <dt className="font-bold">{t("howLong")}</dt>
          <dd>{retention}</dd>
        </div>
        <div>
          <dt className="font-bold">{t("whoSees")}</dt>
          <dd>
            {settings.statutoryDisclosures.length === 0 ? tp("noRegularDisclosures") : t("whoSeesStatutory")}
          </dd>
        </div>
        <div>
          <dt className="font-bold">{t("rights")}</dt>
          <dd>{t("rightsAnswer")}</dd>
        </div>
      </dl>
      <p>
        <a href={`/${locale}/privacy`}>{t("privacyLink")}</a>
      </p>
      <ConsentForm
        action={saveConsentAction.bind(null, locale)}
        storageConsentRequired={consentBasis}
        consentText={storageText?.body ?? ""}
        authorities={authorities}
        agencies={agencies}
        initial={{
          storageConsent: consent?.storageConsent ?? false,
          obtainFrom: consent?.obtainFrom ?? [],
          discloseTo: consent?.discloseTo ?? [],
        }}
        labels={{
          errorSummaryTitle: ui("errorSummaryTitle"),
          consentRequired: t("consentRequired"),
          storageTitle: t("storageTitle"),
          storageCheckbox: t("storageCheckbox"),
          storageInformOnly: t("storageInformOnly"),
          optionalTitle: t("optionalTitle"),
          optionalIntro: t("optionalIntro"),
          obtainTitle: t("obtainTitle"),
          discloseTitle: t("discloseTitle"),
          continue: ui("continue"),
          refuseTitle: t("refuseTitle"),
          refuseText: t("refuseText"),
          refuse: t("refuse"),
        }}
      />
    </div>
  );
}
