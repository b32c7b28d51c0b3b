import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { baseAuthConfig } from "@/auth.config";
import { getDb } from "@/db";
import { attemptSignIn } from "@/db/sign-in";
import { credentialsSchema } from "@/lib/auth/credentials";
import { clientAddressFrom } from "@/lib/client-address";
import { requestIdFrom } from "@/lib/request-meta";
import { secrets } from "@/lib/secrets";

export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
export class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
}

// Lazy configuration: the secret is read at the first request, never at build time.
export const { auth, signIn, signOut } = NextAuth(() => ({
  ...baseAuthConfig(secrets().authSecret),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        // Throttled, verified, audited and given a session in db/sign-in.ts.
        const result = await attemptSignIn({
          db: await getDb(),
          email: parsed.data.email,
          password: parsed.data.password,
          address: clientAddressFrom(request.headers),
          userAgent: request.headers.get("user-agent"),
          requestId: requestIdFrom(request.headers),
        });
        if (result.outcome === "throttled") throw new ThrottledSignIn();
        if (result.outcome === "invalid") throw new InvalidCredentials();
        return { id: result.userId, sessionId: result.sessionId, role: result.role };
      },
    }),
  ],
}));
