import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  confirmed,
  decideMerge,
  fieldProposals,
  identityChecks,
  memberOfProposals,
  nameMatches,
  needsIdentityCheck,
  proposeMerge,
  rowProposals,
  submitterConfirmations,
  type MergeClient,
  type MergeProposal,
  type MergeSubmission,
  type RowSets,
} from "./merge-policy";
import type { StoredIntakeAnswers } from "./stored-answers";

/** The register's client: Amina Hassan, phone and email recorded, no identity code. */
const client: MergeClient = {
  firstNames: "Amina",
  lastName: "Hassan",
  dateOfBirth: "1990-04-12",
  gender: null,
  phone: "+358401111111",
  email: "amina@example.org",
  streetAddress: "Kotikatu 1",
  postalCode: "00100",
  postOffice: "Kotola",
  homeMunicipality: "Kotola",
  preferredContactMethod: "phone",
  preferredLanguage: "so",
  interpreterNeeded: false,
  interpreterLanguage: null,
  arrivalDate: null,
  maritalStatus: null,
  citizenships: ["Somalia"],
  hasIdentityCode: false,
};

function answers(overrides: Partial<StoredIntakeAnswers> = {}): StoredIntakeAnswers {
  return {
    about: { firstNames: "Amina", lastName: "Hassan", dateOfBirth: "1990-04-12", gender: "female", citizenship: "Somalia", otherCitizenship: "Kenia" },
    contact: { phone: "+358402222222", email: "amina@example.org" },
    residence: { arrivalDate: "2025-03-01" },
    family: { maritalStatus: "married", members: [{ fullName: "Ali Hassan", relation: "child", dateOfBirth: "2015-01-01" }] },
    "education-work": { educations: [], work: [] },
    "service-needs": { needs: [] },
    ...overrides,
  };
}

const submission = (overrides: Partial<MergeSubmission> = {}): MergeSubmission => ({ answers: answers(), locale: "so", hasIdentityCode: true, ...overrides });
const noRows: RowSets = { permit: [], family: [], education: [], work: [], language: [] };

describe("what a merge offers", () => {
  it("offers a different phone as an update over the recorded one, and leaves an identical email alone", () => {
    const proposals = fieldProposals(client, submission());
    expect(proposals.find((p) => p.field === "phone")).toEqual({
      key: "field:phone",
      field: "phone",
      kind: "update",
      current: "+358401111111",
      proposed: "+358402222222",
    });
    expect(proposals.some((p) => p.field === "email")).toBe(false);
    expect(proposals.some((p) => p.field === "preferredLanguage")).toBe(false);
  });

  it("offers identity, residence and family details only where the client has none", () => {
    const fields = fieldProposals(client, submission()).map((p) => [p.field, p.kind]);
    expect(fields).toEqual(expect.arrayContaining([["gender", "fill"], ["arrivalDate", "fill"], ["maritalStatus", "fill"]]));
    const withBirthDate = fieldProposals({ ...client, dateOfBirth: "1991-01-01", gender: "female" }, submission());
    expect(withBirthDate.some((p) => p.field === "dateOfBirth" || p.field === "gender")).toBe(false);
  });

  it("offers the identity code only to a client without one, and never carries its value", () => {
    const offered = fieldProposals(client, submission()).find((p) => p.field === "personalIdentityCode");
    expect(offered).toEqual({ key: "field:personalIdentityCode", field: "personalIdentityCode", kind: "fill", current: null, proposed: null });
    expect(fieldProposals({ ...client, hasIdentityCode: true }, submission()).some((p) => p.field === "personalIdentityCode")).toBe(false);
    expect(fieldProposals(client, submission({ hasIdentityCode: false })).some((p) => p.field === "personalIdentityCode")).toBe(false);
  });

  it("offers the citizenships the form adds as the union, ignoring case and accents", () => {
    const offered = fieldProposals({ ...client, citizenships: ["somalia"] }, submission()).find((p) => p.field === "citizenships");
    expect(offered).toMatchObject({ kind: "update", current: ["somalia"], proposed: ["somalia", "Kenia"] });
  });

  it("flags a name that is not the client's, but not one that differs only in case, accents or spacing", () => {
    expect(nameMatches(client, { firstNames: "AMINA ", lastName: "Hassán" })).toBe(true);
    expect(nameMatches(client, { firstNames: "Mohamed", lastName: "Hassan" })).toBe(false);
  });

  it("offers only rows the client does not have yet; a language at a new level is new", () => {
    const submitted: RowSets = {
      permit: [{ permitType: "family_ties", validFrom: "2025-01-01", validUntil: "2026-01-01" }],
      family: [
        { fullName: "Ali Hassan", relation: "child", dateOfBirth: "2015-01-01" },
        { fullName: "Sara Hassan", relation: "child", dateOfBirth: null },
      ],
      education: [{ level: "secondary", field: null, country: "Somalia", endYear: 2008 }],
      work: [{ jobTitle: "Nurse", country: "Kenya" }],
      language: [{ name: "fi", level: "beginner" }],
    };
    const existing: RowSets = {
      permit: [{ permitType: "family_ties", validFrom: "2025-01-01", validUntil: "2026-01-01" }],
      family: [{ fullName: "ali  HASSAN", relation: "child", dateOfBirth: null }],
      education: [],
      work: [{ jobTitle: "nurse", country: "kenya" }],
      language: [{ name: "fi", level: "none" }],
    };
    expect(rowProposals(submitted, existing).map((p) => p.key)).toEqual(["row:family:1", "row:education:0", "row:language:0"]);
  });
});

