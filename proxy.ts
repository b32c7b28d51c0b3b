import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/cookies";
import { negotiateLocale } from "@/lib/i18n/negotiate";
import { defaultLocale, isPublicLocale, isStaffLocale, publicLocales, STAFF_LOCALE_COOKIE, staffLocales } from "@/lib/i18n/locales";
import { contentSecurityPolicy } from "@/lib/security-headers";

/**
 * Routing only: locale prefixes, the sign-in redirect for anonymous /staff requests, a request id
 * and the nonce-based CSP. It authorizes nothing: every staff page, route handler and server
 * action checks the session and role itself (lib/auth/guard.ts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const segment = pathname.split("/")[1] ?? "";
  const isStaff = segment === "staff";
  const isApi = segment === "api";
  let locale: string;

  if (isStaff) {
    const chosen = request.cookies.get(STAFF_LOCALE_COOKIE)?.value;
    locale = isStaffLocale(chosen) ? chosen : negotiateLocale(request.headers.get("accept-language"), staffLocales, "fi");
    if (!request.cookies.has(sessionCookieName())) {
      const url = new URL(`/${locale}/sign-in`, request.url);
      url.searchParams.set("callbackUrl", `${pathname}${search}`);
      return NextResponse.redirect(url);
    }
  } else if (isApi) {
    locale = defaultLocale;
  } else if (isPublicLocale(segment)) {
    locale = segment;
  } else {
    const negotiated = negotiateLocale(request.headers.get("accept-language"), publicLocales, defaultLocale);
    const url = new URL(`/${negotiated}${pathname === "/" ? "" : pathname}${search}`, request.url);
    return NextResponse.redirect(url);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-request-id", crypto.randomUUID());
  // next-intl reads the request's locale from this header.
  requestHeaders.set("X-NEXT-INTL-LOCALE", locale);
  // The public path without its locale, so the language switcher can link to the same page.
  if (!isStaff && !isApi) requestHeaders.set("x-kotona-path", pathname.slice(segment.length + 1));

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (isStaff || isApi) response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|ico|css|js|woff2)$).*)"],
};
