/** Public pages are served in every language the register's newcomers commonly read. */
export const publicLocales = ["fi", "sv", "en", "ar", "uk", "ru"] as const;
/** Staff work in the national languages and English. */
export const staffLocales = ["fi", "sv", "en"] as const;

export type PublicLocale = (typeof publicLocales)[number];
export type StaffLocale = (typeof staffLocales)[number];

export const defaultLocale: PublicLocale = "fi";
export const STAFF_LOCALE_COOKIE = "kotona_staff_locale";

/** Each language's own name for itself, for the language switcher. */
export const localeNames: Record<PublicLocale, string> = {
  fi: "Suomi",
  sv: "Svenska",
  en: "English",
  ar: "العربية",
  uk: "Українська",
  ru: "Русский",
};

export function isPublicLocale(value: string | undefined | null): value is PublicLocale {
  return (publicLocales as readonly string[]).includes(value ?? "");
}

export function isStaffLocale(value: string | undefined | null): value is StaffLocale {
  return (staffLocales as readonly string[]).includes(value ?? "");
}

export function textDirection(locale: string): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/**
 * Which languages settings texts fall back to: newcomers who read neither national language more
 * often read English than Finnish.
 */
export function settingsTextFallbacks(locale: string): string[] {
  return locale === "fi" || locale === "sv" ? ["fi", "en"] : ["en", "fi"];
}
