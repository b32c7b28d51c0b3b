import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { QUEUE_PAGE_SIZE, viewIntakeQueue } from "@/db/intake-queue";
import { requirePermission, staffActor } from "@/server/guard";
import { localeNames, isPublicLocale } from "@/lib/i18n/locales";

export const metadata: Metadata = { title: "Intake queue" };

export default async function IntakeQueuePage({ searchParams }: PageProps<"/staff/intake">) {
  const staff = await requirePermission("intake:review");
  const t = await getTranslations("intakeQueue");
  const format = await getFormatter();
  const { page: pageParam, rejected } = await searchParams;
  const page = Math.max(1, Number(typeof pageParam === "string" ? pageParam : 1) || 1);
  // The names listed are personal data: the look is audited with the submissions shown.
  const { rows, total } = await viewIntakeQueue({ db: await getDb(), actor: staffActor(staff), page });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {rejected === "1" ? (
        <p role="status" className="border-s-4 border-brand-700 ps-3">
          {t("rejected")}
        </p>
      ) : null}
      <p>{t("count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="p-2 text-start">{t("submitted")}</th>
                <th scope="col" className="p-2 text-start">{t("name")}</th>
                <th scope="col" className="p-2 text-start">{t("language")}</th>
                <th scope="col" className="p-2 text-start">{t("reference")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-gray-300">
                  <td className="p-2">
                    {format.dateTime(row.submittedAt, { dateStyle: "short", timeStyle: "short" })} ({t("age", { days: row.ageDays })})
                  </td>
                  <td className="p-2">
                    <Link href={`/staff/intake/${row.id}`}>
                      {row.lastName ?? "?"}, {row.firstNames ?? "?"}
                    </Link>
                  </td>
                  <td className="p-2">{isPublicLocale(row.locale) ? localeNames[row.locale] : row.locale}</td>
                  <td className="p-2 font-mono">{row.reference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pages")} className="flex gap-4">
        {page > 1 ? <Link href={`/staff/intake?page=${page - 1}`}>{t("previous")}</Link> : null}
        {page * QUEUE_PAGE_SIZE < total ? <Link href={`/staff/intake?page=${page + 1}`}>{t("next")}</Link> : null}
      </nav>
    </div>
  );
}
