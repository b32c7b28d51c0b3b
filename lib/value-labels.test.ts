import { describe, expect, it } from "vitest";
import { codeLabel, countryName, languageName, readableValue, type ValueLabels } from "./value-labels";

const labels: ValueLabels = {
  "educations.level": { secondary: "Lukio tai vastaava" },
  "skills.level": { native: "äidinkieli", beginner: "vähän" },
};

describe("a stored value reads as its label, a language or country code as its name, typed text as typed", () => {
  it("names languages the system stores by code in the reader's language, and leaves a typed name alone", () => {
    expect(languageName("fi", "fi")).toBe("suomi");
    expect(languageName("sv", "en")).toBe("Swedish");
    expect(languageName("fa-AF", "fi")).toBe("dari");
    expect(languageName("somali", "fi")).toBe("somali");
    expect(languageName("qq", "fi")).toBe("qq");
  });

  it("names countries stored by ISO 3166 code, and leaves a typed country alone", () => {
    expect(countryName("SY", "fi")).toBe("Syyria");
    expect(countryName("Somalia", "sv")).toBe("Somalia");
  });

  it("shows a code's label, and a value without a label as stored (a level staff typed)", () => {
    expect(codeLabel(labels["skills.level"], "native")).toBe("äidinkieli");
    expect(codeLabel(labels["skills.level"], "B1.1")).toBe("B1.1");
    expect(codeLabel(labels["skills.level"], "toString")).toBe("toString");
  });

  it("reads a column: labels for coded columns, names for language and country columns, element by element", () => {
    expect(readableValue("educations", "level", "secondary", { labels, locale: "fi" })).toBe("Lukio tai vastaava");
    expect(readableValue("skills", "name", "fi", { labels, locale: "sv", row: { kind: "language" } })).toBe("finska");
    // A skill that is not a language is never read as a language code.
    expect(readableValue("skills", "name", "it", { labels, locale: "fi", row: { kind: "skill" } })).toBe("it");
    expect(readableValue("clients", "citizenships", ["SO", "Kenia"], { labels, locale: "en" })).toEqual(["Somalia", "Kenia"]);
    expect(readableValue("clients", "first_names", "FI", { labels, locale: "en" })).toBe("FI");
    expect(readableValue("educations", "end_year", 2008, { labels, locale: "en" })).toBe(2008);
  });
});
