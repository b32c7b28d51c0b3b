import { z } from "zod";
import { helsinkiDate, helsinkiLocalToUtc, isIsoDate, isLocalDateTime } from "@/lib/helsinki-time";
import { blankToUndefined, multilineText, optionalMultilineText, optionalText, text } from "@/lib/intake/fields";

/**
 * The forms of a client's case (DESIGN.md: caseworkers keep the initial assessment, the integration
 * plan and its follow-up, appointments and visits, notes, outcomes), one schema per form, shared by
 * react-hook-form in the browser and the server action. Messages are message codes (the intake
 * form's vocabulary; texts in messages/*.json → caseForms.errors), listed in `caseFormErrorCodes`.
 *
 * Dates are YYYY-MM-DD (<input type="date">); times are Helsinki wall-clock readings
 * (<input type="datetime-local">) that parse to a UTC Date. "Today" and "now" are Helsinki's,
 * whatever time zone the browser or server runs in.
 */

export const caseFormErrorCodes = [
  "required",
  "tooLong",
  "invalid",
  "invalidCharacters",
  "chooseOne",
  "chooseOrDescribe",
  "invalidDate",
  "implausibleDate",
  "dateInFuture",
  "dateInPast",
  "endBeforeStart",
  "invalidNumber",
  "tooMany",
  "chooseAtLeastOne",
] as const;
export type CaseFormErrorCode = (typeof caseFormErrorCodes)[number];

export const contactChannels = ["in_person", "phone", "email", "video"] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const outcomeKinds = ["work", "education", "other_service"] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

export const MAX_PLAN_MEASURES = 20;
export const MIN_APPOINTMENT_MINUTES = 15;
export const MAX_APPOINTMENT_MINUTES = 480;
export const DEFAULT_APPOINTMENT_MINUTES = 60;
export const MAX_CASE_NOTE_LENGTH = 5000;

/** Text lengths: a name or a language; a line or two; a paragraph; a document section. */
const NAME_TEXT = 200;
const LINE_TEXT = 1000;
const PARAGRAPH_TEXT = 2000;
const DOCUMENT_TEXT = 10_000;

const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const idField = z.string({ error: "invalid" }).trim().regex(UUID, "invalid");
const optionalIdField = z.preprocess(blankToUndefined, idField.optional());

const channelField = z.enum(contactChannels, { error: "chooseOne" });

