import { describe, expect, it } from "vitest";
import {
  addDays,
  ageOn,
  isMinorOn,
  markBounds,
  marksDay,
  permitMark,
  reviewMark,
  type PermitMark,
  type ReviewMark,
} from "./case-marks";

/**
 * The marks a case shows, read on the Helsinki calendar day: a minor in the family (under 18), a
 * residence permit expired or expiring within 60 days, an integration plan's review overdue or due
 * within 14 days. The staff home lists by the same rule (markBounds).
 *
 * Helsinki is UTC+2 in winter and UTC+3 in summer, so half an hour after midnight in Helsinki it is
 * still the previous day in UTC: the instants below are written in UTC with their Helsinki reading.
 */

const instant = (iso: string) => new Date(iso);

/** Half an hour either side of Helsinki midnight, in winter time and in summer time. */
const MIDNIGHTS = [
  { season: "winter", before: "2026-03-10T21:30:00Z", after: "2026-03-10T22:30:00Z", dayBefore: "2026-03-10", dayAfter: "2026-03-11" },
  { season: "summer", before: "2026-07-01T20:30:00Z", after: "2026-07-01T21:30:00Z", dayBefore: "2026-07-01", dayAfter: "2026-07-02" },
] as const;

describe("the day marks are read on", () => {
  it.each(MIDNIGHTS)("is Helsinki's day: at 23:30 still $dayBefore, at 00:30 already $dayAfter ($season), while UTC still reads $dayBefore", ({ before, after, dayBefore, dayAfter }) => {
    expect(marksDay(instant(before))).toBe(dayBefore);
    expect(marksDay(instant(after))).toBe(dayAfter);
    expect(instant(after).toISOString().slice(0, 10)).toBe(dayBefore);
  });

  it("counts calendar days across month ends and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-01-01", 60)).toBe("2028-03-01");
    expect(addDays("2027-01-01", 60)).toBe("2027-03-02");
    // Days, not hours: the clock change on 29 March does not shift the date.
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });
});

describe("a minor in the family", () => {
  it("ageOn counts whole years, turning a year older on the birthday itself", () => {
    expect(ageOn("2008-03-11", "2026-03-10")).toBe(17);
    expect(ageOn("2008-03-11", "2026-03-11")).toBe(18);
    expect(ageOn("2008-03-11", "2026-03-12")).toBe(18);
    expect(ageOn("2008-12-31", "2026-01-01")).toBe(17);
    expect(ageOn("1990-05-01", "2026-03-10")).toBe(35);
  });

  it.each([
    { dateOfBirth: "2008-03-11", today: "2026-03-10", minor: true, why: "the day before the 18th birthday" },
    { dateOfBirth: "2008-03-11", today: "2026-03-11", minor: false, why: "on the 18th birthday itself" },
    { dateOfBirth: "2026-03-10", today: "2026-03-10", minor: true, why: "born today" },
    { dateOfBirth: "1990-05-01", today: "2026-03-10", minor: false, why: "an adult" },
    { dateOfBirth: null, today: "2026-03-10", minor: false, why: "no date of birth recorded" },
    // Born on a leap day: 18 once the birthday has passed, on 1 March in a common year.
    { dateOfBirth: "2008-02-29", today: "2026-02-28", minor: true, why: "born 29 February, on 28 February of a common year" },
    { dateOfBirth: "2008-02-29", today: "2026-03-01", minor: false, why: "born 29 February, on 1 March of a common year" },
    { dateOfBirth: "2010-02-28", today: "2028-02-29", minor: false, why: "turned 18 on 28 February, read on the leap day" },
    { dateOfBirth: "2010-03-01", today: "2028-02-29", minor: true, why: "turns 18 on 1 March, read on the leap day" },
    { dateOfBirth: "2010-03-01", today: "2028-03-01", minor: false, why: "turns 18 on 1 March of a leap year" },
  ])("$why: minor $minor", ({ dateOfBirth, today, minor }) => {
    expect(isMinorOn(dateOfBirth, today)).toBe(minor);
  });

  it.each(MIDNIGHTS)("turns 18 at Helsinki midnight ($season): a minor at 23:30, an adult at 00:30 on the birthday", ({ before, after, dayAfter }) => {
    const dateOfBirth = `${Number(dayAfter.slice(0, 4)) - 18}${dayAfter.slice(4)}`;
    expect(isMinorOn(dateOfBirth, marksDay(instant(before)))).toBe(true);
    expect(isMinorOn(dateOfBirth, marksDay(instant(after)))).toBe(false);
  });
});

