import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { helsinkiStartOfDay } from "../helsinki-time";
import {
  addCalendarMonths,
  currentDueOn,
  daysUntil,
  deadlineMark,
  dueDateFor,
  dueSoonUntil,
  extensionIssues,
  latestExtendedDueOn,
  receivedOnAt,
  requestDateIssues,
} from "./deadlines";

/**
 * GDPR Art 12(3) on Helsinki calendar days: the answer is due one calendar month after receipt
 * (31 January → 28 February, 29 in a leap year; 31 March → 30 April), an extension reaches at most
 * two further months from that date, and the person is told of it within the first month.
 */

describe("the due date: one calendar month after the day received", () => {
  it.each([
    ["2026-01-15", "2026-02-15", "the same day number next month"],
    ["2026-01-31", "2026-02-28", "31 January in a common year: the last day of February"],
    ["2028-01-31", "2028-02-29", "31 January in a leap year: 29 February"],
    ["2028-01-29", "2028-02-29", "29 January in a leap year"],
    ["2026-01-29", "2026-02-28", "29 January in a common year"],
    ["2026-03-31", "2026-04-30", "31 March: 30 April"],
    ["2026-05-31", "2026-06-30", "31 May: 30 June"],
    ["2026-02-28", "2026-03-28", "28 February: 28 March, not the month's end"],
    ["2028-02-29", "2028-03-29", "29 February: 29 March"],
    ["2026-12-15", "2027-01-15", "across the year's end"],
    ["2026-12-31", "2027-01-31", "31 December"],
    ["2100-01-31", "2100-02-28", "2100 is not a leap year"],
    ["2000-01-31", "2000-02-29", "2000 is"],
  ])("received %s → due %s (%s)", (receivedOn, due) => {
    expect(dueDateFor(receivedOn)).toBe(due);
  });

  it("counts the days between two dates across a month's end", () => {
    expect(daysUntil("2033-02-28", "2033-01-29")).toBe(30);
    expect(daysUntil("2033-03-01", "2033-02-28")).toBe(1);
    expect(daysUntil("2032-03-01", "2032-02-28")).toBe(2);
  });

  it("refuses what is not a date", () => {
    expect(() => dueDateFor("2026-02-30")).toThrow(RangeError);
    expect(() => addCalendarMonths("31.1.2026", 1)).toThrow(RangeError);
  });

  it("is never before the day received, and at most 31 days after it (property)", () => {
    const days = fc.integer({ min: 0, max: 365 * 200 }).map((n) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(days, (receivedOn) => {
        const due = dueDateFor(receivedOn);
        expect(daysUntil(due, receivedOn)).toBeGreaterThanOrEqual(28);
        expect(daysUntil(due, receivedOn)).toBeLessThanOrEqual(31);
        // The same day number, or the month's last day when the next month is shorter.
        expect(Number(due.slice(8))).toBe(Math.min(Number(receivedOn.slice(8)), lastDayOf(due)));
      }),
    );
  });
});

