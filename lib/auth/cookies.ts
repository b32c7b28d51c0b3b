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
