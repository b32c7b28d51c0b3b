import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AnswersSummary } from "@/components/intake/answers-summary";
import { getDb } from "@/db";
import { firstMissingStep, loadDraft } from "@/db/intake";
import { getRegisterSettings } from "@/db/settings";
import { settingsTextFallbacks } from "@/lib/i18n/locales";
import { draftIdFromCookie } from "@/server/intake-cookies";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { localised } from "@/lib/register-settings";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake/check">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "intake.check" });
  return { title: t("title") };
}

export default async function CheckAnswersPage({ params }: PageProps<"/[locale]/intake/check">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const db = await getDb();
  const draft = await loadDraft({ db, draftId: await draftIdFromCookie() });
  if (!draft) redirect(`/${locale}/intake`);
  const missing = firstMissingStep(draft.answers);
  if (missing) redirect(`/${locale}/intake/${missing}`);
  if (!draft.answers.consent) redirect(`/${locale}/intake/consent`);

  const t = await getTranslations("intake");
  const settings = await getRegisterSettings({ db });
  const fallbacks = settingsTextFallbacks(locale);

  const consent = draft.answers.consent;
  const agencyName = (code: string) => {
    const agency = settings.agencies.find((a) => a.code === code);
    return agency ? localised({ fi: agency.name, ...agency.names }, locale, fallbacks) : code;
  };
  const authorityName = (code: string) => {
    const authority = settings.obtainFromAuthorities.find((a) => a.code === code);
    return authority ? localised(authority.name, locale, fallbacks) : code;
  };

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">{t("check.title")}</h1>
      <AnswersSummary
        answers={{
          ...(draft.answers as Record<string, Record<string, unknown>>),
          // Masked, like everywhere else it is shown: the page may stay on a shared screen.
          about: {
            ...draft.answers.about,
            personalIdentityCode: draft.personalIdentityCode ? maskPersonalIdentityCode(draft.personalIdentityCode) : undefined,
          },
        }}
        changeHref={(step) => `/${locale}/intake/${step}?change=1`}
      />
      <section aria-labelledby="check-consent" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-ink">
          <h2 id="check-consent" className="text-xl font-bold">
            {t("consent.title")}
          </h2>
          <a href={`/${locale}/intake/consent`} className="text-brand-800">
            {t("check.change")}
            <span className="sr-only"> {t("consent.title")}</span>
          </a>
        </div>
        <ul className="list-disc space-y-1 ps-6">
          {settings.legalBasis.kind === "consent" ? <li>{t("check.storageGiven")}</li> : <li>{t("consent.storageInformOnly")}</li>}
          {settings.obtainFromAuthorities.map((a) => (
            <li key={`o-${a.code}`}>
              {consent.obtainFrom.includes(a.code) ? t("check.obtainYes", { authority: authorityName(a.code) }) : t("check.obtainNo", { authority: authorityName(a.code) })}
            </li>
          ))}
          {settings.agencies
            .filter((a) => a.intakeConsent)
            .map((a) => (
              <li key={`d-${a.code}`}>
                {consent.discloseTo.includes(a.code) ? t("check.discloseYes", { agency: agencyName(a.code) }) : t("check.discloseNo", { agency: agencyName(a.code) })}
              </li>
            ))}
        </ul>
      </section>
      <form method="post" action={`/${locale}/intake/submit`} className="space-y-4">
        <div aria-hidden="true" className="absolute -start-[10000px] h-px w-px overflow-hidden">
          <label htmlFor="website">{t("ui.honeypot")}</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <p>{t("check.declaration")}</p>
        <button type="submit" className="rounded bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800">
          {t("check.send")}
        </button>
      </form>
    </div>
  );
}
