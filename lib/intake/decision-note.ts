import { z } from "zod";
import { codeLabel, countryName, languageName } from "../value-labels";
import { mergeFields, type FieldProposal, type MergeField, type MergeValue } from "./merge-policy";
import type { StoredIntakeAnswers } from "./stored-answers";

/**
 * The case note an intake decision leaves (accepting a submission as a new client, or merging it into
 * one), kept as facts rather than as a Finnish sentence (docs/decisions/0006): the reference, the
 * day, the service needs as codes, the person's own words as they wrote them, and for a merge what
 * changed with the earlier values. The case page and the disclosure document render it in the
 * reader's language, so no label is stored and none of the facts the old sentence carried is lost.
 */

const mergeValue: z.ZodType<MergeValue> = z.union([z.string(), z.boolean(), z.array(z.string()), z.null()]);

export const intakeDecisionNoteSchema = z.object({
  decision: z.enum(["accepted", "merged"]),
  /** The submission's reference. */
  reference: z.string(),
  /** The Helsinki calendar day of the decision, YYYY-MM-DD. */
  decidedOn: z.string(),
  /** The service needs the person ticked, as codes (lib/intake/steps.ts serviceNeeds). */
  serviceNeeds: z.array(z.string()),
  /** The person's own words about their needs, and about their children's care and school. */
  details: z.string().nullable(),
  childcareNeeds: z.string().nullable(),
  /** Merge: the name the form gave, when it is not the client's name. */
  nameOnForm: z.string().nullable().optional(),
  /** Merge: the fields the form's values replaced, each with its earlier value. */
  updated: z.array(z.object({ field: z.enum(mergeFields), previous: mergeValue })).optional(),
  /** Merge: the fields the client had no value for and now has. */
  filled: z.array(z.enum(mergeFields)).optional(),
});
export type IntakeDecisionNote = z.output<typeof intakeDecisionNoteSchema>;

const given = (value: string | undefined | null): string | null => (value && value.trim() !== "" ? value : null);

function needsOf(answers: StoredIntakeAnswers): Pick<IntakeDecisionNote, "serviceNeeds" | "details" | "childcareNeeds"> {
  return {
    serviceNeeds: [...answers["service-needs"].needs],
    details: given(answers["service-needs"].details),
    childcareNeeds: given(answers.family.childcareNeeds),
  };
}

/** The note of a submission accepted as a new client. */
export function acceptedNote(answers: StoredIntakeAnswers, { reference, decidedOn }: { reference: string; decidedOn: string }): IntakeDecisionNote {
  return { decision: "accepted", reference, decidedOn, ...needsOf(answers) };
}

/** The note of a submission merged into a client: what changed, with the earlier values, and the name on the form when it differs. */
export function mergedNote(
  answers: StoredIntakeAnswers,
  { reference, decidedOn, nameMatches, updated, filled }: { reference: string; decidedOn: string; nameMatches: boolean; updated: readonly FieldProposal[]; filled: readonly FieldProposal[] },
): IntakeDecisionNote {
  return {
    decision: "merged",
    reference,
    decidedOn,
    nameOnForm: nameMatches ? null : `${answers.about.firstNames} ${answers.about.lastName}`,
    updated: updated.map((change) => ({ field: change.field, previous: change.current })),
    filled: filled.map((change) => change.field),
    ...needsOf(answers),
  };
}

