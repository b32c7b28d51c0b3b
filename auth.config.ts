import type { NextAuthConfig } from "next-auth";
import { secureCookiesEnabled, sessionCookieName } from "@/lib/auth/cookies";
import { createAuthLogger } from "@/lib/auth/auth-logger";
import { sameSiteRedirect } from "@/lib/auth/redirect";
import { ABSOLUTE_TIMEOUT_MS } from "@/lib/auth/session-policy";
import type { StaffRole } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    sessionId?: string;
    /** Null while an account's first role waits for approval (lib/auth/role-grants.ts). */
    role?: StaffRole | null;
  }
  interface Session {
    sessionId?: string;
  }
}

/**
 * The part of the Auth.js configuration with no database or Node-only imports. The token carries
 * only the server-side session id: who the user is and whether the session still counts is read
 * from the database on every request (db/staff.ts loadActiveSession).
 */
export function baseAuthConfig(secret: string): Omit<NextAuthConfig, "providers"> {
  const secure = secureCookiesEnabled();
  const securePrefix = secure ? "__Secure-" : "";
  return {
    secret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
    pages: { signIn: "/fi/sign-in" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
      callbackUrl: {
        name: `${securePrefix}kotona.callback-url`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
      csrfToken: {
        name: `${secure ? "__Host-" : ""}kotona.csrf-token`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    // One line per refused sign-in, silence for a stale session cookie, the whole error for a fault.
    logger: createAuthLogger(),
    callbacks: {
      // Always a path on this site: never where a forged X-Forwarded-Host points.
      redirect: sameSiteRedirect,
      jwt({ token, user }) {
        if (user?.sessionId) token.sid = user.sessionId;
        // Nothing personal rides in the cookie.
        delete token.name;
        delete token.email;
        delete token.picture;
        return token;
      },
      session({ session, token }) {
        return { ...session, sessionId: typeof token.sid === "string" ? token.sid : undefined };
      },
    },
  };
}
