import { isMinorOn } from "./case-marks";
import { consentStatus, type ConsentStatus, type ConsentTiming } from "./consent-status";
import { dataCategories, isSpecialCategory, type DataCategory } from "./data-categories";
import { helsinkiDate } from "./helsinki-time";
import type { DisclosureCondition, RegisterSettings } from "./register-settings";
import { restrictionAt, type RestrictionPeriod } from "./rights/restriction";

/**
 * The disclosure gate (DESIGN.md rule 3): may this client's data in these categories go to this
 * recipient at this moment, from this staff member, and on what basis? Pure — no database, no
 * clock — so the tool's options, the preview, the server's check when recording and the tests all
 * decide the same way.
 */

/** A consent row as the gate needs it. */
export interface GateConsent extends ConsentTiming {
  id: string;
  kind: "storage" | "obtain_data" | "disclosure" | "transfer";
  /** The recipient's agency code (disclosure and transfer consents). */
  agencyCode: string | null;
  categories: readonly string[];
}

export interface GateClient {
  /** YYYY-MM-DD, for statutory entries limited to minors. */
  dateOfBirth: string | null;
  /**
   * The restriction history (lib/rights/restriction.ts), not just whether the client is restricted
   * now: an evaluation at a past moment (`at`) must answer as the register stood then.
   */
  restrictions: readonly RestrictionPeriod[];
  status: "active" | "closed" | "erasure_pending";
}

/** The staff member disclosing, as the gate needs them: what they may read they may disclose. */
export interface GateStaff {
  /** lib/auth/client-access.ts#mayReadFunctionalCapacity for this client. */
  mayReadFunctionalCapacity: boolean;
}

export interface GateRecipient {
  code: string;
  insideEea: boolean;
}

export type DisclosureBasis =
  | { kind: "consent"; consentId: string; validUntil: string | null }
  | { kind: "statutory"; provision: RegisterSettings["statutoryDisclosures"][number]["provision"]; statutoryIndex: number };

