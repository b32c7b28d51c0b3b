import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db";
import { getRegisterSettings } from "@/db/settings";
import { settingsTextFallbacks } from "@/lib/i18n/locales";
import { dataCategories } from "@/lib/data-categories";
import { localised as pick, type LocalisedNames, type LocalisedText } from "@/lib/register-settings";

export async function generateMetadata({ params }: PageProps<"/[locale]/privacy">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "privacy" });
  return { title: t("title") };
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Address({ lines }: { lines: readonly string[] }) {
  return (
    <address className="not-italic">
      {lines.map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}

/**
 * The privacy notice (GDPR arts. 13–14), generated from the register settings, so what the public
 * reads is what the system enforces. Sections follow the municipalities' own notices.
 */
export default async function PrivacyNoticePage({ params }: PageProps<"/[locale]/privacy">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("privacy");
  const tc = await getTranslations("categories");
  const s = await getRegisterSettings({ db: await getDb() });
  const fallbacks = settingsTextFallbacks(locale);
  const l = (text: LocalisedText | LocalisedNames | null | undefined) => pick(text, locale, fallbacks);
  const agencyName = (code: string) => {
    const agency = s.agencies.find((a) => a.code === code);
    return agency ? l({ fi: agency.name, ...agency.names }) : code;
  };

  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="text-lg">{l(s.register.name)}</p>
        <p className="text-sm">{t("lawReference")}</p>
      </header>

      <Section id="controller" title={t("controller")}>
        <p>
          {l(s.controller.name)}
          {s.controller.unit ? `, ${l(s.controller.unit)}` : ""}
        </p>
        <Address lines={s.controller.addressLines} />
        <p>
          <a href={`mailto:${s.controller.email}`}>{s.controller.email}</a>
          {s.controller.phone ? ` · ${s.controller.phone}` : ""}
        </p>
      </Section>

      <Section id="contact" title={t("contact")}>
        <p>{l(s.contact.role)}</p>
        {s.contact.addressLines ? <Address lines={s.contact.addressLines} /> : null}
        <p>
          <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
          {s.contact.phone ? ` · ${s.contact.phone}` : ""}
        </p>
      </Section>

      <Section id="dpo" title={t("dpo")}>
        <p>{l(s.dpo.role)}</p>
        <p>
          <a href={`mailto:${s.dpo.email}`}>{s.dpo.email}</a>
          {s.dpo.phone ? ` · ${s.dpo.phone}` : ""}
        </p>
      </Section>

      <Section id="register" title={t("registerName")}>
        <p>{l(s.register.name)}</p>
      </Section>

      <Section id="purpose" title={t("purpose")}>
        <p>{l(s.register.purpose)}</p>
      </Section>

      <Section id="basis" title={t("legalBasis")}>
        <p>{s.legalBasis.kind === "consent" ? t("basisConsent") : t("basisLegalObligation")}</p>
        {s.legalBasis.provisions.length > 0 ? (
          <ul className="list-disc ps-6">
            {s.legalBasis.provisions.map((p) => (
              <li key={p.fi}>{l(p)}</li>
            ))}
          </ul>
        ) : null}
      </Section>

      <Section id="content" title={t("dataContent")}>
        <p>{t("dataContentIntro")}</p>
        <ul className="list-disc ps-6">
          {dataCategories.map((category) => (
            <li key={category}>
              <strong>{tc(`${category}.name`)}</strong>: {tc(`${category}.fields`)}
            </li>
          ))}
        </ul>
        <p>{t("specialCategory")}</p>
        <p>{t("clientGroups")}</p>
        <ul className="list-disc ps-6">
          {s.clientGroups.map((group) => (
            <li key={group}>{t(`clientGroup.${group}`)}</li>
          ))}
        </ul>
      </Section>

      <Section id="sources" title={t("sources")}>
        {s.dataSources.map((source) => (
          <p key={source.fi}>{l(source)}</p>
        ))}
        {s.obtainFromAuthorities.length > 0 ? (
          <>
            <p>{t("obtainWithConsent")}</p>
            <ul className="list-disc ps-6">
              {s.obtainFromAuthorities.map((a) => (
                <li key={a.code}>
                  {l(a.name)}
                  {a.description ? `: ${l(a.description)}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="disclosures" title={t("disclosures")}>
        {s.statutoryDisclosures.length === 0 ? (
          <p>{t("noRegularDisclosures")}</p>
        ) : (
          <>
            <p>{t("regularDisclosuresIntro")}</p>
            <ul className="list-disc space-y-1 ps-6">
              {s.statutoryDisclosures.map((d) => (
                <li key={`${d.agencyCode}-${d.provision.fi}`}>
                  <strong>{agencyName(d.agencyCode)}</strong> ({l(d.provision)}): {d.categories.map((c) => tc(`${c}.name`)).join(", ")}
                  {d.condition === "minors_only" ? ` — ${t("minorsOnly")}` : ""}
                  {d.purpose ? ` — ${l(d.purpose)}` : ""}
                </li>
              ))}
            </ul>
            <p>{t("otherDisclosuresWithConsent")}</p>
          </>
        )}
      </Section>

      <Section id="transfers" title={t("transfers")}>
        <p>{s.transfersOutsideEea === "forbidden" ? t("transfersForbidden") : t("transfersWrittenConsent")}</p>
      </Section>

      <Section id="security" title={t("security")}>
        <p>{l(s.securityPrinciples)}</p>
        <p>{t("securityStandard")}</p>
      </Section>

      <Section id="retention" title={t("retention")}>
        <p>
          {s.retention.caseMonthsAfterPurposeEnded === 0
            ? t("retentionAtOnce")
            : t("retentionMonths", { months: s.retention.caseMonthsAfterPurposeEnded })}
        </p>
        <p>{t("retentionIntake", { days: s.retention.intakeSubmissionDays })}</p>
        <p data-testid="retention-draft">{t("retentionDraft", { minutes: s.retention.intakeDraftIdleMinutes })}</p>
        {s.retention.permanentDocuments.length > 0 ? (
          <p>
            {t("retentionPermanent", {
              documents: s.retention.permanentDocuments.map((d) => t(`document.${d}`)).join(", "),
            })}
            {s.retention.archiveDecision ? ` ${l(s.retention.archiveDecision)}` : ""}
          </p>
        ) : null}
      </Section>

      <Section id="rights" title={t("rights")}>
        <ul className="list-disc space-y-1 ps-6">
          <li>{t("rightAccess")}</li>
          <li>{t("rightRectification")}</li>
          <li>{t("rightRestriction")}</li>
          <li>{t("rightErasure")}</li>
          <li>{t("rightObjection")}</li>
          {s.legalBasis.kind === "consent" ? <li>{t("rightWithdraw")}</li> : null}
        </ul>
        <p>{t("howToRequest")}</p>
        <p>{t("guardian")}</p>
        <p>{t("refusalCertificate")}</p>
      </Section>

      <Section id="ombudsman" title={t("ombudsman")}>
        <p>{t("complaint")}</p>
        <p>{l(s.ombudsman.name)}</p>
        <Address lines={s.ombudsman.addressLines} />
        {s.ombudsman.url ? (
          <p>
            <a href={s.ombudsman.url}>{s.ombudsman.url}</a>
          </p>
        ) : null}
      </Section>
    </article>
  );
}
