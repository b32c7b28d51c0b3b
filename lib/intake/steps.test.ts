import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { contactMethods, educationLevels, familyRelations, genders, languageLevels, maritalStatuses, permitTypes, serviceNeeds } from "@/lib/domain-values";
import { LONG_TEXT, normalizePhone, SHORT_TEXT } from "@/lib/forms/fields";
import { formDataToObject, FormTooLargeError, MAX_FORM_FIELDS } from "./form-data";
import {
  aboutSchema,
  consentSchemaFor,
  contactSchema,
  educationWorkSchema,
  familySchema,
  intakeClientGroups,
  intakeSteps,
  issuesByField,
  residenceSchema,
  serviceNeedsSchema,
  stepSchemas,
  type IntakeStep,
} from "./steps";
import { CENTURY_SIGNS, formatPersonalIdentityCode } from "@/lib/personal-identity-code";

// ---------------------------------------------------------------------------------------------
// Helpers

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
/** Two days ahead in UTC: in the future whatever the time zone of the machine. */
const future = () => isoDay(new Date(Date.now() + 2 * DAY_MS));

/** The field errors of a failed parse, or a failure that names what was parsed when it passed. */
function errorsOf(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`Expected ${JSON.stringify(input)} to be refused; it parsed to ${JSON.stringify(result.data)}`);
  return issuesByField(result.error);
}

/**
 * The first error code of each field: what the page shows. A date's checks all run, so an empty
 * date also reports it is not a real date; the first code is the one that matters.
 */
function firstErrorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(errorsOf(schema, input)).map(([field, codes]) => [field, codes[0]!]));
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`Expected ${JSON.stringify(input)} to pass; errors ${JSON.stringify(issuesByField(result.error))}`);
  return result.data;
}

const DOB = "1990-05-01";
const CODE = formatPersonalIdentityCode({ dateOfBirth: DOB, individualNumber: 902 });

/** Valid answers as a plain form post sends them: every value a string, blanks for the unanswered. */
const validRaw = {
  about: {
    firstNames: "Amina Noor",
    lastName: "Hassan",
    dateOfBirth: DOB,
    hasIdentityCode: "yes",
    personalIdentityCode: CODE,
    gender: "female",
    citizenship: "Somalia",
    otherCitizenship: "",
    nativeLanguage: "somali",
    otherLanguages: "",
    interpreterNeeded: "yes",
    interpreterLanguage: "somali",
  },
  contact: {
    phone: "040 123 4567",
    email: "",
    streetAddress: "Kotolantie 1 A 2",
    postalCode: "99990",
    postOffice: "Kotola",
    municipality: "Kotola",
    preferredContact: "text_message",
  },
  residence: {
    permitType: "international_protection",
    permitValidFrom: "2024-01-01",
    permitValidUntil: "2028-01-01",
    arrivalDate: "2023-12-01",
    clientGroup: "settlement_services",
  },
  family: {
    maritalStatus: "married",
    members: [
      { fullName: "Yusuf Hassan", relation: "spouse", dateOfBirth: "1988-03-02", livesInFinland: "yes" },
      { fullName: "", relation: "", dateOfBirth: "", livesInFinland: "" },
    ],
    childcareNeeds: "",
  },
  "education-work": {
    educations: [{ level: "secondary", field: "", country: "Somalia", endYear: "2008" }],
    work: [{ jobTitle: "Tailor", country: "Kenya", years: "5" }],
    finnishLevel: "beginner",
    swedishLevel: "none",
  },
  "service-needs": { needs: ["language_course", "job_search"], details: "" },
} satisfies Record<IntakeStep, Record<string, unknown>>;

// ---------------------------------------------------------------------------------------------
// Valid answers per step

