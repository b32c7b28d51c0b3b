import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { pendingRolesByStaff } from "@/db/role-grants";
import { listStaff } from "@/db/staff";
import { requirePermission } from "@/server/guard";
import { staffRoles } from "@/lib/auth/roles";
import { changeStaffRoleAction, setStaffDisabledAction } from "./actions";
import { CreateStaffForm } from "./create-staff-form";
import { RowActionForm } from "./row-action-form";
import { SignInLockouts } from "./sign-in-lockouts";

export const metadata: Metadata = { title: "Staff accounts" };

export default async function StaffAccountsPage() {
  const admin = await requirePermission("staff:manage");
  const t = await getTranslations("admin");
  const tr = await getTranslations("roles");
  const staff = await listStaff({ db: await getDb() });
  const awaiting = await pendingRolesByStaff({ db: await getDb() });
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={{ admin: messages.admin, roles: messages.roles, validation: messages.validation }}>
      <div className="space-y-8">
        <h1 className="text-3xl font-bold">{t("staffTitle")}</h1>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start">
            <caption className="sr-only">{t("staffTitle")}</caption>
            <thead>
              <tr className="border-b-2 border-ink text-start">
                <th scope="col" className="p-2 text-start">{t("displayName")}</th>
                <th scope="col" className="p-2 text-start">{t("email")}</th>
                <th scope="col" className="p-2 text-start">{t("role")}</th>
                <th scope="col" className="p-2 text-start">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((member) => {
                const self = member.id === admin.user.id;
                const requested = awaiting.get(member.id);
                return (
                  <tr key={member.id} className="border-b border-gray-300 align-top">
                    <th scope="row" className="p-2 text-start font-normal">{member.displayName}</th>
                    <td className="p-2">{member.email}</td>
                    <td className="p-2">
                      {/* The role in force, and apart from it the one waiting for a second person's approval. */}
                      {member.role ? <span>{tr(member.role)}</span> : <span>{t("noRoleYet")}</span>}
                      {requested ? (
                        <p className="text-sm" data-testid="awaiting-approval">
                          {t("awaitingApproval", { role: tr(requested) })}
                        </p>
                      ) : null}
                      {self ? null : (
                        <RowActionForm action={changeStaffRoleAction} label={t("changeRoleOf", { name: member.displayName })}>
                          <input type="hidden" name="staffId" value={member.id} />
                          <label className="sr-only" htmlFor={`role-${member.id}`}>{t("role")}</label>
                          <select id={`role-${member.id}`} name="role" defaultValue={requested ?? member.role ?? "caseworker"} className="rounded border-2 border-ink px-2 py-1">
                            {staffRoles.map((role) => (
                              <option key={role} value={role}>{tr(role)}</option>
                            ))}
                          </select>
                          <button type="submit" className="rounded border-2 border-brand-700 px-2 py-1">{t("changeRole")}</button>
                        </RowActionForm>
                      )}
                    </td>
                    <td className="p-2">
                      {member.disabledAt ? t("disabled") : t("active")}
                      {member.mustChangePassword ? <p className="text-sm">{t("mustChangePassword")}</p> : null}
                      {self ? null : (
                        <RowActionForm action={setStaffDisabledAction} label={t("changeStatusOf", { name: member.displayName })}>
                          <input type="hidden" name="staffId" value={member.id} />
                          <input type="hidden" name="disabled" value={member.disabledAt ? "false" : "true"} />
                          <button type="submit" className="rounded border-2 border-brand-700 px-2 py-1">
                            {member.disabledAt ? t("enable") : t("disable")}
                          </button>
                        </RowActionForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <SignInLockouts />
        <CreateStaffForm />
      </div>
    </NextIntlClientProvider>
  );
}