describe("a residence permit", () => {
  const today = "2026-03-10";
  it.each<{ validUntil: string | null; mark: PermitMark | null; why: string }>([
    { validUntil: "2026-03-09", mark: "expired", why: "its last valid day was yesterday" },
    { validUntil: "2025-01-01", mark: "expired", why: "it ran out long ago" },
    { validUntil: "2026-03-10", mark: "expiring", why: "today is its last valid day" },
    { validUntil: "2026-05-09", mark: "expiring", why: "its last valid day is 60 days ahead" },
    { validUntil: "2026-05-10", mark: null, why: "its last valid day is 61 days ahead" },
    { validUntil: null, mark: null, why: "it has no end date" },
  ])("is marked $mark when $why", ({ validUntil, mark }) => {
    expect(permitMark(validUntil, today)).toBe(mark);
  });

  it.each(MIDNIGHTS)("runs out at Helsinki midnight ($season): expiring at 23:30 on its last day, expired at 00:30", ({ before, after, dayBefore }) => {
    expect(permitMark(dayBefore, marksDay(instant(before)))).toBe("expiring");
    expect(permitMark(dayBefore, marksDay(instant(after)))).toBe("expired");
  });

  it.each(MIDNIGHTS)("enters the 60-day window at Helsinki midnight ($season)", ({ before, after, dayAfter }) => {
    const sixtyDaysAfterMidnight = addDays(dayAfter, 60);
    expect(permitMark(sixtyDaysAfterMidnight, marksDay(instant(before)))).toBeNull();
    expect(permitMark(sixtyDaysAfterMidnight, marksDay(instant(after)))).toBe("expiring");
  });

  it("counts the 60 days across a leap day", () => {
    expect(permitMark("2028-03-01", "2028-01-01")).toBe("expiring");
    expect(permitMark("2028-03-02", "2028-01-01")).toBeNull();
    expect(permitMark("2027-03-02", "2027-01-01")).toBe("expiring");
    expect(permitMark("2027-03-03", "2027-01-01")).toBeNull();
    // A permit whose last day is the leap day itself.
    expect(permitMark("2028-02-29", "2028-02-29")).toBe("expiring");
    expect(permitMark("2028-02-29", "2028-03-01")).toBe("expired");
  });
});

describe("an integration plan's review", () => {
  const today = "2026-03-10";
  it.each<{ reviewDueOn: string | null; mark: ReviewMark | null; why: string }>([
    { reviewDueOn: "2026-03-09", mark: "overdue", why: "its date was yesterday" },
    { reviewDueOn: "2026-03-10", mark: "due", why: "its date is today" },
    { reviewDueOn: "2026-03-24", mark: "due", why: "its date is 14 days ahead" },
    { reviewDueOn: "2026-03-25", mark: null, why: "its date is 15 days ahead" },
    { reviewDueOn: null, mark: null, why: "no review date is set" },
  ])("is marked $mark when $why", ({ reviewDueOn, mark }) => {
    expect(reviewMark(reviewDueOn, today)).toBe(mark);
  });

  it.each(MIDNIGHTS)("becomes overdue at Helsinki midnight ($season)", ({ before, after, dayBefore }) => {
    expect(reviewMark(dayBefore, marksDay(instant(before)))).toBe("due");
    expect(reviewMark(dayBefore, marksDay(instant(after)))).toBe("overdue");
  });

  it("counts the 14 days across a leap day", () => {
    expect(reviewMark("2028-03-03", "2028-02-18")).toBe("due");
    expect(reviewMark("2028-03-04", "2028-02-18")).toBeNull();
    expect(reviewMark("2027-03-04", "2027-02-18")).toBe("due");
  });
});

describe("the staff home's bounds", () => {
  it.each(MIDNIGHTS)("are the Helsinki day's ($season): at 00:30 today is $dayAfter, not UTC's $dayBefore", ({ after, dayAfter }) => {
    const bounds = markBounds(instant(after));
    expect(bounds.today).toBe(dayAfter);
    expect(bounds.permitsExpiringFrom).toBe(dayAfter);
    expect(bounds.permitsExpiringUntil).toBe(addDays(dayAfter, 60));
    expect(bounds.reviewsDueUntil).toBe(addDays(dayAfter, 14));
  });

  it("list appointments from Helsinki midnight today until Helsinki midnight eight days on", () => {
    // 00:30 on 11 March in Helsinki (winter time).
    expect(markBounds(instant("2026-03-10T22:30:00Z"))).toMatchObject({
      appointmentsFrom: instant("2026-03-10T22:00:00Z"),
      appointmentsBefore: instant("2026-03-18T22:00:00Z"),
    });
    // 00:30 on 2 July (summer time).
    expect(markBounds(instant("2026-07-01T21:30:00Z"))).toMatchObject({
      appointmentsFrom: instant("2026-07-01T21:00:00Z"),
      appointmentsBefore: instant("2026-07-09T21:00:00Z"),
    });
    // Across the spring clock change: the window ends at midnight summer time.
    expect(markBounds(instant("2026-03-25T10:00:00Z"))).toMatchObject({
      appointmentsFrom: instant("2026-03-24T22:00:00Z"),
      appointmentsBefore: instant("2026-04-01T21:00:00Z"),
    });
  });

  it("list exactly what the case page marks: expiring permits, and reviews due or overdue", () => {
    for (const now of ["2026-03-10T22:30:00Z", "2026-07-01T20:30:00Z", "2028-02-28T22:30:00Z", "2026-12-31T22:00:00Z"]) {
      const bounds = markBounds(instant(now));
      for (let offset = -80; offset <= 80; offset += 1) {
        const day = addDays(bounds.today, offset);
        const listedPermit = bounds.permitsExpiringFrom <= day && day <= bounds.permitsExpiringUntil;
        expect(listedPermit, `${now} permit ${day}`).toBe(permitMark(day, bounds.today) === "expiring");
        expect(day <= bounds.reviewsDueUntil, `${now} review ${day}`).toBe(reviewMark(day, bounds.today) !== null);
      }
    }
  });
});