describe("what a merge applies", () => {
  const proposal = (): MergeProposal =>
    proposeMerge({
      client,
      submission: submission(),
      submittedRows: { ...noRows, family: [{ fullName: "Ali Hassan", relation: "child", dateOfBirth: "2015-01-01" }] },
      existingRows: noRows,
      familyCandidates: new Map([[0, "33333333-3333-4333-8333-333333333333"]]),
    });

  it("applies nothing that staff did not confirm, and attaches no consent unless the submitter is confirmed", () => {
    expect(decideMerge(proposal(), { apply: [], identityCheck: "identity_document", submitter: "not_confirmed" })).toEqual({
      fields: [],
      rows: [],
      familyLinks: [],
      attachConsents: false,
    });
  });

  it("applies exactly the confirmed proposals; a key not on offer is ignored", () => {
    const decision = decideMerge(proposal(), {
      apply: ["field:phone", "row:family:0", "link:0", "field:email", "field:firstNames", "row:family:7"],
      identityCheck: "identity_document",
      submitter: "client",
    });
    expect(decision.fields.map((p) => p.field)).toEqual(["phone"]);
    expect(decision.rows.map((p) => p.key)).toEqual(["row:family:0"]);
    expect(decision.familyLinks).toEqual([{ key: "link:0", memberIndex: 0, relatedClientId: "33333333-3333-4333-8333-333333333333" }]);
    expect(decision.attachConsents).toBe(true);
  });

  it("does not link a family member whose row staff declined", () => {
    const decision = decideMerge(proposal(), { apply: ["link:0"], identityCheck: "known_in_person", submitter: "not_confirmed" });
    expect(decision.familyLinks).toEqual([]);
  });

  it("links a family member whose row the client already has", () => {
    const p = proposeMerge({
      client,
      submission: submission(),
      submittedRows: { ...noRows, family: [{ fullName: "Ali Hassan", relation: "child", dateOfBirth: "2015-01-01" }] },
      existingRows: { ...noRows, family: [{ fullName: "Ali Hassan", relation: "child", dateOfBirth: "2015-01-01" }] },
      familyCandidates: new Map([[0, "33333333-3333-4333-8333-333333333333"]]),
    });
    expect(p.rows).toEqual([]);
    expect(decideMerge(p, { apply: ["link:0"], identityCheck: "known_in_person", submitter: "not_confirmed" }).familyLinks).toHaveLength(1);
  });

  it.each([
    ["client", true],
    ["guardian", true],
    ["not_confirmed", false],
  ] as const)("consents attach when the submitter is confirmed as %s: %s", (submitter, attaches) => {
    expect(decideMerge(proposal(), { apply: [], identityCheck: "strong_electronic_identification", submitter }).attachConsents).toBe(attaches);
  });

  it("without an identity check nothing is applied and no consent attaches, whatever was ticked", () => {
    const all = proposal();
    const keys = [...all.fields, ...all.rows, ...all.familyLinks].map((p) => p.key);
    expect(decideMerge(all, { apply: keys, identityCheck: "none", submitter: "client" })).toEqual({ fields: [], rows: [], familyLinks: [], attachConsents: false });
  });

  it("asks for an identity check whenever anything is applied or consents attach", () => {
    expect(needsIdentityCheck({ apply: [], submitter: "not_confirmed" })).toBe(false);
    expect(needsIdentityCheck({ apply: ["field:phone"], submitter: "not_confirmed" })).toBe(true);
    expect(needsIdentityCheck({ apply: [], submitter: "guardian" })).toBe(true);
  });

  it("property: a decision never reaches beyond what was both offered and confirmed", () => {
    const all = proposal();
    const offered = [...all.fields, ...all.rows, ...all.familyLinks].map((p) => p.key);
    const anyKey = fc.oneof(fc.constantFrom(...offered), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(anyKey, { maxLength: 20 }), fc.constantFrom(...identityChecks), fc.constantFrom(...submitterConfirmations), (apply, identityCheck, submitter) => {
        const decision = decideMerge(all, { apply, identityCheck, submitter });
        const applied = [...decision.fields, ...decision.rows, ...decision.familyLinks].map((p) => p.key);
        for (const key of applied) {
          expect(offered).toContain(key);
          expect(apply).toContain(key);
        }
        if (identityCheck === "none") expect(applied).toEqual([]);
        expect(decision.attachConsents).toBe(identityCheck !== "none" && submitter !== "not_confirmed");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("links to this person from other clients' families (accepting a new client)", () => {
  it("are offered one by one and applied only when confirmed", () => {
    const offered = memberOfProposals([
      { familyMemberId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", ownerClientId: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" },
      { familyMemberId: "cccccccc-cccc-4ccc-8ccc-cccccccccccc", ownerClientId: "dddddddd-dddd-4ddd-8ddd-dddddddddddd" },
    ]);
    expect(confirmed(offered, [])).toEqual([]);
    expect(confirmed(offered, ["member-of:cccccccc-cccc-4ccc-8ccc-cccccccccccc"]).map((p) => p.ownerClientId)).toEqual(["dddddddd-dddd-4ddd-8ddd-dddddddddddd"]);
  });
});
