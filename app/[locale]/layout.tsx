import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { SkipLink } from "@/components/skip-link";
import { isPublicLocale, publicLocales } from "@/lib/i18n/locales";

export default async function PublicLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!isPublicLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("common");
  const rest = (await headers()).get("x-kotona-path") ?? "";
  return (
    <>
      <SkipLink label={t("skipToContent")} />
      <header className="border-b-4 border-brand-700 bg-brand-50">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <a href={`/${locale}`} className="text-xl font-bold text-brand-900 no-underline">
            {t("serviceName")}
            <span className="block text-sm font-normal text-ink">{t("serviceSubtitle")}</span>
          </a>
          <LanguageSwitcher
            current={locale}
            locales={publicLocales}
            hrefFor={(l) => `/${l}${rest}`}
            label={t("chooseLanguage")}
          />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="mt-12 border-t border-gray-300 bg-gray-50">
        <div className="mx-auto flex max-w-3xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm">
          <a href={`/${locale}/privacy`}>{t("privacyNotice")}</a>
          <a href={`/${locale}/accessibility`}>{t("accessibilityStatement")}</a>
          <a href={`/${locale}/sign-in`}>{t("staffSignIn")}</a>
        </div>
      </footer>
    </>
  );
}
