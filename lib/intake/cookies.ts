import "server-only";
import { cookies } from "next/headers";
import { secureCookiesEnabled } from "@/lib/auth/cookies";

/**
 * The draft's id lives only in an HttpOnly cookie, never in a URL: a shared or logged link must not
 * open someone's half-filled form.
 */
function names() {
  const prefix = secureCookiesEnabled() ? "__Host-" : "";
  return { draft: `${prefix}kotona.intake`, done: `${prefix}kotona.intake-done` };
}

function options(maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: secureCookiesEnabled(), path: "/", maxAge: maxAgeSeconds };
}

export async function draftIdFromCookie(): Promise<string | undefined> {
  return (await cookies()).get(names().draft)?.value;
}

export async function setDraftCookie(draftId: string): Promise<void> {
  (await cookies()).set(names().draft, draftId, options(24 * 60 * 60));
}

export async function clearDraftCookie(): Promise<void> {
  (await cookies()).delete({ name: names().draft, path: "/", secure: secureCookiesEnabled() });
}

/** After submitting: which submission's receipt this browser may see, for one hour. */
export async function setDoneCookie(submissionId: string): Promise<void> {
  (await cookies()).set(names().done, submissionId, options(60 * 60));
}

export async function doneSubmissionFromCookie(): Promise<string | undefined> {
  return (await cookies()).get(names().done)?.value;
}

export const intakeCookieNames = names;
