import { blankToUndefined } from "@/lib/forms/fields";
import { isUuid } from "@/lib/forms/uuid";

/**
 * The unfinished intake form on a shared computer (security issue 9, deliverable 10): the rules
 * that keep the next person at a service-point computer from seeing the previous person's answers.
 *
 * - The draft lives behind a session cookie (no Max-Age: gone when the browser closes) and an idle
 *   limit from the register settings (retention.intakeDraftIdleMinutes): each saved page moves the
 *   expiry forward, so a draft left alone is gone after the limit.
 * - Starting a form always starts a new one (the draft behind the cookie is deleted first), and the
 *   start page offers "delete my answers".
 * - The identity code is never put back into a field: a person returning to "about you" sees an
 *   empty field that says a code is on file; leaving it empty keeps it, typing replaces it.
 */

/** When a draft saved at `now` expires. */
export function draftExpiresAt(now: Date, idleMinutes: number): Date {
  return new Date(now.getTime() + idleMinutes * 60_000);
}

/**
 * The id an intake cookie carries, or undefined for anything that is not one: a cookie is
 * whatever the browser sends, and an empty, overlong or garbled one must read as "no draft" on
 * every page, action and route, never reach a query as is.
 */
export function intakeCookieId(value: string | undefined): string | undefined {
  return isUuid(value) ? value.toLowerCase() : undefined;
}

/** The hidden field that tells the browser's validation a code is on file (the server never trusts it). */
export const IDENTITY_CODE_ON_FILE = "identityCodeOnFile";

/**
 * The "about you" answers to validate on the server: the browser's hint is dropped, and when the
 * person says they have a code but left the (always empty) field empty, the code on file stands in
 * for it, so the step's schema checks it against the date of birth as if it had been typed.
 */
export function aboutAnswersWithCodeOnFile(values: Record<string, unknown>, codeOnFile: string | undefined): Record<string, unknown> {
  const { [IDENTITY_CODE_ON_FILE]: _hint, ...answers } = values;
  if (codeOnFile && answers.hasIdentityCode === "yes" && blankToUndefined(answers.personalIdentityCode) === undefined) {
    return { ...answers, personalIdentityCode: codeOnFile };
  }
  return answers;
}

/**
 * What a question page puts back into its fields, from the saved answers or from a post that did
 * not pass: never the identity code (typed or on file), only the hint that one is on file.
 */
export function valuesForFields(values: Record<string, unknown>, codeOnFile: boolean): Record<string, unknown> {
  const { personalIdentityCode: _code, [IDENTITY_CODE_ON_FILE]: _hint, ...rest } = values;
  return codeOnFile ? { ...rest, [IDENTITY_CODE_ON_FILE]: "yes" } : rest;
}
