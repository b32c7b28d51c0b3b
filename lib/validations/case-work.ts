import { z } from "zod";
import { contactChannels, outcomeKinds } from "@/lib/domain-values";
import {
  always,
  blankToUndefined,
  checkOrder,
  dateField,
  dateTimeField,
  DOCUMENT_TEXT,
  idField,
  LINE_TEXT,
  LONG_TEXT,
  multilineText,
  NAME_TEXT,
  optionalDate,
  optionalIdField,
  optionalMultilineText,
  optionalText,
  text,
} from "@/lib/forms/fields";
import { isUuid } from "@/lib/forms/uuid";

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

export const MAX_PLAN_MEASURES = 20;
export const MIN_APPOINTMENT_MINUTES = 15;
export const MAX_APPOINTMENT_MINUTES = 480;
export const DEFAULT_APPOINTMENT_MINUTES = 60;
export const MAX_CASE_NOTE_LENGTH = 5000;

const channelField = z.enum(contactChannels, { error: "chooseOne" });

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
    otherReferral: optionalText(LONG_TEXT),
    authors: text(LINE_TEXT),
    sources: optionalText(LONG_TEXT),
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
      sources: optionalText(LONG_TEXT),
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
    description: multilineText(LONG_TEXT),
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
    .refine((value) => value === "" || isUuid(value), "chooseOne")
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