function lastDayOf(day: string): number {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

describe("the day received is Helsinki's day, across daylight-saving changes", () => {
  it.each([
    // 00:30 in Helsinki is still the previous day in UTC, in winter (+2) and in summer (+3).
    ["2026-03-30T22:30:00Z", "2026-03-31", "2026-04-30", "00:30 on 31 March, summer time (UTC still 30 March)"],
    ["2026-01-30T22:30:00Z", "2026-01-31", "2026-02-28", "00:30 on 31 January, winter time (UTC still 30 January)"],
    // The last Sunday of March: clocks go from 03:00 to 04:00; 29 March 2026.
    ["2026-03-28T22:30:00Z", "2026-03-29", "2026-04-29", "00:30 on the morning summer time begins"],
    ["2026-03-29T01:30:00Z", "2026-03-29", "2026-04-29", "04:30 summer time, just after the switch"],
    // The last Sunday of October: clocks go from 04:00 back to 03:00; 25 October 2026.
    ["2026-10-24T21:30:00Z", "2026-10-25", "2026-11-25", "00:30 on the morning summer time ends"],
    ["2026-10-25T21:59:00Z", "2026-10-25", "2026-11-25", "23:59 winter time that evening"],
    ["2026-10-25T22:00:00Z", "2026-10-26", "2026-11-26", "midnight after the switch: the next day"],
  ])("at %s it is %s in Helsinki, due %s (%s)", (instant, receivedOn, due) => {
    expect(receivedOnAt(new Date(instant))).toBe(receivedOn);
    expect(dueDateFor(receivedOnAt(new Date(instant)))).toBe(due);
  });

  it("a month across a switch is a month of calendar days, whatever the hours in between", () => {
    // 1 March → 1 April spans the spring switch: 31 days, one of them 23 hours long.
    expect(dueDateFor("2026-03-01")).toBe("2026-04-01");
    const hours = (helsinkiStartOfDay("2026-04-01").getTime() - helsinkiStartOfDay("2026-03-01").getTime()) / 3_600_000;
    expect(hours).toBe(31 * 24 - 1);
    // 1 October → 1 November spans the autumn switch: one day is 25 hours long.
    expect(dueDateFor("2026-10-01")).toBe("2026-11-01");
    expect((helsinkiStartOfDay("2026-11-01").getTime() - helsinkiStartOfDay("2026-10-01").getTime()) / 3_600_000).toBe(31 * 24 + 1);
  });
});

describe("the extension: at most two further months from the original due date", () => {
  it.each([
    ["2026-01-15", "2026-02-15", "2026-04-15"],
    ["2026-01-31", "2026-02-28", "2026-04-28"],
    ["2028-01-31", "2028-02-29", "2028-04-29"],
    ["2026-03-31", "2026-04-30", "2026-06-30"],
    ["2026-11-30", "2026-12-30", "2027-02-28"],
    ["2026-12-31", "2027-01-31", "2027-03-31"],
  ])("received %s, due %s: extended at most to %s", (receivedOn, due, latest) => {
    expect(dueDateFor(receivedOn)).toBe(due);
    expect(latestExtendedDueOn(receivedOn)).toBe(latest);
    expect(extensionIssues({ receivedOn, dueOn: due, extendedDueOn: latest, toldOn: receivedOn, today: receivedOn })).toEqual([]);
  });

  const base = { receivedOn: "2026-01-31", dueOn: "2026-02-28", today: "2026-02-10" };

  it.each([
    ["2026-04-29", "extension_too_long", "a day past two further months (three months from receipt)"],
    ["2026-05-31", "extension_too_long", "four months from receipt"],
    ["2026-02-28", "extension_not_later", "the same due date"],
    ["2026-02-20", "extension_not_later", "earlier than the due date"],
  ])("refuses the new due date %s: %s (%s)", (extendedDueOn, code) => {
    expect(extensionIssues({ ...base, extendedDueOn, toldOn: "2026-02-05" })).toEqual([{ field: "extendedDueOn", code }]);
  });

  it.each([
    ["2026-01-30", "told_before_received", "before the request arrived"],
    ["2026-03-01", "told_after_first_month", "after the first month"],
    ["2026-02-11", "told_in_future", "tomorrow"],
  ])("refuses telling the person on %s: %s (%s)", (toldOn, code) => {
    expect(extensionIssues({ ...base, extendedDueOn: "2026-04-28", toldOn })).toEqual([{ field: "toldOn", code }]);
  });

  it("accepts telling the person on the day received and on the last day of the first month", () => {
    expect(extensionIssues({ ...base, today: "2026-03-10", extendedDueOn: "2026-04-28", toldOn: "2026-01-31" })).toEqual([]);
    expect(extensionIssues({ ...base, today: "2026-03-10", extendedDueOn: "2026-04-28", toldOn: "2026-02-28" })).toEqual([]);
  });

  it("counts the first month and the limit from receipt even when the officer set an earlier due date", () => {
    expect(extensionIssues({ ...base, today: "2026-03-01", dueOn: "2026-02-20", extendedDueOn: "2026-04-28", toldOn: "2026-02-25" })).toEqual([]);
  });

  it("leaves a date that did not parse to the field's own error", () => {
    expect(extensionIssues({ ...base, extendedDueOn: "", toldOn: undefined })).toEqual([]);
  });

  it("the current due date is the extended one once there is one", () => {
    expect(currentDueOn({ dueOn: "2026-02-28", extendedDueOn: null })).toBe("2026-02-28");
    expect(currentDueOn({ dueOn: "2026-02-28", extendedDueOn: "2026-04-28" })).toBe("2026-04-28");
  });
});

describe("a due date the officer sets when logging", () => {
  it.each([
    [{ receivedOn: "2026-03-10", dueOn: "2026-03-09" }, [{ field: "dueOn", code: "due_before_received" }]],
    [{ receivedOn: "2026-03-10", dueOn: "2026-04-11" }, [{ field: "dueOn", code: "due_after_one_month" }]],
    [{ receivedOn: "2026-01-31", dueOn: "2026-03-01" }, [{ field: "dueOn", code: "due_after_one_month" }]],
    [{ receivedOn: "2026-03-10", dueOn: "2026-03-10" }, []],
    [{ receivedOn: "2026-03-10", dueOn: "2026-04-10" }, []],
    [{ receivedOn: "2026-03-10", dueOn: undefined }, []],
    [{ receivedOn: "not a date", dueOn: "2026-03-09" }, []],
  ])("%o → %o", (dates, issues) => {
    expect(requestDateIssues(dates)).toEqual(issues);
  });
});

describe("the officer's home: due within seven days, and overdue", () => {
  it.each<[string, string, string | null, string]>([
    ["2026-02-27", "2026-02-28", "overdue", "the day after the due date"],
    ["2026-02-28", "2026-02-28", "due_soon", "on the due date itself"],
    ["2026-03-07", "2026-02-28", "due_soon", "seven days ahead"],
    ["2026-03-08", "2026-02-28", null, "eight days ahead"],
  ])("due %s, today %s: %s (%s)", (dueOn, today, mark) => {
    expect(deadlineMark(dueOn, today)).toBe(mark);
  });

  it("reads today on Helsinki's day: at 00:30 on 1 March a request due 28 February is already overdue", () => {
    const now = new Date("2026-02-28T22:30:00Z");
    const { today, until } = dueSoonUntil(now);
    expect(today).toBe("2026-03-01");
    expect(until).toBe("2026-03-08");
    expect(deadlineMark("2026-02-28", today)).toBe("overdue");
  });

  it("agrees with its bound: listed exactly when marked (property)", () => {
    const offset = fc.integer({ min: -60, max: 60 });
    fc.assert(
      fc.property(offset, (days) => {
        const now = new Date("2026-06-15T09:00:00Z");
        const { today, until } = dueSoonUntil(now);
        const due = new Date(Date.UTC(2026, 5, 15 + days)).toISOString().slice(0, 10);
        expect(deadlineMark(due, today) !== null).toBe(due <= until);
      }),
    );
  });
});
