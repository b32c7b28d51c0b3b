"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import { credentialsSchema } from "@/lib/auth/credentials";

import type { SignInState } from "@/lib/forms/state";

/** Only paths inside the staff area: a callback URL must never send anyone off-site. */
function safeCallback(value: FormDataEntryValue | null): string {
  const url = typeof value === "string" ? value : "";
  return /^\/staff(?:[/?#]|$)/.test(url) && !url.startsWith("//") ? url : "/staff";
}

/** Public by nature: this is how a staff member gets a session. Throttled and audited in auth.ts. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const email = typeof formData.get("email") === "string" ? String(formData.get("email")).slice(0, 254) : "";
  if (!parsed.success) return { error: "invalid", email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallback(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = "code" in error ? (error as { code?: string }).code : undefined;
      // The password is never echoed back; the email is, so the person need not retype it.
      return { error: code === "throttled" ? "throttled" : error.type === "CredentialsSignin" ? "invalid" : "unavailable", email };
    }
    throw error; // includes the redirect Next uses on success
  }
  return {};
}
