import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { viewClientAuditHistory } from "@/db/audit-view";
import { requirePermission, staffActor } from "@/server/guard";
import { auditTrailQuerySchema, filterOfQuery, type AuditTrailFilter } from "@/lib/audit-view";
import { isUuid } from "@/lib/forms/uuid";
import { AuditFilterForm, AuditPager, AuditTrailTable } from "../../trail-view";

/** The page's own client replaces any client in the query. */
function withoutClient({ clientId: _clientId, ...rest }: AuditTrailFilter): Omit<AuditTrailFilter, "clientId"> {
  return rest;
}

export const metadata: Metadata = { title: "Who looked at the client" };

/**
 * "Who looked, when and why" for one client (Act 906/2019 §17; the access report gives the person
 * the dates and purposes, this page gives the officer the staff too): every event about the client
 * or that showed it in a list, with the way the case was opened and the reason stated. The look is
 * audited and shows in this very history.
 */
export default async function ClientAuditPage({ params, searchParams }: PageProps<"/staff/audit/clients/[clientId]">) {
  const staff = await requirePermission("audit:read");
  const { clientId } = await params;
  if (!isUuid(clientId)) notFound();
  const t = await getTranslations("auditView");
  const db = await getDb();
  const parsed = auditTrailQuerySchema.safeParse(await searchParams);
  const { filter, cursor } = parsed.success ? filterOfQuery(parsed.data) : { filter: {}, cursor: null };
  const { client, page } = await viewClientAuditHistory({ db, actor: staffActor(staff), clientId, filter: withoutClient(filter), cursor });
  const basePath = `/staff/audit/clients/${clientId}`;
  const pageFilter = { ...filter, clientId };

  return (
    <div className="space-y-6">
      <p>
        <Link href="/staff/audit">{t("backToLog")}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t("clientTitle")}</h1>
      {client ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="audited-client">
          <dt className="font-bold">{t("clientNumber")}</dt>
          <dd className="font-mono">{client.clientNumber}</dd>
          <dt className="font-bold">{t("clientName")}</dt>
          <dd>
            {client.lastName}, {client.firstNames}
          </dd>
          <dt className="font-bold">{t("clientDateOfBirth")}</dt>
          <dd>{client.dateOfBirth ?? "–"}</dd>
        </dl>
      ) : (
        <p data-testid="audited-client-gone">{t("clientGone", { id: clientId })}</p>
      )}
      <p>{t("clientIntro")}</p>
      {parsed.success ? null : (
        <p role="alert" className="font-bold text-red-700">
          {t("invalidFilter")}
        </p>
      )}
      <AuditFilterForm basePath={basePath} filter={pageFilter} fields={["action", "dates"]} />
      <AuditTrailTable entries={page.rows} caption={t("clientTitle")} />
      <AuditPager basePath={basePath} filter={pageFilter} page={page} />
    </div>
  );
}
