import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass, inputClass } from "@/components/forms/field";
import type { AuditEntry } from "@/db/audit-view";
import { auditActions } from "@/lib/audit-actions";
import { queryOfFilter, viewBasisOf, type AuditTrailFilter, type KeysetPage } from "@/lib/audit-view";

/**
 * The pieces every audit page shares: the filter form (a GET: nothing in it is secret; the client
 * is chosen by the lookup, which posts), the table of events with actions shown by label, and the
 * keyset pager. Server components.
 */

type Translator = Awaited<ReturnType<typeof getTranslations<"auditActions">>>;

/** An action's label; an action recorded by a version that no longer names it shows as its code. */
export function actionLabel(ta: Translator, action: string): string {
  return ta.has(action as never) ? ta(action as never) : action;
}

export async function AuditFilterForm({
  basePath,
  filter,
  fields,
  staff = [],
  clientLabel,
}: {
  basePath: string;
  filter: AuditTrailFilter;
  fields: readonly ("staff" | "action" | "dates")[];
  staff?: readonly { id: string; displayName: string }[];
  /** The chosen client's number (or id when no longer in the register), shown with a way to drop it. */
  clientLabel?: string;
}) {
  const t = await getTranslations("auditView");
  const ta = await getTranslations("auditActions");
  const actions = auditActions.map((action) => ({ action, label: actionLabel(ta, action) })).sort((a, b) => a.label.localeCompare(b.label));
  const exportQuery = new URLSearchParams(queryOfFilter(filter)).toString();
  const withoutClient = new URLSearchParams(queryOfFilter({ ...filter, clientId: undefined })).toString();
  return (
    <form method="get" action={basePath} className="grid gap-3 sm:grid-cols-2" aria-label={t("filters")} data-testid="audit-filters">
      {filter.clientId && clientLabel !== undefined ? (
        <p className="sm:col-span-2">
          <input type="hidden" name="client" value={filter.clientId} />
          {t("filteredByClient")} <span className="font-mono" data-testid="filter-client">{clientLabel}</span>{" "}
          <a href={`${basePath}?${withoutClient}`}>{t("removeClientFilter")}</a>
        </p>
      ) : null}
      {fields.includes("staff") ? (
        <div className="space-y-1">
          <label htmlFor="audit-staff" className="block font-bold">
            {t("staffMember")}
          </label>
          <select id="audit-staff" name="staff" defaultValue={filter.staffId ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {staff.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {fields.includes("action") ? (
        <div className="space-y-1">
          <label htmlFor="audit-action" className="block font-bold">
            {t("action")}
          </label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">{t("any")}</option>
            {actions.map(({ action, label }) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {fields.includes("dates") ? (
        <>
          <div className="space-y-1">
            <label htmlFor="audit-from" className="block font-bold">
              {t("from")}
            </label>
            <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
          </div>
          <div className="space-y-1">
            <label htmlFor="audit-to" className="block font-bold">
              {t("to")}
            </label>
            <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
          </div>
        </>
      ) : null}
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <button type="submit" className={buttonClass}>
          {t("applyFilters")}
        </button>
        <a href={`/staff/audit/export?${exportQuery}`} download data-testid="export-csv" className="font-bold">
          {t("exportCsv")}
        </a>
      </div>
    </form>
  );
}

function detailsText(details: Record<string, unknown>): string {
  const shown = Object.entries(details).filter(([key]) => key !== "basis");
  if (shown.length === 0) return "";
  return JSON.stringify(Object.fromEntries(shown));
}

export async function AuditTrailTable({ entries, caption }: { entries: readonly AuditEntry[]; caption: string }) {
  const t = await getTranslations("auditView");
  const ta = await getTranslations("auditActions");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  if (entries.length === 0) return <p data-testid="audit-empty">{t("noEvents")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-start text-sm" data-testid="audit-trail">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            {(["when", "who", "what", "client", "why", "details"] as const).map((column) => (
              <th key={column} scope="col" className="p-2 text-start">
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const basis = entry.action === "client.viewed" ? viewBasisOf(entry.details) : null;
            return (
              <tr key={entry.seq} className="border-b border-gray-300 align-top" data-testid="audit-event" data-seq={entry.seq} data-action={entry.action}>
                <td className="p-2 whitespace-nowrap">{format.dateTime(entry.occurredAt, { dateStyle: "short", timeStyle: "medium" })}</td>
                <td className="p-2">
                  {entry.actorId ? (
                    <Link href={`/staff/audit/staff/${entry.actorId}`}>{entry.actorName ?? entry.actorId}</Link>
                  ) : (
                    t("noActor")
                  )}
                  {entry.actorRole ? <span className="block text-gray-700">{tr(entry.actorRole as never)}</span> : null}
                </td>
                <td className="p-2">{actionLabel(ta, entry.action)}</td>
                <td className="p-2 font-mono whitespace-nowrap">
                  {entry.clientId ? <Link href={`/staff/audit/clients/${entry.clientId}`}>{entry.clientNumber ?? t("erasedClient")}</Link> : "–"}
                </td>
                <td className="p-2">
                  {basis ? <span className="block">{t(`basis.${basis}`)}</span> : null}
                  {entry.reason ? <span className="block" data-testid="audit-reason">{entry.reason}</span> : null}
                </td>
                <td className="p-2 font-mono text-xs break-all" dir="ltr">
                  {detailsText(entry.details)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export async function AuditPager({ basePath, filter, page }: { basePath: string; filter: AuditTrailFilter; page: KeysetPage<unknown> }) {
  const t = await getTranslations("auditView");
  const link = (cursor: [string, number]) => `${basePath}?${new URLSearchParams([...queryOfFilter(filter), [cursor[0], String(cursor[1])]]).toString()}`;
  if (page.newer === null && page.older === null) return null;
  return (
    <nav aria-label={t("pages")} className="flex gap-4">
      {page.newer !== null ? <Link href={link(["after", page.newer])}>{t("newer")}</Link> : null}
      {page.older !== null ? <Link href={link(["before", page.older])}>{t("older")}</Link> : null}
    </nav>
  );
}
