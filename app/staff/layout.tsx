import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SkipLink } from "@/components/skip-link";
import { currentStaff } from "@/server/guard";
import { localeNames, staffLocales } from "@/lib/i18n/locales";
import { setStaffLocaleAction, signOutAction } from "./actions";

/** Chrome only: each page checks its own permission (layouts do not re-run on navigation). */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await currentStaff();
  const t = await getTranslations("staff");
  const tr = await getTranslations("roles");
  const locale = await getLocale();
  return (
    <>
      <SkipLink label={t("skipToContent")} />
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <Link href="/staff" className="text-lg font-bold text-white no-underline">
            Kotona <span className="font-normal">· {t("workspace")}</span>
          </Link>
          {staff ? (
            <div className="flex flex-wrap items-center gap-4 text-sm">
              <span>
                {staff.user.displayName} ({staff.user.role ? tr(staff.user.role) : t("noRoleYet")})
              </span>
              <form action={setStaffLocaleAction} className="flex items-center gap-2">
                <label htmlFor="staff-locale">{t("language")}</label>
                <select id="staff-locale" name="locale" defaultValue={locale} className="rounded bg-white px-2 py-1 text-ink">
                  {staffLocales.map((l) => (
                    <option key={l} value={l} lang={l}>
                      {localeNames[l]}
                    </option>
                  ))}
                </select>
                <input type="hidden" name="returnTo" value="/staff" />
                <button type="submit" className="rounded border border-white px-2 py-1">
                  {t("changeLanguage")}
                </button>
              </form>
              <form action={signOutAction}>
                <button type="submit" className="rounded bg-white px-3 py-1 font-bold text-brand-900">
                  {t("signOut")}
                </button>
              </form>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </>
  );
}