describe("valid answers", () => {
  it("about: passes, trimmed and with the identity code", () => {
    expect(parsed(aboutSchema, { ...validRaw.about, firstNames: "  Amina Noor \n" })).toEqual({
      firstNames: "Amina Noor",
      lastName: "Hassan",
      dateOfBirth: DOB,
      hasIdentityCode: "yes",
      personalIdentityCode: CODE,
      gender: "female",
      citizenship: "Somalia",
      nativeLanguage: "somali",
      interpreterNeeded: "yes",
      interpreterLanguage: "somali",
    });
  });

  it("contact: passes with the phone in international form", () => {
    expect(parsed(contactSchema, validRaw.contact)).toEqual({
      phone: "+358401234567",
      streetAddress: "Kotolantie 1 A 2",
      postalCode: "99990",
      postOffice: "Kotola",
      municipality: "Kotola",
      preferredContact: "text_message",
    });
    // Email alone is enough too.
    expect(parsed(contactSchema, { municipality: "Kotola", email: " a.b@kotola.example ", preferredContact: "email" })).toEqual({
      email: "a.b@kotola.example",
      municipality: "Kotola",
      preferredContact: "email",
    });
  });

  it("residence: passes", () => {
    expect(parsed(residenceSchema, validRaw.residence)).toEqual(validRaw.residence);
    // The same day as start and end is fine; the dates are optional.
    expect(parsed(residenceSchema, { ...validRaw.residence, permitValidUntil: "2024-01-01" }).permitValidUntil).toBe("2024-01-01");
    expect(parsed(residenceSchema, { permitType: "not_known", permitValidFrom: "", permitValidUntil: "", arrivalDate: "", clientGroup: "resident" })).toEqual({
      permitType: "not_known",
      clientGroup: "resident",
    });
  });

  it("family: passes, without the empty row", () => {
    expect(parsed(familySchema, validRaw.family)).toEqual({
      maritalStatus: "married",
      members: [{ fullName: "Yusuf Hassan", relation: "spouse", dateOfBirth: "1988-03-02", livesInFinland: "yes" }],
    });
    expect(parsed(familySchema, { maritalStatus: "single" })).toEqual({ maritalStatus: "single", members: [] });
  });

  it("education-work: passes, with years as numbers", () => {
    expect(parsed(educationWorkSchema, validRaw["education-work"])).toEqual({
      educations: [{ level: "secondary", country: "Somalia", endYear: 2008 }],
      work: [{ jobTitle: "Tailor", country: "Kenya", years: 5 }],
      finnishLevel: "beginner",
      swedishLevel: "none",
    });
  });

  it("service-needs: passes with needs, with details only, and one need as a lone string", () => {
    expect(parsed(serviceNeedsSchema, validRaw["service-needs"])).toEqual({ needs: ["language_course", "job_search"] });
    expect(parsed(serviceNeedsSchema, { needs: "housing" })).toEqual({ needs: ["housing"] });
    expect(parsed(serviceNeedsSchema, { details: "Help with the bank" })).toEqual({ needs: [], details: "Help with the bank" });
  });

  it("every step has a schema and the valid answers pass each", () => {
    for (const step of intakeSteps) expect(stepSchemas[step].safeParse(validRaw[step]).success, step).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Error codes

describe("error codes", () => {
  it("required: missing text, date and identity code", () => {
    expect(errorsOf(aboutSchema, { ...validRaw.about, firstNames: "" })).toEqual({ firstNames: ["required"] });
    expect(errorsOf(aboutSchema, { ...validRaw.about, lastName: "   " })).toEqual({ lastName: ["required"] });
    const { citizenship: _citizenship, ...withoutCitizenship } = validRaw.about;
    expect(errorsOf(aboutSchema, withoutCitizenship)).toEqual({ citizenship: ["required"] });
    expect(firstErrorsOf(aboutSchema, { ...validRaw.about, dateOfBirth: "", hasIdentityCode: "no" })).toEqual({ dateOfBirth: "required" });
    expect(parsed(residenceSchema, { ...validRaw.residence, permitValidFrom: " " }).permitValidFrom).toBeUndefined();
    expect(errorsOf(aboutSchema, { ...validRaw.about, personalIdentityCode: "" })).toEqual({ personalIdentityCode: ["required"] });
    expect(errorsOf(aboutSchema, { ...validRaw.about, interpreterLanguage: " " })).toEqual({ interpreterLanguage: ["required"] });
    expect(errorsOf(contactSchema, { ...validRaw.contact, municipality: "" })).toEqual({ municipality: ["required"] });
    expect(errorsOf(familySchema, { maritalStatus: "single", members: [{ fullName: "", relation: "child", livesInFinland: "yes" }] })).toEqual({
      "members.0.fullName": ["required"],
    });
    expect(errorsOf(educationWorkSchema, { ...validRaw["education-work"], work: [{ jobTitle: "", country: "Kenya" }] })).toEqual({
      "work.0.jobTitle": ["required"],
    });
  });

  it("a choice not made is chooseOne", () => {
    expect(errorsOf(aboutSchema, { ...validRaw.about, hasIdentityCode: "" })).toEqual({ hasIdentityCode: ["chooseOne"] });
    expect(errorsOf(residenceSchema, { ...validRaw.residence, permitType: undefined })).toEqual({ permitType: ["chooseOne"] });
    expect(errorsOf(contactSchema, { ...validRaw.contact, preferredContact: "pigeon" })).toEqual({ preferredContact: ["chooseOne"] });
  });

  it("identityCodeChecksum: a wrong check character", () => {
    const last = CODE.at(-1)!;
    const wrong = `${CODE.slice(0, -1)}${last === "0" ? "1" : "0"}`;
    expect(errorsOf(aboutSchema, { ...validRaw.about, personalIdentityCode: wrong })).toEqual({ personalIdentityCode: ["identityCodeChecksum"] });
  });

  it.each(["12345", "010590-90", "0105909022", "010590G902X", "010590-902X\u0000", "１３１０５２-308T", "<script>"])(
    "identityCodeInvalid: the malformed code %j",
    (code) => {
      expect(errorsOf(aboutSchema, { ...validRaw.about, personalIdentityCode: code })).toEqual({ personalIdentityCode: ["identityCodeInvalid"] });
    },
  );

  it("identityCodeDateMismatch: a valid code for another date of birth", () => {
    const other = formatPersonalIdentityCode({ dateOfBirth: "1990-05-02", individualNumber: 902 });
    expect(errorsOf(aboutSchema, { ...validRaw.about, personalIdentityCode: other })).toEqual({ personalIdentityCode: ["identityCodeDateMismatch"] });
    // Same day and month, another century.
    const otherCentury = formatPersonalIdentityCode({ dateOfBirth: "1890-05-01", individualNumber: 902 });
    expect(errorsOf(aboutSchema, { ...validRaw.about, personalIdentityCode: otherCentury })).toEqual({
      personalIdentityCode: ["identityCodeDateMismatch"],
    });
  });

  it("dateInFuture: birth, arrival and a family member's birth", () => {
    expect(errorsOf(aboutSchema, { ...validRaw.about, dateOfBirth: future(), hasIdentityCode: "no" })).toEqual({ dateOfBirth: ["dateInFuture"] });
    expect(errorsOf(residenceSchema, { ...validRaw.residence, arrivalDate: future() })).toEqual({ arrivalDate: ["dateInFuture"] });
    expect(
      errorsOf(familySchema, { maritalStatus: "single", members: [{ fullName: "B", relation: "child", dateOfBirth: future(), livesInFinland: "yes" }] }),
    ).toEqual({ "members.0.dateOfBirth": ["dateInFuture"] });
    // A permit may well be valid into the future, and today is not the future.
    expect(parsed(residenceSchema, { ...validRaw.residence, permitValidUntil: future() }).permitValidUntil).toBe(future());
    expect(parsed(aboutSchema, { ...validRaw.about, dateOfBirth: isoDay(new Date()), hasIdentityCode: "no" }).dateOfBirth).toBe(isoDay(new Date()));
  });

  it.each(["2023-02-30", "2023-13-01", "2023-00-10", "2023-1-5", "1.5.1990", "01.05.1990", "yesterday", "2023-02-30T00:00"])(
    "invalidDate: %j",
    (date) => {
      expect(firstErrorsOf(aboutSchema, { ...validRaw.about, dateOfBirth: date, hasIdentityCode: "no" })).toEqual({ dateOfBirth: "invalidDate" });
      expect(firstErrorsOf(residenceSchema, { ...validRaw.residence, permitValidFrom: date, permitValidUntil: "" })).toEqual({ permitValidFrom: "invalidDate" });
    },
  );

  it("29 February exists only in leap years; 1899 is implausible", () => {
    expect(parsed(aboutSchema, { ...validRaw.about, dateOfBirth: "2000-02-29", hasIdentityCode: "no" }).dateOfBirth).toBe("2000-02-29");
    expect(errorsOf(aboutSchema, { ...validRaw.about, dateOfBirth: "2001-02-29", hasIdentityCode: "no" })).toEqual({ dateOfBirth: ["invalidDate"] });
    expect(errorsOf(aboutSchema, { ...validRaw.about, dateOfBirth: "1899-12-31", hasIdentityCode: "no" })).toEqual({ dateOfBirth: ["implausibleDate"] });
  });

  it("endBeforeStart: a permit valid until before it is valid from", () => {
    expect(errorsOf(residenceSchema, { ...validRaw.residence, permitValidFrom: "2025-06-02", permitValidUntil: "2025-06-01" })).toEqual({
      permitValidUntil: ["endBeforeStart"],
    });
  });

  it("phoneOrEmail: neither a phone nor an email", () => {
    expect(errorsOf(contactSchema, { municipality: "Kotola", streetAddress: "Tie 1", postalCode: "99990", preferredContact: "letter" })).toEqual({
      phone: ["phoneOrEmail"],
    });
    expect(errorsOf(contactSchema, { municipality: "Kotola", phone: " ", email: "", streetAddress: "Tie 1", postalCode: "99990", preferredContact: "letter" })).toEqual({
      phone: ["phoneOrEmail"],
    });
  });

  it("the preferred contact method needs its details", () => {
    expect(errorsOf(contactSchema, { municipality: "Kotola", email: "a@b.fi", preferredContact: "phone" })).toEqual({ phone: ["phoneNeeded"] });
    expect(errorsOf(contactSchema, { municipality: "Kotola", phone: "0401234567", preferredContact: "email" })).toEqual({ email: ["emailNeeded"] });
    expect(errorsOf(contactSchema, { municipality: "Kotola", phone: "0401234567", preferredContact: "letter" })).toEqual({
      streetAddress: ["addressNeeded"],
    });
    expect(errorsOf(contactSchema, { ...validRaw.contact, phone: "phone me" })).toEqual({ phone: ["invalidPhone"] });
    expect(errorsOf(contactSchema, { ...validRaw.contact, email: "not an email" })).toEqual({ email: ["invalidEmail"] });
    expect(errorsOf(contactSchema, { ...validRaw.contact, postalCode: "9999" })).toEqual({ postalCode: ["invalidPostalCode"] });
  });

  it("tooLong: text over its maximum, counted after trimming", () => {
    expect(errorsOf(aboutSchema, { ...validRaw.about, firstNames: "a".repeat(SHORT_TEXT + 1) })).toEqual({ firstNames: ["tooLong"] });
    expect(parsed(aboutSchema, { ...validRaw.about, firstNames: ` ${"a".repeat(SHORT_TEXT)} ` }).firstNames).toHaveLength(SHORT_TEXT);
    expect(errorsOf(familySchema, { maritalStatus: "single", childcareNeeds: "x".repeat(LONG_TEXT + 1) })).toEqual({ childcareNeeds: ["tooLong"] });
    expect(parsed(familySchema, { maritalStatus: "single", childcareNeeds: "x".repeat(LONG_TEXT) }).childcareNeeds).toHaveLength(LONG_TEXT);
    expect(errorsOf(serviceNeedsSchema, { needs: ["housing"], details: "y".repeat(10_000) })).toEqual({ details: ["tooLong"] });
    expect(errorsOf(contactSchema, { ...validRaw.contact, email: `${"a".repeat(250)}@b.fi` })).toEqual({ email: ["tooLong"] });
    expect(errorsOf(contactSchema, { ...validRaw.contact, phone: "0".repeat(41) })).toEqual({ phone: ["tooLong"] });
    expect(errorsOf(aboutSchema, { ...validRaw.about, otherLanguages: "ü".repeat(201) })).toEqual({ otherLanguages: ["tooLong"] });
  });

  it.each([
    ["NUL", "Amina\u0000"],
    ["NUL alone", "\u0000"],
    ["bell", "a\u0007b"],
    ["escape sequence", "\u001b[31mred"],
    ["backspace", "ab\u0008c"],
    ["vertical tab", "a\u000Bb"],
    ["form feed", "a\u000Cb"],
    ["DEL", "a\u007Fb"],
  ])("invalidCharacters: %s", (_name, value) => {
    expect(errorsOf(aboutSchema, { ...validRaw.about, firstNames: value })).toEqual({ firstNames: ["invalidCharacters"] });
    expect(errorsOf(serviceNeedsSchema, { needs: [], details: value })).toMatchObject({ details: ["invalidCharacters"] });
  });

  it("tab and line breaks are allowed inside a long answer", () => {
    expect(parsed(serviceNeedsSchema, { details: "line one\r\nline two\n\tindented" }).details).toBe("line one\r\nline two\n\tindented");
  });

  it("issuesByField keys nested rows by their dotted path and form-level issues as form", () => {
    const errors = errorsOf(educationWorkSchema, {
      educations: [{ level: "phd" }],
      work: [{ jobTitle: "Cook", years: "seventy" }, { jobTitle: "Cook", years: "61" }],
      finnishLevel: "beginner",
      swedishLevel: "none",
    });
    expect(errors).toEqual({ "educations.0.level": ["chooseOne"], "work.0.years": ["invalidNumber"], "work.1.years": ["invalidNumber"] });
    expect(errorsOf(serviceNeedsSchema, { needs: [], details: "" })).toEqual({ needs: ["chooseOrDescribe"] });
    expect(errorsOf(serviceNeedsSchema, { needs: ["flying_lessons"] })).toEqual({ "needs.0": ["chooseFromList"] });
  });

  it("too many rows of a repeating group is tooMany", () => {
    const member = { fullName: "A", relation: "child", livesInFinland: "yes" };
    expect(errorsOf(familySchema, { maritalStatus: "single", members: Array.from({ length: 16 }, () => member) })).toEqual({ members: ["tooMany"] });
  });
});

// ---------------------------------------------------------------------------------------------
// Normalisation and what counts as "not given"

describe("normalisation", () => {
  it("upper-cases the identity code and trims it", () => {
    const code = formatPersonalIdentityCode({ dateOfBirth: "2003-01-01", individualNumber: 902 });
    expect(code).toBe("010103A902A");
    const result = parsed(aboutSchema, { ...validRaw.about, dateOfBirth: "2003-01-01", personalIdentityCode: `  ${code.toLowerCase()} ` });
    expect(result.personalIdentityCode).toBe("010103A902A");
  });

  it.each(["", undefined, null, false, CODE, "010590-9" /* half typed */, "garbage"])(
    "drops the identity code %j when hasIdentityCode is no",
    (code) => {
      const result = parsed(aboutSchema, { ...validRaw.about, hasIdentityCode: "no", personalIdentityCode: code });
      expect(result.personalIdentityCode).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain("010590");
    },
  );

  it("drops the interpreter language when no interpreter is needed", () => {
    expect(parsed(aboutSchema, { ...validRaw.about, interpreterNeeded: "no" }).interpreterLanguage).toBeUndefined();
    expect(parsed(aboutSchema, { ...validRaw.about, interpreterNeeded: "no", interpreterLanguage: "x".repeat(500) }).interpreterLanguage).toBeUndefined();
  });

  it("drops unknown fields", () => {
    const result = parsed(aboutSchema, { ...validRaw.about, isAdmin: "yes", status: "accepted" }) as Record<string, unknown>;
    expect(result).not.toHaveProperty("isAdmin");
    expect(result).not.toHaveProperty("status");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const family = parsed(familySchema, {
      ...validRaw.family,
      members: [{ ...validRaw.family.members[0], role: "admin" }],
    }) as { members: Record<string, unknown>[] };
    expect(family.members[0]).not.toHaveProperty("role");
    expect(parsed(contactSchema, { ...validRaw.contact, id: "x" })).not.toHaveProperty("id");
  });

  it("drops empty rows of repeating groups, wherever they are", () => {
    const empty = { fullName: "", relation: "", dateOfBirth: "", livesInFinland: "" };
    // react-hook-form sends null or false for radios nobody chose.
    const emptyFromForm = { fullName: "  ", relation: null, dateOfBirth: "", livesInFinland: false };
    const real = { fullName: "Lina", relation: "child", dateOfBirth: "2015-06-01", livesInFinland: "yes" };
    expect(parsed(familySchema, { maritalStatus: "single", members: [empty, real, emptyFromForm, {}] }).members).toEqual([real]);
    expect(
      parsed(educationWorkSchema, {
        educations: [{ level: "", field: "", country: "", endYear: "" }],
        work: [{ jobTitle: "", country: "", years: "" }, { jobTitle: "Cook", years: "" }],
        finnishLevel: "none",
        swedishLevel: "none",
      }),
    ).toEqual({ educations: [], work: [{ jobTitle: "Cook" }], finnishLevel: "none", swedishLevel: "none" });
    // A group that is not a list at all is no rows.
    expect(parsed(familySchema, { maritalStatus: "single", members: "Lina" }).members).toEqual([]);
  });

  it.each([null, false, ""])("%j from an unanswered optional radio, text or date means not given", (blank) => {
    const about = parsed(aboutSchema, { ...validRaw.about, gender: blank, otherCitizenship: blank, otherLanguages: blank });
    expect(about.gender).toBeUndefined();
    expect(about.otherCitizenship).toBeUndefined();
    expect(about.otherLanguages).toBeUndefined();
    const contact = parsed(contactSchema, { ...validRaw.contact, email: blank, streetAddress: blank, postalCode: blank, postOffice: blank });
    expect(contact).toEqual({ phone: "+358401234567", municipality: "Kotola", preferredContact: "text_message" });
    const residence = parsed(residenceSchema, { ...validRaw.residence, permitValidFrom: blank, permitValidUntil: blank, arrivalDate: blank });
    expect(residence).toEqual({ permitType: "international_protection", clientGroup: "settlement_services" });
    expect(parsed(serviceNeedsSchema, { needs: blank, details: "Help" })).toEqual({ needs: [], details: "Help" });
    expect(
      parsed(educationWorkSchema, { ...validRaw["education-work"], work: [{ jobTitle: "Cook", years: blank }], educations: [{ level: "none", endYear: blank }] }),
    ).toMatchObject({ work: [{ jobTitle: "Cook" }], educations: [{ level: "none" }] });
  });

  it.each([null, false, "", undefined])("%j for a required radio is chooseOne, not an answer", (blank) => {
    expect(errorsOf(aboutSchema, { ...validRaw.about, interpreterNeeded: blank })).toEqual({ interpreterNeeded: ["chooseOne"] });
    expect(errorsOf(residenceSchema, { ...validRaw.residence, clientGroup: blank })).toEqual({ clientGroup: ["chooseOne"] });
  });

  it("numbers from a form post or from react-hook-form mean the same", () => {
    const fromPost = parsed(educationWorkSchema, { ...validRaw["education-work"], work: [{ jobTitle: "Cook", years: " 3 " }] });
    const fromHookForm = parsed(educationWorkSchema, { ...validRaw["education-work"], work: [{ jobTitle: "Cook", years: 3 }] });
    expect(fromPost).toEqual(fromHookForm);
    expect(errorsOf(educationWorkSchema, { ...validRaw["education-work"], work: [{ jobTitle: "Cook", years: "2.5" }] })).toEqual({
      "work.0.years": ["invalidNumber"],
    });
    expect(errorsOf(educationWorkSchema, { ...validRaw["education-work"], educations: [{ level: "none", endYear: "1900" }] })).toEqual({
      "educations.0.endYear": ["implausibleDate"],
    });
  });
});

describe("consentSchemaFor", () => {
  const schema = consentSchemaFor({
    storageConsentRequired: true,
    authorityCodes: ["wellbeing_county", "education_services"],
    agencyCodes: ["ely", "te_office"],
  });

  it("accepts the choices, a lone checkbox as a string, and unticked boxes as none", () => {
    expect(parsed(schema, { storageConsent: "yes", obtainFrom: "wellbeing_county", discloseTo: ["te_office", "ely"] })).toEqual({
      storageConsent: "yes",
      obtainFrom: ["wellbeing_county"],
      discloseTo: ["te_office", "ely"],
    });
    expect(parsed(schema, { storageConsent: "yes", obtainFrom: false, discloseTo: null })).toEqual({ storageConsent: "yes", obtainFrom: [], discloseTo: [] });
    expect(parsed(schema, { storageConsent: "yes" })).toEqual({ storageConsent: "yes", obtainFrom: [], discloseTo: [] });
  });

  it.each([undefined, null, false, "", "no", "true"])("requires the storage box ticked, refusing %j", (value) => {
    expect(errorsOf(schema, { storageConsent: value })).toEqual({ storageConsent: ["consentRequired"] });
  });

  it("refuses a recipient or authority that is not offered", () => {
    expect(errorsOf(schema, { storageConsent: "yes", discloseTo: ["migri"] })).toEqual({ "discloseTo.0": ["chooseFromList"] });
    expect(errorsOf(schema, { storageConsent: "yes", obtainFrom: "police" })).toEqual({ "obtainFrom.0": ["chooseFromList"] });
  });

  it("without storage consent required, an unticked box is not given; with nothing offered, lists are empty", () => {
    const optional = consentSchemaFor({ storageConsentRequired: false, authorityCodes: [], agencyCodes: [] });
    expect(parsed(optional, { storageConsent: false, obtainFrom: "x", discloseTo: ["ely"] })).toEqual({ obtainFrom: [], discloseTo: [] });
    expect(parsed(optional, { storageConsent: "yes" }).storageConsent).toBe("yes");
  });
});

// ---------------------------------------------------------------------------------------------
// Phone numbers

describe("normalizePhone", () => {
  it.each([
    ["040 123 4567", "+358401234567"],
    ["040-123 4567", "+358401234567"],
    ["(09) 123 4567", "+35891234567"],
    ["0401234567", "+358401234567"],
    ["+358 40 123 4567", "+358401234567"],
    ["00358 40 123 4567", "+358401234567"],
    ["0046 70 123 45 67", "+46701234567"],
    ["+46 70-123 45 67", "+46701234567"],
    ["+7 (912) 345-67-89", "+79123456789"],
    ["+964 770 123 4567", "+9647701234567"],
  ])("%j → %j", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["040 ABC 4567", "phone me", "+358 40 123 456x", "", "+", "0", "123", "+0123456789", "000358401234567", "++358401234567", "040 123 4567 ext 2", "٠٤٠١٢٣٤٥٦٧"])(
    "refuses %j",
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it("is idempotent: a normalised number normalises to itself", () => {
    fc.assert(
      fc.property(phoneArbitrary, (input) => {
        const once = normalizePhone(input);
        expect(once).not.toBeNull();
        expect(normalizePhone(once!)).toBe(once);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: every accepted answer is a fixed point of its step's schema

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Pieces a person might type: any grapheme, right-to-left marks and overrides, emoji, scripts. */
const SPECIAL_PIECES = [
  "\u202E", // right-to-left override
  "\u202Dabc\u202C",
  "\u200F", // right-to-left mark
  "\u200E",
  "\u2067عربي\u2069",
  "مرحبا بكم",
  "محمد عبد الله",
  "שלום",
  "Юлія Ковальчук",
  "Ђорђе",
  "Ääkkönen-Öhman",
  "李小龙",
  "😀",
  "👩🏽‍🔬",
  "🇫🇮",
  "e\u0301",
  "<script>alert(1)</script>",
  "'); DROP TABLE clients;--",
  "O'Brien",
  '"quoted"',
  "\\",
  "${x}",
];

const piece = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 8 }),
  fc.constantFrom(...SPECIAL_PIECES),
);
const padding = fc.constantFrom("", "", " ", "  ", "\t", "\n", "\u00A0");

/** A text answer of at most `max` characters after trimming, perhaps with white space around it. */
function answerText(max: number) {
  return fc
    .tuple(padding, fc.array(piece, { minLength: 1, maxLength: 4 }), padding)
    .map(([before, pieces, after]) => `${before}${pieces.join(" ")}${after}`)
    .filter((value) => value.trim().length > 0 && value.trim().length <= max && !CONTROL.test(value));
}

const blank = fc.constantFrom<unknown>("", " ", undefined, null, false);
function optionalAnswer(max: number) {
  return fc.oneof(blank, answerText(max));
}

function dateBetween(min: string, max: Date) {
  return fc.date({ min: new Date(`${min}T00:00:00Z`), max, noInvalidDate: true }).map(isoDay);
}
const pastDate = (fromYear: number) => dateBetween(`${fromYear}-01-01`, new Date(Date.now() - 2 * DAY_MS));

const phoneArbitrary = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{5,11}$/)).map(([first, rest]) => `0${first}${rest}`),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,14}$/)).map(([first, rest]) => `+${first}${rest}`),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^\d{6,14}$/)).map(([first, rest]) => `00${first}${rest}`),
    ),
    fc.constantFrom("", " ", "-"),
    padding,
  )
  // Grouped as people write them: "040 123 4567", "+46-701-234-567".
  .map(([digits, separator, pad]) => `${pad}${separator ? digits.replace(/(\d{3})(?=\d)/g, `$1${separator}`) : digits}${pad}`);

