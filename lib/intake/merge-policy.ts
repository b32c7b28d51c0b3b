import { normalizeForSearch, toSearchName } from "@/lib/search-name";
import type { StoredIntakeAnswers } from "./stored-answers";

/**
 * What merging a public intake submission into an existing client may change (DESIGN.md rules 1
 * and 4; security issue 9). Anyone who knows a person's identity code can fill in the public form, so
 * a submission's answers are unverified claims. The rule:
 *
 * - nothing the register holds is overwritten, and nothing is added, unless staff confirm that item
 *   after checking the person's identity — every proposal is offered, none is applied by default;
 * - a name that does not match the client is flagged, never silently accepted;
 * - the submission's consents attach to the client only when staff confirm that the person who
 *   submitted is the client or the client's guardian, with the identity check that showed it;
 * - a family member is linked to another client only when staff confirm that link.
 *
 * Pure: the data layer reads the client and the submission, asks this module what may change, and
 * applies exactly that in its transaction.
 */

/** Client columns a merge may set. */
export const mergeFields = [
  "phone",
  "email",
  "streetAddress",
  "postalCode",
  "postOffice",
  "homeMunicipality",
  "preferredContactMethod",
  "preferredLanguage",
  "interpreterNeeded",
  "interpreterLanguage",
  "dateOfBirth",
  "gender",
  "personalIdentityCode",
  "arrivalDate",
  "maritalStatus",
  "citizenships",
] as const;
export type MergeField = (typeof mergeFields)[number];

/** Contact details: what the person gave is offered as the current value, even over a recorded one. */
const CONTACT_FIELDS = new Set<MergeField>([
  "phone",
  "email",
  "streetAddress",
  "postalCode",
  "postOffice",
  "homeMunicipality",
  "preferredContactMethod",
  "preferredLanguage",
  "interpreterNeeded",
  "interpreterLanguage",
]);

export type MergeValue = string | boolean | readonly string[] | null;

/** The client as a merge compares it. The identity code is only known to exist or not. */
export interface MergeClient {
  firstNames: string;
  lastName: string;
  dateOfBirth: string | null;
  gender: string | null;
  phone: string | null;
  email: string | null;
  streetAddress: string | null;
  postalCode: string | null;
  postOffice: string | null;
  homeMunicipality: string | null;
  preferredContactMethod: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  arrivalDate: string | null;
  maritalStatus: string | null;
  citizenships: readonly string[];
  hasIdentityCode: boolean;
}

export interface MergeSubmission {
  answers: StoredIntakeAnswers;
  /** The language the form was filled in: offered as the preferred language. */
  locale: string;
  hasIdentityCode: boolean;
}

export interface FieldProposal {
  key: `field:${MergeField}`;
  field: MergeField;
  /** update: the client has another value; fill: the client has none. */
  kind: "update" | "fill";
  current: MergeValue;
  /** The identity code's value is never carried here: the page shows it masked. */
  proposed: MergeValue;
}

const given = (value: string | undefined | null): string | null => (value && value.trim() !== "" ? value : null);
const same = (a: string | null | undefined, b: string | null | undefined) => normalizeForSearch(a ?? "") === normalizeForSearch(b ?? "");

/** Whether the name on the form is the client's name (case, accents and spacing aside). */
export function nameMatches(client: Pick<MergeClient, "firstNames" | "lastName">, about: Pick<StoredIntakeAnswers["about"], "firstNames" | "lastName">): boolean {
  return toSearchName(client.firstNames, client.lastName) === toSearchName(about.firstNames, about.lastName);
}

export function citizenshipsOf(answers: StoredIntakeAnswers): string[] {
  return [answers.about.citizenship, answers.about.otherCitizenship].filter((value): value is string => Boolean(given(value)));
}

/** What the submission's answers would set, field by field (undefined: the form said nothing). */
function submittedValues(submission: MergeSubmission): Partial<Record<MergeField, MergeValue | undefined>> {
  const { about, contact, residence, family } = submission.answers;
  const interpreterNeeded = about.interpreterNeeded === undefined ? undefined : about.interpreterNeeded === "yes";
  return {
    phone: given(contact.phone) ?? undefined,
    email: given(contact.email) ?? undefined,
    streetAddress: given(contact.streetAddress) ?? undefined,
    postalCode: given(contact.postalCode) ?? undefined,
    postOffice: given(contact.postOffice) ?? undefined,
    homeMunicipality: given(contact.municipality) ?? undefined,
    preferredContactMethod: contact.preferredContact,
    preferredLanguage: submission.locale,
    interpreterNeeded,
    interpreterLanguage: interpreterNeeded === undefined ? undefined : interpreterNeeded ? (given(about.interpreterLanguage) ?? undefined) : null,
    dateOfBirth: about.dateOfBirth,
    gender: about.gender && about.gender !== "prefer_not_to_say" ? about.gender : undefined,
    arrivalDate: residence.arrivalDate,
    maritalStatus: family.maritalStatus,
  };
}

