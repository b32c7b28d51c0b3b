import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dataCategories, type DataCategory } from "../data-categories";
import {
  concernsOfCorrections,
  concernsOfWhole,
  correctionCandidates,
  correctionOf,
  recipientsToTell,
  toldAlready,
  type LoggedDisclosure,
  type WriteEvent,
} from "./recipients";

/**
 * GDPR Art 19: the recipients of rectified, erased or restricted data are told. A recipient is an
 * agency the disclosure log shows received a category concerned before it changed; the categories
 * of a correction come from the fields its audit event names.
 */

const T0 = new Date("2026-03-10T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let seq = 100;
function event(action: string, details: Record<string, unknown>, occurredAt = T0): WriteEvent {
  seq += 1;
  return { seq, occurredAt, action, details };
}

function disclosure(agencyCode: string, categories: DataCategory[], disclosedAt: Date, id = `${agencyCode}-${disclosedAt.getTime()}`): LoggedDisclosure {
  return { id, agencyCode, categories, disclosedAt };
}

describe("what a correction corrected, from its audit event", () => {
  it.each([
    [["phone", "email"], ["contact"]],
    [["firstNames", "dateOfBirth"], ["identity"]],
    [["personalIdentityCode"], ["identity"]],
    [["citizenship", "otherCitizenship"], ["residence"]],
    [["lastName", "streetAddress", "interpreterNeeded"], ["identity", "contact"]],
  ])("client.updated naming %o corrects %o", (fields, categories) => {
    expect(correctionOf(event("client.updated", { fields }))?.categories).toEqual(categories);
  });

  it.each([
    ["case.permit_recorded", {}, ["residence"]],
    ["case.family_member_recorded", {}, ["family"]],
    ["case.skill_recorded", {}, ["skills"]],
    ["case.work_recorded", {}, ["skills"]],
    ["case.education_recorded", {}, ["education"]],
    ["case.plan_recorded", {}, ["servicePlan"]],
    ["case.plan_reviewed", {}, ["servicePlan"]],
    ["case.functional_capacity_recorded", {}, ["functionalCapacity"]],
    ["case.note_added", {}, ["notes"]],
    ["case.record_removed", { kind: "family" }, ["family"]],
    ["case.record_removed", { kind: "education" }, ["education"]],
  ])("%s %o corrects %o", (action, details, categories) => {
    expect(correctionOf(event(action, { fields: ["x"], ...details }))?.categories).toEqual(categories);
  });

  it("is not a correction: a view, a disclosure, an update naming only bookkeeping, a removal of an unknown kind", () => {
    expect(correctionOf(event("client.viewed", {}))).toBeNull();
    expect(correctionOf(event("disclosure.recorded", { categories: ["contact"] }))).toBeNull();
    expect(correctionOf(event("client.updated", { fields: ["updatedAt"] }))).toBeNull();
    expect(correctionOf(event("client.updated", {}))).toBeNull();
    expect(correctionOf(event("case.record_removed", { kind: "bogus" }))).toBeNull();
  });

  it("offers the writes from the start of the Helsinki day the request was received until it was closed", () => {
    // 2026-03-10 starts at 2026-03-09T22:00Z in Helsinki.
    const before = event("client.updated", { fields: ["phone"] }, new Date("2026-03-09T21:59:59Z"));
    const first = event("client.updated", { fields: ["phone"] }, new Date("2026-03-09T22:00:00Z"));
    const view = event("client.viewed", {}, new Date("2026-03-11T09:00:00Z"));
    const later = event("case.permit_recorded", { fields: ["permitType"] }, new Date("2026-03-12T09:00:00Z"));
    const afterClosing = event("client.updated", { fields: ["email"] }, new Date("2026-03-20T09:00:00Z"));
    const events = [later, before, first, view, afterClosing];
    expect(correctionCandidates(events, { receivedOn: "2026-03-10", closedAt: new Date("2026-03-15T00:00:00Z") }).map((c) => c.seq)).toEqual([
      first.seq,
      later.seq,
    ]);
    expect(correctionCandidates(events, { receivedOn: "2026-03-10", closedAt: null }).map((c) => c.seq)).toEqual([first.seq, later.seq, afterClosing.seq]);
  });
});

describe("who is told", () => {
  it("rectified contact details: exactly the two agencies that received contact details, not the one that got the service plan", () => {
    const disclosures = [
      disclosure("ely", ["identity", "contact"], at(-600)),
      disclosure("migri", ["contact", "residence"], at(-300)),
      disclosure("te_office", ["identity", "servicePlan"], at(-200)),
    ];
    const correction = correctionOf(event("client.updated", { fields: ["phone", "streetAddress"] }, T0));
    expect(correction).not.toBeNull();
    const recipients = recipientsToTell(disclosures, concernsOfCorrections(correction ? [correction] : []));
    expect(recipients).toEqual([
      { agencyCode: "ely", categories: ["contact"], disclosureIds: [disclosures[0]!.id] },
      { agencyCode: "migri", categories: ["contact"], disclosureIds: [disclosures[1]!.id] },
    ]);
  });

  it("a disclosure made after the correction carried the corrected data and needs no notice", () => {
    const recipients = recipientsToTell([disclosure("ely", ["contact"], at(5))], [{ category: "contact", before: T0 }]);
    expect(recipients).toEqual([]);
  });

  it("a category corrected twice counts from its latest correction", () => {
    const corrections = [
      correctionOf(event("client.updated", { fields: ["phone"] }, at(0))),
      correctionOf(event("client.updated", { fields: ["email"] }, at(60))),
    ].filter((c) => c !== null);
    expect(concernsOfCorrections(corrections)).toEqual([{ category: "contact", before: at(60) }]);
    expect(recipientsToTell([disclosure("ely", ["contact"], at(30))], concernsOfCorrections(corrections)).map((r) => r.agencyCode)).toEqual(["ely"]);
  });

  it("an erasure or a restriction concerns every category: every agency that received anything before is told, once, with all its disclosures", () => {
    const disclosures = [
      disclosure("migri", ["residence"], at(-50), "m1"),
      disclosure("ely", ["servicePlan"], at(-40), "e2"),
      disclosure("ely", ["identity"], at(-90), "e1"),
      disclosure("iom", ["identity"], at(10), "late"),
    ];
    expect(recipientsToTell(disclosures, concernsOfWhole(T0))).toEqual([
      { agencyCode: "ely", categories: ["identity", "servicePlan"], disclosureIds: ["e1", "e2"] },
      { agencyCode: "migri", categories: ["residence"], disclosureIds: ["m1"] },
    ]);
  });

  it("property: an agency is listed exactly when one of its earlier disclosures carried a category concerned, with exactly those categories", () => {
    const agencies = ["ely", "migri", "te_office", "iom"] as const;
    const disclosureArb = fc.record({
      agencyCode: fc.constantFrom(...agencies),
      categories: fc.subarray([...dataCategories]),
      minutes: fc.integer({ min: -100, max: 100 }),
    });
    const concernArb = fc.uniqueArray(fc.record({ category: fc.constantFrom(...dataCategories), minutes: fc.integer({ min: -100, max: 100 }) }), {
      selector: (c) => c.category,
    });
    fc.assert(
      fc.property(fc.array(disclosureArb, { maxLength: 12 }), concernArb, (rows, concernRows) => {
        const logged = rows.map((row, i) => disclosure(row.agencyCode, row.categories, at(row.minutes), `d${i}`));
        const concerns = concernRows.map((c) => ({ category: c.category, before: at(c.minutes) }));
        const recipients = recipientsToTell(logged, concerns);
        for (const agency of agencies) {
          const expected = new Set<DataCategory>();
          for (const d of logged.filter((l) => l.agencyCode === agency)) {
            for (const c of concerns) if (d.categories.includes(c.category) && d.disclosedAt < c.before) expected.add(c.category);
          }
          const listed = recipients.find((r) => r.agencyCode === agency);
          expect(listed?.categories ?? []).toEqual(dataCategories.filter((c) => expected.has(c)));
        }
      }),
    );
  });
});

describe("whether a recipient was told already", () => {
  const recipient = { agencyCode: "ely", categories: ["contact", "identity"] as DataCategory[], disclosureIds: ["d1", "d2"] };
  const notice = { agencyCode: "ely", categories: ["contact", "identity"], disclosureIds: ["d1", "d2"], correctionSeqs: [7] };

  it("is told when its notices cover every category, disclosure and linked correction", () => {
    expect(toldAlready(recipient, [notice], [7])).toBe(true);
    expect(toldAlready(recipient, [{ ...notice, categories: ["contact"] }, { ...notice, categories: ["identity"], correctionSeqs: [] }], [7])).toBe(true);
  });

  it("needs a further notice for a correction linked later, a category or a disclosure not told of, and none at all without a notice", () => {
    expect(toldAlready(recipient, [notice], [7, 9])).toBe(false);
    expect(toldAlready(recipient, [{ ...notice, categories: ["contact"] }], [7])).toBe(false);
    expect(toldAlready(recipient, [{ ...notice, disclosureIds: ["d1"] }], [7])).toBe(false);
    expect(toldAlready(recipient, [{ ...notice, agencyCode: "migri" }], [7])).toBe(false);
    expect(toldAlready(recipient, [], [])).toBe(false);
  });
});
