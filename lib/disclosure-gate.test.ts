import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dataCategories, type DataCategory } from "./data-categories";
import {
  disclosableCategories,
  evaluateDisclosure,
  refusalReasons,
  type CategoryDecision,
  type DisclosureEvaluation,
  type EvaluateDisclosureInput,
  type GateClient,
  type GateConsent,
  type GateRecipient,
  type GateStaff,
} from "./disclosure-gate";
import type { DisclosureCondition, RegisterSettings } from "./register-settings";

/**
 * The disclosure gate (DESIGN.md rule 3): a category goes to a recipient only when, at that moment,
 * a valid unwithdrawn consent naming the recipient covers it, or a statutory entry in the settings
 * whose condition holds does; functional capacity only with a consent naming it; outside the EU/EEA
 * only with a transfer consent, never where the settings forbid it; nothing for a client restricted at
 * that moment (read from the restriction history, so a past moment answers as it stood then);
 * and functional capacity never from a staff member who may not read it.
 */

type Settings = EvaluateDisclosureInput["settings"];
type StatutoryEntry = RegisterSettings["statutoryDisclosures"][number];

// ---------------------------------------------------------------------------------------------
// Fixtures

/** 2026-03-10 12:00 in Helsinki (UTC+2 in winter). */
const AT = new Date("2026-03-10T10:00:00Z");

const ELY: GateRecipient = { code: "ely", insideEea: true };
const MIGRI: GateRecipient = { code: "migri", insideEea: true };
const EDUCATION: GateRecipient = { code: "education_services", insideEea: true };
const TE: GateRecipient = { code: "te_office", insideEea: true };
const IOM: GateRecipient = { code: "iom", insideEea: false };

const adult: GateClient = { dateOfBirth: "1990-05-01", restrictions: [], status: "active" };
/** The client's own caseworker or a coordinator: may read (and so disclose) functional capacity. */
const mayReadFc: GateStaff = { mayReadFunctionalCapacity: true };
/** Another caseworker who opened the case with a reason: may not. */
const mayNotReadFc: GateStaff = { mayReadFunctionalCapacity: false };
const minor: GateClient = { dateOfBirth: "2012-09-30", restrictions: [], status: "active" };
/** Restricted from 1 February 2026, never lifted. */
const RESTRICTED_SINCE_FEBRUARY = [{ appliedAt: new Date("2026-02-01T10:00:00Z"), liftedAt: null }];

/** Municipality 000: consent only, nothing regular, nothing outside the EU/EEA. */
const consentOnly: Settings = { statutoryDisclosures: [], transfersOutsideEea: "forbidden" };
const consentOnlyWithTransfers: Settings = { statutoryDisclosures: [], transfersOutsideEea: "written_consent" };

const ELY_PROVISION = { fi: "Laki kotoutumisen edistämisestä (681/2023) 92 §" };
const EDUCATION_PROVISION = { fi: "Perusopetuslaki (628/1998) 40 §" };
const TE_PROVISION = { fi: "Laki työvoimapalvelujen järjestämisestä (380/2023) 13 luku" };

/** Municipality 004: a legal obligation and regular disclosures to named agencies. */
const statutorySettings: Settings = {
  statutoryDisclosures: [
    { agencyCode: "ely", provision: ELY_PROVISION, categories: ["identity", "residence", "servicePlan"] },
    { agencyCode: "education_services", provision: EDUCATION_PROVISION, categories: ["identity", "education"], condition: "minors_only" },
    {
      agencyCode: "te_office",
      provision: TE_PROVISION,
      categories: ["skills", "education", "outcomes"],
      condition: "purpose_limited",
      purpose: { fi: "Työnhakijan palvelutarpeen arviointi" },
    },
  ],
  transfersOutsideEea: "forbidden",
};

let nextId = 0;
function consent(overrides: Partial<GateConsent> = {}): GateConsent {
  nextId += 1;
  return {
    id: `consent-${nextId}`,
    kind: "disclosure",
    agencyCode: "ely",
    categories: ["identity", "servicePlan"],
    granted: true,
    givenAt: new Date("2026-01-15T09:00:00Z"),
    validFrom: "2026-01-15",
    validUntil: "2027-01-14",
    withdrawnAt: null,
    ...overrides,
  };
}

function evaluate(overrides: Partial<EvaluateDisclosureInput> = {}): DisclosureEvaluation {
  return evaluateDisclosure({
    client: adult,
    staff: mayReadFc,
    consents: [],
    settings: consentOnly,
    recipient: ELY,
    categories: dataCategories,
    at: AT,
    ...overrides,
  });
}

function decisionOf(evaluation: DisclosureEvaluation, category: DataCategory): CategoryDecision {
  const decision = evaluation.decisions.find((candidate) => candidate.category === category);
  if (!decision) throw new Error(`no decision for ${category}`);
  return decision;
}

/** The refusal reason per category ("allowed" for an allowed one). */
function reasons(evaluation: DisclosureEvaluation): Record<string, string> {
  return Object.fromEntries(evaluation.decisions.map((d) => [d.category, d.allowed ? "allowed" : d.reason]));
}

function everyCategory(reason: string, categories: readonly DataCategory[] = dataCategories): Record<string, string> {
  return Object.fromEntries(categories.map((category) => [category, reason]));
}

// ---------------------------------------------------------------------------------------------
// Case by case

