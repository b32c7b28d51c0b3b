import type { DataCategory } from "../data-categories";
import type { NoticeCause, RestrictionGround } from "../domain-values";
import type { PublicLocale } from "../i18n/locales";
import { localised, type RegisterSettings } from "../register-settings";

/**
 * The letters of restriction and of the recipients' notices (GDPR Arts 18(3) and 19): what they
 * say, composed from the facts and the fixed texts of the letter's language (messages/*.json →
 * rightsLetters, in all six public languages). Pure: server/rights-letters.ts gives the translator
 * and renders the PDF; the JSON stored beside it is these facts and this text.
 */

export interface LetterParty {
  name: string;
  addressLines: readonly string[];
}

export interface LetterSender {
  controller: LetterParty & { email: string };
  /** The data protection officer's role (in the letter's language) and address. */
  dpo: { role: string; email: string };
  ombudsman: LetterParty & { url?: string };
}

/** Art 18(3): the person told, before it is lifted, that the restriction ends. */
export interface LiftNoticeFacts extends LetterSender {
  kind: "restriction_lift_notice";
  locale: PublicLocale;
  /** The letter's date: the day the person is told (YYYY-MM-DD). */
  date: string;
  person: LetterParty & { clientNumber: string };
  ground: RestrictionGround | null;
  appliedOn: string;
}

/** Art 19: a recipient told of a rectification, an erasure or a restriction. */
export interface RecipientNoticeFacts extends LetterSender {
  kind: "recipient_notice";
  locale: PublicLocale;
  date: string;
  cause: NoticeCause;
  agency: { name: string; businessId: string | null };
  person: { name: string; dateOfBirth: string | null; clientNumber: string };
  /** The categories concerned that the agency received. */
  categories: readonly DataCategory[];
  /** The days the agency received them. */
  disclosedOn: readonly string[];
  /** The day of the change: the (latest) correction, the erasure decision, the restriction. */
  changedOn: string;
  /** For a restriction, its ground. */
  ground?: RestrictionGround | null;
}

export type LetterFacts = LiftNoticeFacts | RecipientNoticeFacts;

/** A translator for the rightsLetters namespace of the letter's language (next-intl's, or a test's). */
export type LetterTranslate = (key: string, values?: Record<string, string | number | Date>) => string;

export interface LetterText {
  title: string;
  paragraphs: string[];
}

/** A YYYY-MM-DD day as the instant ICU dates format (noon UTC: the same day in every time zone used). */
export function dayValue(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

function groundText(t: LetterTranslate, ground: RestrictionGround | null | undefined): string {
  return t(`grounds.${ground ?? "unrecorded"}`);
}

function closing(t: LetterTranslate, facts: LetterSender): string[] {
  return [
    t("contact", { dpo: facts.dpo.role, email: facts.dpo.email }),
    t("sender", { controller: facts.controller.name, address: facts.controller.addressLines.join(", ") }),
  ];
}

/**
 * The letter's title and paragraphs in its language. `category` names a data category in the same
 * language (the privacy notice's labels).
 */
export function letterText(facts: LetterFacts, t: LetterTranslate, category: (code: DataCategory) => string): LetterText {
  const date = t("date", { date: dayValue(facts.date) });
  if (facts.kind === "restriction_lift_notice") {
    return {
      title: t("liftNotice.title"),
      paragraphs: [
        date,
        t("liftNotice.to", { name: facts.person.name, clientNumber: facts.person.clientNumber }),
        t("liftNotice.restricted", { controller: facts.controller.name, appliedOn: dayValue(facts.appliedOn), ground: groundText(t, facts.ground) }),
        t("liftNotice.lifting"),
        t("liftNotice.after"),
        t("complaint", { ombudsman: facts.ombudsman.name, address: facts.ombudsman.addressLines.join(", ") }),
        ...closing(t, facts),
      ],
    };
  }
  const categories = facts.categories.map(category).join(", ");
  const person = facts.person.dateOfBirth
    ? t("recipientNotice.personBorn", { name: facts.person.name, dateOfBirth: dayValue(facts.person.dateOfBirth), clientNumber: facts.person.clientNumber })
    : t("recipientNotice.person", { name: facts.person.name, clientNumber: facts.person.clientNumber });
  const changedOn = dayValue(facts.changedOn);
  const what =
    facts.cause === "rectification"
      ? t("recipientNotice.rectification", { changedOn, categories })
      : facts.cause === "erasure"
        ? t("recipientNotice.erasure", { changedOn, categories })
        : t("recipientNotice.restriction", { changedOn, categories, ground: groundText(t, facts.ground) });
  return {
    title: t(`recipientNotice.title.${facts.cause}`),
    paragraphs: [
      date,
      t("recipientNotice.to", { agency: facts.agency.name }),
      person,
      t("recipientNotice.disclosed", { controller: facts.controller.name, dates: facts.disclosedOn.map((day) => t("day", { day: dayValue(day) })).join(", ") }),
      what,
      t(`recipientNotice.ask.${facts.cause}`),
      t("recipientNotice.basis"),
      ...closing(t, facts),
    ],
  };
}

/** A letter made: the PDF the person or agency gets, and the JSON of the same content. */
export interface RenderedLetter {
  json: string;
  pdf: Uint8Array;
}

/** Renders a letter (server/rights-letters.ts): handed to the data layer, which calls it inside its transaction. */
export type LetterRenderer = (facts: LetterFacts) => Promise<RenderedLetter>;

/** The sender's part of a letter, from the register settings, in the letter's language. */
export function letterSender(settings: Pick<RegisterSettings, "controller" | "dpo" | "ombudsman">, locale: PublicLocale): LetterSender {
  return {
    controller: { name: localised(settings.controller.name, locale), addressLines: settings.controller.addressLines, email: settings.controller.email },
    dpo: { role: localised(settings.dpo.role, locale), email: settings.dpo.email },
    ombudsman: {
      name: localised(settings.ombudsman.name, locale),
      addressLines: settings.ombudsman.addressLines,
      ...(settings.ombudsman.url ? { url: settings.ombudsman.url } : {}),
    },
  };
}