function plausibleYear(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** A date, YYYY-MM-DD. `notFuture`: today (in Helsinki) or earlier. */
export function dateField({ notFuture = false } = {}) {
  return z
    .string({ error: "required" })
    .trim()
    .min(1, { message: "required", abort: true })
    .refine(isIsoDate, { message: "invalidDate", abort: true })
    .refine(plausibleYear, { message: "implausibleDate", abort: true })
    .refine((value) => !notFuture || value <= helsinkiDate(), "dateInFuture");
}

export function optionalDate(options: Parameters<typeof dateField>[0] = {}) {
  return z.preprocess(blankToUndefined, dateField(options).optional());
}

/**
 * A Helsinki date and time from <input type="datetime-local">, parsed to the instant it names.
 * `future`: strictly after now; `notFuture`: now or earlier.
 */
function dateTimeField({ future = false, notFuture = false } = {}) {
  return z
    .string({ error: "required" })
    .trim()
    .min(1, { message: "required", abort: true })
    .refine(isLocalDateTime, { message: "invalidDate", abort: true })
    .refine(plausibleYear, { message: "implausibleDate", abort: true })
    .transform((value) => helsinkiLocalToUtc(value))
    .refine((instant) => !future || instant.getTime() > Date.now(), "dateInPast")
    .refine((instant) => !notFuture || instant.getTime() <= Date.now(), "dateInFuture");
}

const durationField = z.preprocess(
  (value) => {
    const given = blankToUndefined(value);
    if (given === undefined) return DEFAULT_APPOINTMENT_MINUTES;
    return typeof given === "string" ? Number(given.trim()) : given;
  },
  z
    .number({ error: "invalidNumber" })
    .int("invalidNumber")
    .min(MIN_APPOINTMENT_MINUTES, "invalidNumber")
    .max(MAX_APPOINTMENT_MINUTES, "invalidNumber"),
);

/** A later date that must not come before an earlier one (both optional, compared only when valid). */
function checkOrder<T extends Record<string, unknown>>(
  value: T,
  ctx: z.RefinementCtx,
  earlierKey: keyof T & string,
  laterKey: keyof T & string,
  { strictly = false } = {},
) {
  const earlier = value[earlierKey];
  const later = value[laterKey];
  if (typeof earlier !== "string" || typeof later !== "string" || !isIsoDate(earlier) || !isIsoDate(later)) return;
  if (strictly ? later <= earlier : later < earlier) ctx.addIssue({ code: "custom", path: [laterKey], message: "endBeforeStart" });
}

/**
 * Run cross-field checks even when another field failed, so the form shows every problem at once
 * (the checks themselves look only at fields that parsed).
 */
export const always = { when: (payload: { value: unknown }) => payload.value !== null && typeof payload.value === "object" };

// ---------------------------------------------------------------------------------------------
// Appointments and visits

export const bookAppointmentSchema = z.object({
  clientId: idField,
  startsAt: dateTimeField({ future: true }),
  durationMinutes: durationField,
  channel: channelField,
  interpreterLanguage: optionalText(NAME_TEXT),
  purpose: optionalText(LINE_TEXT),
});

export const rescheduleAppointmentSchema = z.object({
  appointmentId: idField,
  startsAt: dateTimeField({ future: true }),
});

export const cancelAppointmentSchema = z.object({ appointmentId: idField });

export const recordVisitSchema = z.object({
  clientId: idField,
  appointmentId: optionalIdField,
  occurredAt: dateTimeField({ notFuture: true }),
  channel: channelField,
  interpreterLanguage: optionalText(NAME_TEXT),
  notes: optionalMultilineText(MAX_CASE_NOTE_LENGTH),
});

// ---------------------------------------------------------------------------------------------
// Initial assessment (decree 874/2024 §1) and integration plan (§2)

/**
 * §1: the date; the content and further measures; the planned date of the integration plan or
 * another referral to services (at least one of the two); the authors; the sources.
 */
export const initialAssessmentSchema = z
  .object({
    clientId: idField,
    assessedOn: dateField({ notFuture: true }),
    content: multilineText(DOCUMENT_TEXT),
    furtherMeasures: optionalMultilineText(DOCUMENT_TEXT),
    plannedPlanDate: optionalDate(),
    otherReferral: optionalText(PARAGRAPH_TEXT),
    authors: text(LINE_TEXT),
    sources: optionalText(PARAGRAPH_TEXT),
  })
  .superRefine((value, ctx) => {
    checkOrder(value, ctx, "assessedOn", "plannedPlanDate");
    if (blankToUndefined(value.plannedPlanDate) === undefined && blankToUndefined(value.otherReferral) === undefined) {
      ctx.addIssue({ code: "custom", path: ["plannedPlanDate"], message: "chooseOrDescribe" });
    }
  }, always);

export const planMeasureSchema = z
  .object({
    description: text(LINE_TEXT),
    provider: optionalText(NAME_TEXT),
    startsOn: optionalDate(),
    endsOn: optionalDate(),
  })
  .superRefine((value, ctx) => checkOrder(value, ctx, "startsOn", "endsOn"), always);

const MEASURE_FIELDS = new Set(Object.keys(planMeasureSchema.shape));
const DOTTED_MEASURE = /^measures\.(\d{1,2})\.([A-Za-z]+)$/;
/** Rows a form may post, blank ones included (the dotted names carry at most two digits). */
const MAX_POSTED_ROWS = 100;

/**
 * A form posted without JavaScript arrives as flat fields named `measures.0.description`; fold them
 * into `measures: [{ description }]`, each at its own index (a gap is a blank row), so an error's
 * path (measures.2.endsOn) names the field the form showed. Rows react-hook-form already nested
 * pass through; unknown field names are ignored.
 */
export function foldMeasureRows(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const input = value as Record<string, unknown>;
  if (!Object.keys(input).some((key) => DOTTED_MEASURE.test(key))) return value;
  const rest: Record<string, unknown> = {};
  const rows: Record<string, unknown>[] = Array.isArray(input.measures)
    ? input.measures.map((row: unknown) => (row && typeof row === "object" ? { ...(row as Record<string, unknown>) } : {}))
    : [];
  for (const [key, field] of Object.entries(input)) {
    const match = DOTTED_MEASURE.exec(key);
    if (!match) {
      if (key !== "measures") rest[key] = field;
      continue;
    }
    const index = Number(match[1]);
    const name = match[2] as string;
    if (!MEASURE_FIELDS.has(name)) continue;
    while (rows.length <= index) rows.push({});
    rows[index]![name] = field;
  }
  return { ...rest, measures: rows };
}

function isBlankRow(row: unknown): boolean {
  if (row === undefined || row === null) return true;
  return typeof row === "object" && Object.values(row as Record<string, unknown>).every((field) => blankToUndefined(field) === undefined);
}

/**
 * The plan's measures: a row the person left blank (every field empty) is no row; the others are
 * checked where they stand and then closed up. At most MAX_PLAN_MEASURES.
 */
const measuresField = z
  .preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : value),
    z
      .array(z.preprocess((row) => (isBlankRow(row) ? null : row), planMeasureSchema.nullable()), { error: "invalid" })
      .max(MAX_POSTED_ROWS, "tooMany"),
  )
  .transform((rows) => rows.filter((row): row is z.output<typeof planMeasureSchema> => row !== null))
  .refine((rows) => rows.length <= MAX_PLAN_MEASURES, "tooMany");

