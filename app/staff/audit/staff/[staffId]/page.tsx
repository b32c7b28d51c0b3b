import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { viewStaffActivity } from "@/db/audit-view";
import { requirePermission, staffActor } from "@/server/guard";
import { auditTrailQuerySchema, filterOfQuery, queryOfFilter, type AuditTrailFilter } from "@/lib/audit-view";
import { isUuid } from "@/lib/forms/uuid";
import { AuditFilterForm, AuditPager, AuditTrailTable } from "../../trail-view";

/** The page's own staff member replaces any in the query. */
function withoutStaff({ staffId: _staffId, ...rest }: AuditTrailFilter): Omit<AuditTrailFilter, "staffId"> {
  return rest;
}

export const metadata: Metadata = { title: "Staff member's activity" };

/** One staff member's activity in the log, filtered by action and days; the look is audited. */
export default async function StaffActivityPage({ params, searchParams }: PageProps<"/staff/audit/staff/[staffId]">) {
  const staff = await requirePermission("audit:read");
  const { staffId } = await params;
  if (!isUuid(staffId)) notFound();
  const t = await getTranslations("auditView");
  const tr = await getTranslations("roles");
  const db = await getDb();
  const parsed = auditTrailQuerySchema.safeParse(await searchParams);
  const { filter, cursor } = parsed.success ? filterOfQuery(parsed.data) : { filter: {}, cursor: null };
  const { member, page } = await viewStaffActivity({ db, actor: staffActor(staff), staffId, filter: withoutStaff(filter), cursor });
  if (!member) notFound();
  const basePath = `/staff/audit/staff/${staffId}`;
  const pageFilter = { ...filter, staffId };
  const unusualQuery = new URLSearchParams(queryOfFilter({ staffId, from: filter.from, to: filter.to })).toString();

  return (
    <div className="space-y-6">
      <p>
        <Link href="/staff/audit">{t("backToLog")}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t("staffTitle", { name: member.displayName })}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid="audited-staff">
        <dt className="font-bold">{t("staffEmail")}</dt>
        <dd>{member.email}</dd>
        <dt className="font-bold">{t("staffRole")}</dt>
        <dd>{member.role ? tr(member.role as never) : t("staffNoRole")}</dd>
        {member.disabledAt ? (
          <>
            <dt className="font-bold">{t("staffDisabled")}</dt>
            <dd>{member.disabledAt.toISOString().slice(0, 10)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link href={`/staff/audit/unusual?${unusualQuery}`}>{t("staffUnusual")}</Link>
      </p>
      {parsed.success ? null : (
        <p role="alert" className="font-bold text-red-700">
          {t("invalidFilter")}
        </p>
      )}
      <AuditFilterForm basePath={basePath} filter={pageFilter} fields={["action", "dates"]} />
      <AuditTrailTable entries={page.rows} caption={t("staffTitle", { name: member.displayName })} />
      <AuditPager basePath={basePath} filter={pageFilter} page={page} />
    </div>
  );
}