describe("evaluateDisclosure: consent", () => {
  it("refuses everything with no_consent when there is no consent and no statutory basis", () => {
    const evaluation = evaluate();
    expect(reasons(evaluation)).toEqual(everyCategory("no_consent"));
    expect(evaluation.allowed).toEqual([]);
    expect(evaluation.refused).toEqual([...dataCategories]);
  });

  it("allows exactly the categories a valid consent for the recipient covers, citing it", () => {
    const ely = consent({ categories: ["identity", "servicePlan"] });
    const evaluation = evaluate({ consents: [ely] });
    expect(evaluation.allowed).toEqual(["identity", "servicePlan"]);
    for (const category of ["identity", "servicePlan"] as const) {
      expect(decisionOf(evaluation, category)).toEqual({
        category,
        allowed: true,
        basis: { kind: "consent", consentId: ely.id, validUntil: "2027-01-14" },
      });
    }
    const others = dataCategories.filter((c) => c !== "identity" && c !== "servicePlan" && c !== "functionalCapacity");
    for (const category of others) {
      expect(decisionOf(evaluation, category)).toEqual({ category, allowed: false, reason: "category_not_covered" });
    }
  });

  it("refuses with consent_withdrawn when the covering consent was withdrawn before the disclosure", () => {
    const evaluation = evaluate({ consents: [consent({ withdrawnAt: new Date("2026-03-01T08:00:00Z") })] });
    expect(decisionOf(evaluation, "identity")).toMatchObject({ allowed: false, reason: "consent_withdrawn" });
    expect(decisionOf(evaluation, "servicePlan")).toMatchObject({ allowed: false, reason: "consent_withdrawn" });
    expect(evaluation.allowed).toEqual([]);
  });

  it("refuses with consent_withdrawn when withdrawn at the very instant of the disclosure", () => {
    const evaluation = evaluate({ consents: [consent({ withdrawnAt: AT })] });
    expect(decisionOf(evaluation, "identity")).toMatchObject({ allowed: false, reason: "consent_withdrawn" });
  });

  it("still allows on a consent withdrawn only after the disclosure's moment", () => {
    const evaluation = evaluate({ consents: [consent({ withdrawnAt: new Date(AT.getTime() + 1) })] });
    expect(decisionOf(evaluation, "identity")).toMatchObject({ allowed: true });
  });

  it("refuses with consent_expired when the consent's last day has passed (in Helsinki)", () => {
    expect(decisionOf(evaluate({ consents: [consent({ validUntil: "2026-03-09" })] }), "identity")).toMatchObject({
      allowed: false,
      reason: "consent_expired",
    });
    // 2026-03-10T22:30Z is already 11 March in Helsinki.
    const lastDay = consent({ validUntil: "2026-03-10" });
    expect(decisionOf(evaluate({ consents: [lastDay], at: new Date("2026-03-10T21:30:00Z") }), "identity").allowed).toBe(true);
    expect(decisionOf(evaluate({ consents: [lastDay], at: new Date("2026-03-10T22:30:00Z") }), "identity")).toMatchObject({
      allowed: false,
      reason: "consent_expired",
    });
  });

  it("refuses with consent_not_yet_valid when the validity starts later or the consent was given later", () => {
    expect(decisionOf(evaluate({ consents: [consent({ validFrom: "2026-03-11" })] }), "identity")).toMatchObject({
      allowed: false,
      reason: "consent_not_yet_valid",
    });
    expect(
      decisionOf(evaluate({ consents: [consent({ givenAt: new Date("2026-03-10T12:00:00Z"), validFrom: null })] }), "identity"),
    ).toMatchObject({ allowed: false, reason: "consent_not_yet_valid" });
  });

  it("functional capacity: refused as functional_capacity_not_named with a valid consent not naming it", () => {
    const evaluation = evaluate({ consents: [consent()], categories: ["identity", "functionalCapacity"] });
    expect(decisionOf(evaluation, "identity").allowed).toBe(true);
    expect(decisionOf(evaluation, "functionalCapacity")).toEqual({
      category: "functionalCapacity",
      allowed: false,
      reason: "functional_capacity_not_named",
    });
  });

  it("functional capacity: allowed on a valid consent that names it", () => {
    const named = consent({ categories: ["identity", "functionalCapacity"] });
    const evaluation = evaluate({ consents: [named], categories: ["functionalCapacity"] });
    expect(evaluation.decisions).toEqual([
      { category: "functionalCapacity", allowed: true, basis: { kind: "consent", consentId: named.id, validUntil: "2027-01-14" } },
    ]);
  });

  it("a consent for another agency does not count", () => {
    const forMigri = consent({ agencyCode: "migri", categories: [...dataCategories] });
    expect(evaluate({ consents: [forMigri], recipient: ELY }).allowed).toEqual([]);
    expect(reasons(evaluate({ consents: [forMigri], recipient: ELY }))).toEqual(everyCategory("no_consent"));
    // ...while it does for its own agency.
    expect(evaluate({ consents: [forMigri], recipient: MIGRI }).allowed).toEqual([...dataCategories]);
  });

  it("a refused consent (granted: false) does not count", () => {
    const refused = consent({ granted: false, categories: [...dataCategories] });
    const evaluation = evaluate({ consents: [refused] });
    expect(evaluation.allowed).toEqual([]);
    expect(reasons(evaluation)).toEqual(everyCategory("no_consent"));
  });

  it("consents of other kinds (storage, obtain_data, transfer) do not allow a disclosure", () => {
    const others = (["storage", "obtain_data", "transfer"] as const).map((kind) => consent({ kind, categories: [...dataCategories] }));
    expect(evaluate({ consents: others }).allowed).toEqual([]);
  });

  it("cites a valid consent when an expired one for the same recipient also exists", () => {
    const old = consent({ validFrom: "2024-01-01", validUntil: "2025-01-01" });
    const current = consent();
    const evaluation = evaluate({ consents: [old, current], categories: ["identity"] });
    expect(evaluation.decisions).toEqual([
      { category: "identity", allowed: true, basis: { kind: "consent", consentId: current.id, validUntil: "2027-01-14" } },
    ]);
  });
});

