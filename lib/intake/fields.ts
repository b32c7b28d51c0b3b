import { z } from "zod";
import { parsePersonalIdentityCode } from "@/lib/personal-identity-code";

/**
 * Field schemas shared by every intake step, in the browser and on the server. Error messages are
 * message keys (messages/*.json → intakeErrors), so the same codes read in every language.
 */

export const SHORT_TEXT = 100;
export const LONG_TEXT = 2000;

/** Control characters other than tab and newline never belong in a form answer. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/**
 * A one-line answer holds no CR or LF either: a line break inside a name or a reference splits a
 * row in a CSV export and can smuggle a formula into a spreadsheet (`x\n=1+1`), and nobody types
 * one into a one-line input (browsers drop them on paste), so only a crafted request sends one.
 */
const LINE_BREAKS = /[\r\n]/;

/**
 * What a browser sends for "no answer" varies: an empty or blank string from a plain form post,
 * null or false from react-hook-form for an unchecked radio or checkbox. All mean "not given".
 */
export function blankToUndefined(value: unknown): unknown {
  return value === null || value === false || (typeof value === "string" && value.trim() === "") ? undefined : value;
}

/**
 * The one builder of every free-text field, in the intake form and in the staff forms alike: trimmed,
 * required, at most `max` characters, no control characters; one line unless `multiline` (notes,
 * descriptions, documents: what a form shows as a <textarea>). Line breaks at either end are
 * trimmed away before the check, so only a break inside the text is refused.
 */
function textField(max: number, multiline: boolean) {
  return z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong")
    .refine((value) => !CONTROL_CHARACTERS.test(value) && (multiline || !LINE_BREAKS.test(value)), "invalidCharacters");
}

/** A one-line text (a name, a place, a reference): CR and LF are refused. */
export function text(max: number = SHORT_TEXT) {
  return textField(max, false);
}

/** An optional one-line text: an empty field is "not given" (undefined), never an empty string. */
export function optionalText(max: number = SHORT_TEXT) {
  return z.preprocess(blankToUndefined, text(max).optional());
}

/** A text of several lines (notes, descriptions, documents). */
export function multilineText(max: number = LONG_TEXT) {
  return textField(max, true);
}

/** An optional text of several lines. */
export function optionalMultilineText(max: number = LONG_TEXT) {
  return z.preprocess(blankToUndefined, multilineText(max).optional());
}

export const yesNo = z.enum(["yes", "no"], { error: "chooseOne" });

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date as YYYY-MM-DD (what <input type="date"> sends). `past`: not in the future; `from`:
 * the earliest plausible year.
 */
export function dateField({ past = false, future = false, fromYear = 1900, toYear = 2100 } = {}) {
  return z
    .string({ error: "required" })
    .trim()
    // One message per date: the first that applies.
    .min(1, { message: "required", abort: true })
    .refine(isRealDate, { message: "invalidDate", abort: true })
    .refine((value) => Number(value.slice(0, 4)) >= fromYear && Number(value.slice(0, 4)) <= toYear, "implausibleDate")
    .refine((value) => !past || value <= todayIso(), "dateInFuture")
    .refine((value) => !future || value >= todayIso(), "dateInPast");
}

export function optionalDate(options: Parameters<typeof dateField>[0] = {}) {
  return z.preprocess(blankToUndefined, dateField(options).optional());
}

export const dateOfBirthField = dateField({ past: true, fromYear: 1900 });

export const personalIdentityCodeField = z
  .string({ error: "required" })
  .trim()
  .min(1, "required")
  .transform((value, ctx) => {
    const parsed = parsePersonalIdentityCode(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.problem === "checksum" ? "identityCodeChecksum" : "identityCodeInvalid" });
      return z.NEVER;
    }
    return parsed.code;
  });

/**
 * Phone numbers are normalised to international form where that is unambiguous (Finnish numbers
 * starting with 0), and otherwise kept as digits with a leading +.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, "");
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^00[1-9]\d{6,14}$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^0[1-9]\d{5,11}$/.test(compact)) return `+358${compact.slice(1)}`;
  return null;
}

export const phoneField = z
  .string()
  .trim()
  .max(40, "tooLong")
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) {
      ctx.addIssue({ code: "custom", message: "invalidPhone" });
      return z.NEVER;
    }
    return phone;
  });

export const optionalPhone = z.preprocess(blankToUndefined, phoneField.optional());

export const optionalEmail = z.preprocess(
  blankToUndefined,
  z.string().trim().max(254, "tooLong").pipe(z.email("invalidEmail")).optional(),
);

/** Checkboxes: absent means none chosen; one chosen arrives as a string. */
export function checkboxes<T extends readonly [string, ...string[]]>(values: T, max: number = values.length) {
  return z.preprocess(
    (value) => {
      const given = blankToUndefined(value);
      return given === undefined ? [] : Array.isArray(given) ? given : [given];
    },
    z.array(z.enum(values, { error: "chooseFromList" })).max(max),
  );
}

export function year({ fromYear = 1930 } = {}) {
  return z.preprocess(
    (value) => {
      const given = blankToUndefined(value);
      return typeof given === "string" ? Number(given.trim()) : given;
    },
    z
      .number({ error: "invalidYear" })
      .int("invalidYear")
      .min(fromYear, "implausibleDate")
      .max(new Date().getUTCFullYear() + 1, "implausibleDate")
      .optional(),
  );
}
