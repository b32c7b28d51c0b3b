/**
 * Where Auth.js may send the browser after signing in or out: a path on this site, always as a
 * relative URL. Auth.js builds its base URL from AUTH_URL or else from the request's
 * X-Forwarded-Host / Host; answering with a path means a forged host header can never turn a
 * sign-in into a redirect to another site, whatever the deployment's proxies pass through.
 */
// A single leading slash, then no backslash, whitespace or control character (browsers drop tabs
// and newlines and read "\" as "/", so "/\tevil.example" or "/\evil.example" would leave the site).
const SITE_PATH = /^\/(?![/\\])[^\\\s\u0000-\u001f\u007f]*$/;

export function sameSiteRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (SITE_PATH.test(url)) return url;
  if (URL.canParse(url) && URL.canParse(baseUrl)) {
    const target = new URL(url);
    const path = `${target.pathname}${target.search}${target.hash}`;
    if (target.origin === new URL(baseUrl).origin && SITE_PATH.test(path)) return path;
  }
  return "/";
}
