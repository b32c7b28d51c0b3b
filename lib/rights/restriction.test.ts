import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { requestKinds, restrictionGrounds, type RestrictionGround } from "../domain-values";
import {
  applyRefusal,
  currentRestriction,
  groundAllows,
  groundSuggestedBy,
  inForceAt,
  liftNoticeRefusal,
  liftRefusal,
  mayRestrictFrom,
  periodsWithCurrentMark,
  restrictableWrites,
  restrictionAllows,
  restrictionAt,
  type RestrictionPeriod,
  type RestrictionRecord,
} from "./restriction";

/**
 * Restriction of processing (GDPR Art 18): storage continues under every ground and only what the
 * ground needs goes on; a restriction is in force from the instant applied until the instant
 * lifted; and it is lifted only after the person has been told (Art 18(3)).
 */

const APPLIED = new Date("2026-03-10T08:00:00Z"); // 10:00 in Helsinki
const LIFTED = new Date("2026-04-20T09:00:00Z"); // 12:00 in Helsinki (summer time)

const lifted: RestrictionPeriod = { appliedAt: APPLIED, liftedAt: LIFTED };
const open: RestrictionPeriod = { appliedAt: new Date("2026-05-01T08:00:00Z"), liftedAt: null };

function record(overrides: Partial<RestrictionRecord> = {}): RestrictionRecord {
  return { appliedAt: APPLIED, liftedAt: null, ground: "accuracy_contested", liftNoticeToldOn: null, ...overrides };
}

describe("what each ground still allows", () => {
  it.each([
    ["accuracy_contested", { person_details: true, case_note: false, case_work: false }],
    ["legal_claims", { person_details: false, case_note: true, case_work: false }],
    ["unlawful_processing", { person_details: false, case_note: false, case_work: false }],
    ["objection_pending", { person_details: false, case_note: false, case_work: false }],
  ] as const)("%s allows %o", (ground, expected) => {
    for (const write of restrictableWrites) expect(restrictionAllows(ground, write), write).toBe(expected[write]);
  });

  it("a restriction without a recorded ground allows nothing beyond storage", () => {
    for (const write of restrictableWrites) expect(restrictionAllows(null, write)).toBe(false);
  });

  it("no ground allows the service's case work, and every ground is decided", () => {
    expect(Object.keys(groundAllows).sort()).toEqual([...restrictionGrounds].sort());
    for (const ground of restrictionGrounds) expect(restrictionAllows(ground, "case_work")).toBe(false);
  });

  it("suggests the ground a rectification or an objection implies, and only those requests (with a restriction request) restrict", () => {
    expect(groundSuggestedBy("rectification")).toBe<RestrictionGround>("accuracy_contested");
    expect(groundSuggestedBy("objection")).toBe<RestrictionGround>("objection_pending");
    expect(groundSuggestedBy("restriction")).toBeNull();
    expect(requestKinds.filter(mayRestrictFrom).sort()).toEqual(["objection", "rectification", "restriction"]);
  });
});

