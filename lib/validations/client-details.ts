import { z } from "zod";
import { clientGroups, educationLevels, familyRelations, genders, permitTypes, skillKinds, type RegisterBasis } from "@/lib/domain-values";
import {
  always,
  blankToUndefined,
  checkOrder,
  dateField,
  FIRST_YEAR,
  idField,
  LINE_TEXT,
  NAME_TEXT,
  optionalDate,
  optionalEmail,
  optionalPhone,
  optionalPostalCode,
  optionalText,
  optionalYesNo,
  personalIdentityCodeField,
  SHORT_TEXT,
  text,
  yesNo,
  year,
} from "@/lib/forms/fields";
import { isIsoDate } from "@/lib/helsinki-time";
import { parsePersonalIdentityCode } from "@/lib/personal-identity-code";

/**
 * The forms that keep a client's own details: a client registered by staff at a visit (walk-in,
 * with written consent or on the legal-obligation basis, DESIGN.md rule 1), identity and contact
 * details, residence permits, family members, skills and languages, work experience and education.
 * One schema per form, shared by react-hook-form in the browser and the server action. Messages are
 * message codes, listed in `caseDetailsErrorCodes` (the case forms' codes and the intake form's
 * identity code, phone, e-mail, postal code and year codes).
 *
 * Dates are YYYY-MM-DD (<input type="date">); "today" is Helsinki's.
 */

export const caseDetailsErrorCodes = [
  "required",
  "tooLong",
  "invalid",
  "invalidCharacters",
  "chooseOne",
  "chooseFromList",
  "invalidDate",
  "implausibleDate",
  "dateInFuture",
  "endBeforeStart",
  "invalidYear",
  "invalidPhone",
  "invalidEmail",
  "invalidPostalCode",
  "identityCodeInvalid",
  "identityCodeChecksum",
  "identityCodeDateMismatch",
] as const;
export type CaseDetailsErrorCode = (typeof caseDetailsErrorCodes)[number];

/** A walk-in client's basis: the register bases staff can record (the electronic one is the intake's). */
export const walkInBases = ["consent_written", "legal_obligation"] as const satisfies readonly RegisterBasis[];
export type WalkInBasis = (typeof walkInBases)[number];
/** The records a form removes (not stored: the kind picks the table). */
export const caseRecordKinds = ["permit", "family", "skill", "work", "education"] as const;
export type CaseRecordKind = (typeof caseRecordKinds)[number];

export const MAX_PAPER_REFERENCE_LENGTH = 100;

const optionalYear = year({ fromYear: FIRST_YEAR });

// ---------------------------------------------------------------------------------------------
// Identity and contact

/** A language or interpreter language given while "no interpreter" is chosen is not kept. */
function withoutDeselected(value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const answers = { ...(value as Record<string, unknown>) };
  if (answers.interpreterNeeded === "no") delete answers.interpreterLanguage;
  if (answers.basis === "legal_obligation") {
    delete answers.writtenConsentDate;
    delete answers.paperReference;
  }
  return answers;
}

const identityContactFields = {
  firstNames: text(NAME_TEXT),
  lastName: text(NAME_TEXT),
  dateOfBirth: dateField({ notFuture: true }),
  personalIdentityCode: z.preprocess(blankToUndefined, personalIdentityCodeField.optional()),
  gender: z.preprocess(blankToUndefined, z.enum(genders, { error: "chooseFromList" }).optional()),
  phone: optionalPhone,
  email: optionalEmail,
  streetAddress: optionalText(NAME_TEXT),
  postalCode: optionalPostalCode,
  postOffice: optionalText(SHORT_TEXT),
  homeMunicipality: optionalText(SHORT_TEXT),
  preferredLanguage: optionalText(SHORT_TEXT),
  interpreterNeeded: yesNo,
  interpreterLanguage: optionalText(SHORT_TEXT),
  citizenship: optionalText(SHORT_TEXT),
  otherCitizenship: optionalText(SHORT_TEXT),
};

/** The identity code must name the date of birth given; the interpreter language is needed when one is. */
function checkIdentityContact(
  value: { dateOfBirth?: unknown; personalIdentityCode?: unknown; interpreterNeeded?: unknown; interpreterLanguage?: unknown },
  ctx: z.RefinementCtx,
) {
  if (typeof value.personalIdentityCode === "string" && typeof value.dateOfBirth === "string" && isIsoDate(value.dateOfBirth)) {
    const parsed = parsePersonalIdentityCode(value.personalIdentityCode);
    if (parsed.ok && parsed.dateOfBirth !== value.dateOfBirth) {
      ctx.addIssue({ code: "custom", path: ["personalIdentityCode"], message: "identityCodeDateMismatch" });
    }
  }
  if (value.interpreterNeeded === "yes" && value.interpreterLanguage === undefined) {
    ctx.addIssue({ code: "custom", path: ["interpreterLanguage"], message: "required" });
  }
}

