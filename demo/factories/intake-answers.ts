import type { IntakeStep } from "@/lib/intake/steps";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";

/**
 * A newcomer's intake answers as the form posts them (every value a string, a list for repeated
 * names), shared by the integration tests and the end-to-end tests that make submissions. Each
 * step parses with its schema (lib/intake/steps.ts stepSchemas); lib/intake/form-spec.test.ts
 * keeps the steps' fields and schemas in step, so these names are the form's names.
 */
export type RawIntakeAnswers = Record<IntakeStep, Record<string, unknown>>;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface IntakeAnswersOptions {
  /** Add the empty family row a person leaves when they open one row too many (the schema drops it). */
  emptyRows?: boolean;
}

/**
 * A person's answers; `i` makes each person different (first names, date of birth, identity code in
 * the temporary range 900–999, email). Override what a test needs on the returned object.
 */
export function rawIntakeAnswers(i = 0, { emptyRows = false }: IntakeAnswersOptions = {}): RawIntakeAnswers {
  const dateOfBirth = new Date(Date.UTC(1970, 0, 1) + i * 37 * DAY_MS).toISOString().slice(0, 10);
  const members: Record<string, string>[] = [{ fullName: "Yusuf Hassan", relation: "spouse", dateOfBirth: "1988-03-02", livesInFinland: "yes" }];
  if (emptyRows) members.push({ fullName: "", relation: "", dateOfBirth: "", livesInFinland: "" });
  return {
    about: {
      firstNames: `Amina ${i}`,
      lastName: "Hassan",
      dateOfBirth,
      hasIdentityCode: "yes",
      personalIdentityCode: formatPersonalIdentityCode({ dateOfBirth, individualNumber: 900 + (i % 100) }),
      gender: "female",
      citizenship: "Somalia",
      otherCitizenship: "",
      nativeLanguage: "somali",
      otherLanguages: "englanti",
      interpreterNeeded: "yes",
      interpreterLanguage: "somali",
    },
    contact: {
      phone: "040 123 4567",
      email: `amina.${i}@example.org`,
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
      members,
      childcareNeeds: "Päivähoitopaikka nuorimmalle",
    },
    "education-work": {
      educations: [{ level: "secondary", field: "Kauppa", country: "Somalia", endYear: "2008" }],
      work: [{ jobTitle: "Räätäli", country: "Kenia", years: "5" }],
      finnishLevel: "beginner",
      swedishLevel: "none",
    },
    "service-needs": { needs: ["language_course", "job_search"], details: "Apua pankkiasioissa" },
  };
}

/**
 * The least a person must answer, as the steps store it (parsed), for a submission written straight
 * into the database: the end-to-end factories' claiming submission and drafts with every step done.
 */
export function minimalStoredAnswers(about: { firstNames: string; lastName: string; dateOfBirth: string; hasIdentityCode: boolean }): RawIntakeAnswers {
  return {
    about: {
      firstNames: about.firstNames,
      lastName: about.lastName,
      dateOfBirth: about.dateOfBirth,
      hasIdentityCode: about.hasIdentityCode ? "yes" : "no",
      citizenship: "Somalia",
      nativeLanguage: "Somali",
      interpreterNeeded: "no",
    },
    contact: { phone: "+358401234567", municipality: "Kotola", preferredContact: "phone" },
    residence: { permitType: "international_protection", clientGroup: "settlement_services" },
    family: { maritalStatus: "single", members: [] },
    "education-work": { educations: [], work: [], finnishLevel: "none", swedishLevel: "none" },
    "service-needs": { needs: ["language_course"] },
  };
}
