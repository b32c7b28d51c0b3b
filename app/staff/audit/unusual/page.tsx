import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass, inputClass } from "@/components/forms/field";
import { getDb } from "@/db";
import { viewUnusualAccess } from "@/db/audit-review";
import { staffForAuditFilter } from "@/db/audit-view";
import { getRegisterSettings } from "@/db/settings";
import { requirePermission, staffActor } from "@/server/guard";
import { auditTrailQuerySchema, filterOfQuery, unusualWindowDays, type AuditTrailFilter } from "@/lib/audit-view";

export const metadata: Metadata = { title: "Unusual access" };

/**
 * Unusual access worth a look (lib/audit-view.ts decides what counts): cases opened outside one's
 * caseload with the reason given, days with more distinct clients viewed than the settings allow,
 * identity-code reveals, functional-capacity views, repeated failed sign-ins and role grants, in
 * the chosen Helsinki days (the last 30 by default). The look is audited.
 */
export default async function UnusualAccessPage({ searchParams }: PageProps<"/staff/audit/unusual">) {
  const staff = await requirePermission("audit:read");
  const t = await getTranslations("auditView");
  const format = await getFormatter();
  const db = await getDb();
  const parsed = auditTrailQuerySchema.safeParse(await searchParams);
  const filter: AuditTrailFilter = parsed.success ? filterOfQuery(parsed.data).filter : {};
  const days = unusualWindowDays(filter, new Date());
  const { auditReview: thresholds } = await getRegisterSettings({ db });
  const review = await viewUnusualAccess({ db, actor: staffActor(staff), days, staffId: filter.staffId, thresholds });
  const people = await staffForAuditFilter({ db });
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" });
  const staffLink = (id: string | null, name: string | null | undefined) =>
    id ? <Link href={`/staff/audit/staff/${id}`}>{name ?? id}</Link> : <span>{t("noActor")}</span>;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/staff/audit">{t("backToLog")}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t("unusualTitle")}</h1>
      <p>{t("unusualIntro")}</p>
      <ul className="list-disc ps-6 text-sm">
        <li>{t("unusualThresholdClients", { count: thresholds.distinctClientsViewedPerDay })}</li>
        <li>{t("unusualThresholdSignIns", { count: thresholds.failedSignInsPerDay })}</li>
      </ul>
      {parsed.success ? null : (
        <p role="alert" className="font-bold text-red-700">
          {t("invalidFilter")}
        </p>
      )}
      <form method="get" className="grid gap-3 sm:grid-cols-3" aria-label={t("filters")}>
        <div className="space-y-1">
          <label htmlFor="unusual-staff" className="block font-bold">
            {t("staffMember")}
          </label>
          <select id="unusual-staff" name="staff" defaultValue={filter.staffId ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="unusual-from" className="block font-bold">
            {t("from")}
          </label>
          <input id="unusual-from" name="from" type="date" defaultValue={days.from} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="unusual-to" className="block font-bold">
            {t("to")}
          </label>
          <input id="unusual-to" name="to" type="date" defaultValue={days.to} className={inputClass} />
        </div>
        <div className="sm:col-span-3">
          <button type="submit" className={buttonClass}>
            {t("applyFilters")}
          </button>
        </div>
      </form>
      <p>{t("unusualDays", { from: day(days.from), to: day(days.to) })}</p>
      {review.truncated.map((kind) => (
        <p key={kind} className="font-bold">
          {t("unusualTruncated", { kind: t(`unusualKinds.${kind}`) })}
        </p>
      ))}
      {review.items.length === 0 ? (
        <p data-testid="unusual-empty">{t("unusualNone")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start text-sm" data-testid="unusual-access">
            <caption className="sr-only">{t("unusualTitle")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                {(["when", "what", "who", "client", "why"] as const).map((column) => (
                  <th key={column} scope="col" className="p-2 text-start">
                    {t(`columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {review.items.map((item) =>
                "event" in item ? (
                  <tr key={`e${item.event.seq}`} className="border-b border-gray-300 align-top" data-testid="unusual-item" data-kind={item.kind}>
                    <td className="p-2 whitespace-nowrap">{format.dateTime(item.at, { dateStyle: "short", timeStyle: "short" })}</td>
                    <td className="p-2">{t(`unusualKinds.${item.kind}`)}</td>
                    <td className="p-2">{staffLink(item.event.actorId, item.event.actorName)}</td>
                    <td className="p-2 font-mono">
                      {item.event.clientId ? (
                        <Link href={`/staff/audit/clients/${item.event.clientId}`}>{item.event.clientNumber ?? t("erasedClient")}</Link>
                      ) : (
                        "–"
                      )}
                    </td>
                    <td className="p-2">{item.event.reason ?? ""}</td>
                  </tr>
                ) : (
                  <tr key={`d${item.kind}${item.dayCount.actorId}${item.dayCount.day}`} className="border-b border-gray-300 align-top" data-testid="unusual-item" data-kind={item.kind}>
                    <td className="p-2 whitespace-nowrap">{day(item.dayCount.day)}</td>
                    <td className="p-2">{t(`unusualKinds.${item.kind}`)}</td>
                    <td className="p-2">
                      {item.dayCount.actorId ? staffLink(item.dayCount.actorId, review.staffNames[item.dayCount.actorId]) : t("unknownAccounts")}
                    </td>
                    <td className="p-2">–</td>
                    <td className="p-2" data-testid="unusual-count">
                      {item.kind === "many_clients_in_a_day" ? t("distinctClients", { count: item.dayCount.count }) : t("failedSignIns", { count: item.dayCount.count })}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
