import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { aboutSchema, contactSchema, educationWorkSchema, familySchema, serviceNeedsSchema } from "@/lib/intake/steps";
import { agencyFormSchema } from "@/lib/validations/agency";
import {
  bookAppointmentSchema,
  caseNoteSchema,
  closeCaseSchema,
  functionalCapacitySchema,
  initialAssessmentSchema,
  integrationPlanSchema,
  outcomeSchema,
  planReviewSchema,
  recordVisitSchema,
} from "@/lib/validations/case-work";
import {
  educationSchema,
  familyMemberSchema,
  identityContactSchema,
  residencePermitSchema,
  skillSchema,
  walkInClientSchema,
  workExperienceSchema,
} from "@/lib/validations/client-details";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";

/**
 * Security issue 9, deliverable 8: a line break in a one-line field (a name, a reference, a
 * purpose) could split a row of a CSV export and smuggle a formula into a spreadsheet. Every
 * one-line field of every form refuses CR and LF through the one field builder
 * (lib/forms/fields.ts); the fields a form shows as a <textarea> keep their lines.
 */

type Table = [name: string, schema: z.ZodType, paths: string[]][];

const oneLine: Table = [
  ["intake: about you", aboutSchema, ["firstNames", "lastName", "citizenship", "otherCitizenship", "nativeLanguage", "otherLanguages", "interpreterLanguage"]],
  ["intake: contact", contactSchema, ["streetAddress", "postOffice", "municipality"]],
  ["intake: family", familySchema, ["members.0.fullName"]],
  ["intake: education and work", educationWorkSchema, ["educations.0.field", "educations.0.country", "work.0.jobTitle", "work.0.country"]],
  ["agencies", agencyFormSchema, ["name"]],
  [
    "walk-in client",
    walkInClientSchema,
    ["firstNames", "lastName", "streetAddress", "postOffice", "homeMunicipality", "preferredLanguage", "interpreterLanguage", "citizenship", "otherCitizenship", "paperReference"],
  ],
  ["identity and contact", identityContactSchema, ["firstNames", "lastName", "streetAddress", "postOffice", "homeMunicipality", "citizenship"]],
  ["residence permit", residencePermitSchema, ["notes"]],
  ["family member", familyMemberSchema, ["fullName", "daycareOrSchoolNeed"]],
  ["skill", skillSchema, ["name", "level"]],
  ["work experience", workExperienceSchema, ["jobTitle", "employer", "country"]],
  ["education", educationSchema, ["field", "institution", "country"]],
  ["appointment", bookAppointmentSchema, ["interpreterLanguage", "purpose"]],
  ["visit", recordVisitSchema, ["interpreterLanguage"]],
  ["initial assessment", initialAssessmentSchema, ["otherReferral", "authors", "sources"]],
  ["integration plan", integrationPlanSchema, ["authors", "sources", "measures.0.description", "measures.0.provider"]],
  ["closing the case", closeCaseSchema, ["reason"]],
  ["written consent", writtenConsentSchema, ["paperReference"]],
  ["disclosure", disclosureFormSchema, ["purpose", "requestReference"]],
];

const multiLine: Table = [
  ["intake: family", familySchema, ["childcareNeeds"]],
  ["intake: service needs", serviceNeedsSchema, ["details"]],
  ["visit", recordVisitSchema, ["notes"]],
  ["initial assessment", initialAssessmentSchema, ["content", "furtherMeasures"]],
  ["integration plan", integrationPlanSchema, ["goals", "jobSearch", "studies", "skillsAcquisition"]],
  ["plan review", planReviewSchema, ["summary"]],
  ["outcome", outcomeSchema, ["description"]],
  ["functional capacity", functionalCapacitySchema, ["content"]],
  ["case note", caseNoteSchema, ["body"]],
  ["written consent", writtenConsentSchema, ["purpose"]],
];

/** `members.0.fullName` → { members: [{ fullName: value }] }. */
function formWith(path: string, value: string): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { [head!]: value };
  const [, ...inner] = rest;
  return { [head!]: [formWith(inner.join("."), value)] };
}

function messagesAt(schema: z.ZodType, path: string, value: string): string[] {
  const result = schema.safeParse(formWith(path, value));
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path.join(".") === path).map((issue) => issue.message);
}

const rows = (table: Table) => table.flatMap(([name, schema, paths]) => paths.map((path) => [name, path, schema] as const));

describe("one-line fields refuse CR and LF", () => {
  it.each(rows(oneLine))("%s: %s", (_name, path, schema) => {
    for (const value of ["Kotola\n=1+1", "Kotola\r=1+1", "Kotola\r\nKeskusta"]) {
      expect(messagesAt(schema, path, value), JSON.stringify(value)).toContain("invalidCharacters");
    }
    // The same field takes one line, and a line break at either end is trimmed away, not refused.
    for (const value of ["Kotola", "  Kotola\n", "\r\nKotola"]) {
      expect(messagesAt(schema, path, value), JSON.stringify(value)).not.toContain("invalidCharacters");
    }
  });
});

describe("multi-line fields keep their lines", () => {
  it.each(rows(multiLine))("%s: %s", (_name, path, schema) => {
    expect(messagesAt(schema, path, "First line\nsecond line\r\nthird line")).toEqual([]);
    // The path is really checked: an overlong text there is refused.
    expect(messagesAt(schema, path, "x".repeat(20_000))).toContain("tooLong");
  });
});
