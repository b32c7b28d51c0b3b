import { z } from "zod";
import { helsinkiDate, helsinkiLocalToUtc, isIsoDate, isLocalDateTime } from "@/lib/helsinki-time";
import { parsePersonalIdentityCode } from "@/lib/personal-identity-code";
import { UUID_PATTERN } from "./uuid";

/**
 * The field builders of every form: the public intake steps (lib/intake/steps.ts) and the staff
 * forms (lib/validations/), in the browser (react-hook-form) and in the server action alike. Error
 * messages are message codes (messages/*.json: intakeErrors, caseForms.errors, …), so the same codes
 * read in every language; a form lists the codes it can show.
 *
 * Dates are YYYY-MM-DD (<input type="date">) and date-times Helsinki wall-clock readings
 * (<input type="datetime-local">); "today" and "now" are Helsinki's, whatever time zone the browser
 * or the server runs in.
 */

/** Text lengths: a short answer (a place, a code); a name; a line or two; a paragraph; a document section. */
export const SHORT_TEXT = 100;
export const NAME_TEXT = 200;
export const LINE_TEXT = 1000;
export const LONG_TEXT = 2000;
export const DOCUMENT_TEXT = 10_000;

/** The years a date may name unless a field narrows them. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

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
 * Run a form's cross-field checks (superRefine) even when a field failed, so the form shows every
 * problem at once; the checks themselves look only at fields that parsed.
 */
export const always = { when: (payload: { value: unknown }) => payload.value !== null && typeof payload.value === "object" };

// ---------------------------------------------------------------------------------------------
// Text

/**
 * The one builder of every free-text field: trimmed, required, at most `max` characters, no
 * control characters; one line unless `multiline` (notes, descriptions, documents: what a form
 * shows as a <textarea>). Line breaks at either end are trimmed away before the check, so only a
 * break inside the text is refused.
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

// ---------------------------------------------------------------------------------------------
// Choices

/** A yes/no radio pair. */
export const yesNo = z.enum(["yes", "no"], { error: "chooseOne" });

/** A yes/no pair the person may leave unanswered. */
export const optionalYesNo = z.preprocess(blankToUndefined, yesNo.optional());

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

// ---------------------------------------------------------------------------------------------
// Ids

/** The id of a record (a client, an appointment, a submission) a form names: a UUID (./uuid.ts). */
export const idField = z.string({ error: "invalid" }).trim().regex(UUID_PATTERN, "invalid");

/** An id a form may leave empty. */
export const optionalIdField = z.preprocess(blankToUndefined, idField.optional());

// ---------------------------------------------------------------------------------------------
// Dates and years

function yearWithin(fromYear: number, toYear: number) {
  return (value: string) => {
    const year = Number(value.slice(0, 4));
    return year >= fromYear && year <= toYear;
  };
}

/**
 * A date, YYYY-MM-DD, between `fromYear` and `toYear`. `notFuture`: today (in Helsinki) or
 * earlier. One message per date: the first that applies.
 */
export function dateField({ notFuture = false, fromYear = FIRST_YEAR, toYear = LAST_YEAR } = {}) {
  return z
    .string({ error: "required" })
    .trim()
    .min(1, { message: "required", abort: true })
    .refine(isIsoDate, { message: "invalidDate", abort: true })
    .refine(yearWithin(fromYear, toYear), { message: "implausibleDate", abort: true })
    .refine((value) => !notFuture || value <= helsinkiDate(), "dateInFuture");
}

/** A date the person may leave empty. */
export function optionalDate(options: Parameters<typeof dateField>[0] = {}) {
  return z.preprocess(blankToUndefined, dateField(options).optional());
}

/**
 * A Helsinki date and time from <input type="datetime-local">, parsed to the instant it names.
 * `future`: strictly after now; `notFuture`: now or earlier.
 */
export function dateTimeField({ future = false, notFuture = false } = {}) {
  return z
    .string({ error: "required" })
    .trim()
    .min(1, { message: "required", abort: true })
    .refine(isLocalDateTime, { message: "invalidDate", abort: true })
    .refine(yearWithin(FIRST_YEAR, LAST_YEAR), { message: "implausibleDate", abort: true })
    .transform((value) => helsinkiLocalToUtc(value))
    .refine((instant) => !future || instant.getTime() > Date.now(), "dateInPast")
    .refine((instant) => !notFuture || instant.getTime() <= Date.now(), "dateInFuture");
}

/** An optional year (a year of graduation, of starting a job), from `fromYear` to next year. */
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

/**
 * A later date or year that must not come before an earlier one (`strictly`: nor be the same),
 * compared only when both parsed, so a field's own error is not repeated as an order error.
 */
export function checkOrder<T extends Record<string, unknown>>(
  value: T,
  ctx: z.RefinementCtx,
  earlierKey: keyof T & string,
  laterKey: keyof T & string,
  { strictly = false } = {},
) {
  const earlier = value[earlierKey];
  const later = value[laterKey];
  const comparable = (v: unknown) => (typeof v === "string" && isIsoDate(v)) || (typeof v === "number" && Number.isInteger(v));
  if (!comparable(earlier) || !comparable(later) || typeof earlier !== typeof later) return;
  const [a, b] = [earlier as string | number, later as string | number];
  if (strictly ? b <= a : b < a) ctx.addIssue({ code: "custom", path: [laterKey], message: "endBeforeStart" });
}

// ---------------------------------------------------------------------------------------------
// Identity code, phone, e-mail, postal code

/** A Finnish personal identity code: checksum and every century sign (lib/personal-identity-code.ts), normalised. */
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

/** A Finnish postal code: five digits. */
export const optionalPostalCode = z.preprocess(blankToUndefined, z.string().trim().regex(/^\d{5}$/, "invalidPostalCode").optional());