const emailArbitrary = fc.stringMatching(/^[a-zA-Z0-9]{1,10}(\.[a-z0-9]{1,6})?@[a-z0-9]{1,10}\.[a-z]{2,6}$/);

const aboutArbitrary = fc
  .record({
    firstNames: answerText(SHORT_TEXT),
    lastName: answerText(SHORT_TEXT),
    dateOfBirth: pastDate(1900),
    hasIdentityCode: fc.boolean(),
    individualNumber: fc.integer({ min: 900, max: 999 }),
    signIndex: fc.nat(),
    lowerCase: fc.boolean(),
    codePadding: padding,
    codeWhenNo: fc.oneof(blank, fc.constantFrom("010590-9", "garbage", "131052-308T")),
    gender: fc.oneof(blank, fc.constantFrom(...genders)),
    citizenship: answerText(SHORT_TEXT),
    otherCitizenship: optionalAnswer(SHORT_TEXT),
    nativeLanguage: answerText(SHORT_TEXT),
    otherLanguages: optionalAnswer(200),
    interpreterNeeded: fc.boolean(),
    interpreterLanguage: answerText(SHORT_TEXT),
    interpreterLanguageWhenNo: optionalAnswer(SHORT_TEXT),
  })
  .map((a) => {
    const year = Number(a.dateOfBirth.slice(0, 4));
    const signs = Object.keys(CENTURY_SIGNS).filter((sign) => CENTURY_SIGNS[sign] === Math.floor(year / 100) * 100);
    const code = formatPersonalIdentityCode({
      dateOfBirth: a.dateOfBirth,
      individualNumber: a.individualNumber,
      centurySign: signs[a.signIndex % signs.length],
    });
    return {
      firstNames: a.firstNames,
      lastName: a.lastName,
      dateOfBirth: a.dateOfBirth,
      hasIdentityCode: a.hasIdentityCode ? "yes" : "no",
      personalIdentityCode: a.hasIdentityCode ? `${a.codePadding}${a.lowerCase ? code.toLowerCase() : code}${a.codePadding}` : a.codeWhenNo,
      gender: a.gender,
      citizenship: a.citizenship,
      otherCitizenship: a.otherCitizenship,
      nativeLanguage: a.nativeLanguage,
      otherLanguages: a.otherLanguages,
      interpreterNeeded: a.interpreterNeeded ? "yes" : "no",
      interpreterLanguage: a.interpreterNeeded ? a.interpreterLanguage : a.interpreterLanguageWhenNo,
    };
  });

