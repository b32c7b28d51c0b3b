import { cookies } from "next/headers";
import { getDb } from "@/db";
import { isStaffLocale, STAFF_LOCALE_COOKIE } from "@/lib/i18n/locales";
import { requireApiPermission } from "@/server/guard";
import { processingRecord } from "@/server/pdf/rights-documents";

/** The record of processing activities (GDPR Art 30(1)) as a PDF, in the officer's language. */
export async function GET() {
  const staff = await requireApiPermission("request:manage");
  if (staff instanceof Response) return staff;
  const chosen = (await cookies()).get(STAFF_LOCALE_COOKIE)?.value;
  const record = await processingRecord({ db: await getDb(), locale: isStaffLocale(chosen) ? chosen : "fi" });
  return new Response(new Uint8Array(await record.pdf()), {
    headers: { "content-type": "application/pdf", "content-disposition": 'attachment; filename="record-of-processing-activities.pdf"', "cache-control": "no-store" },
  });
}
