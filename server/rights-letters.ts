import "server-only";
import { createTranslator } from "next-intl";
import type { PublicLocale } from "@/lib/i18n/locales";
import { letterText, type LetterFacts, type LetterRenderer, type RenderedLetter } from "@/lib/rights/letters";
import { renderLetterPdf } from "./pdf/rights-documents";

/**
 * The letters of restriction and of the recipients' notices (lib/rights/letters.ts), made on the
 * server in the letter's language — the person's or the agency's, one of the six public languages,
 * not the officer's — with the fixed texts read from messages/ without a request. The PDF is the
 * documents' letter (server/pdf/rights-documents.ts renderLetterPdf: fonts embedded, Arabic shaped
 * and right to left); the JSON beside it holds the same facts and text.
 */

type Messages = Record<string, unknown>;

async function translatorsFor(locale: PublicLocale) {
  const messages = ((await import(`../messages/${locale}.json`)) as { default: Messages }).default;
  const translator = createTranslator({ locale, messages, timeZone: "Europe/Helsinki" });
  return {
    letter: (key: string, values?: Record<string, string | number | Date>) => translator(`rightsLetters.${key}` as never, values as never),
    category: (code: string) => translator(`categories.${code}.name` as never),
  };
}

export const renderRightsLetter: LetterRenderer = async (facts: LetterFacts): Promise<RenderedLetter> => {
  const t = await translatorsFor(facts.locale);
  const text = letterText(facts, t.letter, t.category);
  const pdf = await renderLetterPdf({ locale: facts.locale, title: text.title, paragraphs: text.paragraphs });
  return { json: JSON.stringify({ ...facts, text }, null, 2), pdf };
};
