import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { baseAuthConfig } from "@/auth.config";
import { getDb } from "@/db";
import { recordAuditEvent } from "@/db/audit";
import { clearAccountFailures, isLoginThrottled, recordLoginFailure } from "@/db/login-throttle";
import { createStaffSession, findStaffByEmail } from "@/db/staff";
import { credentialsSchema } from "@/lib/auth/credentials";
import { dummyVerify, verifyPassword } from "@/lib/auth/passwords";
import { clientIpFrom, requestIdFrom } from "@/lib/request-meta";
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
        const { email, password } = parsed.data;
        const db = await getDb();
        const ip = clientIpFrom(request.headers);
        const requestId = requestIdFrom(request.headers);

        if (await isLoginThrottled({ db, email, ip })) {
          await recordAuditEvent(db, { actorId: null, action: "auth.sign_in_throttled", requestId });
          throw new ThrottledSignIn();
        }
        const user = await findStaffByEmail({ db, email });
        // Same work whether or not the account exists, so timing tells nothing.
        const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
        if (!user || !passwordOk || user.disabledAt) {
          await recordLoginFailure({ db, email, ip });
          await recordAuditEvent(db, {
            actorId: user?.id ?? null,
            action: "auth.sign_in_failed",
            details: { knownAccount: Boolean(user), disabled: Boolean(user?.disabledAt) },
            requestId,
          });
          throw new InvalidCredentials();
        }
        await clearAccountFailures({ db, email });
        const sessionId = await db.transaction(async (tx) => {
          const id = await createStaffSession({ db: tx, userId: user.id, ipAddress: ip, userAgent: request.headers.get("user-agent") });
          await recordAuditEvent(tx, { actorId: user.id, action: "auth.sign_in", details: { sessionId: id }, requestId });
          return id;
        });
        return { id: user.id, sessionId, role: user.role };
      },
    }),
  ],
}));
