import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { buttonClass, inputClass } from "@/components/forms/field";
import { getDb } from "@/db";
import { disclosingStaff, viewDisclosureLog } from "@/db/disclosure-log";
import { getRegisterSettings } from "@/db/settings";
import { requirePermission, staffActor } from "@/server/guard";
import { roleHasPermission } from "@/lib/auth/permissions";
import { localised } from "@/lib/register-settings";
import { disclosureLogFilterSchema } from "@/lib/validations/disclosure";

export const metadata: Metadata = { title: "Disclosure log" };

/**
 * The register's disclosure log (Act 906/2019 §17), for coordinators and the data protection officer:
 * filter by agency, staff member and dates, and export the same selection as CSV.
 */
export default async function DisclosureLogPage({ searchParams }: PageProps<"/staff/disclosures">) {
  const staff = await requirePermission("disclosure:readLog");
  const t = await getTranslations("disclosures");
  const tc = await getTranslations("categories");
  const format = await getFormatter();
  const locale = await getLocale();
  const db = await getDb();
  const query = await searchParams;
  const parsed = disclosureLogFilterSchema.safeParse(query);
  const filter = parsed.success ? parsed.data : { page: 1 };
  const { entries, hasMore } = await viewDisclosureLog({
    db,
    actor: staffActor(staff),
    filter: { agencyCode: filter.agency, staffId: filter.staff, from: filter.from, to: filter.to },
    page: filter.page,
  });
  const settings = await getRegisterSettings({ db });
  const people = await disclosingStaff({ db });
  // Coordinators can open the case from the log; the DPO sees the client number only.
  const mayOpenCases = roleHasPermission(staff.user.role, "client:read");
  const filterQuery = new URLSearchParams(
    Object.entries({ agency: filter.agency, staff: filter.staff, from: filter.from, to: filter.to }).filter((pair): pair is [string, string] => Boolean(pair[1])),
  );
  const pageLink = (page: number) => `/staff/disclosures?${new URLSearchParams([...filterQuery, ["page", String(page)]]).toString()}`;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("logTitle")}</h1>
      <p>{t("logIntro")}</p>
      {parsed.success ? null : (
        <p role="alert" className="font-bold text-red-700">
          {t("invalidFilter")}
        </p>
      )}
      <form method="get" className="grid gap-3 sm:grid-cols-2" aria-label={t("filters")}>
        <div className="space-y-1">
          <label htmlFor="agency" className="block font-bold">
            {t("recipient")}
          </label>
          <select id="agency" name="agency" defaultValue={filter.agency ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {settings.agencies.map((agency) => (
              <option key={agency.code} value={agency.code}>
                {localised({ fi: agency.name, ...agency.names }, locale)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="staff" className="block font-bold">
            {t("staffMember")}
          </label>
          <select id="staff" name="staff" defaultValue={filter.staff ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="from" className="block font-bold">
            {t("from")}
          </label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="to" className="block font-bold">
            {t("to")}
          </label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
        </div>
        <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
          <button type="submit" className={buttonClass}>
            {t("applyFilters")}
          </button>
          <a href={`/staff/disclosures/export?${filterQuery.toString()}`} download data-testid="export-csv" className="font-bold">
            {t("exportCsv")}
          </a>
        </div>
      </form>

      {entries.length === 0 ? (
        <p>{t("noneInLog")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start text-sm" data-testid="disclosure-log">
            <caption className="sr-only">{t("logTitle")}</caption>
            <thead>
              <tr className="border-b-2 border-ink">
                {(["when", "client", "recipient", "categories", "basis", "purpose", "method", "requestReference", "staffMember"] as const).map((column) => (
                  <th key={column} scope="col" className="p-2 text-start">
                    {t(`columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-b border-gray-300 align-top" data-testid="log-entry">
                  <td className="p-2">{format.dateTime(entry.disclosedAt, { dateStyle: "short", timeStyle: "short" })}</td>
                  <td className="p-2 font-mono whitespace-nowrap">
                    {entry.clientId && entry.clientNumber && mayOpenCases ? (
                      <Link href={`/staff/clients/${entry.clientId}`}>{entry.clientNumber}</Link>
                    ) : (
                      (entry.clientNumber ?? t("erasedClient"))
                    )}
                  </td>
                  <td className="p-2">{entry.agencyName}</td>
                  <td className="p-2">{entry.categories.map((k) => tc(`${k}.name` as never)).join(", ")}</td>
                  <td className="p-2">
                    {entry.basis.map((b) => (b.kind === "consent" ? t("consentShort") : b.provision)).filter((v, i, all) => all.indexOf(v) === i).join("; ")}
                  </td>
                  <td className="p-2">{entry.purpose}</td>
                  <td className="p-2">{t(`methods.${entry.method}`)}</td>
                  <td className="p-2">{entry.requestReference ?? "–"}</td>
                  <td className="p-2">{entry.disclosedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t("pages")} className="flex gap-4">
        {filter.page > 1 ? <Link href={pageLink(filter.page - 1)}>{t("previousPage")}</Link> : null}
        {hasMore ? <Link href={pageLink(filter.page + 1)}>{t("nextPage")}</Link> : null}
      </nav>
    </div>
  );
}
