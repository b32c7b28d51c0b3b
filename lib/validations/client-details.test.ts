import { afterAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { helsinkiDate } from "@/lib/helsinki-time";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";
import {
  caseDetailsErrorCodes,
  educationSchema,
  familyMemberSchema,
  identityContactSchema,
  removeRecordSchema,
  residencePermitSchema,
  skillSchema,
  walkInClientSchema,
  workExperienceSchema,
} from "./client-details";

const CLIENT = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
const RECORD = "00000000-0000-4000-8000-000000000000";
const DAY = 24 * 60 * 60 * 1000;
const today = () => helsinkiDate();
const tomorrow = () => helsinkiDate(new Date(Date.now() + 2 * DAY));

/** Every message any test saw, checked at the end against the declared codes. */
const seenMessages = new Set<string>();

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    seenMessages.add(issue.message);
    return `${issue.path.join(".")}: ${issue.message}`;
  });
}

function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`expected to parse: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

const CODE = formatPersonalIdentityCode({ dateOfBirth: "1990-04-12", individualNumber: 912 });
const CODE_2023 = formatPersonalIdentityCode({ dateOfBirth: "2004-02-29", individualNumber: 934, centurySign: "B" });

/** What a plain form post of the walk-in form sends: blanks for fields left empty. */
const walkIn = (overrides: Record<string, unknown> = {}) => ({
  firstNames: "Amina Sara",
  lastName: "Esimerkki",
  dateOfBirth: "1990-04-12",
  personalIdentityCode: "",
  gender: "",
  phone: "",
  email: "",
  streetAddress: "",
  postalCode: "",
  postOffice: "",
  homeMunicipality: "",
  preferredLanguage: "",
  interpreterNeeded: "no",
  interpreterLanguage: "",
  citizenship: "",
  otherCitizenship: "",
  clientGroup: "resident",
  basis: "consent_written",
  writtenConsentDate: today(),
  paperReference: "SUOST-2026/014",
  ...overrides,
});

describe("walkInClientSchema", () => {
  it("parses a minimal walk-in with written consent, blanks as not given", () => {
    const value = parsed(walkInClientSchema, walkIn());
    expect(value).toMatchObject({ firstNames: "Amina Sara", basis: "consent_written", writtenConsentDate: today(), paperReference: "SUOST-2026/014" });
    expect(value.personalIdentityCode).toBeUndefined();
    expect(value.phone).toBeUndefined();
    expect(value.gender).toBeUndefined();
  });

  it("normalises the identity code, phone and e-mail", () => {
    const value = parsed(
      walkInClientSchema,
      walkIn({ personalIdentityCode: ` ${CODE.toLowerCase()} `, phone: "040 123 4567", email: " a@example.invalid ", postalCode: "00100" }),
    );
    expect(value.personalIdentityCode).toBe(CODE);
    expect(value.phone).toBe("+358401234567");
    expect(value.email).toBe("a@example.invalid");
  });

  it("accepts the century signs introduced in 2023", () => {
    expect(problems(walkInClientSchema, walkIn({ dateOfBirth: "2004-02-29", personalIdentityCode: CODE_2023 }))).toEqual([]);
  });

  it("refuses an invalid identity code, or one naming another date of birth", () => {
    const broken = `${CODE.slice(0, 10)}${CODE.endsWith("A") ? "B" : "A"}`;
    expect(problems(walkInClientSchema, walkIn({ personalIdentityCode: broken }))).toEqual(["personalIdentityCode: identityCodeChecksum"]);
    expect(problems(walkInClientSchema, walkIn({ personalIdentityCode: "not a code" }))).toEqual(["personalIdentityCode: identityCodeInvalid"]);
    expect(problems(walkInClientSchema, walkIn({ dateOfBirth: "1990-04-13", personalIdentityCode: CODE }))).toEqual([
      "personalIdentityCode: identityCodeDateMismatch",
    ]);
  });

  it("requires names, a date of birth not in the future, a client group and a basis", () => {
    expect(problems(walkInClientSchema, walkIn({ firstNames: " ", lastName: "", dateOfBirth: tomorrow(), clientGroup: "", basis: "consent" }))).toEqual([
      "firstNames: required",
      "lastName: required",
      "dateOfBirth: dateInFuture",
      "clientGroup: chooseOne",
      "basis: chooseOne",
    ]);
    expect(problems(walkInClientSchema, walkIn({ dateOfBirth: "1990-02-30" }))).toEqual(["dateOfBirth: invalidDate"]);
  });

  it("written consent needs its date (not in the future) and the paper's reference (at most 100 characters)", () => {
    expect(problems(walkInClientSchema, walkIn({ writtenConsentDate: "", paperReference: "" }))).toEqual([
      "writtenConsentDate: required",
      "paperReference: required",
    ]);
    expect(problems(walkInClientSchema, walkIn({ writtenConsentDate: tomorrow(), paperReference: "x".repeat(101) }))).toEqual([
      "writtenConsentDate: dateInFuture",
      "paperReference: tooLong",
    ]);
    expect(problems(walkInClientSchema, walkIn({ paperReference: "x".repeat(100) }))).toEqual([]);
  });

  it("on the legal-obligation basis, consent details are neither needed nor kept", () => {
    const value = parsed(walkInClientSchema, walkIn({ basis: "legal_obligation", writtenConsentDate: tomorrow(), paperReference: "ignored" }));
    expect(value.basis).toBe("legal_obligation");
    expect(value.writtenConsentDate).toBeUndefined();
    expect(value.paperReference).toBeUndefined();
  });

  it("an interpreter language is required when an interpreter is needed, and dropped when not", () => {
    expect(problems(walkInClientSchema, walkIn({ interpreterNeeded: "yes" }))).toEqual(["interpreterLanguage: required"]);
    expect(parsed(walkInClientSchema, walkIn({ interpreterNeeded: "no", interpreterLanguage: "dari" })).interpreterLanguage).toBeUndefined();
    expect(parsed(walkInClientSchema, walkIn({ interpreterNeeded: "yes", interpreterLanguage: "dari" })).interpreterLanguage).toBe("dari");
    expect(problems(walkInClientSchema, walkIn({ interpreterNeeded: "" }))).toEqual(["interpreterNeeded: chooseOne"]);
  });

  it("checks contact details", () => {
    expect(problems(walkInClientSchema, walkIn({ phone: "12", email: "nope", postalCode: "123", gender: "x" }))).toEqual([
      "gender: chooseFromList",
      "phone: invalidPhone",
      "email: invalidEmail",
      "postalCode: invalidPostalCode",
    ]);
  });
});

describe("identityContactSchema", () => {
  const { clientGroup: _group, basis: _basis, writtenConsentDate: _date, paperReference: _reference, ...fields } = walkIn();

  it("an empty identity code keeps the current one (undefined); a given one is validated against the date of birth", () => {
    expect(parsed(identityContactSchema, { clientId: CLIENT, ...fields }).personalIdentityCode).toBeUndefined();
    expect(parsed(identityContactSchema, { clientId: CLIENT, ...fields, personalIdentityCode: CODE }).personalIdentityCode).toBe(CODE);
    expect(problems(identityContactSchema, { clientId: CLIENT, ...fields, dateOfBirth: "1991-04-12", personalIdentityCode: CODE })).toEqual([
      "personalIdentityCode: identityCodeDateMismatch",
    ]);
  });

  it("needs a client id and the names", () => {
    expect(problems(identityContactSchema, { ...fields, clientId: "x", firstNames: "" })).toEqual(["clientId: invalid", "firstNames: required"]);
  });
});

describe("residencePermitSchema", () => {
  it("takes a permit type from the list and an optional validity in order", () => {
    expect(parsed(residencePermitSchema, { clientId: CLIENT, permitType: "work", validFrom: "", validUntil: "", notes: "" })).toEqual({
      clientId: CLIENT,
      permitType: "work",
    });
    expect(problems(residencePermitSchema, { clientId: CLIENT, permitType: "tourist" })).toEqual(["permitType: chooseOne"]);
    expect(problems(residencePermitSchema, { clientId: CLIENT, permitType: "work", validFrom: "2026-05-01", validUntil: "2026-04-30" })).toEqual([
      "validUntil: endBeforeStart",
    ]);
    expect(problems(residencePermitSchema, { clientId: CLIENT, permitType: "work", validFrom: "2026-05-01", validUntil: "2026-05-01" })).toEqual([]);
  });
});

describe("familyMemberSchema", () => {
  it("needs the name, relation and the two yes/no answers; the date of birth is not in the future", () => {
    expect(
      parsed(familyMemberSchema, { clientId: CLIENT, fullName: "Lapsi Esimerkki", relation: "child", dateOfBirth: "2019-01-02", livesInFinland: "yes", clientIsGuardian: "yes" }),
    ).toMatchObject({ relation: "child", livesInFinland: "yes", clientIsGuardian: "yes" });
    expect(problems(familyMemberSchema, { clientId: CLIENT, fullName: "", relation: "cousin", dateOfBirth: tomorrow() })).toEqual([
      "fullName: required",
      "relation: chooseOne",
      "dateOfBirth: dateInFuture",
      "livesInFinland: chooseOne",
      "clientIsGuardian: chooseOne",
    ]);
  });
});

describe("skills, work and education", () => {
  it("skillSchema: kind skill or language, a name, an optional level", () => {
    expect(parsed(skillSchema, { clientId: CLIENT, kind: "language", name: "arabia", level: "" })).toEqual({ clientId: CLIENT, kind: "language", name: "arabia" });
    expect(problems(skillSchema, { clientId: CLIENT, kind: "hobby", name: "" })).toEqual(["kind: chooseOne", "name: required"]);
  });

  it("workExperienceSchema: a job title and years in order", () => {
    expect(parsed(workExperienceSchema, { clientId: CLIENT, jobTitle: "Kokki", startYear: "2010", endYear: "2015" })).toMatchObject({ startYear: 2010, endYear: 2015 });
    expect(problems(workExperienceSchema, { clientId: CLIENT, jobTitle: "Kokki", startYear: "2015", endYear: "2010" })).toEqual(["endYear: endBeforeStart"]);
    expect(problems(workExperienceSchema, { clientId: CLIENT, jobTitle: "", startYear: "abc", endYear: "1800" })).toEqual([
      "jobTitle: required",
      "startYear: invalidYear",
      "endYear: implausibleDate",
    ]);
  });

  it("educationSchema: a level from the list; recognition yes, no or not given", () => {
    expect(parsed(educationSchema, { clientId: CLIENT, level: "vocational", recognisedInFinland: "" })).toEqual({ clientId: CLIENT, level: "vocational" });
    expect(parsed(educationSchema, { clientId: CLIENT, level: "master", endYear: "2012", recognisedInFinland: "no" })).toMatchObject({
      endYear: 2012,
      recognisedInFinland: "no",
    });
    expect(problems(educationSchema, { clientId: CLIENT, level: "phd", recognisedInFinland: "maybe" })).toEqual([
      "level: chooseOne",
      "recognisedInFinland: chooseOne",
    ]);
  });

  it("removeRecordSchema: a kind from the list and the record's id", () => {
    expect(parsed(removeRecordSchema, { clientId: CLIENT, kind: "family", recordId: RECORD })).toEqual({ clientId: CLIENT, kind: "family", recordId: RECORD });
    expect(problems(removeRecordSchema, { clientId: CLIENT, kind: "note", recordId: "1" })).toEqual(["kind: chooseOne", "recordId: invalid"]);
  });
});

afterAll(() => {
  // Every message the schemas produced is a declared code (the forms translate exactly these).
  for (const message of seenMessages) expect(caseDetailsErrorCodes).toContain(message);
});
