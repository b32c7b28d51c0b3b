import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db";
import { loadReceipt } from "@/db/intake";
import { getRegisterSettings } from "@/db/settings";
import { settingsTextFallbacks } from "@/lib/i18n/locales";
import { doneSubmissionFromCookie } from "@/server/intake-cookies";
import { localised } from "@/lib/register-settings";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake/confirmation">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "intake.confirmation" });
  return { title: t("title") };
}

/**
 * The reference and a receipt of every consent choice, print-friendly. Reached only by the browser
 * that sent the form (a one-hour HttpOnly cookie), never by a guessable URL.
 */
export default async function ConfirmationPage({ params }: PageProps<"/[locale]/intake/confirmation">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("intake.confirmation");
  const format = await getFormatter();
  const db = await getDb();
  const submissionId = await doneSubmissionFromCookie();
  const receipt = submissionId ? await loadReceipt({ db, submissionId }) : null;
  const settings = await getRegisterSettings({ db });
  const fallbacks = settingsTextFallbacks(locale);
  const l = (text: Parameters<typeof localised>[0]) => localised(text, locale, fallbacks);
  const contact = settings.serviceContact;

  if (!receipt) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">{t("goneTitle")}</h1>
        <p>{t("gone")}</p>
      </div>
    );
  }
  const agencyName = (code: string | null) => {
    const agency = settings.agencies.find((a) => a.code === code);
    return agency ? l({ fi: agency.name, ...agency.names }) : (code ?? "");
  };
  const authorityName = (code: string | null) => {
    const authority = settings.obtainFromAuthorities.find((a) => a.code === code);
    return authority ? l(authority.name) : (code ?? "");
  };
  return (
    <div className="space-y-8">
      <div className="bg-brand-700 p-6 text-center text-white">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-4 text-lg">{t("referenceLabel")}</p>
        <p className="mt-1 font-mono text-4xl font-bold tracking-wider" data-testid="reference" dir="ltr">
          {receipt.submission.reference}
        </p>
      </div>
      <section aria-labelledby="next" className="space-y-2">
        <h2 id="next" className="text-xl font-bold">
          {t("nextTitle")}
        </h2>
        <p>{t("next")}</p>
      </section>
      <section aria-labelledby="reach" className="space-y-2">
        <h2 id="reach" className="text-xl font-bold">
          {t("reachTitle")}
        </h2>
        <p>{l(contact.name)}</p>
        <p dir="ltr" className="text-start">
          {contact.phone}
          {contact.email ? ` · ${contact.email}` : ""}
        </p>
        <p>
          {contact.visitingAddressLines.join(", ")} — {l(contact.openingHours)}
        </p>
      </section>
      <section aria-labelledby="receipt" className="space-y-2 border-2 border-ink p-4" data-testid="consent-receipt">
        <h2 id="receipt" className="text-xl font-bold">
          {t("receiptTitle")}
        </h2>
        <p>{t("receiptIntro", { time: format.dateTime(receipt.submission.submittedAt, { dateStyle: "long", timeStyle: "short" }) })}</p>
        <ul className="list-disc space-y-1 ps-6">
          {receipt.consents.map((c, i) => (
            <li key={i}>
              {c.kind === "storage" ? t(c.granted ? "storageYes" : "storageNo") : null}
              {c.kind === "obtain_data" ? t(c.granted ? "obtainYes" : "obtainNo", { authority: authorityName(c.sourceAuthority) }) : null}
              {c.kind === "disclosure"
                ? t(c.granted ? "discloseYes" : "discloseNo", {
                    agency: agencyName(c.agencyCode),
                    until: c.validUntil ? format.dateTime(new Date(`${c.validUntil}T12:00:00Z`), { dateStyle: "long" }) : "",
                  })
                : null}
            </li>
          ))}
        </ul>
        <p className="text-sm">
          {t("textFingerprint")} <span className="font-mono break-all" dir="ltr">{receipt.consents[0]?.textSha256}</span>
        </p>
        <p>{t("withdraw")}</p>
      </section>
      <p className="no-print">{t("print")}</p>
    </div>
  );
}