describe("the history", () => {
  it("a period is in force from the instant applied until, not at, the instant lifted", () => {
    expect(inForceAt(lifted, new Date(APPLIED.getTime() - 1))).toBe(false);
    expect(inForceAt(lifted, APPLIED)).toBe(true);
    expect(inForceAt(lifted, new Date(LIFTED.getTime() - 1))).toBe(true);
    expect(inForceAt(lifted, LIFTED)).toBe(false);
    expect(inForceAt(open, new Date("2030-01-01T00:00:00Z"))).toBe(true);
  });

  it("answers a past moment from the history: before, during, between and after periods", () => {
    const history = [lifted, open];
    expect(restrictionAt(history, new Date("2026-03-01T00:00:00Z"))).toBeNull();
    expect(restrictionAt(history, new Date("2026-04-01T00:00:00Z"))).toBe(lifted);
    expect(restrictionAt(history, new Date("2026-04-25T00:00:00Z"))).toBeNull();
    expect(restrictionAt(history, new Date("2026-06-01T00:00:00Z"))).toBe(open);
    expect(currentRestriction(history)).toBe(open);
    expect(currentRestriction([lifted])).toBeNull();
  });

  it("takes the client's current mark into account when no period is open, and keeps an open period without it", () => {
    const mark = new Date("2026-06-01T00:00:00Z");
    expect(periodsWithCurrentMark([lifted], mark)).toEqual([lifted, { appliedAt: mark, liftedAt: null }]);
    expect(periodsWithCurrentMark([lifted, open], mark)).toEqual([lifted, open]);
    expect(periodsWithCurrentMark([open], null)).toEqual([open]);
    expect(periodsWithCurrentMark([], null)).toEqual([]);
  });

  it("property: with the mark, the client counts as restricted now whenever the mark is set or a period is open", () => {
    const period = fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }))
      .map(([start, length]): RestrictionPeriod => ({
        appliedAt: new Date(APPLIED.getTime() + start * 60_000),
        liftedAt: length === null ? null : new Date(APPLIED.getTime() + (start + length) * 60_000),
      }));
    fc.assert(
      fc.property(fc.array(period, { maxLength: 4 }), fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }), (history, markMinutes) => {
        const mark = markMinutes === null ? null : new Date(APPLIED.getTime() + markMinutes * 60_000);
        const periods = periodsWithCurrentMark(history, mark);
        const far = new Date(APPLIED.getTime() + 10_000 * 60_000);
        expect(restrictionAt(periods, far) !== null).toBe(mark !== null || history.some((p) => p.liftedAt === null));
        // Every recorded period that lasted at all still answers as recorded.
        for (const p of history.filter((q) => q.liftedAt === null || q.liftedAt > q.appliedAt)) {
          expect(restrictionAt(periods, p.appliedAt)).not.toBeNull();
        }
      }),
    );
  });
});

describe("applying, telling, lifting (Art 18(3))", () => {
  it("applies only to a client not already restricted", () => {
    expect(applyRefusal([])).toBeNull();
    expect(applyRefusal([lifted])).toBeNull();
    expect(applyRefusal([lifted, open])).toBe("already_restricted");
  });

  it("refuses to lift without a recorded notice", () => {
    expect(liftRefusal(record(), LIFTED)).toBe("notice_missing");
  });

  it("lifts once the person was told, on the day of lifting or before", () => {
    expect(liftRefusal(record({ liftNoticeToldOn: "2026-04-13" }), LIFTED)).toBeNull();
    expect(liftRefusal(record({ liftNoticeToldOn: "2026-04-20" }), LIFTED)).toBeNull();
    expect(liftRefusal(record({ liftNoticeToldOn: "2026-04-21" }), LIFTED)).toBe("notice_after_lift");
  });

  it("the day of lifting is Helsinki's: 23:30 UTC is already the next day", () => {
    const lateEvening = new Date("2026-04-20T21:30:00Z"); // 00:30 on 21 April in Helsinki
    expect(liftRefusal(record({ liftNoticeToldOn: "2026-04-21" }), lateEvening)).toBeNull();
  });

  it("lifts only once", () => {
    expect(liftRefusal(record({ liftedAt: LIFTED, liftNoticeToldOn: "2026-04-13" }), LIFTED)).toBe("already_lifted");
  });

  it("records the notice on a day from the restriction's first day to today", () => {
    const now = new Date("2026-04-15T10:00:00Z");
    expect(liftNoticeRefusal(record(), "2026-03-10", now)).toBeNull();
    expect(liftNoticeRefusal(record(), "2026-04-15", now)).toBeNull();
    expect(liftNoticeRefusal(record(), "2026-03-09", now)).toBe("notice_before_restriction");
    expect(liftNoticeRefusal(record(), "2026-04-16", now)).toBe("notice_in_future");
    expect(liftNoticeRefusal(record({ liftedAt: LIFTED }), "2026-04-15", now)).toBe("already_lifted");
  });
});
