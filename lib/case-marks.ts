import { helsinkiDate, helsinkiStartOfDay } from "./helsinki-time";

/**
 * The marks a case shows (DESIGN.md "the case"): a family member who is a minor, a residence permit
 * that has expired or expires soon, an integration plan whose review is due soon or overdue. One home
 * for the rule, so the case page marks a client exactly when the staff home lists them.
 *
 * Every mark is read on the Helsinki calendar day, where the staff work: at 00:30 in Helsinki it is
 * already tomorrow there while still today in UTC, and a person turns 18, a permit runs out or a
 * review falls due on the Helsinki day. All dates are YYYY-MM-DD calendar days; pure and free of
 * the clock, so callers pass the instant they read the marks at.
 */

/** The age of majority in Finland (the Guardianship Services Act, 442/1999). */
export const AGE_OF_MAJORITY = 18;
/** A permit is marked as expiring when its last valid day is at most this many days ahead. */
export const PERMIT_EXPIRING_WITHIN_DAYS = 60;
/** A plan's review is marked as due when its date is at most this many days ahead. */
export const REVIEW_DUE_WITHIN_DAYS = 14;
/** The staff home lists appointments from the start of today through this many days after it. */
export const UPCOMING_APPOINTMENT_DAYS = 7;

/** The Helsinki calendar day on which marks are read at an instant. */
export function marksDay(now: Date): string {
  return helsinkiDate(now);
}

/** A calendar day `days` days after (or before, if negative) `day`; leap days counted. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d));
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}

/**
 * Whole years of age on `day`, from a birth date: a year older on the birthday itself. Someone born
 * on 29 February turns a year older on 1 March in a common year (their birthday has not come on
 * 28 February), as the disclosure gate has always counted for its minors-only condition.
 */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Under 18 on the Helsinki day `today`. Without a birth date nobody is taken for a minor. */
export function isMinorOn(dateOfBirth: string | null | undefined, today: string): boolean {
  return dateOfBirth ? ageOn(dateOfBirth, today) < AGE_OF_MAJORITY : false;
}

export type PermitMark = "expired" | "expiring";

/** A permit's mark: expired once its last valid day has passed; expiring while that day is within 60 days. */
export function permitMark(validUntil: string | null | undefined, today: string): PermitMark | null {
  if (!validUntil) return null;
  if (validUntil < today) return "expired";
  return validUntil <= addDays(today, PERMIT_EXPIRING_WITHIN_DAYS) ? "expiring" : null;
}

export type ReviewMark = "overdue" | "due";

/** A plan's review mark: overdue once its date has passed; due from 14 days before it through the day itself. */
export function reviewMark(reviewDueOn: string | null | undefined, today: string): ReviewMark | null {
  if (!reviewDueOn) return null;
  if (reviewDueOn < today) return "overdue";
  return reviewDueOn <= addDays(today, REVIEW_DUE_WITHIN_DAYS) ? "due" : null;
}

/**
 * The same rules as bounds for the data layer's queries (the staff home lists what the case page
 * would mark): permits with `permitsExpiringFrom <= validUntil <= permitsExpiringUntil` (expiring,
 * not already expired), plans with `reviewDueOn <= reviewsDueUntil` (due or overdue), appointments
 * starting in `[appointmentsFrom, appointmentsBefore)`: today and the next seven Helsinki days.
 */
export interface MarkBounds {
  today: string;
  permitsExpiringFrom: string;
  permitsExpiringUntil: string;
  reviewsDueUntil: string;
  appointmentsFrom: Date;
  appointmentsBefore: Date;
}

export function markBounds(now: Date): MarkBounds {
  const today = marksDay(now);
  return {
    today,
    permitsExpiringFrom: today,
    permitsExpiringUntil: addDays(today, PERMIT_EXPIRING_WITHIN_DAYS),
    reviewsDueUntil: addDays(today, REVIEW_DUE_WITHIN_DAYS),
    appointmentsFrom: helsinkiStartOfDay(today),
    appointmentsBefore: helsinkiStartOfDay(addDays(today, UPCOMING_APPOINTMENT_DAYS + 1)),
  };
}
