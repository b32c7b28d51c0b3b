import type { Metadata } from "next";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { DocumentView } from "@/components/rights/document-view";
import { isStaffLocale } from "@/lib/i18n/locales";
import { requirePermission } from "@/server/guard";
import { processingRecord } from "@/server/pdf/rights-documents";

export const metadata: Metadata = { title: "Record of processing activities" };

/**
 * The record of processing activities (GDPR Art 30(1)) for the data protection officer, generated
 * from the register settings (lib/rights/processing-record.ts): the page and its PDF say the same.
 * It holds no personal data.
 */
export default async function RecordOfProcessingPage() {
  await requirePermission("request:manage");
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("rightsDocuments.processingRecord");
  const { model } = await processingRecord({ db: await getDb(), locale: isStaffLocale(locale) ? locale : "fi" });
  return (
    <article className="space-y-4">
      <h1 className="text-3xl font-bold">{model.title}</h1>
      <p>
        <a href="/staff/records-of-processing/pdf" download>
          {t("downloadPdf")}
        </a>
      </p>
      <DocumentView model={model} />
    </article>
  );
}