/**
 * §2: the date and duration; goals (with job search, studies and skills acquisition); the agreed
 * measures and services; the authors; the planned review date; the sources.
 */
export const integrationPlanSchema = z.preprocess(
  foldMeasureRows,
  z
    .object({
      clientId: idField,
      planDate: dateField(),
      validUntil: optionalDate(),
      goals: multilineText(DOCUMENT_TEXT),
      jobSearch: optionalMultilineText(DOCUMENT_TEXT),
      studies: optionalMultilineText(DOCUMENT_TEXT),
      skillsAcquisition: optionalMultilineText(DOCUMENT_TEXT),
      measures: measuresField,
      authors: text(LINE_TEXT),
      reviewDueOn: optionalDate(),
      sources: optionalText(PARAGRAPH_TEXT),
    })
    .superRefine((value, ctx) => {
      checkOrder(value, ctx, "planDate", "validUntil");
      checkOrder(value, ctx, "planDate", "reviewDueOn");
    }, always),
);

export const planReviewSchema = z
  .object({
    planId: idField,
    reviewedOn: dateField({ notFuture: true }),
    summary: multilineText(DOCUMENT_TEXT),
    nextReviewOn: optionalDate(),
  })
  .superRefine((value, ctx) => checkOrder(value, ctx, "reviewedOn", "nextReviewOn", { strictly: true }), always);

// ---------------------------------------------------------------------------------------------
// Outcomes, functional capacity, notes

export const outcomeSchema = z
  .object({
    clientId: idField,
    kind: z.enum(outcomeKinds, { error: "chooseOne" }),
    description: multilineText(PARAGRAPH_TEXT),
    startedOn: optionalDate(),
    endedOn: optionalDate(),
  })
  .superRefine((value, ctx) => checkOrder(value, ctx, "startedOn", "endedOn"), always);

export const functionalCapacitySchema = z.object({
  clientId: idField,
  assessedOn: dateField({ notFuture: true }),
  content: multilineText(DOCUMENT_TEXT),
});

export const caseNoteSchema = z.object({
  clientId: idField,
  body: multilineText(MAX_CASE_NOTE_LENGTH),
});

// ---------------------------------------------------------------------------------------------
// Assignment and closing

/** The caseworker's id, or "" (the select's "nobody") to leave the client unassigned: null. */
export const assignClientSchema = z.object({
  clientId: idField,
  caseworkerId: z
    .string({ error: "chooseOne" })
    .trim()
    .refine((value) => value === "" || UUID.test(value), "chooseOne")
    .transform((value) => (value === "" ? null : value)),
});

export const closeCaseSchema = z.object({
  clientId: idField,
  closedOn: dateField({ notFuture: true }),
  reason: text(LINE_TEXT),
});

// ---------------------------------------------------------------------------------------------

export type BookAppointmentInput = z.output<typeof bookAppointmentSchema>;
export type RescheduleAppointmentInput = z.output<typeof rescheduleAppointmentSchema>;
export type CancelAppointmentInput = z.output<typeof cancelAppointmentSchema>;
export type RecordVisitInput = z.output<typeof recordVisitSchema>;
export type InitialAssessmentInput = z.output<typeof initialAssessmentSchema>;
export type PlanMeasureInput = z.output<typeof planMeasureSchema>;
export type IntegrationPlanInput = z.output<typeof integrationPlanSchema>;
export type PlanReviewInput = z.output<typeof planReviewSchema>;
export type OutcomeInput = z.output<typeof outcomeSchema>;
export type FunctionalCapacityInput = z.output<typeof functionalCapacitySchema>;
export type CaseNoteInput = z.output<typeof caseNoteSchema>;
export type AssignClientInput = z.output<typeof assignClientSchema>;
export type CloseCaseInput = z.output<typeof closeCaseSchema>;
