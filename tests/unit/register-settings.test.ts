import { describe, expect, it } from "vitest";
import { clientGroup, disclosureMethod } from "@/db/schema";
import { demoSettings, demoStatutorySettings } from "@/demo/settings";
import { clientGroups, deliveryMethods } from "@/lib/domain-values";
import {
  localised,
  parseRegisterSettings,
  registerSettingsSchema,
  statutoryDisclosuresFor,
  statutorilyDisclosedCategories,
} from "@/lib/register-settings";

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe("register settings schema", () => {
  it("mirrors the database enums", () => {
    expect([...clientGroups]).toEqual(clientGroup.enumValues);
    expect([...deliveryMethods]).toEqual(disclosureMethod.enumValues);
  });

  it("accepts the consent-basis demo settings", () => {
    const settings = parseRegisterSettings(demoSettings);
    expect(settings.legalBasis.kind).toBe("consent");
    expect(settings.statutoryDisclosures).toEqual([]);
    expect(settings.transfersOutsideEea).toBe("written_consent");
    expect(settings.ombudsman.addressLines).toEqual(["PL 800", "00531 Helsinki"]);
  });

  it("accepts the legal-obligation demo settings", () => {
    const settings = parseRegisterSettings(demoStatutorySettings);
    expect(settings.legalBasis.kind).toBe("legal_obligation");
    expect(settings.legalBasis.provisions.length).toBeGreaterThan(0);
    expect(settings.transfersOutsideEea).toBe("forbidden");
    expect(settings.retention.permanentDocuments).toEqual(["initialAssessment", "integrationPlan"]);
    expect(new Set(settings.statutoryDisclosures.map((entry) => entry.agencyCode))).toEqual(
      new Set(["ely", "migri", "te_office", "iom", "education_services", "wellbeing_county"]),
    );
    const education = statutoryDisclosuresFor(settings, "education_services");
    expect(education).toHaveLength(1);
    expect(education[0]?.condition).toBe("minors_only");
    expect(education[0]?.categories).toEqual(["identity", "contact", "family", "education"]);
    expect(statutorilyDisclosedCategories(settings)).not.toContain("functionalCapacity");
  });

  it("has one agency outside the EU/EEA for the transfer rules", () => {
    const outside = parseRegisterSettings(demoSettings).agencies.filter((agency) => !agency.insideEea);
    expect(outside).toHaveLength(1);
  });

  it("names no real person: contacts are role addresses on .example domains", () => {
    const text = JSON.stringify([demoSettings, demoStatutorySettings]);
    for (const address of text.match(/[\w.+-]+@[\w.-]+/g) ?? []) {
      expect(address).toMatch(/@[\w.-]+\.example$/);
    }
    expect(text).not.toMatch(/joroi|utaj|vihavainen|kuronen|huuhtanen|vitikka/i);
  });

  it("fills in safe defaults", () => {
    const { transfersOutsideEea: _t, retention: _r, statutoryDisclosures: _s, ...minimal } = clone(demoSettings);
    const settings = parseRegisterSettings(minimal);
    expect(settings.transfersOutsideEea).toBe("forbidden");
    expect(settings.retention.intakeSubmissionDays).toBe(30);
    expect(settings.retention.permanentDocuments).toEqual([]);
    expect(settings.statutoryDisclosures).toEqual([]);
  });

  it("refuses unknown keys", () => {
    expect(registerSettingsSchema.safeParse({ ...clone(demoSettings), extra: true }).success).toBe(false);
    const settings = clone(demoSettings);
    expect(
      registerSettingsSchema.safeParse({ ...settings, contact: { ...settings.contact, personName: "X" } }).success,
    ).toBe(false);
  });

  it("refuses a legal obligation without provisions", () => {
    const result = registerSettingsSchema.safeParse({ ...clone(demoStatutorySettings), legalBasis: { kind: "legal_obligation", provisions: [] } });
    expect(result.success).toBe(false);
  });

  it("refuses a statutory disclosure to an unknown agency, outside the EEA, or of functional capacity", () => {
    const base = clone(demoStatutorySettings);
    const entry = { agencyCode: "ely", provision: { fi: "Laki" }, categories: ["identity" as const] };
    const ok = registerSettingsSchema.safeParse({ ...base, statutoryDisclosures: [entry] });
    expect(ok.success).toBe(true);
    for (const bad of [
      { ...entry, agencyCode: "nobody" },
      { ...entry, agencyCode: "farland_resettlement" },
      { ...entry, categories: ["identity", "functionalCapacity"] },
      { ...entry, categories: [] },
      { ...entry, categories: ["identity", "identity"] },
      { ...entry, categories: ["health"] },
      { ...entry, condition: "purpose_limited" },
    ]) {
      expect(registerSettingsSchema.safeParse({ ...base, statutoryDisclosures: [bad] }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("refuses duplicate agency codes and malformed contacts", () => {
    const base = clone(demoSettings);
    const agencies = [...base.agencies, { ...base.agencies[0]! }];
    expect(registerSettingsSchema.safeParse({ ...base, agencies }).success).toBe(false);
    expect(registerSettingsSchema.safeParse({ ...base, contact: { ...base.contact, email: "not an address" } }).success).toBe(false);
    expect(registerSettingsSchema.safeParse({ ...base, register: { ...base.register, name: { sv: "Utan finska" } } }).success).toBe(false);
    expect(registerSettingsSchema.safeParse({ ...base, clientGroups: [] }).success).toBe(false);
  });
});

describe("localised", () => {
  const text = { fi: "Hei", en: "Hello", ar: "مرحبا" };

  it("picks the locale", () => {
    expect(localised(text, "ar")).toBe("مرحبا");
    expect(localised(text, "en")).toBe("Hello");
  });

  it("falls back to Finnish, then English", () => {
    expect(localised(text, "uk")).toBe("Hei");
    expect(localised({ en: "Hello", sv: "Hej" }, "ru")).toBe("Hello");
    expect(localised({ sv: "Hej" }, "ru")).toBe("Hej");
    expect(localised(text, "uk", ["en", "fi"])).toBe("Hello");
  });

  it("gives an empty string for nothing", () => {
    expect(localised(undefined, "fi")).toBe("");
    expect(localised({}, "fi")).toBe("");
  });
});