describe("evaluateDisclosure: the client", () => {
  it("refuses every category as client_restricted, even with a valid consent and a statutory basis", () => {
    const restricted: GateClient = { ...adult, restrictions: RESTRICTED_SINCE_FEBRUARY };
    const evaluation = evaluate({
      client: restricted,
      consents: [consent({ categories: [...dataCategories] })],
      settings: statutorySettings,
    });
    expect(reasons(evaluation)).toEqual(everyCategory("client_restricted"));
    expect(evaluation.allowed).toEqual([]);
  });

  it("refuses every category as client_erasure_pending", () => {
    const evaluation = evaluate({
      client: { ...adult, status: "erasure_pending" },
      consents: [consent({ categories: [...dataCategories] })],
      settings: statutorySettings,
    });
    expect(reasons(evaluation)).toEqual(everyCategory("client_erasure_pending"));
  });

  it("a closed case may still be disclosed on a valid basis", () => {
    const evaluation = evaluate({ client: { ...adult, status: "closed" }, consents: [consent()] });
    expect(evaluation.allowed).toEqual(["identity", "servicePlan"]);
  });
});

describe("evaluateDisclosure: the restriction history (an evaluation at a past moment)", () => {
  const APPLIED = new Date("2026-03-01T08:00:00Z");
  const LIFTED = new Date("2026-03-20T08:00:00Z");
  const history = [{ appliedAt: APPLIED, liftedAt: LIFTED }];
  const withHistory = (restrictions: GateClient["restrictions"], at: Date) =>
    evaluate({ client: { ...adult, restrictions }, consents: [consent()], categories: ["identity", "servicePlan"], at });

  it("allows at a moment before the restriction what was allowed then, and refuses from the instant it was applied", () => {
    expect(withHistory(history, new Date("2026-02-20T10:00:00Z")).allowed).toEqual(["identity", "servicePlan"]);
    expect(withHistory(history, new Date(APPLIED.getTime() - 1)).allowed).toEqual(["identity", "servicePlan"]);
    expect(reasons(withHistory(history, APPLIED))).toEqual({ identity: "client_restricted", servicePlan: "client_restricted" });
    expect(reasons(withHistory(history, AT))).toEqual({ identity: "client_restricted", servicePlan: "client_restricted" });
  });

  it("allows again from the instant the restriction was lifted", () => {
    expect(withHistory(history, new Date(LIFTED.getTime() - 1)).allowed).toEqual([]);
    expect(withHistory(history, LIFTED).allowed).toEqual(["identity", "servicePlan"]);
  });

  it("a restriction applied after the moment does not refuse it, nor does one lifted before it", () => {
    const later = [{ appliedAt: new Date("2026-03-11T00:00:00Z"), liftedAt: null }];
    expect(withHistory(later, AT).allowed).toEqual(["identity", "servicePlan"]);
    const earlier = [{ appliedAt: new Date("2026-01-01T00:00:00Z"), liftedAt: new Date("2026-02-01T00:00:00Z") }];
    expect(withHistory(earlier, AT).allowed).toEqual(["identity", "servicePlan"]);
    expect(withHistory([...earlier, ...later], new Date("2026-03-12T00:00:00Z")).allowed).toEqual([]);
  });
});

describe("evaluateDisclosure: the staff member", () => {
  const named = () => consent({ categories: ["identity", "functionalCapacity"] });

  it("refuses functional capacity as staff_not_permitted to staff who may not read it, even on a consent naming it", () => {
    const evaluation = evaluate({ staff: mayNotReadFc, consents: [named()], categories: ["identity", "functionalCapacity"] });
    expect(evaluation.decisions).toEqual([
      { category: "identity", allowed: true, basis: expect.objectContaining({ kind: "consent" }) },
      { category: "functionalCapacity", allowed: false, reason: "staff_not_permitted" },
    ]);
    expect(evaluation.allowed).toEqual(["identity"]);
    expect(evaluation.refused).toEqual(["functionalCapacity"]);
  });

  it("allows the same functional capacity to staff who may read it", () => {
    const consentNaming = named();
    expect(evaluate({ staff: mayReadFc, consents: [consentNaming], categories: ["functionalCapacity"] }).decisions).toEqual([
      { category: "functionalCapacity", allowed: true, basis: { kind: "consent", consentId: consentNaming.id, validUntil: "2027-01-14" } },
    ]);
  });

  it("leaves every other category's decision as it is", () => {
    const settings = statutorySettings;
    const consents = [named(), consent({ categories: ["contact"], validUntil: "2026-03-01" })];
    const forReader = evaluate({ staff: mayReadFc, consents, settings });
    const forOther = evaluate({ staff: mayNotReadFc, consents, settings });
    const others = (evaluation: DisclosureEvaluation) => evaluation.decisions.filter((d) => d.category !== "functionalCapacity");
    expect(others(forOther)).toEqual(others(forReader));
    expect(decisionOf(forOther, "functionalCapacity")).toEqual({ category: "functionalCapacity", allowed: false, reason: "staff_not_permitted" });
  });

  it("is the reason given for functional capacity before the client's or the recipient's blanket refusals", () => {
    const restricted = evaluate({
      staff: mayNotReadFc,
      client: { ...adult, restrictions: RESTRICTED_SINCE_FEBRUARY },
      consents: [named()],
      categories: ["identity", "functionalCapacity"],
    });
    expect(reasons(restricted)).toEqual({ identity: "client_restricted", functionalCapacity: "staff_not_permitted" });
    const outside = evaluate({ staff: mayNotReadFc, recipient: IOM, categories: ["identity", "functionalCapacity"] });
    expect(reasons(outside)).toEqual({ identity: "transfer_forbidden", functionalCapacity: "staff_not_permitted" });
  });

  it("does not matter when functional capacity is not asked for", () => {
    const consents = [named()];
    expect(evaluate({ staff: mayNotReadFc, consents, categories: ["identity"] })).toEqual(evaluate({ staff: mayReadFc, consents, categories: ["identity"] }));
  });
});

