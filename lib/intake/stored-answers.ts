import { z } from "zod";
import {
  clientGroups,
  contactMethods,
  educationLevels,
  familyRelations,
  genders,
  languageLevels,
  maritalStatuses,
  permitTypes,
} from "@/lib/domain-values";

/**
 * The intake answers as a submission stores them (the step schemas' output, without the identity
 * code, which is kept encrypted in its own column), read back tolerantly: types and codes are
 * checked, the form's relative rules (dates not in the future as of the day of filling in) are not
 * re-applied.
 */

const optionalText = z.string().optional();
const yesNo = z.enum(["yes", "no"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const storedIntakeAnswersSchema = z.object({
  about: z.object({
    firstNames: z.string().min(1),
    lastName: z.string().min(1),
    dateOfBirth: isoDate,
    hasIdentityCode: yesNo.optional(),
    gender: z.enum(genders).optional(),
    citizenship: optionalText,
    otherCitizenship: optionalText,
    nativeLanguage: optionalText,
    otherLanguages: optionalText,
    interpreterNeeded: yesNo.optional(),
    interpreterLanguage: optionalText,
  }),
  contact: z
    .object({
      phone: optionalText,
      email: optionalText,
      streetAddress: optionalText,
      postalCode: optionalText,
      postOffice: optionalText,
      municipality: optionalText,
      preferredContact: z.enum(contactMethods).optional(),
    })
    .default({}),
  residence: z
    .object({
      permitType: z.enum(permitTypes).optional(),
      permitValidFrom: isoDate.optional(),
      permitValidUntil: isoDate.optional(),
      arrivalDate: isoDate.optional(),
      clientGroup: z.enum(clientGroups).optional(),
    })
    .default({}),
  family: z
    .object({
      maritalStatus: z.enum(maritalStatuses).optional(),
      members: z
        .array(
          z.object({
            fullName: z.string().min(1),
            relation: z.enum(familyRelations),
            dateOfBirth: isoDate.optional(),
            livesInFinland: yesNo.optional(),
          }),
        )
        .default([]),
      childcareNeeds: optionalText,
    })
    .default({ members: [] }),
  "education-work": z
    .object({
      educations: z
        .array(
          z.object({
            level: z.enum(educationLevels),
            field: optionalText,
            country: optionalText,
            endYear: z.number().int().optional(),
          }),
        )
        .default([]),
      work: z.array(z.object({ jobTitle: z.string().min(1), country: optionalText, years: z.number().int().optional() })).default([]),
      finnishLevel: z.enum(languageLevels).optional(),
      swedishLevel: z.enum(languageLevels).optional(),
    })
    .default({ educations: [], work: [] }),
  "service-needs": z.object({ needs: z.array(z.string()).default([]), details: optionalText }).default({ needs: [] }),
});

export type StoredIntakeAnswers = z.output<typeof storedIntakeAnswersSchema>;

/** The answers, or the names of the fields that do not read (names only: safe in a message). */
export function parseStoredAnswers(answers: unknown): { ok: true; answers: StoredIntakeAnswers } | { ok: false; fields: string[] } {
  const parsed = storedIntakeAnswersSchema.safeParse(answers);
  if (parsed.success) return { ok: true, answers: parsed.data };
  return { ok: false, fields: [...new Set(parsed.error.issues.map((issue) => issue.path.join(".")))] };
}