const contactArbitrary = fc
  .record({
    phone: fc.option(phoneArbitrary, { nil: undefined }),
    email: fc.option(emailArbitrary.chain((email) => padding.map((pad) => `${pad}${email}${pad}`)), { nil: undefined }),
    address: fc.option(fc.tuple(answerText(200), fc.stringMatching(/^\d{5}$/)), { nil: undefined }),
    postOffice: optionalAnswer(SHORT_TEXT),
    municipality: answerText(SHORT_TEXT),
    preference: fc.nat(),
    blankPhone: blank,
    blankEmail: blank,
  })
  .filter((c) => c.phone !== undefined || c.email !== undefined)
  .map((c) => {
    const methods = contactMethods.filter(
      (method) =>
        ((method === "phone" || method === "text_message") && c.phone !== undefined) ||
        (method === "email" && c.email !== undefined) ||
        (method === "letter" && c.address !== undefined),
    );
    return {
      phone: c.phone ?? c.blankPhone,
      email: c.email ?? c.blankEmail,
      streetAddress: c.address?.[0] ?? "",
      postalCode: c.address?.[1] ?? "",
      postOffice: c.postOffice,
      municipality: c.municipality,
      preferredContact: methods[c.preference % methods.length],
    };
  });

const residenceArbitrary = fc
  .record({
    permitType: fc.constantFrom(...permitTypes),
    validity: fc.option(fc.tuple(dateBetween("1950-01-01", new Date("2099-12-31T00:00:00Z")), fc.integer({ min: 0, max: 4000 })), { nil: undefined }),
    onlyFrom: fc.option(dateBetween("1950-01-01", new Date("2099-12-31T00:00:00Z")), { nil: undefined }),
    arrivalDate: fc.oneof(blank, pastDate(1950)),
    clientGroup: fc.constantFrom(...intakeClientGroups),
  })
  .map((r) => {
    const until = r.validity ? isoDay(new Date(Date.parse(`${r.validity[0]}T00:00:00Z`) + r.validity[1] * DAY_MS)) : undefined;
    return {
      permitType: r.permitType,
      permitValidFrom: r.validity?.[0] ?? r.onlyFrom ?? "",
      permitValidUntil: until !== undefined && until <= "2100-12-31" ? until : "",
      arrivalDate: r.arrivalDate,
      clientGroup: r.clientGroup,
    };
  });

