import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requestForDocuments } from "@/db/access-report";
import { releasedDocuments } from "@/db/rights-documents";
import { localeNames, publicLocales, isPublicLocale } from "@/lib/i18n/locales";
import { requirePermission, staffActor } from "@/server/guard";
import { releaseAccessReportAction } from "./document-actions";
import { DocumentForm } from "./document-form";
import { ReleasedDocuments } from "./released-documents";

/**
 * The access report of an access request (Art 15; a portability request gets the same, its JSON
 * being the machine-readable copy): preview the PDF or the JSON in the reply
 * language (or another of the six), then release it; the released files are listed with their
 * SHA-256. Loads its own data and checks the permission itself.
 */
export async function AccessReportPanel({ requestId }: { requestId: string }) {
  const staff = await requirePermission("request:manage");
  const t = await getTranslations("rightsDocuments.staff");
  const db = await getDb();
  const request = await requestForDocuments(db, requestId);
  if (!request || (request.kind !== "access" && request.kind !== "portability")) return null;
  const documents = (await releasedDocuments({ db, actor: staffActor(staff), requestId })).filter((document) => document.kind === "access_report");
  const replyLanguage = isPublicLocale(request.replyLanguage) ? request.replyLanguage : "fi";
  const languageSelect = (id: string) => (
    <p>
      <label htmlFor={id} className="block font-bold">
        {t("language")}
      </label>
      <select id={id} name="locale" defaultValue={replyLanguage} className="border p-1">
        {publicLocales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <section aria-labelledby="access-report-title" className="space-y-4 border p-4">
      <h2 id="access-report-title" className="text-2xl font-bold">
        {t("accessReport")}
      </h2>
      {!request.clientId ? (
        <p>{t("noClient")}</p>
      ) : (
        <>
          <p>{t("accessReportIntro")}</p>
          <form method="get" action={`/staff/requests/${requestId}/access-report`} target="_blank" className="flex flex-wrap items-end gap-3">
            {languageSelect("access-report-preview-locale")}
            <button type="submit" name="format" value="pdf" className="border px-3 py-1">
              {t("previewPdf")}
            </button>
            <button type="submit" name="format" value="json" className="border px-3 py-1">
              {t("previewJson")}
            </button>
          </form>
          <DocumentForm
            action={releaseAccessReportAction}
            label={t("release")}
            done={t("released")}
            errors={{ not_allowed: t("errors.not_allowed"), not_found: t("errors.not_found"), no_client: t("errors.no_client"), not_access_request: t("errors.not_access_request"), other: t("errors.not_allowed") }}
          >
            <input type="hidden" name="requestId" value={requestId} />
            {languageSelect("access-report-release-locale")}
            <button type="submit" className="bg-blue-800 px-4 py-2 font-bold text-white">
              {t("release")}
            </button>
          </DocumentForm>
        </>
      )}
      <ReleasedDocuments requestId={requestId} documents={documents} />
    </section>
  );
}
