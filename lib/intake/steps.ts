import { z } from "zod";
import {
  blankToUndefined,
  checkboxes,
  checkOrder,
  dateField,
  LONG_TEXT,
  optionalDate,
  optionalEmail,
  optionalMultilineText,
  optionalPhone,
  optionalPostalCode,
  optionalText,
  personalIdentityCodeField,
  text,
  year,
  yesNo,
} from "@/lib/forms/fields";
import { parsePersonalIdentityCode } from "@/lib/personal-identity-code";
import {
  clientGroups,
  contactMethods,
  educationLevels,
  familyRelations,
  genders,
  languageLevels,
  maritalStatuses,
  permitTypes,
  serviceNeeds,
} from "@/lib/domain-values";

/** Client groups a newcomer can choose from (all of them). */
export const intakeClientGroups = clientGroups;

/** The question pages, in order; each is one topic (GOV.UK: one thing per page). */
export const intakeSteps = ["about", "contact", "residence", "family", "education-work", "service-needs"] as const;
export type IntakeStep = (typeof intakeSteps)[number];

/** Rows of a repeating group the person left empty are not answers: drop them before validating. */
function withoutEmptyRows(value: unknown): unknown {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (row) => row && typeof row === "object" && Object.values(row as Record<string, unknown>).some((v) => typeof v === "string" && v.trim() !== ""),
  );
}

/**
 * A field that follows a "no" (the identity code, the interpreter's language) is hidden then, so
 * whatever was typed in it before is not an answer: it is neither kept nor checked.
 */
function withoutDeselected(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const answers = { ...(value as Record<string, unknown>) };
  if (answers.hasIdentityCode === "no") delete answers.personalIdentityCode;
  if (answers.interpreterNeeded === "no") delete answers.interpreterLanguage;
  return answers;
}

export const aboutSchema = z.preprocess(
  withoutDeselected,
  z
    .object({
      firstNames: text(),
      lastName: text(),
      dateOfBirth: dateField({ notFuture: true }),
      hasIdentityCode: yesNo,
      personalIdentityCode: z.preprocess(blankToUndefined, personalIdentityCodeField.optional()),
      gender: z.preprocess(blankToUndefined, z.enum(genders, { error: "chooseFromList" }).optional()),
      citizenship: text(),
      otherCitizenship: optionalText(),
      nativeLanguage: text(),
      otherLanguages: optionalText(200),
      interpreterNeeded: yesNo,
      interpreterLanguage: optionalText(),
      /**
       * "yes" when a code is already on file (the field is shown empty, lib/intake/draft-policy.ts):
       * the browser's validation then accepts an empty field. The server drops this and puts the
       * code on file in the empty field before validating, so only the draft decides.
       */
      identityCodeOnFile: z.preprocess(blankToUndefined, z.literal("yes").optional()).catch(undefined),
    })
    .superRefine((value, ctx) => {
      if (value.hasIdentityCode === "yes" && !value.personalIdentityCode && !value.identityCodeOnFile) {
        ctx.addIssue({ code: "custom", path: ["personalIdentityCode"], message: "required" });
      }
      if (value.hasIdentityCode === "yes" && value.personalIdentityCode) {
        const parsed = parsePersonalIdentityCode(value.personalIdentityCode);
        if (parsed.ok && parsed.dateOfBirth !== value.dateOfBirth) {
          ctx.addIssue({ code: "custom", path: ["personalIdentityCode"], message: "identityCodeDateMismatch" });
        }
      }
      if (value.interpreterNeeded === "yes" && !value.interpreterLanguage) {
        ctx.addIssue({ code: "custom", path: ["interpreterLanguage"], message: "required" });
      }
    })
    .transform(({ identityCodeOnFile: _onFile, ...value }) => ({
      ...value,
      // A code typed and then "no" chosen is not kept.
      personalIdentityCode: value.hasIdentityCode === "yes" ? value.personalIdentityCode : undefined,
      interpreterLanguage: value.interpreterNeeded === "yes" ? value.interpreterLanguage : undefined,
    })),
);

export const contactSchema = z
  .object({
    phone: optionalPhone,
    email: optionalEmail,
    streetAddress: optionalText(200),
    postalCode: optionalPostalCode,
    postOffice: optionalText(),
    municipality: text(),
    preferredContact: z.enum(contactMethods, { error: "chooseOne" }),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email) ctx.addIssue({ code: "custom", path: ["phone"], message: "phoneOrEmail" });
    if ((value.preferredContact === "phone" || value.preferredContact === "text_message") && !value.phone) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "phoneNeeded" });
    }
    if (value.preferredContact === "email" && !value.email) ctx.addIssue({ code: "custom", path: ["email"], message: "emailNeeded" });
    if (value.preferredContact === "letter" && (!value.streetAddress || !value.postalCode)) {
      ctx.addIssue({ code: "custom", path: ["streetAddress"], message: "addressNeeded" });
    }
  });

