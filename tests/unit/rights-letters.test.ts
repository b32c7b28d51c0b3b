import { readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { demoSettings } from "@/demo/settings";
import { noticeCauses, restrictionGrounds, type RestrictionGround } from "@/lib/domain-values";
import { publicLocales, type PublicLocale } from "@/lib/i18n/locales";
import { registerSettingsSchema } from "@/lib/register-settings";
import { letterSender, letterText, type LetterFacts } from "@/lib/rights/letters";

/**
 * The letters a data subject or a recipient gets (GDPR Arts 18(3) and 19) exist in all six public
 * languages: every kind, cause and ground composes with that language's fixed texts, without a
 * missing text, and says who it is about, the dates, the categories and the Ombudsman's address.
 */

const settings = registerSettingsSchema.parse(demoSettings);

function translators(locale: PublicLocale) {
  const messages = JSON.parse(readFileSync(path.resolve(__dirname, `../../messages/${locale}.json`), "utf8")) as Record<string, unknown>;
  const errors: string[] = [];
  const t = createTranslator({ locale, messages, timeZone: "Europe/Helsinki", onError: (error) => errors.push(error.message) });
  return {
    errors,
    letter: (key: string, values?: Record<string, string | number | Date>) => t(`rightsLetters.${key}` as never, values as never),
    category: (code: string) => t(`categories.${code}.name` as never),
  };
}

const person = { name: "Amina Hassan", clientNumber: "2026-000123" };

function liftNotice(locale: PublicLocale, ground: RestrictionGround | null): LetterFacts {
  return {
    kind: "restriction_lift_notice",
    locale,
    date: "2026-04-20",
    ...letterSender(settings, locale),
    person: { ...person, addressLines: ["Kotolantie 5 B 12", "99990 Kotola"] },
    ground,
    appliedOn: "2026-03-10",
  };
}

function recipientNotice(locale: PublicLocale, cause: (typeof noticeCauses)[number]): LetterFacts {
  return {
    kind: "recipient_notice",
    locale,
    date: "2026-04-20",
    ...letterSender(settings, locale),
    cause,
    agency: { name: "Kotolanmaan ELY-keskus", businessId: null },
    person: { ...person, dateOfBirth: "1990-05-01" },
    categories: ["contact", "servicePlan"],
    disclosedOn: ["2026-01-15", "2026-02-03"],
    changedOn: "2026-04-18",
    ground: cause === "restriction" ? "legal_claims" : null,
  };
}

describe.each(publicLocales)("the letters in %s", (locale) => {
  it.each([...restrictionGrounds, null])("the lift notice (ground %s) is complete and says who, since when and where to complain", (ground) => {
    const t = translators(locale);
    const text = letterText(liftNotice(locale, ground), t.letter, t.category);
    expect(t.errors).toEqual([]);
    const all = [text.title, ...text.paragraphs].join("\n");
    for (const expected of [person.name, person.clientNumber, "00531 Helsinki", "2026"]) expect(all).toContain(expected);
    expect(text.paragraphs.every((p) => p.trim().length > 0)).toBe(true);
  });

  it.each(noticeCauses)("the notice of %s to a recipient is complete and names the agency, the person and the categories", (cause) => {
    const t = translators(locale);
    const text = letterText(recipientNotice(locale, cause), t.letter, t.category);
    expect(t.errors).toEqual([]);
    const all = [text.title, ...text.paragraphs].join("\n");
    for (const expected of ["Kotolanmaan ELY-keskus", person.name, person.clientNumber, t.category("contact"), t.category("servicePlan")]) expect(all).toContain(expected);
  });
});

describe("the letters differ by language", () => {
  it("no two languages share the lift notice's title", () => {
    const titles = publicLocales.map((locale) => {
      const t = translators(locale);
      return letterText(liftNotice(locale, "accuracy_contested"), t.letter, t.category).title;
    });
    expect(new Set(titles).size).toBe(publicLocales.length);
  });
});
