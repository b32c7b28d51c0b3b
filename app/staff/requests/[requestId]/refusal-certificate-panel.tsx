import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requestForDocuments } from "@/db/access-report";
import { releasedDocuments } from "@/db/rights-documents";
import { getRegisterSettings } from "@/db/settings";
import { localeNames, publicLocales, isPublicLocale, isStaffLocale, settingsTextFallbacks } from "@/lib/i18n/locales";
import { localised } from "@/lib/register-settings";
import { refusalScopes } from "@/lib/rights/refusal-certificate";
import { requirePermission, staffActor } from "@/server/guard";
import { issueRefusalCertificateAction } from "./document-actions";
import { DocumentForm } from "./document-form";
import { ReleasedDocuments } from "./released-documents";

/**
 * The refusal certificate (kieltäytymistodistus), whole or partial: the grounds from the register
 * settings (with their provisions), what was refused and the officer's justification; issued as a
 * PDF and JSON in the reply language, stored and audited like the access report.
 */
export async function RefusalCertificatePanel({ requestId }: { requestId: string }) {
  const staff = await requirePermission("request:manage");
  const t = await getTranslations("rightsDocuments.staff");
  const tv = await getTranslations("validation");
  const db = await getDb();
  const request = await requestForDocuments(db, requestId);
  if (!request) return null;
  const settings = await getRegisterSettings({ db });
  const chosen = await getLocale();
  const staffLocale = isStaffLocale(chosen) ? chosen : "fi";
  const documents = (await releasedDocuments({ db, actor: staffActor(staff), requestId })).filter((document) => document.kind === "refusal_certificate");
  const replyLanguage = isPublicLocale(request.replyLanguage) ? request.replyLanguage : "fi";
  const text = (value: Parameters<typeof localised>[0]) => localised(value, staffLocale, settingsTextFallbacks(staffLocale));
  return (
    <section aria-labelledby="refusal-certificate-title" className="space-y-4 border p-4">
      <h2 id="refusal-certificate-title" className="text-2xl font-bold">
        {t("refusalCertificate")}
      </h2>
      <p>{t("refusalIntro")}</p>
      <DocumentForm
        action={issueRefusalCertificateAction}
        label={t("issue")}
        done={t("issued")}
        errors={{
          groundsRequired: t("errors.groundsRequired"),
          unknown_ground: t("errors.unknown_ground"),
          not_allowed: t("errors.not_allowed"),
          not_found: t("errors.not_found"),
          required: tv("required"),
          tooLong: tv("too_long"),
          other: tv("invalid"),
        }}
      >
        <input type="hidden" name="requestId" value={requestId} />
        <fieldset className="space-y-1">
          <legend className="font-bold">{t("scope")}</legend>
          {refusalScopes.map((scope) => (
            <p key={scope}>
              <input type="radio" id={`refusal-scope-${scope}`} name="scope" value={scope} defaultChecked={scope === "whole"} />{" "}
              <label htmlFor={`refusal-scope-${scope}`}>{t(scope === "whole" ? "scopeWhole" : "scopePartial")}</label>
            </p>
          ))}
        </fieldset>
        <fieldset className="space-y-1">
          <legend className="font-bold">{t("grounds")}</legend>
          {settings.refusalGrounds.map((ground) => (
            <p key={ground.code}>
              <input type="checkbox" id={`refusal-ground-${ground.code}`} name="grounds" value={ground.code} />{" "}
              <label htmlFor={`refusal-ground-${ground.code}`}>
                {text(ground.text)} <span className="text-sm">({text(ground.provision)})</span>
              </label>
            </p>
          ))}
        </fieldset>
        <p>
          <label htmlFor="refusal-refused-what" className="block font-bold">
            {t("refusedWhat")}
          </label>
          <textarea id="refusal-refused-what" name="refusedWhat" rows={3} required className="w-full border p-1" />
        </p>
        <p>
          <label htmlFor="refusal-justification" className="block font-bold">
            {t("justification")}
          </label>
          <textarea id="refusal-justification" name="justification" rows={5} required className="w-full border p-1" />
        </p>
        <p>
          <label htmlFor="refusal-locale" className="block font-bold">
            {t("language")}
          </label>
          <select id="refusal-locale" name="locale" defaultValue={replyLanguage} className="border p-1">
            {publicLocales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" className="bg-blue-800 px-4 py-2 font-bold text-white">
          {t("issue")}
        </button>
      </DocumentForm>
      <ReleasedDocuments requestId={requestId} documents={documents} />
    </section>
  );
}