export const refusalReasons = [
  /**
   * The staff member may not read functional capacity (only the client's own caseworker and
   * coordinators may), so may not disclose it either. Decided first: whatever the client's consents
   * say about that category is not this staff member's to learn.
   */
  "staff_not_permitted",
  /** Processing was restricted at the moment of the disclosure (DESIGN.md rule 6): nothing is disclosed, whatever the ground. */
  "client_restricted",
  /** The storage consent was withdrawn: the client awaits erasure and nothing more is processed. */
  "client_erasure_pending",
  /** The recipient is outside the EU/EEA and the settings forbid such transfers. */
  "transfer_forbidden",
  /** The recipient is outside the EU/EEA and no valid transfer consent names it. */
  "no_transfer_consent",
  /** A consent for this recipient and category was withdrawn. */
  "consent_withdrawn",
  /** A consent for this recipient and category ran out. */
  "consent_expired",
  /** A consent for this recipient and category starts later. */
  "consent_not_yet_valid",
  /** A statutory basis covers the category, but its condition (e.g. minors only) does not hold. */
  "statutory_condition_not_met",
  /** Functional capacity needs a consent that names it, and the valid consent does not. */
  "functional_capacity_not_named",
  /** A consent or statutory basis for this recipient exists, but not for this category. */
  "category_not_covered",
  /** Nothing: no consent for this recipient and no statutory basis. */
  "no_consent",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export type CategoryDecision =
  | { category: DataCategory; allowed: true; basis: DisclosureBasis }
  | { category: DataCategory; allowed: false; reason: RefusalReason; condition?: DisclosureCondition };

export interface DisclosureEvaluation {
  /** One decision per category asked about, in the register's category order. */
  decisions: CategoryDecision[];
  allowed: DataCategory[];
  refused: DataCategory[];
}

export interface EvaluateDisclosureInput {
  client: GateClient;
  staff: GateStaff;
  consents: readonly GateConsent[];
  settings: Pick<RegisterSettings, "statutoryDisclosures" | "transfersOutsideEea">;
  recipient: GateRecipient;
  categories: readonly DataCategory[];
  at: Date;
  /**
   * The disclosing staff member confirmed the disclosure is for the purpose a purpose-limited
   * statutory entry names. Without it such entries do not apply.
   */
  statutoryPurposeConfirmed?: boolean;
}

function conditionHolds(
  condition: DisclosureCondition | undefined,
  client: GateClient,
  day: string,
  purposeConfirmed: boolean,
): boolean {
  switch (condition) {
    case undefined:
      return true;
    case "minors_only":
      // A minor as the case marks one (lib/case-marks.ts), on the Helsinki day of the disclosure.
      return isMinorOn(client.dateOfBirth, day);
    case "purpose_limited":
      return purposeConfirmed;
  }
}

/** Consent statuses that explain a refusal, strongest first. */
const consentRefusals: [ConsentStatus, RefusalReason][] = [
  ["withdrawn", "consent_withdrawn"],
  ["expired", "consent_expired"],
  ["not_yet_valid", "consent_not_yet_valid"],
];

export function evaluateDisclosure(input: EvaluateDisclosureInput): DisclosureEvaluation {
  const { client, settings, recipient, at } = input;
  const day = helsinkiDate(at);
  const asked = dataCategories.filter((category) => input.categories.includes(category));
  const forRecipient = input.consents.filter((consent) => consent.agencyCode === recipient.code);
  const disclosureConsents = forRecipient
    .filter((consent) => consent.kind === "disclosure")
    .map((consent) => ({ consent, status: consentStatus(consent, at) }));
  const statutory = settings.statutoryDisclosures
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.agencyCode === recipient.code);

  // Reasons that refuse every category, before any basis is looked at.
  let refuseAll: RefusalReason | null = null;
  if (restrictionAt(client.restrictions, at)) refuseAll = "client_restricted";
  else if (client.status === "erasure_pending") refuseAll = "client_erasure_pending";
  else if (!recipient.insideEea) {
    if (settings.transfersOutsideEea === "forbidden") refuseAll = "transfer_forbidden";
    else if (!forRecipient.some((consent) => consent.kind === "transfer" && consentStatus(consent, at) === "valid")) {
      refuseAll = "no_transfer_consent";
    }
  }

  const decisions = asked.map((category): CategoryDecision => {
    if (category === "functionalCapacity" && !input.staff.mayReadFunctionalCapacity) {
      return { category, allowed: false, reason: "staff_not_permitted" };
    }
    if (refuseAll) return { category, allowed: false, reason: refuseAll };

    // A statutory basis applies only inside the EU/EEA and never to special categories (the settings
    // schema forbids both; checked again here because the gate must not depend on it).
    const statutoryCovering = recipient.insideEea && !isSpecialCategory(category)
      ? statutory.filter(({ entry }) => entry.categories.includes(category))
      : [];
    const statutoryMet = statutoryCovering.find(({ entry }) =>
      conditionHolds(entry.condition, client, day, input.statutoryPurposeConfirmed === true),
    );
    if (statutoryMet) {
      return { category, allowed: true, basis: { kind: "statutory", provision: statutoryMet.entry.provision, statutoryIndex: statutoryMet.index } };
    }

    const covering = disclosureConsents.filter(({ consent }) => consent.categories.includes(category));
    const valid = covering
      .filter(({ status }) => status === "valid")
      // The longest-lasting consent is the one to cite.
      .sort((a, b) => (a.consent.validUntil ?? "9999-12-31") < (b.consent.validUntil ?? "9999-12-31") ? 1 : -1)[0];
    if (valid) {
      return { category, allowed: true, basis: { kind: "consent", consentId: valid.consent.id, validUntil: valid.consent.validUntil } };
    }

    for (const [status, reason] of consentRefusals) {
      if (covering.some((candidate) => candidate.status === status)) return { category, allowed: false, reason };
    }
    const unmet = statutoryCovering[0];
    if (unmet) return { category, allowed: false, reason: "statutory_condition_not_met", condition: unmet.entry.condition };
    const anyValidConsent = disclosureConsents.some(({ status }) => status === "valid");
    if (anyValidConsent || statutory.length > 0) {
      return { category, allowed: false, reason: isSpecialCategory(category) ? "functional_capacity_not_named" : "category_not_covered" };
    }
    return { category, allowed: false, reason: "no_consent" };
  });

  return {
    decisions,
    allowed: decisions.filter((decision) => decision.allowed).map((decision) => decision.category),
    refused: decisions.filter((decision) => !decision.allowed).map((decision) => decision.category),
  };
}

/**
 * The categories a disclosure may carry: those asked for that the evaluation allowed. What a
 * document is built from, so that a refused category cannot reach it whatever the form sent.
 */
export function disclosableCategories(evaluation: DisclosureEvaluation, requested: readonly string[]): DataCategory[] {
  return evaluation.allowed.filter((category) => requested.includes(category));
}
