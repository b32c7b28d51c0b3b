import "server-only";
// use-intl/core, the translator next-intl re-exports: importing next-intl itself outside Next (the
// benchmark, under tsx with the react-server condition) pulls in its client provider.
import { createTranslator } from "use-intl/core";
import { contactMethods, genders, maritalStatuses, serviceNeeds } from "@/lib/domain-values";
import { intakeNoteLines, intakeNoteTexts } from "@/lib/intake/decision-note";
import { mergeFields } from "@/lib/intake/merge-policy";
import type { PublicLocale } from "@/lib/i18n/locales";
import type { DocumentTexts, Translate } from "@/lib/rights/access-report-document";
import { codedColumns } from "@/lib/value-labels";

/**
 * The fixed texts of a document in the language it is written in, read from messages/ without a
 * request: a data subject's document is in their language (one of the six), not the officer's, and
 * the benchmark builds reports outside Next. Cached per language for the process.
 */

type Messages = Record<string, unknown>;

const cache = new Map<PublicLocale, Promise<DocumentTexts>>();

async function load(locale: PublicLocale): Promise<DocumentTexts> {
  const messages = ((await import(`../../messages/${locale}.json`)) as { default: Messages }).default;
  const translator = createTranslator({ locale, messages, timeZone: "Europe/Helsinki" });
  const t: Translate = (key, values) => translator(key as never, values as never);
  const raw = (key: string) => String(translator.raw(key as never));
  const group = (name: string, codes: readonly string[]) => Object.fromEntries(codes.map((code) => [code, t(`intake.options.${name}.${code}`)]));
  const values = Object.fromEntries(
    Object.entries(codedColumns).map(([column, { messages: key, codes }]) => [column, Object.fromEntries(codes.map((code) => [code, t(`${key}.${code}`)]))]),
  );
  const intakeNote = intakeNoteTexts({
    locale,
    lines: Object.fromEntries(intakeNoteLines.map((line) => [line, raw(`clientCase.intakeNote.${line}`)])) as Parameters<typeof intakeNoteTexts>[0]["lines"],
    fields: Object.fromEntries(mergeFields.map((field) => [field, t(`intakeMerge.fields.${field}`)])) as Parameters<typeof intakeNoteTexts>[0]["fields"],
    serviceNeeds: group("serviceNeed", serviceNeeds),
    options: { gender: group("gender", genders), maritalStatus: group("maritalStatus", maritalStatuses), contactMethod: group("contactMethod", contactMethods) },
    yes: t("intakeMerge.yes"),
    no: t("intakeMerge.no"),
  });
  return { locale, t, values, intakeNote };
}

export function documentTexts(locale: PublicLocale): Promise<DocumentTexts> {
  let texts = cache.get(locale);
  if (!texts) {
    texts = load(locale);
    cache.set(locale, texts);
  }
  return texts;
}
