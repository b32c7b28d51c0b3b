import { describe, expect, it } from "vitest";
import { consentStatus, isConsentValid, type ConsentTiming } from "./consent-status";

/**
 * consentStatus (DESIGN.md rules 1–3): what a consent record says at a moment. Validity days are
 * Helsinki calendar days; `at` is an instant. In March 2026 Helsinki is UTC+2 (summer time starts
 * on 29 March), so 2026-03-10T22:00Z is midnight between the 10th and the 11th in Helsinki.
 */

const AT = new Date("2026-03-10T10:00:00Z"); // 2026-03-10 12:00 in Helsinki

function consent(overrides: Partial<ConsentTiming> = {}): ConsentTiming {
  return {
    granted: true,
    givenAt: new Date("2026-01-15T09:00:00Z"),
    validFrom: "2026-01-15",
    validUntil: "2027-01-14",
    withdrawnAt: null,
    ...overrides,
  };
}

describe("consentStatus", () => {
  it("is valid for a granted, unwithdrawn consent inside its validity", () => {
    expect(consentStatus(consent(), AT)).toBe("valid");
    expect(isConsentValid(consent(), AT)).toBe(true);
  });

  it("is valid with open validity (no first or last day)", () => {
    expect(consentStatus(consent({ validFrom: null, validUntil: null }), AT)).toBe("valid");
  });

  it("is refused when the person said no, whatever the dates", () => {
    expect(consentStatus(consent({ granted: false }), AT)).toBe("refused");
    expect(consentStatus(consent({ granted: false, withdrawnAt: new Date("2026-02-01T00:00:00Z") }), AT)).toBe("refused");
    expect(consentStatus(consent({ granted: false, validUntil: "2026-01-20" }), AT)).toBe("refused");
    expect(isConsentValid(consent({ granted: false }), AT)).toBe(false);
  });

  describe("withdrawal", () => {
    it("is withdrawn when withdrawn before `at`", () => {
      expect(consentStatus(consent({ withdrawnAt: new Date("2026-03-01T08:00:00Z") }), AT)).toBe("withdrawn");
      expect(consentStatus(consent({ withdrawnAt: new Date(AT.getTime() - 1) }), AT)).toBe("withdrawn");
    });

    it("is withdrawn when withdrawn at the very instant `at`", () => {
      expect(consentStatus(consent({ withdrawnAt: new Date(AT.getTime()) }), AT)).toBe("withdrawn");
    });

    it("is still valid before a withdrawal made after `at` (a withdrawal never reaches back)", () => {
      expect(consentStatus(consent({ withdrawnAt: new Date(AT.getTime() + 1) }), AT)).toBe("valid");
      expect(consentStatus(consent({ withdrawnAt: new Date("2026-03-11T08:00:00Z") }), AT)).toBe("valid");
    });

    it("a withdrawal earlier the same Helsinki day already counts (instants, not days)", () => {
      // 2026-03-10 01:00 Helsinki, then `at` 12:00 Helsinki: same day, withdrawal first.
      expect(consentStatus(consent({ withdrawnAt: new Date("2026-03-09T23:00:00Z") }), AT)).toBe("withdrawn");
    });

    it("withdrawn beats expired and not-yet-valid", () => {
      const withdrawnAt = new Date("2026-01-01T00:00:00Z");
      expect(consentStatus(consent({ withdrawnAt, validUntil: "2026-02-01" }), AT)).toBe("withdrawn");
      expect(consentStatus(consent({ withdrawnAt, validFrom: "2026-04-01" }), AT)).toBe("withdrawn");
    });
  });

  describe("not yet valid", () => {
    it("is not yet valid when given after `at`", () => {
      expect(consentStatus(consent({ givenAt: new Date(AT.getTime() + 1), validFrom: null }), AT)).toBe("not_yet_valid");
      expect(consentStatus(consent({ givenAt: new Date("2026-03-10T15:00:00Z"), validFrom: "2026-03-10" }), AT)).toBe(
        "not_yet_valid",
      );
    });

    it("is valid when given at the very instant `at`", () => {
      expect(consentStatus(consent({ givenAt: new Date(AT.getTime()), validFrom: "2026-03-10" }), AT)).toBe("valid");
    });

    it("is not yet valid when its validity starts on a later Helsinki day", () => {
      expect(consentStatus(consent({ validFrom: "2026-03-11" }), AT)).toBe("not_yet_valid");
      expect(consentStatus(consent({ validFrom: "2027-01-01" }), AT)).toBe("not_yet_valid");
    });

    it("is valid on its first valid day", () => {
      expect(consentStatus(consent({ validFrom: "2026-03-10" }), AT)).toBe("valid");
    });

    it("reads the first valid day in Helsinki, around midnight", () => {
      const c = consent({ validFrom: "2026-03-11" });
      // 2026-03-10T21:59Z = 23:59 on the 10th in Helsinki: not yet.
      expect(consentStatus(c, new Date("2026-03-10T21:59:00Z"))).toBe("not_yet_valid");
      // 2026-03-10T22:00Z = 00:00 on the 11th in Helsinki (still the 10th in UTC): valid.
      expect(consentStatus(c, new Date("2026-03-10T22:00:00Z"))).toBe("valid");
      expect(consentStatus(c, new Date("2026-03-10T22:30:00Z"))).toBe("valid");
    });
  });

  describe("expiry", () => {
    it("is expired when its last valid day is an earlier day", () => {
      expect(consentStatus(consent({ validUntil: "2026-03-09" }), AT)).toBe("expired");
      expect(consentStatus(consent({ validUntil: "2026-01-31" }), AT)).toBe("expired");
    });

    it("is valid on its last valid day itself", () => {
      expect(consentStatus(consent({ validUntil: "2026-03-10" }), AT)).toBe("valid");
    });

    it("reads the last valid day in Helsinki, around midnight", () => {
      const c = consent({ validUntil: "2026-03-10" });
      // 2026-03-10 23:30 in Helsinki: still the last day.
      expect(consentStatus(c, new Date("2026-03-10T21:30:00Z"))).toBe("valid");
      expect(consentStatus(c, new Date("2026-03-10T21:59:59.999Z"))).toBe("valid");
      // 2026-03-11 00:00 and 00:30 in Helsinki, though still the 10th in UTC: expired.
      expect(consentStatus(c, new Date("2026-03-10T22:00:00Z"))).toBe("expired");
      expect(consentStatus(c, new Date("2026-03-10T22:30:00Z"))).toBe("expired");
    });

    it("uses summer time (UTC+3) in summer", () => {
      const c = consent({ validUntil: "2026-07-01" });
      // 2026-07-01T20:59Z = 23:59 Helsinki; 21:00Z = 00:00 on 2 July.
      expect(consentStatus(c, new Date("2026-07-01T20:59:00Z"))).toBe("valid");
      expect(consentStatus(c, new Date("2026-07-01T21:00:00Z"))).toBe("expired");
    });

    it("a one-day consent is valid that whole Helsinki day only", () => {
      const c = consent({ givenAt: new Date("2026-03-09T22:00:00Z"), validFrom: "2026-03-10", validUntil: "2026-03-10" });
      expect(consentStatus(c, new Date("2026-03-09T21:59:59Z"))).toBe("not_yet_valid");
      expect(consentStatus(c, new Date("2026-03-09T22:00:00Z"))).toBe("valid");
      expect(consentStatus(c, new Date("2026-03-10T21:59:59Z"))).toBe("valid");
      expect(consentStatus(c, new Date("2026-03-10T22:00:00Z"))).toBe("expired");
    });
  });
});
