import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import fi from "@/messages/fi.json";
import en from "@/messages/en.json";
import { demoSettings, demoStatutorySettings } from "@/demo/settings";
import { dataCategories } from "@/lib/data-categories";
import { textOf } from "@/lib/pdf/document-model";
import { parseRegisterSettings, type RegisterSettingsInput } from "@/lib/register-settings";
import type { Translate } from "@/lib/rights/access-report-document";
import { processingRecordDocument } from "@/lib/rights/processing-record";
import { buildRefusalCertificate } from "@/lib/rights/refusal-certificate";

/**
 * Issue 11, deliverables 3 and 8 as rules: the record of processing activities (GDPR Art 30(1)) says
 * what the settings say, item by item, for both source municipalities; the refusal certificate
 * takes its grounds and the Ombudsman from the settings and refuses a ground they do not hold.
 */

function translator(locale: "fi" | "en"): Translate {
  const t = createTranslator({ locale, messages: locale === "fi" ? fi : en, timeZone: "Europe/Helsinki" });
  return (key, values) => t(key as never, values as never);
}

describe.each([
  ["consent basis (seed 000)", demoSettings],
  ["legal-obligation basis (seed 004)", demoStatutorySettings],
] as [string, RegisterSettingsInput][])("the record of processing activities, %s", (_name, input) => {
  const settings = parseRegisterSettings(input);
  const text = textOf(processingRecordDocument(settings, { t: translator("fi"), locale: "fi", generatedAt: new Date("2026-02-01T10:00:00Z") })).join("\n");

  it("names the controller, the contact and the data protection officer (a)", () => {
    expect(text).toContain(settings.controller.name.fi);
    expect(text).toContain(settings.contact.email);
    expect(text).toContain(settings.dpo.email);
  });
  it("states the purposes and the legal basis (b)", () => {
    expect(text).toContain(settings.register.purpose.fi);
    for (const provision of settings.legalBasis.provisions) expect(text).toContain(provision.fi);
  });
  it("lists the categories of data subjects and of data (c)", () => {
    for (const category of dataCategories) expect(text).toContain(translator("fi")(`categories.${category}.name`));
  });
  it("lists every agency as a recipient, statutory ones with their provision (d)", () => {
    for (const agency of settings.agencies) expect(text).toContain(agency.name);
    for (const entry of settings.statutoryDisclosures) expect(text).toContain(entry.provision.fi);
  });
  it("states the transfers, the time limits and the security measures (e–g)", () => {
    expect(text).toContain(translator("fi")("rightsDocuments.processingRecord.transfers"));
    expect(text).toContain(`${settings.retention.caseMonthsAfterPurposeEnded} kuukautta`);
    expect(text).toContain(settings.securityPrinciples.fi);
  });
});

describe("the refusal certificate's content", () => {
  const settings = parseRegisterSettings(demoStatutorySettings);
  const base = {
    locale: "en" as const,
    generatedAt: new Date("2026-02-01T10:00:00Z"),
    settings,
    requestId: "00000000-0000-4000-8000-000000000001",
    request: { kind: "erasure" as const, receivedOn: "2026-01-20" },
    subject: null,
    scope: "partial" as const,
    refusedWhat: "Erasing the integration plan",
    justification: "The plan is kept permanently.",
  };

  it("takes the grounds' provisions and texts, and the Ombudsman, from the settings in the person's language", () => {
    const certificate = buildRefusalCertificate({ ...base, groundCodes: ["statutory_duty"] });
    const ground = settings.refusalGrounds.find((candidate) => candidate.code === "statutory_duty")!;
    expect(certificate.grounds).toEqual([{ code: "statutory_duty", provision: ground.provision.en, text: ground.text.en, statutoryDuty: true }]);
    expect(certificate.ombudsman).toEqual({ name: "Office of the Data Protection Ombudsman", addressLines: ["PL 800", "00531 Helsinki"], url: "https://tietosuoja.fi" });
  });

  it("refuses a ground the settings do not hold", () => {
    expect(() => buildRefusalCertificate({ ...base, groundCodes: ["made_up"] })).toThrowError(expect.objectContaining({ code: "unknown_ground" }));
  });

  it("a legal-obligation register must hold the statutory duty among its grounds", () => {
    const withoutDuty = { ...demoStatutorySettings, refusalGrounds: settings.refusalGrounds.filter((ground) => !ground.statutoryDuty) };
    expect(() => parseRegisterSettings(withoutDuty)).toThrow(/statutory duty/);
    expect(() => parseRegisterSettings({ ...demoSettings, refusalGrounds: withoutDuty.refusalGrounds })).not.toThrow();
  });
});