function isEmpty(value: MergeValue | undefined): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * Every client field the submission would change, with the client's current value. Contact details
 * are offered over a recorded value (kind "update"); identity, residence and family details only
 * where the client has none (kind "fill"); citizenships the form adds are offered as the union.
 */
export function fieldProposals(client: MergeClient, submission: MergeSubmission): FieldProposal[] {
  const proposals: FieldProposal[] = [];
  const offer = (field: MergeField, current: MergeValue, proposed: MergeValue) =>
    proposals.push({ key: `field:${field}`, field, kind: isEmpty(current) ? "fill" : "update", current, proposed });
  const values = submittedValues(submission);
  for (const field of mergeFields) {
    if (field === "personalIdentityCode" || field === "citizenships") continue;
    const proposed = values[field];
    if (proposed === undefined) continue;
    const current = client[field];
    // An empty interpreter language only matters when it clears a recorded one.
    if (proposed === null && (field !== "interpreterLanguage" || current === null)) continue;
    if (current === proposed) continue;
    if (!CONTACT_FIELDS.has(field) && !isEmpty(current)) continue;
    offer(field, current, proposed);
  }
  if (submission.hasIdentityCode && !client.hasIdentityCode) offer("personalIdentityCode", null, null);
  const added = citizenshipsOf(submission.answers).filter((c) => !client.citizenships.some((existing) => same(existing, c)));
  if (added.length > 0) offer("citizenships", client.citizenships, [...client.citizenships, ...added]);
  return proposals;
}

// ---------------------------------------------------------------------------------------------
// Rows the submission would add (permit, family members, education, work, languages)

export type MergeRowKind = "permit" | "family" | "education" | "work" | "language";

export interface PermitRow {
  permitType: string;
  validFrom: string | null;
  validUntil: string | null;
}
export interface FamilyRow {
  fullName: string;
  relation: string;
  dateOfBirth: string | null;
}
export interface EducationRow {
  level: string;
  field: string | null;
  country: string | null;
  endYear: number | null;
}
export interface WorkRow {
  jobTitle: string;
  country: string | null;
}
export interface LanguageRow {
  name: string;
  level: string | null;
}

export interface RowSets {
  permit: PermitRow[];
  family: FamilyRow[];
  education: EducationRow[];
  work: WorkRow[];
  language: LanguageRow[];
}

/** When a submitted row is one the client already has. */
const alreadyRecorded: { [K in MergeRowKind]: (row: RowSets[K][number], existing: RowSets[K][number]) => boolean } = {
  permit: (row, existing) => row.permitType === existing.permitType && row.validFrom === existing.validFrom && row.validUntil === existing.validUntil,
  family: (row, existing) =>
    same(row.fullName, existing.fullName) && (row.dateOfBirth === existing.dateOfBirth || !row.dateOfBirth || !existing.dateOfBirth),
  education: (row, existing) =>
    same(row.level, existing.level) && same(row.field, existing.field) && same(row.country, existing.country) && row.endYear === existing.endYear,
  work: (row, existing) => same(row.jobTitle, existing.jobTitle) && same(row.country, existing.country),
  // A language at a level not yet recorded is new: the earlier level stays as history.
  language: (row, existing) => same(row.name, existing.name) && same(row.level, existing.level),
};

export interface RowProposal {
  key: `row:${MergeRowKind}:${number}`;
  kind: MergeRowKind;
  /** The row's index among the submission's rows of its kind. */
  index: number;
}

/** The submission's rows the client does not have yet, each offered on its own. */
export function rowProposals(submitted: RowSets, existing: RowSets): RowProposal[] {
  const proposals: RowProposal[] = [];
  for (const kind of ["permit", "family", "education", "work", "language"] as const) {
    const isKnown = alreadyRecorded[kind] as (row: RowSets[typeof kind][number], existing: RowSets[typeof kind][number]) => boolean;
    (submitted[kind] as RowSets[typeof kind]).forEach((row, index) => {
      if (!(existing[kind] as RowSets[typeof kind]).some((known) => isKnown(row, known))) proposals.push({ key: `row:${kind}:${index}`, kind, index });
    });
  }
  return proposals;
}

// ---------------------------------------------------------------------------------------------
// Family links and consents

