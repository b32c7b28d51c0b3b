import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { contactMethods, genders, maritalStatuses, serviceNeeds } from "@/lib/domain-values";
import { intakeNoteLines, intakeNoteTexts, readIntakeDecisionNote, renderIntakeNote, type IntakeNoteLabels } from "@/lib/intake/decision-note";
import { mergeFields } from "@/lib/intake/merge-policy";
import { codedColumns, readableValue, type ValueLabels } from "@/lib/value-labels";

/**
 * The labels of stored codes in the reader's language (docs/decisions/0006: store codes, show
 * labels), looked up once per request from messages/ for the pages and views that show stored rows.
 */

/** Every coded column's labels (lib/value-labels.ts codedColumns). */
export async function storedValueLabels(): Promise<ValueLabels> {
  const t = await getTranslations();
  return Object.fromEntries(
    Object.entries(codedColumns).map(([column, { messages, codes }]) => [column, Object.fromEntries(codes.map((code) => [code, t(`${messages}.${code}` as never)]))]),
  );
}

/** The texts an intake decision's case note is rendered with (lib/intake/decision-note.ts). */
export async function intakeNoteLabels(): Promise<IntakeNoteLabels> {
  const locale = await getLocale();
  const tc = await getTranslations("clientCase");
  const tm = await getTranslations("intakeMerge");
  const ti = await getTranslations("intake.options");
  const group = (name: string, codes: readonly string[]) => Object.fromEntries(codes.map((code) => [code, ti(`${name}.${code}` as never)]));
  return {
    locale,
    lines: Object.fromEntries(intakeNoteLines.map((line) => [line, String(tc.raw(`intakeNote.${line}` as never))])) as IntakeNoteLabels["lines"],
    fields: Object.fromEntries(mergeFields.map((field) => [field, tm(`fields.${field}` as never)])) as IntakeNoteLabels["fields"],
    serviceNeeds: group("serviceNeed", serviceNeeds),
    options: { gender: group("gender", genders), maritalStatus: group("maritalStatus", maritalStatuses), contactMethod: group("contactMethod", contactMethods) },
    yes: tm("yes"),
    no: tm("no"),
  };
}

/** How a page reads stored rows: a column's value, and a case note (staff's words, or an intake decision rendered). */
export async function storedValueReader() {
  const locale = await getLocale();
  const labels = await storedValueLabels();
  const noteTexts = intakeNoteTexts(await intakeNoteLabels());
  return {
    value(table: string, column: string, value: string, row?: Record<string, unknown>): string {
      return String(readableValue(table, column, value, { labels, locale, row }));
    },
    note(note: { body: string; intakeDecision: unknown }): string {
      const facts = readIntakeDecisionNote(note.intakeDecision);
      return [note.body, ...(facts ? renderIntakeNote(facts, noteTexts) : [])].filter((line) => line !== "").join("\n");
    },
  };
}
