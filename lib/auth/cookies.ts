/**
 * Under production the session cookie is `__Host-` (Secure, Path=/, no Domain) and the others
 * `__Secure-`; browsers treat localhost as a secure context, so this also works for the demo.
 */
export function secureCookiesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.KOTONA_SECURE_COOKIES === "0") return false;
  return env.NODE_ENV === "production" || env.KOTONA_SECURE_COOKIES === "1";
}

export function sessionCookieName(secure = secureCookiesEnabled()): string {
  return secure ? "__Host-kotona.session" : "kotona.session";
}

/**
 * The staff member's language choice (STAFF_LOCALE_COOKIE). Not a secret, but under production it
 * is Secure like every other cookie, by the same decision, so no cookie of Kotona travels over
 * plain HTTP.
 */
export function staffLocaleCookieOptions(env: NodeJS.ProcessEnv = process.env) {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", maxAge: 365 * 24 * 3600, secure: secureCookiesEnabled(env) };
}
