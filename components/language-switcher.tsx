import { localeNames, type PublicLocale } from "@/lib/i18n/locales";

/** Plain links: works without JavaScript, and each name is in its own language and direction. */
export function LanguageSwitcher({
  current,
  locales,
  hrefFor,
  label,
}: {
  current: string;
  locales: readonly PublicLocale[];
  hrefFor: (locale: PublicLocale) => string;
  label: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {locales.map((locale) => (
          <li key={locale}>
            {locale === current ? (
              <span aria-current="true" lang={locale} className="font-bold">
                {localeNames[locale]}
              </span>
            ) : (
              <a href={hrefFor(locale)} hrefLang={locale} lang={locale} className="text-brand-800 hover:text-brand-900">
                {localeNames[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