export interface FamilyLinkProposal {
  key: `link:${number}`;
  /** The family member's index among the submission's members. */
  memberIndex: number;
  /** The one client with that member's name and date of birth. */
  relatedClientId: string;
}

/**
 * A link is offered for each family member who matches exactly one other client by name and date of
 * birth (`candidates`, found by the data layer): never applied without staff confirming it.
 */
export function familyLinkProposals(candidates: ReadonlyMap<number, string>): FamilyLinkProposal[] {
  return [...candidates.entries()].sort(([a], [b]) => a - b).map(([memberIndex, relatedClientId]) => ({ key: `link:${memberIndex}`, memberIndex, relatedClientId }));
}

/**
 * Accepting a new client: another client's family-member row that names this person (same name and
 * date of birth, not yet linked) may be pointed at the new client — again only when confirmed.
 */
export interface MemberOfProposal {
  key: `member-of:${string}`;
  familyMemberId: string;
  /** The client whose family list holds the row. */
  ownerClientId: string;
}

export function memberOfProposals(rows: readonly { familyMemberId: string; ownerClientId: string }[]): MemberOfProposal[] {
  return rows.map((row) => ({ key: `member-of:${row.familyMemberId}`, familyMemberId: row.familyMemberId, ownerClientId: row.ownerClientId }));
}

/** The proposals whose keys staff ticked; keys not on offer are ignored. */
export function confirmed<T extends { key: string }>(proposals: readonly T[], apply: readonly string[]): T[] {
  const chosen = new Set(apply);
  return proposals.filter((proposal) => chosen.has(proposal.key));
}

/** How staff checked that the person in front of them (or on the line) is the client. */
export const identityChecks = ["none", "identity_document", "strong_electronic_identification", "known_in_person", "registered_contact_callback"] as const;
export type IdentityCheck = (typeof identityChecks)[number];

/** Who staff confirmed submitted the form. */
export const submitterConfirmations = ["not_confirmed", "client", "guardian"] as const;
export type SubmitterConfirmation = (typeof submitterConfirmations)[number];

export interface MergeProposal {
  nameMatches: boolean;
  fields: FieldProposal[];
  rows: RowProposal[];
  familyLinks: FamilyLinkProposal[];
}

export type MergeItemKey = FieldProposal["key"] | RowProposal["key"] | FamilyLinkProposal["key"];

export function proposeMerge({
  client,
  submission,
  submittedRows,
  existingRows,
  familyCandidates,
}: {
  client: MergeClient;
  submission: MergeSubmission;
  submittedRows: RowSets;
  existingRows: RowSets;
  familyCandidates: ReadonlyMap<number, string>;
}): MergeProposal {
  return {
    nameMatches: nameMatches(client, submission.answers.about),
    fields: fieldProposals(client, submission),
    rows: rowProposals(submittedRows, existingRows),
    familyLinks: familyLinkProposals(familyCandidates),
  };
}

export interface MergeConfirmation {
  /** The keys of the proposals staff ticked. */
  apply: readonly string[];
  identityCheck: IdentityCheck;
  submitter: SubmitterConfirmation;
}

export interface MergeDecision {
  fields: FieldProposal[];
  rows: RowProposal[];
  familyLinks: FamilyLinkProposal[];
  attachConsents: boolean;
}

/**
 * What a merge applies: exactly the proposals staff confirmed (a key that is not on offer now is
 * ignored, so a stale or forged form cannot reach further than the proposal), and the consents only
 * when the submitter was confirmed as the client or their guardian. Nothing at all is applied
 * without an identity check: the schema refuses such a form, and this rule holds it again.
 */
export function decideMerge(proposal: MergeProposal, confirmation: MergeConfirmation): MergeDecision {
  if (confirmation.identityCheck === "none") return { fields: [], rows: [], familyLinks: [], attachConsents: false };
  const rows = confirmed(proposal.rows, confirmation.apply);
  // A link needs its member's row on the client: one being added now, or one recorded already.
  const memberRowDeclined = (index: number) =>
    proposal.rows.some((row) => row.kind === "family" && row.index === index) && !rows.some((row) => row.kind === "family" && row.index === index);
  return {
    fields: confirmed(proposal.fields, confirmation.apply),
    rows,
    familyLinks: confirmed(proposal.familyLinks, confirmation.apply).filter((link) => !memberRowDeclined(link.memberIndex)),
    attachConsents: confirmation.submitter !== "not_confirmed",
  };
}

/** Whether the form's choices need an identity check first (anything applied, or consents attached). */
export function needsIdentityCheck(confirmation: Pick<MergeConfirmation, "apply" | "submitter">): boolean {
  return confirmation.apply.length > 0 || confirmation.submitter !== "not_confirmed";
}
