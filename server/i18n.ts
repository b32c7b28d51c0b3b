import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isPublicLocale, isStaffLocale, STAFF_LOCALE_COOKIE } from "@/lib/i18n/locales";

/**
 * Public pages carry the locale in the URL; staff pages (under /staff, no locale segment) use the
 * language the staff member chose, kept in a cookie.
 */
export default getRequestConfig(async ({ requestLocale }) => {
  const fromUrl = await requestLocale;
  let locale: string = defaultLocale;
  if (isPublicLocale(fromUrl)) {
    locale = fromUrl;
  } else {
    const chosen = (await cookies()).get(STAFF_LOCALE_COOKIE)?.value;
    if (isStaffLocale(chosen)) locale = chosen;
  }
  const messages = (await import(`../messages/${locale}.json`)) as { default: Record<string, unknown> };
  return { locale, messages: messages.default, timeZone: "Europe/Helsinki" };
});