describe("evaluateDisclosure: outside the EU/EEA", () => {
  const iomConsent = () => consent({ agencyCode: "iom", categories: ["identity", "residence"] });
  const iomTransfer = () => consent({ kind: "transfer", agencyCode: "iom", categories: [] });

  it("refuses every category as transfer_forbidden where the settings forbid transfers, even with consents", () => {
    const evaluation = evaluate({ recipient: IOM, consents: [iomConsent(), iomTransfer()], settings: consentOnly });
    expect(reasons(evaluation)).toEqual(everyCategory("transfer_forbidden"));
  });

  it("refuses as no_transfer_consent with written_consent settings and no transfer consent", () => {
    const evaluation = evaluate({ recipient: IOM, consents: [iomConsent()], settings: consentOnlyWithTransfers });
    expect(reasons(evaluation)).toEqual(everyCategory("no_transfer_consent"));
  });

  it("a transfer consent for another recipient, expired, withdrawn or refused does not count", () => {
    const transfers = [
      consent({ kind: "transfer", agencyCode: "migri", categories: [] }),
      consent({ kind: "transfer", agencyCode: "iom", categories: [], validUntil: "2026-03-09" }),
      consent({ kind: "transfer", agencyCode: "iom", categories: [], withdrawnAt: new Date("2026-03-01T00:00:00Z") }),
      consent({ kind: "transfer", agencyCode: "iom", categories: [], granted: false }),
    ];
    for (const transfer of transfers) {
      const evaluation = evaluate({ recipient: IOM, consents: [iomConsent(), transfer], settings: consentOnlyWithTransfers });
      expect(reasons(evaluation)).toEqual(everyCategory("no_transfer_consent"));
    }
  });

  it("allows on a valid transfer consent and a disclosure consent", () => {
    const disclosure = iomConsent();
    const evaluation = evaluate({ recipient: IOM, consents: [disclosure, iomTransfer()], settings: consentOnlyWithTransfers });
    expect(evaluation.allowed).toEqual(["identity", "residence"]);
    expect(decisionOf(evaluation, "residence")).toEqual({
      category: "residence",
      allowed: true,
      basis: { kind: "consent", consentId: disclosure.id, validUntil: "2027-01-14" },
    });
  });

  it("a transfer consent without a disclosure consent refuses as no_consent", () => {
    const evaluation = evaluate({ recipient: IOM, consents: [iomTransfer()], settings: consentOnlyWithTransfers });
    expect(reasons(evaluation)).toEqual(everyCategory("no_consent"));
  });
});

describe("evaluateDisclosure: statutory basis", () => {
  it("allows the entry's categories without any consent, citing the provision and the entry", () => {
    const evaluation = evaluate({ settings: statutorySettings, recipient: ELY });
    expect(evaluation.allowed).toEqual(["identity", "residence", "servicePlan"]);
    expect(decisionOf(evaluation, "residence")).toEqual({
      category: "residence",
      allowed: true,
      basis: { kind: "statutory", provision: ELY_PROVISION, statutoryIndex: 0 },
    });
    for (const category of ["contact", "family", "skills", "education", "appointments", "outcomes", "notes"] as const) {
      expect(decisionOf(evaluation, category)).toEqual({ category, allowed: false, reason: "category_not_covered" });
    }
    expect(decisionOf(evaluation, "functionalCapacity").allowed).toBe(false);
  });

  it("statutory covers what it names; a consent adds the rest", () => {
    const contact = consent({ categories: ["contact"] });
    const evaluation = evaluate({ settings: statutorySettings, consents: [contact], categories: ["identity", "contact", "notes"] });
    expect(evaluation.decisions).toEqual([
      { category: "identity", allowed: true, basis: { kind: "statutory", provision: ELY_PROVISION, statutoryIndex: 0 } },
      { category: "contact", allowed: true, basis: { kind: "consent", consentId: contact.id, validUntil: "2027-01-14" } },
      { category: "notes", allowed: false, reason: "category_not_covered" },
    ]);
  });

  it("minors_only: allowed for a minor", () => {
    const evaluation = evaluate({ settings: statutorySettings, recipient: EDUCATION, client: minor });
    expect(evaluation.allowed).toEqual(["identity", "education"]);
    expect(decisionOf(evaluation, "education")).toEqual({
      category: "education",
      allowed: true,
      basis: { kind: "statutory", provision: EDUCATION_PROVISION, statutoryIndex: 1 },
    });
  });

  it("minors_only: statutory_condition_not_met for an adult", () => {
    const evaluation = evaluate({ settings: statutorySettings, recipient: EDUCATION, client: adult });
    expect(decisionOf(evaluation, "identity")).toEqual({
      category: "identity",
      allowed: false,
      reason: "statutory_condition_not_met",
      condition: "minors_only",
    });
    expect(decisionOf(evaluation, "education")).toMatchObject({ allowed: false, reason: "statutory_condition_not_met", condition: "minors_only" });
    expect(evaluation.allowed).toEqual([]);
  });

  it("minors_only: statutory_condition_not_met with no date of birth", () => {
    const evaluation = evaluate({ settings: statutorySettings, recipient: EDUCATION, client: { ...minor, dateOfBirth: null } });
    expect(decisionOf(evaluation, "identity")).toEqual({
      category: "identity",
      allowed: false,
      reason: "statutory_condition_not_met",
      condition: "minors_only",
    });
  });

  it("minors_only: the 18th birthday is read on the Helsinki day of the disclosure", () => {
    const turnsEighteen: GateClient = { dateOfBirth: "2008-03-11", restrictions: [], status: "active" };
    const at = (iso: string) =>
      decisionOf(
        evaluate({ settings: statutorySettings, recipient: EDUCATION, client: turnsEighteen, at: new Date(iso), categories: ["education"] }),
        "education",
      );
    // The day before the birthday, late in the evening in Helsinki: still 17.
    expect(at("2026-03-10T10:00:00Z").allowed).toBe(true);
    expect(at("2026-03-10T21:59:59Z").allowed).toBe(true);
    // Midnight in Helsinki (still 10 March in UTC): 18 today.
    expect(at("2026-03-10T22:00:00Z")).toMatchObject({ allowed: false, reason: "statutory_condition_not_met", condition: "minors_only" });
    expect(at("2026-03-11T10:00:00Z")).toMatchObject({ allowed: false, reason: "statutory_condition_not_met" });
  });

  it("minors_only: an adult with a valid consent is allowed on the consent", () => {
    const educationConsent = consent({ agencyCode: "education_services", categories: ["education"] });
    const evaluation = evaluate({ settings: statutorySettings, recipient: EDUCATION, client: adult, consents: [educationConsent] });
    expect(decisionOf(evaluation, "education")).toMatchObject({ allowed: true, basis: { kind: "consent", consentId: educationConsent.id } });
    expect(decisionOf(evaluation, "identity")).toMatchObject({ allowed: false, reason: "statutory_condition_not_met" });
  });

  it("purpose_limited: statutory_condition_not_met unless the purpose is confirmed", () => {
    const unconfirmed = evaluate({ settings: statutorySettings, recipient: TE, categories: ["skills", "outcomes"] });
    expect(unconfirmed.decisions).toEqual([
      { category: "skills", allowed: false, reason: "statutory_condition_not_met", condition: "purpose_limited" },
      { category: "outcomes", allowed: false, reason: "statutory_condition_not_met", condition: "purpose_limited" },
    ]);
    const notConfirmed = evaluate({ settings: statutorySettings, recipient: TE, categories: ["skills"], statutoryPurposeConfirmed: false });
    expect(notConfirmed.allowed).toEqual([]);

    const confirmed = evaluate({
      settings: statutorySettings,
      recipient: TE,
      categories: ["skills", "outcomes", "notes"],
      statutoryPurposeConfirmed: true,
    });
    expect(confirmed.decisions).toEqual([
      { category: "skills", allowed: true, basis: { kind: "statutory", provision: TE_PROVISION, statutoryIndex: 2 } },
      { category: "outcomes", allowed: true, basis: { kind: "statutory", provision: TE_PROVISION, statutoryIndex: 2 } },
      { category: "notes", allowed: false, reason: "category_not_covered" },
    ]);
  });

  it("never covers functional capacity, even when a (schema-bypassing) entry names it", () => {
    const handBuilt: Settings = {
      statutoryDisclosures: [
        { agencyCode: "ely", provision: ELY_PROVISION, categories: ["identity", "functionalCapacity"] } as StatutoryEntry,
      ],
      transfersOutsideEea: "forbidden",
    };
    const evaluation = evaluate({ settings: handBuilt, categories: ["identity", "functionalCapacity"] });
    expect(decisionOf(evaluation, "identity").allowed).toBe(true);
    expect(decisionOf(evaluation, "functionalCapacity")).toEqual({
      category: "functionalCapacity",
      allowed: false,
      reason: "functional_capacity_not_named",
    });
    // With a consent naming it, the basis is the consent, never the entry.
    const named = consent({ categories: ["functionalCapacity"] });
    expect(decisionOf(evaluate({ settings: handBuilt, consents: [named] }), "functionalCapacity")).toEqual({
      category: "functionalCapacity",
      allowed: true,
      basis: { kind: "consent", consentId: named.id, validUntil: "2027-01-14" },
    });
  });

  it("never applies to a recipient outside the EU/EEA (schema-bypassing settings)", () => {
    const handBuilt: Settings = {
      statutoryDisclosures: [{ agencyCode: "iom", provision: { fi: "Laki" }, categories: ["identity", "residence"] }],
      transfersOutsideEea: "written_consent",
    };
    const transfer = consent({ kind: "transfer", agencyCode: "iom", categories: [] });
    const evaluation = evaluate({ settings: handBuilt, recipient: IOM, consents: [transfer] });
    expect(evaluation.allowed).toEqual([]);
    for (const decision of evaluation.decisions) expect(decision.allowed).toBe(false);
    // With transfers forbidden, it is refused as such.
    expect(reasons(evaluate({ settings: { ...handBuilt, transfersOutsideEea: "forbidden" }, recipient: IOM }))).toEqual(
      everyCategory("transfer_forbidden"),
    );
  });

  it("an entry for another agency does not count", () => {
    const evaluation = evaluate({ settings: statutorySettings, recipient: MIGRI });
    expect(reasons(evaluation)).toEqual(everyCategory("no_consent"));
  });
});