export const residenceSchema = z
  .object({
    permitType: z.enum(permitTypes, { error: "chooseOne" }),
    permitValidFrom: optionalDate({ fromYear: 1950 }),
    permitValidUntil: optionalDate({ fromYear: 1950 }),
    arrivalDate: optionalDate({ notFuture: true, fromYear: 1950 }),
    clientGroup: z.enum(intakeClientGroups, { error: "chooseOne" }),
  })
  .superRefine((value, ctx) => checkOrder(value, ctx, "permitValidFrom", "permitValidUntil"));

export const familyMemberSchema = z.object({
  fullName: text(),
  relation: z.enum(familyRelations, { error: "chooseOne" }),
  dateOfBirth: optionalDate({ notFuture: true }),
  livesInFinland: yesNo,
});

export const MAX_FAMILY_MEMBERS = 15;
export const MAX_EDUCATIONS = 10;
export const MAX_WORK_EXPERIENCES = 10;

export const familySchema = z.object({
  maritalStatus: z.enum(maritalStatuses, { error: "chooseOne" }),
  members: z.preprocess(withoutEmptyRows, z.array(familyMemberSchema).max(MAX_FAMILY_MEMBERS, "tooMany")),
  childcareNeeds: optionalMultilineText(LONG_TEXT),
});

export const educationSchema = z.object({
  level: z.enum(educationLevels, { error: "chooseOne" }),
  field: optionalText(),
  country: optionalText(),
  endYear: year(),
});

export const workExperienceSchema = z.object({
  jobTitle: text(),
  country: optionalText(),
  years: z.preprocess(
    (value) => {
      const given = blankToUndefined(value);
      return typeof given === "string" ? Number(given.trim()) : given;
    },
    z.number({ error: "invalidNumber" }).int("invalidNumber").min(0, "invalidNumber").max(60, "invalidNumber").optional(),
  ),
});

export const educationWorkSchema = z.object({
  educations: z.preprocess(withoutEmptyRows, z.array(educationSchema).max(MAX_EDUCATIONS, "tooMany")),
  work: z.preprocess(withoutEmptyRows, z.array(workExperienceSchema).max(MAX_WORK_EXPERIENCES, "tooMany")),
  finnishLevel: z.enum(languageLevels, { error: "chooseOne" }),
  swedishLevel: z.enum(languageLevels, { error: "chooseOne" }),
});

export const serviceNeedsSchema = z
  .object({
    needs: checkboxes(serviceNeeds),
    details: optionalMultilineText(LONG_TEXT),
  })
  .refine((value) => value.needs.length > 0 || Boolean(value.details), { path: ["needs"], message: "chooseOrDescribe" });

export const stepSchemas = {
  about: aboutSchema,
  contact: contactSchema,
  residence: residenceSchema,
  family: familySchema,
  "education-work": educationWorkSchema,
  "service-needs": serviceNeedsSchema,
} as const satisfies Record<IntakeStep, z.ZodType>;

export type IntakeAnswers = { [S in IntakeStep]?: z.output<(typeof stepSchemas)[S]> };

export function isIntakeStep(value: string): value is IntakeStep {
  return (intakeSteps as readonly string[]).includes(value);
}

/** Issues as { field path: [message codes] }, e.g. "members.0.fullName". */
export function issuesByField(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The consent step's schema depends on the register settings. */
export function consentSchemaFor({
  storageConsentRequired,
  authorityCodes,
  agencyCodes,
}: {
  storageConsentRequired: boolean;
  authorityCodes: readonly string[];
  agencyCodes: readonly string[];
}) {
  const list = (codes: readonly string[]) =>
    codes.length > 0 ? checkboxes(codes as [string, ...string[]]) : z.preprocess(() => [], z.array(z.string()).max(0));
  return z.object({
    storageConsent: storageConsentRequired
      ? z.literal("yes", { error: "consentRequired" })
      : z.preprocess(blankToUndefined, z.literal("yes").optional()),
    obtainFrom: list(authorityCodes),
    discloseTo: list(agencyCodes),
  });
}