const emptyFamilyRow = fc.constantFrom<Record<string, unknown>>(
  { fullName: "", relation: "", dateOfBirth: "", livesInFinland: "" },
  { fullName: " ", relation: null, dateOfBirth: "", livesInFinland: false },
  {},
);
const familyMemberArbitrary = fc.record({
  fullName: answerText(SHORT_TEXT),
  relation: fc.constantFrom(...familyRelations),
  dateOfBirth: fc.oneof(blank, pastDate(1900)),
  livesInFinland: fc.constantFrom("yes", "no"),
});
const familyArbitrary = fc.record({
  maritalStatus: fc.constantFrom(...maritalStatuses),
  members: fc.array(fc.oneof(familyMemberArbitrary, emptyFamilyRow), { maxLength: 6 }),
  childcareNeeds: optionalAnswer(LONG_TEXT),
});

const yearValue = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).chain((value) => fc.constantFrom<unknown>(value, String(value), ` ${value} `));
const educationWorkArbitrary = fc.record({
  educations: fc.array(
    fc.oneof(
      fc.record({
        level: fc.constantFrom(...educationLevels),
        field: optionalAnswer(SHORT_TEXT),
        country: optionalAnswer(SHORT_TEXT),
        endYear: fc.oneof(blank, yearValue(1930, new Date().getUTCFullYear())),
      }),
      fc.constant({ level: "", field: "", country: "", endYear: "" }),
    ),
    { maxLength: 4 },
  ),
  work: fc.array(
    fc.oneof(
      fc.record({ jobTitle: answerText(SHORT_TEXT), country: optionalAnswer(SHORT_TEXT), years: fc.oneof(blank, yearValue(0, 60)) }),
      fc.constant({ jobTitle: "", country: "", years: "" }),
    ),
    { maxLength: 4 },
  ),
  finnishLevel: fc.constantFrom(...languageLevels),
  swedishLevel: fc.constantFrom(...languageLevels),
});

