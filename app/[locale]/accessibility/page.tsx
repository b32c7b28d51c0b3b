import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";

/**
 * Accessibility statement required by the Act on the Provision of Digital Services (306/2019,
 * "digipalvelulaki"): scope, conformance aim and status, how it was assessed and when, known
 * problems, the feedback channel, and how to reach the supervisory authority.
 *
 * Addresses and numbers live here rather than in the message files, so a translation can never
 * change them. Review the statement (and SELF_ASSESSMENT_DATE) whenever the public pages change.
 */
const SELF_ASSESSMENT_DATE = new Date("2026-11-22T12:00:00Z"); // midday UTC: 22 November in Helsinki
const FEEDBACK_EMAIL = "saavutettavuus@kotola.example";
const SUPERVISOR = {
  website: "https://www.saavutettavuusvaatimukset.fi",
  websiteText: "www.saavutettavuusvaatimukset.fi",
  email: "saavutettavuus@avi.fi",
  phone: "0295 016 000",
  phoneHref: "tel:+358295016000",
} as const;

export async function generateMetadata({ params }: PageProps<"/[locale]/accessibility">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "accessibility" });
  return { title: t("title") };
}

export default async function AccessibilityStatementPage({ params }: PageProps<"/[locale]/accessibility">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("accessibility");
  const format = await getFormatter();
  // The authority's official Finnish name helps a reader who contacts it or looks it up.
  const finnish = locale === "fi" ? null : await getTranslations({ locale: "fi", namespace: "accessibility" });
  const assessedOn = format.dateTime(SELF_ASSESSMENT_DATE, { dateStyle: "long" });

  return (
    <article className="space-y-8">
      <header className="space-y-4">
        <h1 className="text-3xl font-bold leading-tight">{t("title")}</h1>
        <p className="text-lg">{t("intro")}</p>
      </header>

      <section aria-labelledby="scope" className="space-y-2">
        <h2 id="scope" className="text-xl font-bold">
          {t("scopeTitle")}
        </h2>
        <p>{t("scope")}</p>
        <p>{t("law")}</p>
      </section>

      <section aria-labelledby="status" className="space-y-2">
        <h2 id="status" className="text-xl font-bold">
          {t("statusTitle")}
        </h2>
        <p>{t("statusAim")}</p>
        <p>{t("statusNew")}</p>
      </section>

      <section aria-labelledby="evaluation" className="space-y-2">
        <h2 id="evaluation" className="text-xl font-bold">
          {t("evaluationTitle")}
        </h2>
        <p>{t("evaluationIntro")}</p>
        <ul className="list-disc space-y-1 ps-6">
          <li>{t("evaluationAxe")}</li>
          <li>{t("evaluationKeyboard")}</li>
        </ul>
        <p>{t("evaluationDate", { date: assessedOn })}</p>
      </section>

      <section aria-labelledby="limitations" className="space-y-2">
        <h2 id="limitations" className="text-xl font-bold">
          {t("limitationsTitle")}
        </h2>
        <p>{t("limitations")}</p>
      </section>

      <section aria-labelledby="feedback" className="space-y-2">
        <h2 id="feedback" className="text-xl font-bold">
          {t("feedbackTitle")}
        </h2>
        <p>{t("feedback")}</p>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr] border-s-4 border-brand-700 ps-4 text-start">
          <dt className="font-bold">{t("emailLabel")}</dt>
          <dd>
            <a href={`mailto:${FEEDBACK_EMAIL}`} dir="ltr" className="wrap-anywhere">
              {FEEDBACK_EMAIL}
            </a>
          </dd>
        </dl>
        <p>{t("feedbackOtherWays")}</p>
        <p className="font-bold">{t("feedbackAnswer")}</p>
      </section>

      <section aria-labelledby="supervision" className="space-y-2">
        <h2 id="supervision" className="text-xl font-bold">
          {t("supervisionTitle")}
        </h2>
        <p>{t("supervision")}</p>
        <h3 className="pt-2 text-lg font-bold">
          {t("supervisionContactTitle")}
        </h3>
        <div className="space-y-2 border-s-4 border-brand-700 ps-4 text-start">
          <p>
            <span className="block font-bold">{t("supervisionName")}</span>
            {finnish ? (
              <span className="block" lang="fi">
                {finnish("supervisionName")}
              </span>
            ) : null}
            <span className="block">{t("supervisionUnit")}</span>
          </p>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
            <dt className="font-bold">{t("websiteLabel")}</dt>
            <dd>
              <a href={SUPERVISOR.website} dir="ltr" className="wrap-anywhere">
                {SUPERVISOR.websiteText}
              </a>
            </dd>
            <dt className="font-bold">{t("emailLabel")}</dt>
            <dd>
              <a href={`mailto:${SUPERVISOR.email}`} dir="ltr" className="wrap-anywhere">
                {SUPERVISOR.email}
              </a>
            </dd>
            <dt className="font-bold">{t("phoneLabel")}</dt>
            <dd>
              <a href={SUPERVISOR.phoneHref} dir="ltr">
                {SUPERVISOR.phone}
              </a>
            </dd>
          </dl>
        </div>
      </section>
    </article>
  );
}
