import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DisclosureDocumentView, type DisclosureDocumentLabels } from "@/components/staff/disclosure-document-view";
import type { DisclosureDocument } from "@/lib/disclosure-document";
import { acceptedNote } from "@/lib/intake/decision-note";
import { mergeFields } from "@/lib/intake/merge-policy";

/**
 * The printable disclosure document shows stored codes as labels in the staff member's language
 * (docs/decisions/0006), while the JSON file it renders keeps the codes.
 */

const note = acceptedNote(
  {
    about: { firstNames: "Amina", lastName: "Hassan", dateOfBirth: "1990-04-12" },
    contact: {},
    residence: {},
    family: { members: [] },
    "education-work": { educations: [], work: [] },
    "service-needs": { needs: ["housing"], details: "Apua pankkiasioissa" },
  },
  { reference: "ABCDEFGHJKL", decidedOn: "2029-06-01" },
);

const document: DisclosureDocument = {
  disclosureId: "00000000-0000-4000-8000-000000000009",
  disclosedAt: "2029-06-02T10:00:00.000Z",
  controller: "Kotolan kunta",
  register: "Asiakasrekisteri",
  recipient: { code: "te_office", name: "TE-toimisto", businessId: null, insideEea: true },
  disclosedBy: "Ohjaaja",
  purpose: "Työnhaku",
  method: "secure_email",
  requestReference: null,
  categories: ["residence", "skills", "education", "notes"],
  basis: [],
  data: {
    residence: { residence_permits: [{ permit_type: "temporary_protection", valid_until: "2026-03-04" }], clients: [{ citizenships: ["UA", "Somalia"] }] },
    skills: { skills: [{ kind: "language", name: "fi", level: "beginner" }, { kind: "skill", name: "it", level: "B1.1" }] },
    education: { educations: [{ level: "secondary", field: "Kauppa", country: "SO" }] },
    notes: { case_notes: [{ body: "", intake_decision: note }] },
  },
};

const labels: DisclosureDocumentLabels = {
  title: "Disclosure document",
  preview: "Preview",
  disclosureId: "Disclosure id",
  disclosedAt: "Disclosed at",
  controller: "Controller",
  recipient: "Recipient",
  businessId: "Business id",
  disclosedBy: "Disclosed by",
  purpose: "Purpose",
  method: "Method",
  requestReference: "Request reference",
  basis: "Basis",
  consentBasis: "Consent",
  noRows: "No rows",
  categories: {},
  methods: {},
  tables: {},
  fields: {},
  locale: "en",
  values: {
    "residence_permits.permit_type": { temporary_protection: "Temporary protection" },
    "skills.kind": { language: "Language", skill: "Skill" },
    "skills.level": { beginner: "a little" },
    "educations.level": { secondary: "Secondary school" },
  },
  intakeNote: {
    locale: "en",
    lines: {
      accepted: "Electronic intake form {reference} accepted on {date}.",
      merged: "merged {reference} {date}",
      nameOnForm: "name {name}",
      updated: "updated {fields}",
      previous: "previous {values}",
      filled: "filled {fields}",
      serviceNeeds: "Service needs: {needs}.",
      details: "Further details: {text}",
      childcareNeeds: "Children: {text}",
    },
    fields: Object.fromEntries(mergeFields.map((field) => [field, field])) as DisclosureDocumentLabels["intakeNote"]["fields"],
    serviceNeeds: { housing: "Housing" },
    options: { gender: {}, maritalStatus: {}, contactMethod: {} },
    yes: "yes",
    no: "no",
  },
};

describe("the printable disclosure document reads codes as labels", () => {
  const html = renderToStaticMarkup(createElement(DisclosureDocumentView, { document, labels }));

  it("shows the label of each coded value and names language and country codes", () => {
    for (const shown of ["Temporary protection", "Secondary school", "Language", "Finnish", "a little", "Somalia", "Ukraine"]) expect(html).toContain(shown);
    for (const code of ["temporary_protection", "secondary", "beginner", ">fi<", ">SO<", ">UA"]) expect(html).not.toContain(code);
  });

  it("keeps what was typed as typed: a skill named like a language code, a level staff wrote, a country written out", () => {
    expect(html).toContain(">it<");
    expect(html).toContain("B1.1");
    expect(html).toContain("Kauppa");
  });

  it("renders an intake decision's note from its facts", () => {
    expect(html).toContain("Electronic intake form ABCDEFGHJKL accepted on Jun 1, 2029.");
    expect(html).toContain("Service needs: Housing.");
    expect(html).toContain("Further details: Apua pankkiasioissa");
  });
});