const serviceNeedsArbitrary = fc
  .record({
    needs: fc.subarray([...serviceNeeds]),
    lone: fc.boolean(),
    details: optionalAnswer(LONG_TEXT),
    detailsIfNone: answerText(LONG_TEXT),
  })
  .map((s) => ({
    // One ticked box arrives as a lone string from a plain form post.
    needs: s.needs.length === 1 && s.lone ? s.needs[0] : s.needs.length === 0 && s.lone ? false : s.needs,
    details: s.needs.length === 0 ? s.detailsIfNone : s.details,
  }));

const stepArbitraries: Record<IntakeStep, fc.Arbitrary<Record<string, unknown>>> = {
  about: aboutArbitrary,
  contact: contactArbitrary,
  residence: residenceArbitrary,
  family: familyArbitrary,
  "education-work": educationWorkArbitrary,
  "service-needs": serviceNeedsArbitrary,
};

describe("every accepted answer is a fixed point of its step's schema", () => {
  it.each(intakeSteps)("%s", (step) => {
    const schema: z.ZodType = stepSchemas[step];
    fc.assert(
      fc.property(stepArbitraries[step], (raw) => {
        const first = schema.safeParse(raw);
        if (!first.success) {
          throw new Error(`A valid-looking answer was refused: ${JSON.stringify(issuesByField(first.error))} for ${JSON.stringify(raw)}`);
        }
        const second = schema.safeParse(first.data);
        expect(second.success).toBe(true);
        expect(second.data).toEqual(first.data);
        // What the draft stores is JSON: read back and validated again, it is still the same answer.
        const stored = JSON.parse(JSON.stringify(first.data)) as unknown;
        const third = schema.safeParse(stored);
        expect(third.success).toBe(true);
        expect(JSON.stringify(third.data)).toBe(JSON.stringify(first.data));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps text exactly as typed apart from surrounding white space", () => {
    fc.assert(
      fc.property(answerText(SHORT_TEXT), (name) => {
        expect(parsed(aboutSchema, { ...validRaw.about, firstNames: name }).firstNames).toBe(name.trim());
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// FormData with dotted names

/** What a form without JavaScript posts: dotted names for rows, repeated names for checkboxes. */
function toFormData(object: Record<string, unknown>): FormData {
  const formData = new FormData();
  const walk = (prefix: string, value: unknown) => {
    if (typeof value === "string") formData.append(prefix, value);
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) for (const item of value) formData.append(prefix, item);
    else if (Array.isArray(value)) value.forEach((item, index) => walk(`${prefix}.${index}`, item));
    else for (const [key, item] of Object.entries(value as Record<string, unknown>)) walk(prefix ? `${prefix}.${key}` : key, item);
  };
  walk("", object);
  return formData;
}

const fieldName = fc
  .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,7}$/)
  .filter((name) => !["constructor", "prototype", "__proto__"].includes(name));
/** Any well-formed text: FormData holds USV strings. */
const fieldValue = fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom(...SPECIAL_PIECES, "", "a\r\nb", "\u0000"));

const { formObject } = fc.letrec<{ formObject: Record<string, unknown>; formValue: unknown }>((tie) => ({
  formObject: fc.dictionary(fieldName, tie("formValue"), { minKeys: 1, maxKeys: 3, noNullPrototype: true }),
  formValue: fc.oneof(
    { maxDepth: 3, depthIdentifier: "form" },
    fieldValue,
    // Checkboxes: two or more ticked come back as a list (one ticked is a lone string).
    fc.array(fieldValue, { minLength: 2, maxLength: 3 }),
    tie("formObject"),
    fc.array(tie("formObject"), { minLength: 1, maxLength: 3 }),
  ),
}));

describe("formDataToObject", () => {
  it("reconstructs nested objects and arrays from dotted names", () => {
    fc.assert(
      fc.property(
        formObject.filter((object) => [...toFormData(object).keys()].length <= MAX_FORM_FIELDS),
        (object) => {
          expect(formDataToObject(toFormData(object))).toEqual(object);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reconstructs a whole step as the form posts it", () => {
    const form = toFormData({
      maritalStatus: "married",
      members: [
        { fullName: "Yusuf", relation: "spouse", livesInFinland: "yes" },
        { fullName: "Lina", relation: "child", livesInFinland: "no" },
      ],
    });
    form.append("$ACTION_ID_abc", "x");
    form.append("$intent", "add:members");
    expect(formDataToObject(form)).toEqual({
      maritalStatus: "married",
      members: [
        { fullName: "Yusuf", relation: "spouse", livesInFinland: "yes" },
        { fullName: "Lina", relation: "child", livesInFinland: "no" },
      ],
    });
  });

  it("makes skipped row numbers dense and ignores files, Next's fields and prototype keys", () => {
    const form = new FormData();
    form.append("members.0.fullName", "A");
    form.append("members.3.fullName", "B");
    form.append("photo", new Blob(["x"]), "photo.png");
    form.append("__proto__.polluted", "yes");
    form.append("a.constructor.prototype.polluted", "yes");
    form.append("a..b", "x");
    form.append("$ACTION_REF_1", "x");
    expect(formDataToObject(form)).toEqual({ members: [{ fullName: "A" }, { fullName: "B" }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a form with more fields than any person fills in", () => {
    const form = new FormData();
    for (let i = 0; i <= MAX_FORM_FIELDS; i++) form.append(`f${i}`, "x");
    expect(() => formDataToObject(form)).toThrow(FormTooLargeError);
  });

  it("lets each step's valid answers through a form post unchanged", () => {
    for (const step of intakeSteps) {
      const viaForm = formDataToObject(toFormData(validRaw[step]));
      expect(stepSchemas[step].parse(viaForm), step).toEqual(stepSchemas[step].parse(validRaw[step]));
    }
  });
});
