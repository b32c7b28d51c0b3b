import { contactMethods, educationLevels, familyRelations, genders, languageLevels, maritalStatuses, permitTypes, serviceNeeds } from "@/lib/domain-values";
import { intakeClientGroups, MAX_EDUCATIONS, MAX_FAMILY_MEMBERS, MAX_WORK_EXPERIENCES, type IntakeStep } from "./steps";

/**
 * What each question page shows, in order. Labels, hints and option texts come from the messages
 * (intake.fields.<name>, intake.options.<optionSet>.<value>); the validation is the step's schema.
 */
export type FieldSpec =
  | {
      kind: "text";
      name: string;
      optional?: boolean;
      type?: "text" | "email" | "tel";
      autoComplete?: string;
      inputMode?: "text" | "numeric" | "tel" | "email";
      width?: "short" | "medium" | "full";
      hint?: boolean;
      /** Shown only when another field has this value (and always without JavaScript). */
      showWhen?: { field: string; value: string };
    }
  | { kind: "textarea"; name: string; optional?: boolean; hint?: boolean }
  | { kind: "date"; name: string; optional?: boolean; hint?: boolean; autoComplete?: string }
  | { kind: "radios"; name: string; options: readonly string[]; optionSet: string; optional?: boolean; hint?: boolean; inline?: boolean }
  | { kind: "select"; name: string; options: readonly string[]; optionSet: string; optional?: boolean; hint?: boolean }
  | { kind: "checkboxes"; name: string; options: readonly string[]; optionSet: string; hint?: boolean }
  | { kind: "group"; name: string; max: number; fields: FieldSpec[] };

const yesNo = ["yes", "no"] as const;

export const stepFields: Record<IntakeStep, FieldSpec[]> = {
  about: [
    { kind: "text", name: "firstNames", autoComplete: "given-name" },
    { kind: "text", name: "lastName", autoComplete: "family-name" },
    { kind: "date", name: "dateOfBirth", autoComplete: "bday", hint: true },
    { kind: "radios", name: "hasIdentityCode", options: yesNo, optionSet: "yesNo", inline: true, hint: true },
    {
      kind: "text",
      name: "personalIdentityCode",
      optional: true,
      width: "medium",
      autoComplete: "off",
      hint: true,
      showWhen: { field: "hasIdentityCode", value: "yes" },
    },
    { kind: "radios", name: "gender", options: genders, optionSet: "gender", optional: true },
    { kind: "text", name: "citizenship", width: "medium", autoComplete: "country-name" },
    { kind: "text", name: "otherCitizenship", optional: true, width: "medium" },
    { kind: "text", name: "nativeLanguage", width: "medium" },
    { kind: "text", name: "otherLanguages", optional: true, hint: true },
    { kind: "radios", name: "interpreterNeeded", options: yesNo, optionSet: "yesNo", inline: true },
    { kind: "text", name: "interpreterLanguage", optional: true, width: "medium", showWhen: { field: "interpreterNeeded", value: "yes" } },
  ],
  contact: [
    { kind: "text", name: "phone", type: "tel", autoComplete: "tel", inputMode: "tel", width: "medium", optional: true, hint: true },
    { kind: "text", name: "email", type: "email", autoComplete: "email", inputMode: "email", optional: true },
    { kind: "text", name: "streetAddress", autoComplete: "street-address", optional: true },
    { kind: "text", name: "postalCode", autoComplete: "postal-code", inputMode: "numeric", width: "short", optional: true },
    { kind: "text", name: "postOffice", autoComplete: "address-level2", width: "medium", optional: true },
    { kind: "text", name: "municipality", width: "medium", hint: true },
    { kind: "radios", name: "preferredContact", options: contactMethods, optionSet: "contactMethod" },
  ],
  residence: [
    { kind: "radios", name: "permitType", options: permitTypes, optionSet: "permitType" },
    { kind: "date", name: "permitValidFrom", optional: true },
    { kind: "date", name: "permitValidUntil", optional: true },
    { kind: "date", name: "arrivalDate", optional: true, hint: true },
    { kind: "radios", name: "clientGroup", options: intakeClientGroups, optionSet: "clientGroup", hint: true },
  ],
  family: [
    { kind: "radios", name: "maritalStatus", options: maritalStatuses, optionSet: "maritalStatus" },
    {
      kind: "group",
      name: "members",
      max: MAX_FAMILY_MEMBERS,
      fields: [
        { kind: "text", name: "fullName" },
        { kind: "select", name: "relation", options: familyRelations, optionSet: "relation" },
        { kind: "date", name: "dateOfBirth", optional: true },
        { kind: "radios", name: "livesInFinland", options: yesNo, optionSet: "yesNo", inline: true },
      ],
    },
    { kind: "textarea", name: "childcareNeeds", optional: true, hint: true },
  ],
  "education-work": [
    {
      kind: "group",
      name: "educations",
      max: MAX_EDUCATIONS,
      fields: [
        { kind: "select", name: "level", options: educationLevels, optionSet: "educationLevel" },
        { kind: "text", name: "field", optional: true },
        { kind: "text", name: "country", optional: true, width: "medium" },
        { kind: "text", name: "endYear", optional: true, inputMode: "numeric", width: "short" },
      ],
    },
    {
      kind: "group",
      name: "work",
      max: MAX_WORK_EXPERIENCES,
      fields: [
        { kind: "text", name: "jobTitle" },
        { kind: "text", name: "country", optional: true, width: "medium" },
        { kind: "text", name: "years", optional: true, inputMode: "numeric", width: "short" },
      ],
    },
    { kind: "radios", name: "finnishLevel", options: languageLevels, optionSet: "languageLevel" },
    { kind: "radios", name: "swedishLevel", options: languageLevels, optionSet: "languageLevel" },
  ],
  "service-needs": [
    { kind: "checkboxes", name: "needs", options: serviceNeeds, optionSet: "serviceNeed", hint: true },
    { kind: "textarea", name: "details", optional: true, hint: true },
  ],
};
