import { addDays } from "../case-marks";
import { helsinkiDate, isIsoDate } from "../helsinki-time";

/**
 * When a data subject's request must be answered (GDPR Art 12(3); DESIGN.md "Rights in detail"):
 * within one month of receipt, extendable by at most two further months where the request is complex
 * or there are many, the person told of the extension and its reasons within the first month.
 *
 * Everything here is on Helsinki calendar days (YYYY-MM-DD), where the office receives and answers:
 * a letter opened at 00:30 on 1 April in Helsinki was received on 1 April, although it is still
 * 31 March in UTC. A month is a calendar month, as the Finnish Act on the Calculation of Statutory
 * Time Limits (150/1930) §3 counts it: the same day number in the next month, or that month's last
 * day when it has no such day (31 January → 28 February, or 29 in a leap year; 31 March → 30 April).
 * Daylight-saving changes move no calendar day, so they change nothing here; the instants a day
 * begins at are read with lib/helsinki-time.ts.
 */

/** The answer is due this many calendar months after receipt. */
export const RESPONSE_MONTHS = 1;
/** An extension adds at most this many further months to the original due date. */
export const MAX_EXTENSION_MONTHS = 2;
/** The officer's home lists open requests due within this many days (and every overdue one). */
export const DUE_SOON_DAYS = 7;

/** `day` plus `months` calendar months; the month's last day when it has no such day number. */
export function addCalendarMonths(day: string, months: number): string {
  if (!isIsoDate(day)) throw new RangeError(`Not a date: ${JSON.stringify(day)}`);
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  // Day 0 of the following month is this month's last day.
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** The Helsinki day a request arriving at `instant` was received on. */
export function receivedOnAt(instant: Date): string {
  return helsinkiDate(instant);
}

/** The statutory due date: one calendar month after the day received. */
export function dueDateFor(receivedOn: string): string {
  return addCalendarMonths(receivedOn, RESPONSE_MONTHS);
}

/**
 * The latest an extension may reach: two further months from the original (statutory) due date,
 * counted from that date, never from receipt: 31 January → 28 February → 28 April, not 30 April
 * (the earlier of the two readings, so the person is never kept waiting longer than either allows).
 */
export function latestExtendedDueOn(receivedOn: string): string {
  return addCalendarMonths(dueDateFor(receivedOn), MAX_EXTENSION_MONTHS);
}

/** The date a request is due on now: the extended date once there is one. */
export function currentDueOn(request: { dueOn: string; extendedDueOn?: string | null }): string {
  return request.extendedDueOn ?? request.dueOn;
}

export type DeadlineMark = "overdue" | "due_soon";

/**
 * An open request's mark on `today`: overdue once its due date has passed (an answer on the due
 * date itself is in time), due soon from seven days before it through that day.
 */
export function deadlineMark(dueOn: string, today: string): DeadlineMark | null {
  if (dueOn < today) return "overdue";
  return dueOn <= addDays(today, DUE_SOON_DAYS) ? "due_soon" : null;
}

/** Days from `today` to the due date: negative when overdue. */
export function daysUntil(dueOn: string, today: string): number {
  // ISO months count from 1, Date.UTC's from 0.
  const [a, b] = [dueOn, today].map((day) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  });
  return Math.round((a! - b!) / 86_400_000);
}

/** The same rule as a bound for the data layer's query: open requests due on or before this day are listed. */
export function dueSoonUntil(now: Date): { today: string; until: string } {
  const today = helsinkiDate(now);
  return { today, until: addDays(today, DUE_SOON_DAYS) };
}

/**
 * A problem with a request's dates: the field it belongs to and the message code, which is also the
 * data layer's refusal code (lib/refusal.ts), so the form reads the same text whichever checked it.
 */
export interface DateIssue<F extends string = string> {
  field: F;
  code: "due_before_received" | "due_after_one_month" | "extension_not_later" | "extension_too_long" | "told_before_received" | "told_after_first_month" | "told_in_future";
}

const comparable = (value: unknown): value is string => typeof value === "string" && isIsoDate(value);

/**
 * The dates of a request as logged: a due date, when the officer sets one, falls between the day
 * received and the statutory due date (an earlier target is the officer's to set; a later one is an
 * extension and goes through extensionIssues). Looks only at dates that parsed.
 */
export function requestDateIssues({ receivedOn, dueOn }: { receivedOn: unknown; dueOn?: unknown }): DateIssue<"dueOn">[] {
  if (!comparable(receivedOn) || !comparable(dueOn)) return [];
  if (dueOn < receivedOn) return [{ field: "dueOn", code: "due_before_received" }];
  if (dueOn > dueDateFor(receivedOn)) return [{ field: "dueOn", code: "due_after_one_month" }];
  return [];
}

/**
 * An extension (Art 12(3)): a new due date later than the current one and at most two further
 * months from the statutory due date (three months from receipt in all); the person told of it,
 * with the reasons, on a day from receipt through the statutory due date (within the first month)
 * and not in the future. Looks only at dates that parsed.
 */
export function extensionIssues({
  receivedOn,
  dueOn,
  extendedDueOn,
  toldOn,
  today,
}: {
  receivedOn: string;
  dueOn: string;
  extendedDueOn: unknown;
  toldOn: unknown;
  today: string;
}): DateIssue<"extendedDueOn" | "toldOn">[] {
  const issues: DateIssue<"extendedDueOn" | "toldOn">[] = [];
  if (comparable(extendedDueOn)) {
    if (extendedDueOn <= dueOn) issues.push({ field: "extendedDueOn", code: "extension_not_later" });
    else if (extendedDueOn > latestExtendedDueOn(receivedOn)) issues.push({ field: "extendedDueOn", code: "extension_too_long" });
  }
  if (comparable(toldOn)) {
    if (toldOn < receivedOn) issues.push({ field: "toldOn", code: "told_before_received" });
    else if (toldOn > dueDateFor(receivedOn)) issues.push({ field: "toldOn", code: "told_after_first_month" });
    else if (toldOn > today) issues.push({ field: "toldOn", code: "told_in_future" });
  }
  return issues;
}