/** A stored note's facts, or null for a note staff wrote (or one that does not read). */
export function readIntakeDecisionNote(value: unknown): IntakeDecisionNote | null {
  if (value === null || value === undefined) return null;
  const parsed = intakeDecisionNoteSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** The sentences of a note, each a message (clientCase.intakeNote.<line>) with plain {name} arguments. */
export const intakeNoteLines = ["accepted", "merged", "nameOnForm", "updated", "previous", "filled", "serviceNeeds", "details", "childcareNeeds"] as const;
export type IntakeNoteLine = (typeof intakeNoteLines)[number];

/** What rendering needs in the reader's language. */
export interface IntakeNoteTexts {
  line(line: IntakeNoteLine, values: Record<string, string>): string;
  date(isoDay: string): string;
  field(field: MergeField): string;
  serviceNeed(code: string): string;
  value(field: MergeField, value: MergeValue): string;
}

/** The note as lines of text in the reader's language, in the order the old sentence had them. */
export function renderIntakeNote(note: IntakeDecisionNote, texts: IntakeNoteTexts): string[] {
  const lines = [texts.line(note.decision, { reference: note.reference, date: texts.date(note.decidedOn) })];
  if (note.nameOnForm) lines.push(texts.line("nameOnForm", { name: note.nameOnForm }));
  const updated = note.updated ?? [];
  if (updated.length > 0) {
    lines.push(texts.line("updated", { fields: updated.map((change) => texts.field(change.field)).join(", ") }));
    lines.push(texts.line("previous", { values: updated.map((change) => `${texts.field(change.field)}: ${texts.value(change.field, change.previous)}`).join("; ") }));
  }
  if ((note.filled ?? []).length > 0) lines.push(texts.line("filled", { fields: note.filled!.map(texts.field).join(", ") }));
  if (note.serviceNeeds.length > 0) lines.push(texts.line("serviceNeeds", { needs: note.serviceNeeds.map(texts.serviceNeed).join("; ") }));
  if (note.details) lines.push(texts.line("details", { text: note.details }));
  if (note.childcareNeeds) lines.push(texts.line("childcareNeeds", { text: note.childcareNeeds }));
  return lines;
}

/**
 * Fills a message's plain {name} arguments, for views that get their texts as data (a client
 * component cannot be handed a translator). Only for messages without plural or select.
 */
export function fillMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

/** How a merge field's value reads: the labels and names come from the caller, in the reader's language. */
export function mergeValueText(
  field: MergeField,
  value: MergeValue,
  { yes, no, option, language, country, date }: { yes: string; no: string; option(group: "gender" | "maritalStatus" | "contactMethod", code: string): string; language(code: string): string; country(value: string): string; date(isoDay: string): string },
): string {
  if (value === null || value === "") return "–";
  if (typeof value === "boolean") return value ? yes : no;
  if (typeof value !== "string") return value.length > 0 ? value.map((item) => (field === "citizenships" ? country(item) : item)).join(", ") : "–";
  switch (field) {
    case "dateOfBirth":
    case "arrivalDate":
      return date(value);
    case "gender":
      return option("gender", value);
    case "maritalStatus":
      return option("maritalStatus", value);
    case "preferredContactMethod":
      return option("contactMethod", value);
    case "preferredLanguage":
      return language(value);
    default:
      return value;
  }
}

/**
 * The texts a note needs, as data (message templates and label maps in one language), so that a
 * server page and a client component render it the same way.
 */
export interface IntakeNoteLabels {
  locale: string;
  /** The raw messages clientCase.intakeNote.<line>. */
  lines: Record<IntakeNoteLine, string>;
  /** intakeMerge.fields.<field>. */
  fields: Record<MergeField, string>;
  serviceNeeds: Record<string, string>;
  options: Record<"gender" | "maritalStatus" | "contactMethod", Record<string, string>>;
  yes: string;
  no: string;
}

/** Rendering texts built from labels: codes as labels, language and country codes as names, days in the labels' language. */
export function intakeNoteTexts(labels: IntakeNoteLabels): IntakeNoteTexts {
  const { locale } = labels;
  const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const date = (isoDay: string) => (/^\d{4}-\d{2}-\d{2}$/.test(isoDay) ? days.format(new Date(`${isoDay}T12:00:00Z`)) : isoDay);
  return {
    line: (line, values) => fillMessage(labels.lines[line], values),
    date,
    field: (field) => labels.fields[field] ?? field,
    serviceNeed: (code) => codeLabel(labels.serviceNeeds, code),
    value: (field, value) =>
      mergeValueText(field, value, {
        yes: labels.yes,
        no: labels.no,
        option: (group, code) => codeLabel(labels.options[group], code),
        language: (code) => languageName(code, locale),
        country: (name) => countryName(name, locale),
        date,
      }),
  };
}
