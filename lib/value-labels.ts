import {
  clientGroups,
  contactChannels,
  contactMethods,
  educationLevels,
  familyRelations,
  genders,
  languageLevels,
  maritalStatuses,
  outcomeKinds,
  permitTypes,
  serviceNeeds,
  skillKinds,
} from "./domain-values";

/**
 * How a stored value reads to a person (CONVENTIONS habit 7, docs/decisions/0006). The register
 * stores codes; a page shows a code through its label in messages/, a language or country code
 * through Intl.DisplayNames in the reader's language, and anything a person typed as they typed it.
 * Pure: the page passes the labels it looked up.
 */

/** Columns holding a code of a register vocabulary: "table.column" → where its labels are in messages/ and the codes. */
export const codedColumns = {
  "clients.gender": { messages: "intake.options.gender", codes: genders },
  "clients.preferred_contact_method": { messages: "intake.options.contactMethod", codes: contactMethods },
  "clients.client_group": { messages: "intake.options.clientGroup", codes: clientGroups },
  "clients.marital_status": { messages: "intake.options.maritalStatus", codes: maritalStatuses },
  "residence_permits.permit_type": { messages: "intake.options.permitType", codes: permitTypes },
  "family_members.relation": { messages: "intake.options.relation", codes: familyRelations },
  "skills.kind": { messages: "caseDetails.skillKinds", codes: skillKinds },
  // A language level the intake form gave; staff may also type a level (e.g. "B1.1"), shown as typed.
  "skills.level": { messages: "clientCase.languageLevels", codes: languageLevels },
  "educations.level": { messages: "intake.options.educationLevel", codes: educationLevels },
  "appointments.channel": { messages: "caseForms.channels", codes: contactChannels },
  "visits.channel": { messages: "caseForms.channels", codes: contactChannels },
  "outcomes.kind": { messages: "caseForms.outcomeKinds", codes: outcomeKinds },
  "initial_assessments.service_needs": { messages: "intake.options.serviceNeed", codes: serviceNeeds },
} as const satisfies Record<string, { messages: string; codes: readonly string[] }>;
export type CodedColumn = keyof typeof codedColumns;

/** Columns where the system writes a language as its code (ISO 639-1, or BCP 47 with a region); a person's typed name stays text. */
const LANGUAGE_COLUMNS = new Set(["clients.preferred_language", "clients.interpreter_language", "appointments.interpreter_language", "visits.interpreter_language", "skills.name"]);
/** Columns where the system writes a country as its ISO 3166-1 alpha-2 code; a typed name stays text. */
const COUNTRY_COLUMNS = new Set(["clients.citizenships", "educations.country", "work_experiences.country"]);

/** "table.column" → code → label, in one language: what a page hands a view. */
export type ValueLabels = Record<string, Record<string, string>>;

const LANGUAGE_CODE = /^[a-z]{2}(-[A-Z]{2})?$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

/** A language code's name in `locale` ("fi" → "suomi" in Finnish); anything else, or a code Intl does not know, as it is. */
export function languageName(value: string, locale: string): string {
  if (!LANGUAGE_CODE.test(value)) return value;
  return new Intl.DisplayNames([locale], { type: "language", fallback: "none" }).of(value) ?? value;
}

/** A country code's name in `locale` ("SY" → "Syyria" in Finnish); anything else as it is. */
export function countryName(value: string, locale: string): string {
  if (!COUNTRY_CODE.test(value)) return value;
  return new Intl.DisplayNames([locale], { type: "region", fallback: "none" }).of(value) ?? value;
}

/** A code's label from `labels`, or the value as stored (typed text, or a code with no label). */
export function codeLabel(labels: Record<string, string> | undefined, value: string): string {
  return labels && Object.hasOwn(labels, value) ? labels[value]! : value;
}

/**
 * A stored value of `table.column` as a person reads it: codes as labels, language and country
 * codes as names, typed text and other values unchanged (arrays element by element). `row` is the
 * whole row, for columns whose meaning depends on another (a skill's name is a language only when
 * its kind is "language").
 */
export function readableValue(table: string, column: string, value: unknown, { labels, locale, row }: { labels: ValueLabels; locale: string; row?: Record<string, unknown> }): unknown {
  const key = `${table}.${column}`;
  const one = (item: unknown): unknown => {
    if (typeof item !== "string") return item;
    if (key in labels) return codeLabel(labels[key], item);
    if (LANGUAGE_COLUMNS.has(key) && (key !== "skills.name" || row?.kind === "language")) return languageName(item, locale);
    if (COUNTRY_COLUMNS.has(key)) return countryName(item, locale);
    return item;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}
