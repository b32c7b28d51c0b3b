import type { RequestKind, RestrictionGround } from "../domain-values";
import { helsinkiDate } from "../helsinki-time";

/**
 * Restriction of processing (GDPR Art 18; DESIGN.md rule 6): the one home of its rules — what each
 * ground still allows, whether a client was restricted at a moment (from the history, so that the
 * disclosure gate decides a past moment as it stood then), and when a restriction may be applied,
 * its lifting notice recorded and the restriction lifted. Pure: db/restrictions.ts fetches and
 * writes, the gate (lib/disclosure-gate.ts) and the case's write check (lib/auth/client-access.ts)
 * call these.
 */

/** One period of restriction: from applied until lifted (null: still in force). */
export interface RestrictionPeriod {
  appliedAt: Date;
  liftedAt: Date | null;
}

/** A recorded restriction, as the lifting rules need it. */
export interface RestrictionRecord extends RestrictionPeriod {
  /** Null only for a restriction carried over from before grounds were recorded. */
  ground: RestrictionGround | null;
  /** Art 18(3): when the person was told it will be lifted (a Helsinki day), if recorded. */
  liftNoticeToldOn: string | null;
}

// ---------------------------------------------------------------------------------------------
// What a ground still allows

/**
 * The writes to a case, as far as a restriction tells them apart:
 * - `person_details`: the person's own details (identity and contact, permits, family, skills,
 *   work, education; db/client-details.ts, db/client-records.ts),
 * - `case_note`: a case note,
 * - `case_work`: everything else the service records (appointments, visits, assessment, plans,
 *   outcomes, functional capacity, assignment, closing, consents recorded, intake merges).
 */
export const restrictableWrites = ["case_work", "person_details", "case_note"] as const;
export type RestrictableWrite = (typeof restrictableWrites)[number];

/**
 * What each ground allows beyond storage. Under every ground the data stay stored and readable by
 * staff who may open the case (reading it to answer the person is not processing it further), a
 * consent can be withdrawn (db/consents.ts allows that on any case), the officer handles the
 * person's requests, and nothing is disclosed: the gate refuses every category whatever the ground
 * (a disclosure for a legal claim, Art 18(2), is the officer's decision outside the disclosure tool).
 *
 * - accuracy_contested (Art 18(1)(a)): the period exists to verify the data, so correcting the
 *   person's own details is allowed — those corrections are the rectification the recipients are
 *   then told of (Art 19). The service's records stay as they are.
 * - legal_claims (Art 18(1)(c)): the data are kept as evidence for the person's claim and must not
 *   change; a case note may record what the claim needs (what was handed over, to whom, when).
 * - unlawful_processing (Art 18(1)(b)) and objection_pending (Art 18(1)(d)): storage only.
 * - no recorded ground (a restriction carried over from before grounds were recorded): storage only.
 */
export const groundAllows: Readonly<Record<RestrictionGround, readonly RestrictableWrite[]>> = {
  accuracy_contested: ["person_details"],
  unlawful_processing: [],
  legal_claims: ["case_note"],
  objection_pending: [],
};

/** Whether a restricted case may take this write under this ground. */
export function restrictionAllows(ground: RestrictionGround | null, write: RestrictableWrite): boolean {
  return ground !== null && groundAllows[ground].includes(write);
}

/**
 * The ground a request suggests (the officer confirms it): a contested rectification is Art
 * 18(1)(a), a pending objection 18(1)(d). A restriction request names its own ground.
 */
export function groundSuggestedBy(kind: RequestKind): RestrictionGround | null {
  if (kind === "rectification") return "accuracy_contested";
  if (kind === "objection") return "objection_pending";
  return null;
}

/** The kinds of request a restriction may be applied from (Art 18(1): the person asks for it, or contests or objects). */
export const restrictingRequestKinds = ["restriction", "rectification", "objection"] as const satisfies readonly RequestKind[];

export function mayRestrictFrom(kind: RequestKind): boolean {
  return (restrictingRequestKinds as readonly RequestKind[]).includes(kind);
}

// ---------------------------------------------------------------------------------------------
// The history

/** Whether a period was in force at `at`: from the instant applied, until (not at) the instant lifted. */
export function inForceAt(period: RestrictionPeriod, at: Date): boolean {
  return period.appliedAt.getTime() <= at.getTime() && (period.liftedAt === null || at.getTime() < period.liftedAt.getTime());
}

/** The period in force at `at`, or null: what the disclosure gate asks of the history. */
export function restrictionAt<T extends RestrictionPeriod>(history: readonly T[], at: Date): T | null {
  return history.find((period) => inForceAt(period, at)) ?? null;
}

/** The restriction in force now (not yet lifted), or null. */
export function currentRestriction<T extends RestrictionPeriod>(history: readonly T[]): T | null {
  return history.find((period) => period.liftedAt === null) ?? null;
}

/**
 * The history as the gate must read it, with the client's current mark (clients.restricted_at)
 * taken into account: the restriction writes keep the two in step, but a mark set without a
 * period (before the history existed, or by a script) still refuses from that moment on. Refusing
 * is the safe side, so an unlifted period also stands without the mark.
 */
export function periodsWithCurrentMark(history: readonly RestrictionPeriod[], restrictedAt: Date | null): RestrictionPeriod[] {
  const periods = history.map(({ appliedAt, liftedAt }) => ({ appliedAt, liftedAt }));
  if (restrictedAt && !currentRestriction(periods)) periods.push({ appliedAt: restrictedAt, liftedAt: null });
  return periods.sort((a, b) => a.appliedAt.getTime() - b.appliedAt.getTime());
}

// ---------------------------------------------------------------------------------------------
// Applying, telling, lifting

export type ApplyRefusal = "already_restricted";

/** A restriction is applied only to a client not already restricted (one period in force at a time). */
export function applyRefusal(history: readonly RestrictionPeriod[]): ApplyRefusal | null {
  return currentRestriction(history) ? "already_restricted" : null;
}

export type LiftNoticeRefusal = "already_lifted" | "notice_before_restriction" | "notice_in_future";

/**
 * Recording that the person was told the restriction will be lifted (Art 18(3)): on a restriction
 * still in force, on a day from the day it was applied up to today (Helsinki days).
 */
export function liftNoticeRefusal(restriction: RestrictionRecord, toldOn: string, now: Date): LiftNoticeRefusal | null {
  if (restriction.liftedAt) return "already_lifted";
  if (toldOn < helsinkiDate(restriction.appliedAt)) return "notice_before_restriction";
  if (toldOn > helsinkiDate(now)) return "notice_in_future";
  return null;
}

export type LiftRefusal = "already_lifted" | "notice_missing" | "notice_after_lift";

/**
 * Lifting (Art 18(3)): the person must have been told beforehand, so a restriction without a
 * recorded notice, or with one dated after the day of lifting, stays in force.
 */
export function liftRefusal(restriction: RestrictionRecord, at: Date): LiftRefusal | null {
  if (restriction.liftedAt) return "already_lifted";
  if (!restriction.liftNoticeToldOn) return "notice_missing";
  if (restriction.liftNoticeToldOn > helsinkiDate(at)) return "notice_after_lift";
  return null;
}
