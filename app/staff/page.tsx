import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listRoleGrants, pendingRoleOf } from "@/db/role-grants";
import { viewStaffHome } from "@/db/staff-home";
import { requestsDueSoon } from "@/db/request-register";
import { RequestTable } from "./requests/request-table";
import { effectivePermissions } from "@/lib/auth/account-access";
import { requirePermission, staffActor } from "@/server/guard";
import { roleHasPermission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Staff" };

function ClientList({ items, empty }: { items: { key: string; clientId: string; label: string; when: string }[]; empty: string }) {
  if (items.length === 0) return <p className="text-gray-700">{empty}</p>;
  return (
    <ul className="space-y-1">
      {items.map((item) => (
        <li key={item.key}>
          <span className="font-mono">{item.when}</span> · <Link href={`/staff/clients/${item.clientId}`}>{item.label}</Link>
        </li>
      ))}
    </ul>
  );
}

export default async function StaffHomePage() {
  const staff = await requirePermission("staff:home");
  const t = await getTranslations("staff");
  const tp = await getTranslations("permissions");
  const tr = await getTranslations("roles");
  const tav = await getTranslations("auditView");
  const trs = await getTranslations("restrictions");
  const format = await getFormatter();
  const role = staff.user.role;
  // Everyone has their home page and their own account (linked below): the list shows the rest.
  const allowed = effectivePermissions(staff.user).filter((p) => p !== "staff:home" && p !== "staff:self");
  const worksWithClients = roleHasPermission(role, "client:read");
  const summary = worksWithClients ? await viewStaffHome({ db: await getDb(), actor: staffActor(staff) }) : null;
  // A role asked for and not yet approved: the person sees which, and that a second person decides.
  const awaitedRole = await pendingRoleOf({ db: await getDb(), staffId: staff.user.id });
  const grantsToDecide = roleHasPermission(role, "roleGrant:approve") ? (await listRoleGrants({ db: await getDb(), which: "pending" })).length : 0;
  // The officer's requests due within seven days and overdue ones (lib/rights/deadlines.ts).
  const dueRequests = roleHasPermission(role, "request:manage") ? await requestsDueSoon({ db: await getDb(), actor: staffActor(staff) }) : null;
  const day = (value: string | null) => (value ? format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" }) : "");
  const name = (c: { clientNumber: string; lastName: string; firstNames: string }) => `${c.lastName}, ${c.firstNames} (${c.clientNumber})`;

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">{t("homeTitle", { name: staff.user.displayName })}</h1>
      <p data-testid="staff-role">{t("signedInAs", { role: role ? tr(role) : t("noRoleYet") })}</p>
      {awaitedRole ? (
        <p data-testid="awaiting-approval" className="border-s-4 border-brand-700 ps-3">
          {t("awaitingApproval", { role: tr(awaitedRole) })}
        </p>
      ) : null}

      {summary ? (
        <div className="grid gap-6 md:grid-cols-2">
          <section aria-labelledby="intake-queue" className="rounded border-2 border-gray-300 p-4">
            <h2 id="intake-queue" className="text-xl font-bold">
              {t("navIntake")}
            </h2>
            <p className="text-3xl font-bold" data-testid="intake-count">
              {summary.pendingIntake}
            </p>
            <Link href="/staff/intake">{t("openQueue")}</Link>
          </section>
          <section aria-labelledby="caseload" className="rounded border-2 border-gray-300 p-4">
            <h2 id="caseload" className="text-xl font-bold">
              {role === "caseworker" ? t("myCaseload") : t("assignedClients")}
            </h2>
            <p className="text-3xl font-bold">{summary.caseload}</p>
            <Link href="/staff/clients">{t("navClients")}</Link>
          </section>
          <section aria-labelledby="appointments" className="rounded border-2 border-gray-300 p-4" data-testid="upcoming-appointments">
            <h2 id="appointments" className="text-xl font-bold">
              {t("upcomingAppointments")}
            </h2>
            <ClientList
              empty={t("nothing")}
              items={summary.upcoming.map((a) => ({
                key: a.id,
                clientId: a.clientId,
                label: name(a),
                when: format.dateTime(a.startsAt, { dateStyle: "short", timeStyle: "short" }),
              }))}
            />
          </section>
          <section aria-labelledby="reviews" className="rounded border-2 border-gray-300 p-4" data-testid="reviews-due">
            <h2 id="reviews" className="text-xl font-bold">
              {t("reviewsDue")}
            </h2>
            <ClientList
              empty={t("nothing")}
              items={summary.reviewsDue.map((r) => ({ key: r.planId, clientId: r.clientId, label: name(r), when: day(r.reviewDueOn) }))}
            />
          </section>
          <section aria-labelledby="permits" className="rounded border-2 border-gray-300 p-4 md:col-span-2" data-testid="permits-expiring">
            <h2 id="permits" className="text-xl font-bold">
              {t("permitsExpiring")}
            </h2>
            <ClientList
              empty={t("nothing")}
              items={summary.permitsExpiring.map((p) => ({ key: p.permitId, clientId: p.clientId, label: name(p), when: day(p.validUntil) }))}
            />
          </section>
        </div>
      ) : null}

      {dueRequests ? (
        <section aria-labelledby="requests-due" className="space-y-2 rounded border-2 border-gray-300 p-4" data-testid="requests-due">
          <h2 id="requests-due" className="text-xl font-bold">
            {t("requestsDue")}
          </h2>
          <RequestTable rows={dueRequests} caption={t("requestsDue")} testId="requests-due-table" />
          <p>
            <Link href="/staff/requests">{t("navRequests")}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="may-do" className="space-y-2">
        <h2 id="may-do" className="text-xl font-bold">
          {t("whatYouMayDo")}
        </h2>
        <ul className="list-disc space-y-1 ps-6" data-testid="permissions">
          {allowed.map((p) => (
            <li key={p} data-permission={p}>
              {tp(p.replace(":", "_"))}
            </li>
          ))}
        </ul>
        {allowed.length === 0 ? <p className="text-gray-700">{t("nothing")}</p> : null}
      </section>
      {roleHasPermission(role, "roleGrant:approve") ? (
        <p>
          <Link href="/staff/role-grants" className="font-bold">
            {t("navRoleGrants", { count: grantsToDecide })}
          </Link>
        </p>
      ) : null}
      <p>
        <Link href="/staff/password">{t("navPassword")}</Link>
      </p>
      {roleHasPermission(role, "disclosure:readLog") ? (
        <p>
          <Link href="/staff/disclosures" className="font-bold">
            {t("navDisclosureLog")}
          </Link>
        </p>
      ) : null}
      {roleHasPermission(role, "audit:read") ? (
        <p>
          <Link href="/staff/audit" className="font-bold">
            {tav("homeLink")}
          </Link>
        </p>
      ) : null}
      {roleHasPermission(role, "request:manage") ? (
        <p>
          <Link href="/staff/restrictions">{trs("homeLink")}</Link>
        </p>
      ) : null}
      {roleHasPermission(role, "request:log") ? (
        <p>
          <Link href="/staff/requests/new">{t("navLogRequest")}</Link>
        </p>
      ) : null}
      {roleHasPermission(role, "settings:readHistory") ? (
        <p>
          <Link href="/staff/admin/settings/history">{t("navSettingsHistory")}</Link>
        </p>
      ) : null}
      {roleHasPermission(role, "staff:manage") ? (
        <nav aria-label={t("adminNav")}>
          <ul className="flex flex-wrap gap-4">
            <li>
              <Link href="/staff/admin/staff">{t("navStaff")}</Link>
            </li>
            <li>
              <Link href="/staff/admin/settings">{t("navSettings")}</Link>
            </li>
            {roleHasPermission(role, "agency:manage") ? (
              <li>
                <Link href="/staff/admin/agencies">{t("navAgencies")}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
