import { describe, expect, it } from "vitest";
import { helsinkiDate, helsinkiLocalToUtc, helsinkiStartOfDay, instantOfDay, isIsoDate, isLocalDateTime, utcToHelsinkiLocal } from "./helsinki-time";

describe("helsinkiLocalToUtc", () => {
  it("reads winter time as UTC+2 and summer time as UTC+3", () => {
    expect(helsinkiLocalToUtc("2026-01-15T09:30").toISOString()).toBe("2026-01-15T07:30:00.000Z");
    expect(helsinkiLocalToUtc("2026-07-01T09:30").toISOString()).toBe("2026-07-01T06:30:00.000Z");
    expect(helsinkiLocalToUtc("2026-01-01T00:00").toISOString()).toBe("2025-12-31T22:00:00.000Z");
  });

  it("accepts the seconds a datetime-local input sends with a small step", () => {
    expect(helsinkiLocalToUtc("2026-01-15T09:30:15").toISOString()).toBe("2026-01-15T07:30:15.000Z");
    expect(helsinkiLocalToUtc("2026-01-15T09:30:15.5").toISOString()).toBe("2026-01-15T07:30:15.500Z");
  });

  it("around the spring switch (29 March 2026, 03:00 → 04:00) reads a skipped time an hour later", () => {
    expect(helsinkiLocalToUtc("2026-03-29T02:59").toISOString()).toBe("2026-03-29T00:59:00.000Z");
    // 03:30 never happens on the clock: it is taken as 04:30 summer time.
    expect(helsinkiLocalToUtc("2026-03-29T03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(helsinkiLocalToUtc("2026-03-29T04:00").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(helsinkiLocalToUtc("2026-03-29T12:00").toISOString()).toBe("2026-03-29T09:00:00.000Z");
    expect(helsinkiLocalToUtc("2026-03-28T12:00").toISOString()).toBe("2026-03-28T10:00:00.000Z");
  });

  it("around the autumn switch (25 October 2026, 04:00 → 03:00) takes the first of a twice-read time", () => {
    expect(helsinkiLocalToUtc("2026-10-25T02:59").toISOString()).toBe("2026-10-24T23:59:00.000Z");
    // 03:30 happens twice; the first is still summer time (+3).
    expect(helsinkiLocalToUtc("2026-10-25T03:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(helsinkiLocalToUtc("2026-10-25T04:00").toISOString()).toBe("2026-10-25T02:00:00.000Z");
    expect(helsinkiLocalToUtc("2026-10-25T12:00").toISOString()).toBe("2026-10-25T10:00:00.000Z");
  });

  it("refuses what is not a real local date and time", () => {
    for (const value of ["", "2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T24:00", "2026-01-01T10:60", "2026-01-01 10:00", "2026-01-01T10:00Z", "2026-01-01"]) {
      expect(isLocalDateTime(value), value).toBe(false);
      expect(() => helsinkiLocalToUtc(value), value).toThrow(RangeError);
    }
    expect(isLocalDateTime("2028-02-29T10:00")).toBe(true);
    expect(isLocalDateTime("2026-02-29T10:00")).toBe(false);
  });
});

describe("the other direction", () => {
  it("utcToHelsinkiLocal gives the datetime-local value back, on both sides of the switches", () => {
    for (const value of ["2026-01-15T09:30", "2026-03-29T02:59", "2026-03-29T04:00", "2026-07-01T23:45", "2026-10-25T02:59", "2026-10-25T04:00"]) {
      expect(utcToHelsinkiLocal(helsinkiLocalToUtc(value))).toBe(value);
    }
    // Both readings of 03:30 in autumn exist; each instant shows as 03:30.
    expect(utcToHelsinkiLocal(new Date("2026-10-25T00:30:00Z"))).toBe("2026-10-25T03:30");
    expect(utcToHelsinkiLocal(new Date("2026-10-25T01:30:00Z"))).toBe("2026-10-25T03:30");
  });

  it("helsinkiDate is the Helsinki calendar day, which starts before UTC's", () => {
    expect(helsinkiDate(new Date("2026-01-14T21:59:59Z"))).toBe("2026-01-14");
    expect(helsinkiDate(new Date("2026-01-14T22:00:00Z"))).toBe("2026-01-15");
    expect(helsinkiDate(new Date("2026-06-14T21:00:00Z"))).toBe("2026-06-15");
    expect(helsinkiStartOfDay("2026-06-15").toISOString()).toBe("2026-06-14T21:00:00.000Z");
    expect(helsinkiStartOfDay("2026-01-15").toISOString()).toBe("2026-01-14T22:00:00.000Z");
  });

  it("isIsoDate accepts real calendar dates only", () => {
    expect(isIsoDate("2026-01-31")).toBe(true);
    expect(isIsoDate("2026-02-31")).toBe(false);
    expect(isIsoDate("2026-1-31")).toBe(false);
    expect(isIsoDate("2026-01-31T00:00")).toBe(false);
  });
});

describe("instantOfDay", () => {
  const now = new Date("2026-11-22T21:30:00.000Z"); // 23:30 in Helsinki, still the 22nd

  it("is now on today's Helsinki date, keeping the time of day", () => {
    expect(instantOfDay("2026-11-22", now)).toBe(now);
  });

  it("is the start of the day (Helsinki) on any other date", () => {
    expect(instantOfDay("2026-11-20", now)).toEqual(new Date("2026-11-19T22:00:00.000Z"));
    expect(instantOfDay("2026-07-01", now)).toEqual(new Date("2026-06-30T21:00:00.000Z"));
  });
});