/**
 * A client registered by staff at a visit. The basis is written consent (the date the paper was
 * signed and its reference, both required) or the legal obligation, where the register's settings
 * allow it (checked on the server: createWalkInClient).
 */
export const walkInClientSchema = z.preprocess(
  withoutDeselected,
  z
    .object({
      ...identityContactFields,
      clientGroup: z.enum(clientGroups, { error: "chooseOne" }),
      basis: z.enum(walkInBases, { error: "chooseOne" }),
      writtenConsentDate: optionalDate({ notFuture: true }),
      paperReference: optionalText(MAX_PAPER_REFERENCE_LENGTH),
    })
    .superRefine((value, ctx) => {
      checkIdentityContact(value, ctx);
      if (value.basis === "consent_written") {
        if (value.writtenConsentDate === undefined) ctx.addIssue({ code: "custom", path: ["writtenConsentDate"], message: "required" });
        if (value.paperReference === undefined) ctx.addIssue({ code: "custom", path: ["paperReference"], message: "required" });
      }
    }, always),
);

/**
 * The client's identity and contact details, every one editable. An empty identity code keeps the
 * code the client has (it is never shown unmasked in the form); a new one replaces it.
 */
export const identityContactSchema = z.preprocess(
  withoutDeselected,
  z
    .object({ clientId: idField, ...identityContactFields })
    .superRefine((value, ctx) => checkIdentityContact(value, ctx), always),
);

// ---------------------------------------------------------------------------------------------
// Residence, family, skills, work, education

export const residencePermitSchema = z
  .object({
    clientId: idField,
    permitType: z.enum(permitTypes, { error: "chooseOne" }),
    validFrom: optionalDate(),
    validUntil: optionalDate(),
    notes: optionalText(LINE_TEXT),
  })
  .superRefine((value, ctx) => checkOrder(value, ctx, "validFrom", "validUntil"), always);

export const familyMemberSchema = z.object({
  clientId: idField,
  fullName: text(NAME_TEXT),
  relation: z.enum(familyRelations, { error: "chooseOne" }),
  dateOfBirth: optionalDate({ notFuture: true }),
  livesInFinland: yesNo,
  clientIsGuardian: yesNo,
  daycareOrSchoolNeed: optionalText(LINE_TEXT),
});

export const skillSchema = z.object({
  clientId: idField,
  kind: z.enum(skillKinds, { error: "chooseOne" }),
  name: text(NAME_TEXT),
  level: optionalText(SHORT_TEXT),
});

export const workExperienceSchema = z
  .object({
    clientId: idField,
    jobTitle: text(NAME_TEXT),
    employer: optionalText(NAME_TEXT),
    country: optionalText(SHORT_TEXT),
    startYear: optionalYear,
    endYear: optionalYear,
  })
  .superRefine((value, ctx) => checkOrder(value, ctx, "startYear", "endYear"), always);

export const educationSchema = z.object({
  clientId: idField,
  level: z.enum(educationLevels, { error: "chooseOne" }),
  field: optionalText(NAME_TEXT),
  institution: optionalText(NAME_TEXT),
  country: optionalText(SHORT_TEXT),
  endYear: optionalYear,
  recognisedInFinland: optionalYesNo,
});

export const removeRecordSchema = z.object({
  clientId: idField,
  kind: z.enum(caseRecordKinds, { error: "chooseOne" }),
  recordId: idField,
});

// ---------------------------------------------------------------------------------------------

export type WalkInClientInput = z.output<typeof walkInClientSchema>;
export type IdentityContactInput = z.output<typeof identityContactSchema>;
export type ResidencePermitInput = z.output<typeof residencePermitSchema>;
export type FamilyMemberInput = z.output<typeof familyMemberSchema>;
export type SkillInput = z.output<typeof skillSchema>;
export type WorkExperienceInput = z.output<typeof workExperienceSchema>;
export type EducationInput = z.output<typeof educationSchema>;
export type RemoveRecordInput = z.output<typeof removeRecordSchema>;
