import type { AuditAction } from "../audit-actions";
import { categoriesOfTable, categoryOfColumn, dataCategories, isDataCategory, type ClassifiedTable, type DataCategory } from "../data-categories";
import { helsinkiStartOfDay } from "../helsinki-time";

/**
 * Who must be told of a rectification, an erasure or a restriction (GDPR Art 19): every agency the
 * disclosure log shows received any of the data concerned before it changed. The rule, pure: the
 * corrections are read from the audit events the case forms write (they name the fields changed,
 * never the values), the categories from the one column classification (lib/data-categories.ts),
 * the recipients from the disclosure log. db/recipient-notices.ts fetches and records.
 */

// ---------------------------------------------------------------------------------------------
// Corrections: the case forms' writes, read from their audit events

/** An audit event as this rule reads it. */
export interface WriteEvent {
  seq: number;
  occurredAt: Date;
  action: string;
  details: Record<string, unknown>;
}

export interface Correction {
  seq: number;
  occurredAt: Date;
  action: AuditAction;
  /** The fields the event names (the form's field names). */
  fields: string[];
  /** The categories those fields belong to. */
  categories: DataCategory[];
}

/** The table each record-writing action writes (db/client-records.ts, db/case-work.ts). */
const recordTableOf: Partial<Record<AuditAction, ClassifiedTable>> = {
  "case.permit_recorded": "residence_permits",
  "case.family_member_recorded": "family_members",
  "case.skill_recorded": "skills",
  "case.work_recorded": "work_experiences",
  "case.education_recorded": "educations",
  "case.appointment_booked": "appointments",
  "case.appointment_rescheduled": "appointments",
  "case.appointment_cancelled": "appointments",
  "case.visit_recorded": "visits",
  "case.assessment_recorded": "initial_assessments",
  "case.plan_recorded": "integration_plans",
  "case.plan_reviewed": "integration_plan_reviews",
  "case.outcome_recorded": "outcomes",
  "case.functional_capacity_recorded": "functional_capacity_entries",
  "case.note_added": "case_notes",
};

/** The record kinds "case.record_removed" names (lib/validations/client-details.ts caseRecordKinds). */
const removedTableOf: Record<string, ClassifiedTable> = {
  permit: "residence_permits",
  family: "family_members",
  skill: "skills",
  work: "work_experiences",
  education: "educations",
};

/** Fields of the identity and contact form that are not a clients column of the same name. */
const clientFieldColumns: Record<string, string> = {
  citizenship: "citizenships",
  otherCitizenship: "citizenships",
  personalIdentityCode: "personal_identity_code_encrypted",
};

const snakeCase = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The category of a field of "client.updated" (the clients row), or null for bookkeeping. */
function categoryOfClientField(field: string): DataCategory | null {
  const cls = categoryOfColumn("clients", clientFieldColumns[field] ?? snakeCase(field));
  return isDataCategory(cls) ? cls : null;
}

/** The actions whose events can be corrections of the person's data. */
export const correctionActions: readonly AuditAction[] = ["client.updated", "case.record_removed", ...(Object.keys(recordTableOf) as AuditAction[])];

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** What an audit event corrected, or null when it is not a write of the client's data. */
export function correctionOf(event: WriteEvent): Correction | null {
  const action = event.action as AuditAction;
  if (!correctionActions.includes(action)) return null;
  const fields = stringsOf(event.details.fields);
  let categories: DataCategory[];
  if (action === "client.updated") {
    const named = new Set(fields.map(categoryOfClientField).filter((c): c is DataCategory => c !== null));
    categories = dataCategories.filter((category) => named.has(category));
  } else {
    const table = action === "case.record_removed" ? removedTableOf[String(event.details.kind)] : recordTableOf[action];
    categories = table ? categoriesOfTable(table) : [];
  }
  if (categories.length === 0) return null;
  return { seq: event.seq, occurredAt: event.occurredAt, action, fields, categories };
}

/**
 * The corrections a rectification request may be linked to: writes of the client's data from the
 * start of the (Helsinki) day the request was received until it was closed. The officer links the
 * ones that were the rectification; this only offers them.
 */
