import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/guard";
import { permissionsOf, roleHasPermission } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffHomePage() {
  const staff = await requirePermission("staff:home");
  const t = await getTranslations("staff");
  const tp = await getTranslations("permissions");
  const tr = await getTranslations("roles");
  const allowed = permissionsOf(staff.user.role).filter((p) => p !== "staff:home");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("homeTitle", { name: staff.user.displayName })}</h1>
      <p data-testid="staff-role">{t("signedInAs", { role: tr(staff.user.role) })}</p>
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
      </section>
      {roleHasPermission(staff.user.role, "staff:manage") ? (
        <nav aria-label={t("adminNav")}>
          <ul className="flex flex-wrap gap-4">
            <li>
              <Link href="/staff/admin/staff">{t("navStaff")}</Link>
            </li>
            <li>
              <Link href="/staff/admin/settings">{t("navSettings")}</Link>
            </li>
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
