import { describe, expect, it } from "vitest";
import { educationLevels, languageLevels } from "@/lib/domain-values";
import { answerRows, languageRows, workRows } from "./answer-rows";
import type { StoredIntakeAnswers } from "./stored-answers";

/** Amina's answers as a submission stores them: codes where she chose, her own words where she typed. */
function answers(overrides: Partial<StoredIntakeAnswers> = {}): StoredIntakeAnswers {
  return {
    about: { firstNames: "Amina", lastName: "Hassan", dateOfBirth: "1990-04-12", nativeLanguage: "somali", otherLanguages: "englanti, arabia" },
    contact: {},
    residence: { permitType: "international_protection", permitValidUntil: "2028-01-01" },
    family: { members: [{ fullName: "Ali Hassan", relation: "child", dateOfBirth: "2015-01-01", livesInFinland: "no" }] },
    "education-work": {
      educations: [{ level: "secondary", field: "Kauppa", country: "Somalia", endYear: 2008 }],
      work: [{ jobTitle: "Räätäli", country: "Kenia", years: 5 }, { jobTitle: "Myyjä" }],
      finnishLevel: "beginner",
      swedishLevel: "none",
    },
    "service-needs": { needs: ["language_course"] },
    ...overrides,
  };
}

describe("the rows a submission becomes hold codes and the person's own words, never labels", () => {
  it("stores the education level as its code, and the field and country as typed", () => {
    expect(answerRows(answers()).education).toEqual([{ level: "secondary", field: "Kauppa", country: "Somalia", endYear: 2008 }]);
  });

  it("keeps the years of experience in their own field, not in a sentence", () => {
    expect(workRows(answers())).toEqual([
      { jobTitle: "Räätäli", country: "Kenia", years: 5 },
      { jobTitle: "Myyjä", country: null, years: null },
    ]);
  });

  it("names Finnish and Swedish by their ISO 639-1 codes at the level's code; the native language stays as typed, marked native", () => {
    expect(languageRows(answers())).toEqual([
      { name: "somali", level: "native" },
      { name: "englanti, arabia", level: null },
      { name: "fi", level: "beginner" },
    ]);
    const swedishToo = answers({ "education-work": { educations: [], work: [], finnishLevel: "none", swedishLevel: "advanced" } });
    expect(languageRows(swedishToo).slice(2)).toEqual([
      { name: "fi", level: "none" },
      { name: "sv", level: "advanced" },
    ]);
  });

  it.each(educationLevels)("education level %s is stored as itself", (level) => {
    const rows = answerRows(answers({ "education-work": { educations: [{ level }], work: [] } }));
    expect(rows.education[0]!.level).toBe(level);
  });

  it.each(languageLevels)("Finnish at level %s is stored as that code", (level) => {
    const rows = languageRows(answers({ "education-work": { educations: [], work: [], finnishLevel: level } }));
    expect(rows.find((row) => row.name === "fi")?.level).toBe(level);
  });
});