export function correctionCandidates(events: readonly WriteEvent[], request: { receivedOn: string; closedAt: Date | null }): Correction[] {
  const from = helsinkiStartOfDay(request.receivedOn).getTime();
  return events
    .filter((event) => event.occurredAt.getTime() >= from && (request.closedAt === null || event.occurredAt.getTime() <= request.closedAt.getTime()))
    .map(correctionOf)
    .filter((correction): correction is Correction => correction !== null)
    .sort((a, b) => a.seq - b.seq);
}

// ---------------------------------------------------------------------------------------------
// Recipients

/** A category the notice is about, and the moment from which recipients hold the changed data. */
export interface Concern {
  category: DataCategory;
  /** Disclosures before this moment carried the data as it was. */
  before: Date;
}

/** A rectification: each corrected category, as of its latest linked correction. */
export function concernsOfCorrections(corrections: readonly Correction[]): Concern[] {
  const latest = new Map<DataCategory, Date>();
  for (const correction of corrections) {
    for (const category of correction.categories) {
      const seen = latest.get(category);
      if (!seen || seen < correction.occurredAt) latest.set(category, correction.occurredAt);
    }
  }
  return dataCategories.flatMap((category) => {
    const before = latest.get(category);
    return before ? [{ category, before }] : [];
  });
}

/** An erasure or a restriction: every category, as of that moment. */
export function concernsOfWhole(before: Date): Concern[] {
  return dataCategories.map((category) => ({ category, before }));
}

/** A disclosure log row as this rule reads it. */
export interface LoggedDisclosure {
  id: string;
  agencyCode: string;
  categories: readonly string[];
  disclosedAt: Date;
}

export interface Recipient {
  agencyCode: string;
  /** The categories concerned that this agency received, in the register's order. */
  categories: DataCategory[];
  /** The disclosures that carried them, oldest first. */
  disclosureIds: string[];
}

/**
 * Every agency that received any category concerned before it changed, with those categories and
 * the disclosures that carried them; ordered by agency code. A disclosure made after the change
 * carried the data as they are now and needs no notice.
 */
export function recipientsToTell(disclosures: readonly LoggedDisclosure[], concerns: readonly Concern[]): Recipient[] {
  const byAgency = new Map<string, { categories: Set<DataCategory>; disclosures: LoggedDisclosure[] }>();
  for (const disclosure of disclosures) {
    const carried = concerns.filter(
      (concern) => disclosure.categories.includes(concern.category) && disclosure.disclosedAt.getTime() < concern.before.getTime(),
    );
    if (carried.length === 0) continue;
    const entry = byAgency.get(disclosure.agencyCode) ?? { categories: new Set<DataCategory>(), disclosures: [] };
    for (const concern of carried) entry.categories.add(concern.category);
    entry.disclosures.push(disclosure);
    byAgency.set(disclosure.agencyCode, entry);
  }
  return [...byAgency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([agencyCode, entry]) => ({
      agencyCode,
      categories: dataCategories.filter((category) => entry.categories.has(category)),
      disclosureIds: entry.disclosures.sort((a, b) => a.disclosedAt.getTime() - b.disclosedAt.getTime()).map((d) => d.id),
    }));
}

/** A notice already recorded to an agency, as this rule reads it. */
export interface RecordedNotice {
  agencyCode: string;
  categories: readonly string[];
  disclosureIds: readonly string[];
  correctionSeqs: readonly number[];
}

/**
 * Whether the notices recorded to this recipient already told it all it must be told: every
 * category and disclosure now listed for it, and every correction linked (a correction linked later,
 * or a category it turned out to hold, needs a further notice).
 */
export function toldAlready(recipient: Recipient, notices: readonly RecordedNotice[], correctionSeqs: readonly number[] = []): boolean {
  const own = notices.filter((notice) => notice.agencyCode === recipient.agencyCode);
  const told = (pick: (notice: RecordedNotice) => readonly (string | number)[]) => new Set(own.flatMap((notice) => [...pick(notice)]));
  const categories = told((notice) => notice.categories);
  const disclosures = told((notice) => notice.disclosureIds);
  const corrections = told((notice) => notice.correctionSeqs);
  return (
    own.length > 0 &&
    recipient.categories.every((category) => categories.has(category)) &&
    recipient.disclosureIds.every((id) => disclosures.has(id)) &&
    correctionSeqs.every((seq) => corrections.has(seq))
  );
}
