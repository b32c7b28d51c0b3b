import { getFormatter, getTranslations } from "next-intl/server";
import { localeNames, type PublicLocale } from "@/lib/i18n/locales";
import type { RightsDocumentKind } from "@/lib/domain-values";

export interface ReleasedDocument {
  id: string;
  kind: RightsDocumentKind;
  locale: string;
  jsonSha256: string;
  pdfSha256: string;
  releasedAt: Date;
}

/** The documents released for a request, each with its two files and their SHA-256. */
export async function ReleasedDocuments({ requestId, documents }: { requestId: string; documents: ReleasedDocument[] }) {
  if (documents.length === 0) return null;
  const t = await getTranslations("rightsDocuments.staff");
  const format = await getFormatter();
  return (
    <section className="space-y-2">
      <h3 className="text-lg font-bold">{t("releasedTitle")}</h3>
      <ul className="space-y-3">
        {documents.map((document) => (
          <li key={document.id}>
            <p>
              {t("releasedOn", {
                kind: t(`kinds.${document.kind}`),
                date: format.dateTime(document.releasedAt, { dateStyle: "medium", timeStyle: "short" }),
                language: localeNames[document.locale as PublicLocale] ?? document.locale,
              })}{" "}
              <a href={`/staff/requests/${requestId}/documents/${document.id}?format=pdf`}>{t("downloadPdf")}</a>{" "}
              <a href={`/staff/requests/${requestId}/documents/${document.id}?format=json`}>{t("downloadJson")}</a>
            </p>
            <p className="break-all font-mono text-xs">{t("sha256", { pdf: document.pdfSha256, json: document.jsonSha256 })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
