import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getFormatter, getMessages, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listRoleGrants, type RoleGrantRow } from "@/db/role-grants";
import { requirePermission } from "@/server/guard";
import { roleHasPermission } from "@/lib/auth/permissions";
import { grantDecision } from "@/lib/auth/role-grants";
import { DecisionForm } from "./decision-form";

export const metadata: Metadata = { title: "Role approvals" };

/**
 * Grants of client-data roles waiting for a second person (coordinators and the DPO decide), and for
 * the DPO the history of every grant, approval, refusal and direct change. The same rule that the
 * data layer applies decides whether the buttons are offered.
 */
export default async function RoleGrantsPage() {
  const staff = await requirePermission("roleGrant:approve");
  const t = await getTranslations("roleGrants");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const db = await getDb();
  const pending = await listRoleGrants({ db, which: "pending" });
  const showHistory = roleHasPermission(staff.user.role, "roleGrant:readHistory");
  const history = showHistory ? await listRoleGrants({ db, which: "decided" }) : [];
  const messages = await getMessages();
  const when = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: "short", timeStyle: "short" }) : "");
  const roleName = (role: RoleGrantRow["previousRole"]) => (role ? tr(role) : t("noRole"));
  const requesterName = (row: RoleGrantRow) => row.requestedByName ?? t("system");

  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>

      <section aria-labelledby="pending-grants" className="space-y-3">
        <h2 id="pending-grants" className="text-xl font-bold">
          {t("pendingTitle")}
        </h2>
        {pending.length === 0 ? (
          <p>{t("nonePending")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-start" data-testid="pending-grants">
              <caption className="sr-only">{t("pendingTitle")}</caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">{t("account")}</th>
                  <th scope="col" className="p-2 text-start">{t("from")}</th>
                  <th scope="col" className="p-2 text-start">{t("to")}</th>
                  <th scope="col" className="p-2 text-start">{t("requestedBy")}</th>
                  <th scope="col" className="p-2 text-start">{t("decision")}</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((row) => {
                  const approver = { userId: staff.user.id, role: staff.user.role };
                  const grant = { staffId: row.staffId, requestedBy: row.requestedById, status: row.status, accountMustChangePassword: row.accountMustChangePassword };
                  const mayRefuse = grantDecision(approver, grant, "refuse");
                  const mayApprove = grantDecision(approver, grant, "approve");
                  return (
                    <tr key={row.id} className="border-b border-gray-300 align-top" data-staff-email={row.staffEmail}>
                      <th scope="row" className="p-2 text-start font-normal">
                        {row.staffName}
                        <br />
                        <span className="text-sm">{row.staffEmail}</span>
                      </th>
                      <td className="p-2">{roleName(row.previousRole)}</td>
                      <td className="p-2">{tr(row.role)}</td>
                      <td className="p-2">
                        {requesterName(row)}
                        <br />
                        <span className="text-sm">{when(row.requestedAt)}</span>
                      </td>
                      <td className="p-2">
                        {mayApprove.kind === "refused" ? <p className="text-sm">{t(`refusal.${mayApprove.reason}`)}</p> : null}
                        {mayRefuse.kind === "allowed" ? (
                          <NextIntlClientProvider messages={{ roleGrants: messages.roleGrants }}>
                            <DecisionForm grantId={row.id} mayApprove={mayApprove.kind === "allowed"} label={t("decideFor", { name: row.staffName })} />
                          </NextIntlClientProvider>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {showHistory ? (
        <section aria-labelledby="grant-history" className="space-y-3">
          <h2 id="grant-history" className="text-xl font-bold">
            {t("historyTitle")}
          </h2>
          {history.length === 0 ? (
            <p>{t("noHistory")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-start" data-testid="grant-history">
                <caption className="sr-only">{t("historyTitle")}</caption>
                <thead>
                  <tr className="border-b-2 border-ink">
                    <th scope="col" className="p-2 text-start">{t("account")}</th>
                    <th scope="col" className="p-2 text-start">{t("from")}</th>
                    <th scope="col" className="p-2 text-start">{t("to")}</th>
                    <th scope="col" className="p-2 text-start">{t("status")}</th>
                    <th scope="col" className="p-2 text-start">{t("requestedBy")}</th>
                    <th scope="col" className="p-2 text-start">{t("decidedBy")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((row) => (
                    <tr key={row.id} className="border-b border-gray-300 align-top" data-staff-email={row.staffEmail}>
                      <th scope="row" className="p-2 text-start font-normal">
                        {row.staffName}
                        <br />
                        <span className="text-sm">{row.staffEmail}</span>
                      </th>
                      <td className="p-2">{roleName(row.previousRole)}</td>
                      <td className="p-2">{tr(row.role)}</td>
                      <td className="p-2" data-status={row.status}>{t(`status_${row.status}`)}</td>
                      <td className="p-2">
                        {requesterName(row)}
                        <br />
                        <span className="text-sm">{when(row.requestedAt)}</span>
                      </td>
                      <td className="p-2">
                        {row.decidedByName ?? ""}
                        <br />
                        <span className="text-sm">{when(row.decidedAt)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
