import "server-only";
import { cookies } from "next/headers";
import { secureCookiesEnabled } from "@/lib/auth/cookies";
import { intakeCookieId } from "@/lib/intake/draft-policy";

/**
 * The draft's id lives only in an HttpOnly cookie, never in a URL: a shared or logged link must not
 * open someone's half-filled form.
 */
function names() {
  const prefix = secureCookiesEnabled() ? "__Host-" : "";
  return { draft: `${prefix}kotona.intake`, done: `${prefix}kotona.intake-done` };
}

function options(maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: secureCookiesEnabled(),
    path: "/",
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The draft's id, or undefined when the cookie is missing or not an id at all (lib/intake/draft-policy.ts). */
export async function draftIdFromCookie(): Promise<string | undefined> {
  return intakeCookieId((await cookies()).get(names().draft)?.value);
}

/**
 * A session cookie (no Max-Age): closing the browser ends it. How long the draft itself lasts is
 * the idle limit kept with the draft in the database.
 */
export async function setDraftCookie(draftId: string): Promise<void> {
  (await cookies()).set(names().draft, draftId, options());
}

export async function clearDraftCookie(): Promise<void> {
  (await cookies()).delete({ name: names().draft, path: "/", secure: secureCookiesEnabled() });
}

/** After submitting: which submission's receipt this browser may see, for one hour. */
export async function setDoneCookie(submissionId: string): Promise<void> {
  (await cookies()).set(names().done, submissionId, options(60 * 60));
}

export async function doneSubmissionFromCookie(): Promise<string | undefined> {
  return intakeCookieId((await cookies()).get(names().done)?.value);
}

/** A new form on a shared computer: the previous person's receipt is not shown to the next one. */
export async function clearDoneCookie(): Promise<void> {
  (await cookies()).delete({ name: names().done, path: "/", secure: secureCookiesEnabled() });
}

export const intakeCookieNames = names;