describe("evaluateDisclosure: shape", () => {
  it("decides only the categories asked, deduplicated, in the register's category order", () => {
    const evaluation = evaluate({
      consents: [consent({ categories: ["identity", "notes"] })],
      categories: ["notes", "identity", "identity", "servicePlan", "notes"],
    });
    expect(evaluation.decisions.map((d) => d.category)).toEqual(["identity", "servicePlan", "notes"]);
    expect(evaluation.allowed).toEqual(["identity", "notes"]);
    expect(evaluation.refused).toEqual(["servicePlan"]);
  });

  it("asks nothing, decides nothing", () => {
    expect(evaluate({ consents: [consent()], categories: [] })).toEqual({ decisions: [], allowed: [], refused: [] });
  });

  it("disclosableCategories returns only what was allowed and requested", () => {
    const evaluation = evaluate({ consents: [consent({ categories: ["identity", "servicePlan", "notes"] })] });
    expect(disclosableCategories(evaluation, ["notes", "identity", "contact", "functionalCapacity", "bogus"])).toEqual(["identity", "notes"]);
    expect(disclosableCategories(evaluation, [])).toEqual([]);
    expect(disclosableCategories(evaluate(), [...dataCategories])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
//
// The oracle below is written independently of the code under test: its own Helsinki day, its own
// age, its own reading of a consent's validity.

const CODES = ["ely", "migri", "iom", "education_services"] as const;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const helsinkiDayFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Helsinki",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
function oracleHelsinkiDay(instant: Date): string {
  const parts = Object.fromEntries(helsinkiDayFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Under 18 on `day`: the 18th birthday (same month and day, 18 years later) has not come yet. */
function oracleIsMinor(dateOfBirth: string, day: string): boolean {
  const eighteenth = `${String(Number(dateOfBirth.slice(0, 4)) + 18).padStart(4, "0")}${dateOfBirth.slice(4)}`;
  return day < eighteenth;
}

function oracleConsentValid(c: GateConsent, recipientCode: string, kind: GateConsent["kind"], at: Date): boolean {
  const day = oracleHelsinkiDay(at);
  return (
    c.kind === kind &&
    c.granted &&
    c.agencyCode === recipientCode &&
    c.givenAt.getTime() <= at.getTime() &&
    !(c.withdrawnAt !== null && c.withdrawnAt.getTime() <= at.getTime()) &&
    (c.validFrom === null || c.validFrom <= day) &&
    (c.validUntil === null || day <= c.validUntil)
  );
}

function oracleConditionHolds(condition: DisclosureCondition | undefined, input: EvaluateDisclosureInput): boolean {
  if (condition === undefined) return true;
  if (condition === "minors_only") {
    return input.client.dateOfBirth !== null && oracleIsMinor(input.client.dateOfBirth, oracleHelsinkiDay(input.at));
  }
  return input.statutoryPurposeConfirmed === true;
}

/** Functional capacity asked of a staff member who may not read it. */
function oracleStaffRefuses(input: EvaluateDisclosureInput, category: DataCategory): boolean {
  return category === "functionalCapacity" && !input.staff.mayReadFunctionalCapacity;
}

/** Some restriction period covers `at`: applied at or before it, not lifted at or before it. */
function oracleRestricted(input: EvaluateDisclosureInput): boolean {
  const at = input.at.getTime();
  return input.client.restrictions.some((r) => r.appliedAt.getTime() <= at && !(r.liftedAt !== null && r.liftedAt.getTime() <= at));
}

function oracleBlanketRefusal(input: EvaluateDisclosureInput): boolean {
  if (oracleRestricted(input) || input.client.status === "erasure_pending") return true;
  if (!input.recipient.insideEea) {
    if (input.settings.transfersOutsideEea === "forbidden") return true;
    return !input.consents.some((c) => oracleConsentValid(c, input.recipient.code, "transfer", input.at));
  }
  return false;
}

/** Some basis the oracle finds for the category (ignoring blanket refusals). */
function oracleHasBasis(input: EvaluateDisclosureInput, category: DataCategory): boolean {
  const byConsent = input.consents.some(
    (c) => c.categories.includes(category) && oracleConsentValid(c, input.recipient.code, "disclosure", input.at),
  );
  const byStatute =
    input.recipient.insideEea &&
    category !== "functionalCapacity" &&
    input.settings.statutoryDisclosures.some(
      (entry) => entry.agencyCode === input.recipient.code && entry.categories.includes(category) && oracleConditionHolds(entry.condition, input),
    );
  return byConsent || byStatute;
}

// Generators. Instants and days cluster around a few base moments (winter, the spring and autumn
// clock changes, summer) so that Helsinki midnights, equal instants and 18th birthdays are hit.

const BASE_DAYS = ["2026-03-10", "2026-03-29", "2026-07-01", "2026-10-25", "2027-01-01"] as const;

/** Milliseconds relative to `at`: exactly at, a millisecond either side, or half-hours around it. */
const relativeMs = fc.oneof(
  fc.constantFrom(0, -1, 1),
  fc.integer({ min: -6 * 48, max: 6 * 48 }).map((halfHours) => halfHours * 30 * 60 * 1000),
);
const dayOffset = fc.integer({ min: -5, max: 5 });

const consentSpec = fc.record({
  kind: fc.constantFrom<GateConsent["kind"]>("disclosure", "disclosure", "disclosure", "transfer", "storage", "obtain_data"),
  /** "recipient" resolves to the recipient's code, so that consents often concern the recipient. */
  agencyCode: fc.constantFrom<string | null>("recipient", "recipient", "recipient", ...CODES, null),
  categories: fc.subarray([...dataCategories]),
  granted: fc.constantFrom(true, true, true, false),
  givenAt: relativeMs,
  validFrom: fc.option(dayOffset, { nil: null }),
  validUntil: fc.option(dayOffset, { nil: null }),
  withdrawnAt: fc.option(relativeMs, { nil: null, freq: 3 }),
});

const statutorySpec = fc.record(
  {
    agencyCode: fc.constantFrom<string>("recipient", ...CODES),
    categories: fc.subarray([...dataCategories], { minLength: 1 }),
    condition: fc.constantFrom<DisclosureCondition | undefined>(undefined, "minors_only", "purpose_limited"),
  },
  { requiredKeys: ["agencyCode", "categories"] },
);

const scenario = fc.record({
  baseDay: fc.constantFrom(...BASE_DAYS),
  /** `at` in minutes from the base day's UTC midnight: up to three days either side. */
  atMinutes: fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
  atMs: fc.integer({ min: 0, max: 59_999 }),
  client: fc.record({
    /** Date of birth: none, around an 18th birthday near `at`, or any. */
    dob: fc.oneof(
      fc.constant(null),
      dayOffset.map((offset) => ({ eighteenAround: offset })),
      fc.integer({ min: 0, max: 70 * 365 }).map((daysBack) => ({ daysBack })),
    ),
    /**
     * The restriction history: usually none; else up to three periods applied around `at` (at it,
     * a millisecond either side, half-hours away), lifted or not, so that `at` falls before, inside,
     * between and after them.
     */
    restrictions: fc.oneof(
      { arbitrary: fc.constant<{ applied: number; lastsMs: number | null }[]>([]), weight: 3 },
      {
        arbitrary: fc.array(
          fc.record({ applied: relativeMs, lastsMs: fc.option(fc.oneof(fc.constant(1), relativeMs.map((ms) => Math.abs(ms) + 1)), { nil: null }) }),
          { minLength: 1, maxLength: 3 },
        ),
        weight: 2,
      },
    ),
    status: fc.constantFrom<GateClient["status"]>("active", "active", "active", "closed", "erasure_pending"),
  }),
  consents: fc.array(consentSpec, { maxLength: 8 }),
  statutory: fc.array(statutorySpec, { maxLength: 5 }),
  transfers: fc.constantFrom<Settings["transfersOutsideEea"]>("forbidden", "written_consent"),
  recipient: fc.record({ code: fc.constantFrom(...CODES), insideEea: fc.boolean() }),
  requested: fc.array(fc.constantFrom(...dataCategories), { maxLength: 15 }),
  formSent: fc.array(fc.oneof(fc.constantFrom<string>(...dataCategories), fc.constantFrom("bogus", "", "IDENTITY")), { maxLength: 15 }),
  purposeConfirmed: fc.option(fc.boolean(), { nil: undefined }),
  /** Usually the client's own caseworker or a coordinator; sometimes another caseworker. */
  staffMayReadFc: fc.constantFrom(true, true, true, false),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function buildInput(s: Scenario): EvaluateDisclosureInput {
  const [y, m, d] = s.baseDay.split("-").map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d) + s.atMinutes * 60 * 1000 + s.atMs);
  const atDay = oracleHelsinkiDay(at);
  let dateOfBirth: string | null = null;
  if (s.client.dob && "eighteenAround" in s.client.dob) {
    dateOfBirth = addDays(`${Number(atDay.slice(0, 4)) - 18}${atDay.slice(4)}`, s.client.dob.eighteenAround);
  } else if (s.client.dob) {
    dateOfBirth = addDays(atDay, -s.client.dob.daysBack);
  }
  const consents = s.consents.map(
    (c, index): GateConsent => ({
      id: `c${index}`,
      kind: c.kind,
      agencyCode: c.agencyCode === "recipient" ? s.recipient.code : c.agencyCode,
      categories: c.categories,
      granted: c.granted,
      givenAt: new Date(at.getTime() + c.givenAt),
      validFrom: c.validFrom === null ? null : addDays(s.baseDay, c.validFrom),
      validUntil: c.validUntil === null ? null : addDays(s.baseDay, c.validUntil),
      withdrawnAt: c.withdrawnAt === null ? null : new Date(at.getTime() + c.withdrawnAt),
    }),
  );
  // Hand-built: may name functionalCapacity or an outside-EEA recipient, which the schema forbids.
  const statutoryDisclosures = s.statutory.map(
    (entry, index) =>
      ({
        agencyCode: entry.agencyCode === "recipient" ? s.recipient.code : entry.agencyCode,
        provision: { fi: `Säännös ${index}` },
        categories: entry.categories,
        ...(entry.condition === undefined ? {} : { condition: entry.condition }),
        ...(entry.condition === "purpose_limited" ? { purpose: { fi: `Tarkoitus ${index}` } } : {}),
      }) as StatutoryEntry,
  );
  return {
    client: {
      dateOfBirth,
      restrictions: s.client.restrictions.map((r) => ({
        appliedAt: new Date(at.getTime() + r.applied),
        liftedAt: r.lastsMs === null ? null : new Date(at.getTime() + r.applied + r.lastsMs),
      })),
      status: s.client.status,
    },
    staff: { mayReadFunctionalCapacity: s.staffMayReadFc },
    consents,
    settings: { statutoryDisclosures, transfersOutsideEea: s.transfers },
    recipient: s.recipient,
    categories: s.requested,
    at,
    ...(s.purposeConfirmed === undefined ? {} : { statutoryPurposeConfirmed: s.purposeConfirmed }),
  };
}

const NUM_RUNS = 2000;

function property(check: (input: EvaluateDisclosureInput, evaluation: DisclosureEvaluation, s: Scenario) => void) {
  fc.assert(
    fc.property(scenario, (s) => {
      const input = buildInput(s);
      check(input, evaluateDisclosure(input), s);
    }),
    { numRuns: NUM_RUNS },
  );
}

describe("evaluateDisclosure: properties", () => {
  it("(1) nothing refused ever reaches a document: disclosableCategories ⊆ allowed ∩ what the form sent", () => {
    property((_input, evaluation, s) => {
      const refused = new Set(evaluation.decisions.filter((d) => !d.allowed).map((d) => d.category));
      const allowed = new Set(evaluation.decisions.filter((d) => d.allowed).map((d) => d.category));
      for (const sent of [s.formSent, s.requested, [...dataCategories]]) {
        const disclosable = disclosableCategories(evaluation, sent);
        for (const category of disclosable) {
          expect(refused.has(category)).toBe(false);
          expect(allowed.has(category)).toBe(true);
          expect(sent).toContain(category);
        }
        // And everything allowed and sent is disclosable.
        expect(disclosable).toEqual(dataCategories.filter((c) => allowed.has(c) && sent.includes(c)));
      }
    });
  });

  it("(2) every allowed decision cites a basis that is valid at `at` (independent oracle)", () => {
    property((input, evaluation) => {
      for (const decision of evaluation.decisions) {
        if (!decision.allowed) continue;
        const { basis, category } = decision;
        expect(oracleStaffRefuses(input, category)).toBe(false);
        if (basis.kind === "consent") {
          const cited = input.consents.filter((c) => c.id === basis.consentId);
          expect(cited).toHaveLength(1);
          const c = cited[0]!;
          expect(c.categories).toContain(category);
          expect(oracleConsentValid(c, input.recipient.code, "disclosure", input.at)).toBe(true);
          expect(basis.validUntil).toBe(c.validUntil);
        } else {
          const entry = input.settings.statutoryDisclosures[basis.statutoryIndex];
          expect(entry).toBeDefined();
          expect(entry!.agencyCode).toBe(input.recipient.code);
          expect(entry!.categories).toContain(category);
          expect(basis.provision).toEqual(entry!.provision);
          expect(input.recipient.insideEea).toBe(true);
          expect(oracleConditionHolds(entry!.condition, input)).toBe(true);
        }
        // Outside the EU/EEA, an allowed category also needs a valid transfer consent and settings that allow it.
        if (!input.recipient.insideEea) {
          expect(input.settings.transfersOutsideEea).toBe("written_consent");
          expect(input.consents.some((c) => oracleConsentValid(c, input.recipient.code, "transfer", input.at))).toBe(true);
        }
      }
    });
  });

  it("(3) nothing is allowed for a restricted or erasure-pending client, or outside the EU/EEA where transfers are forbidden", () => {
    property((input, evaluation) => {
      const blocked =
        oracleRestricted(input) ||
        input.client.status === "erasure_pending" ||
        (!input.recipient.insideEea && input.settings.transfersOutsideEea === "forbidden");
      if (!blocked) return;
      expect(evaluation.allowed).toEqual([]);
      for (const decision of evaluation.decisions) {
        expect(decision.allowed).toBe(false);
        if (decision.allowed) continue;
        if (oracleStaffRefuses(input, decision.category)) expect(decision.reason).toBe("staff_not_permitted");
        else if (oracleRestricted(input)) expect(decision.reason).toBe("client_restricted");
        else if (input.client.status === "erasure_pending") expect(decision.reason).toBe("client_erasure_pending");
        else expect(decision.reason).toBe("transfer_forbidden");
      }
    });
  });

  it("(4) functionalCapacity is allowed only on a consent basis whose consent names it, to staff who may read it", () => {
    property((input, evaluation) => {
      const decision = evaluation.decisions.find((d) => d.category === "functionalCapacity");
      if (!decision?.allowed) return;
      expect(input.staff.mayReadFunctionalCapacity).toBe(true);
      expect(decision.basis.kind).toBe("consent");
      if (decision.basis.kind !== "consent") return;
      const id = decision.basis.consentId;
      const cited = input.consents.find((c) => c.id === id);
      expect(cited?.categories).toContain("functionalCapacity");
    });
  });

  it("(5) decisions cover exactly the requested categories, deduplicated, in dataCategories order; allowed/refused partition them", () => {
    property((input, evaluation) => {
      const expected = dataCategories.filter((c) => input.categories.includes(c));
      expect(evaluation.decisions.map((d) => d.category)).toEqual(expected);
      expect(evaluation.allowed).toEqual(evaluation.decisions.filter((d) => d.allowed).map((d) => d.category));
      expect(evaluation.refused).toEqual(evaluation.decisions.filter((d) => !d.allowed).map((d) => d.category));
      expect([...evaluation.allowed, ...evaluation.refused].sort()).toEqual([...expected].sort());
    });
  });

  it("(6) the gate does not over-refuse: a category is allowed exactly when the oracle finds a basis and nothing blocks", () => {
    property((input, evaluation) => {
      const blanket = oracleBlanketRefusal(input);
      for (const decision of evaluation.decisions) {
        expect(decision.allowed).toBe(!blanket && !oracleStaffRefuses(input, decision.category) && oracleHasBasis(input, decision.category));
      }
    });
  });

  it("the generators reach every basis and every refusal reason (so the properties above are not vacuous)", () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const s of fc.sample(scenario, { numRuns: NUM_RUNS, seed: 42 })) {
      const input = buildInput(s);
      const forReader = evaluateDisclosure({ ...input, staff: { mayReadFunctionalCapacity: true } });
      // Where `at` falls in the restriction history: inside a period, or outside one that ended before or starts after.
      const at = input.at.getTime();
      if (oracleRestricted(input)) count("history:in_force");
      else {
        if (input.client.restrictions.some((r) => r.liftedAt !== null && r.liftedAt.getTime() <= at)) count("history:lifted_before");
        if (input.client.restrictions.some((r) => r.appliedAt.getTime() > at)) count("history:applied_after");
      }
      for (const decision of evaluateDisclosure(input).decisions) {
        if (!decision.allowed) {
          count(decision.reason);
          // The staff rule alone refusing what the gate would give a reader (not a blanket refusal too).
          if (decision.reason === "staff_not_permitted" && forReader.allowed.includes(decision.category)) count("staff_not_permitted:alone");
          continue;
        }
        count(`allowed:${decision.basis.kind}`);
        if (decision.category === "functionalCapacity") count("allowed:functionalCapacity");
        if (!input.recipient.insideEea) count("allowed:outsideEea");
        if (decision.basis.kind === "statutory") {
          const condition = input.settings.statutoryDisclosures[decision.basis.statutoryIndex]?.condition;
          if (condition) count(`allowed:${condition}`);
        }
      }
    }
    const expected = [
      ...refusalReasons,
      "allowed:consent",
      "allowed:statutory",
      "allowed:functionalCapacity",
      "allowed:outsideEea",
      "allowed:minors_only",
      "allowed:purpose_limited",
      "staff_not_permitted:alone",
      "history:in_force",
      "history:lifted_before",
      "history:applied_after",
    ];
    for (const key of expected) expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
  });

  it("(8) the staff rule touches functional capacity only, and refuses it whenever the staff member may not read it", () => {
    property((input, evaluation) => {
      const other = evaluateDisclosure({ ...input, staff: { mayReadFunctionalCapacity: !input.staff.mayReadFunctionalCapacity } });
      const withoutFc = (e: DisclosureEvaluation) => e.decisions.filter((d) => d.category !== "functionalCapacity");
      expect(withoutFc(other)).toEqual(withoutFc(evaluation));
      const fcDecision = evaluation.decisions.find((d) => d.category === "functionalCapacity");
      if (fcDecision && !input.staff.mayReadFunctionalCapacity) {
        expect(fcDecision).toEqual({ category: "functionalCapacity", allowed: false, reason: "staff_not_permitted" });
      }
    });
  });

  it("(9) at a moment no restriction period covers, the history changes nothing: the decision is that of a client never restricted", () => {
    property((input, evaluation) => {
      if (oracleRestricted(input)) return;
      expect(evaluateDisclosure({ ...input, client: { ...input.client, restrictions: [] } })).toEqual(evaluation);
    });
  });

  it("(7) allowed decisions are the same whatever order the consents and requested categories come in", () => {
    property((input, evaluation) => {
      const reversed = evaluateDisclosure({ ...input, consents: [...input.consents].reverse(), categories: [...input.categories].reverse() });
      expect(reversed.allowed).toEqual(evaluation.allowed);
      expect(reversed.refused).toEqual(evaluation.refused);
    });
  });
});
