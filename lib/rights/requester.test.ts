import { describe, expect, it } from "vitest";
import { defaultReplyLanguage, guardianshipsOf, requestKindsFor, requesterIssue, type FamilyRecord } from "./requester";
import { decisionEffects, nextSteps, reasonsRequired, stepAllowed } from "./request-steps";

/**
 * Who may ask (DESIGN.md rule 6; seed 000 §10): the client, or a guardian of a minor — a minor on
 * the day the request was received — with the guardianship as the family records name it.
 */

describe("a guardian asks only for a minor, on the day the request was received", () => {
  it.each<[string, string, string | null, string]>([
    ["2015-06-15", "2026-06-14", null, "a child of ten"],
    ["2008-06-15", "2026-06-14", null, "the day before the 18th birthday: still a minor"],
    ["2008-06-15", "2026-06-15", "guardian_for_adult", "on the 18th birthday: an adult"],
    ["2008-06-15", "2026-06-16", "guardian_for_adult", "after it"],
    ["1990-01-01", "2026-03-01", "guardian_for_adult", "an adult"],
    // Born on 29 February: 18 on 1 March in a common year, not on 28 February.
    ["2008-02-29", "2026-02-28", null, "born on a leap day, 28 February of a common year: still a minor"],
    ["2008-02-29", "2026-03-01", "guardian_for_adult", "born on a leap day, 1 March: an adult"],
  ])("born %s, received %s: %s (%s)", (clientDateOfBirth, receivedOn, issue) => {
    expect(requesterIssue({ requester: "guardian", clientDateOfBirth, receivedOn })).toBe(issue);
  });

  it("reads the day received, not the day the officer handles it", () => {
    // Received the day before the birthday, handled a month later: the guardian's request stands.
    expect(requesterIssue({ requester: "guardian", clientDateOfBirth: "2008-06-15", receivedOn: "2026-06-14" })).toBeNull();
  });

  it("takes nobody for a minor without a date of birth", () => {
    expect(requesterIssue({ requester: "guardian", clientDateOfBirth: null, receivedOn: "2026-06-14" })).toBe("guardian_age_unknown");
  });

  it("lets every client ask for themselves, minors included", () => {
    expect(requesterIssue({ requester: "client", clientDateOfBirth: "2015-01-01", receivedOn: "2026-06-14" })).toBeNull();
    expect(requesterIssue({ requester: "client", clientDateOfBirth: null, receivedOn: "2026-06-14" })).toBeNull();
  });
});

describe("the guardianship the family records name", () => {
  const minor = "minor";
  const records: (FamilyRecord & { note: string })[] = [
    { id: "r1", clientId: "mother", relatedClientId: minor, clientIsGuardian: true, note: "the mother's case: guardian of the minor" },
    { id: "r2", clientId: "father", relatedClientId: minor, clientIsGuardian: false, note: "the father's case: not a guardian" },
    { id: "r3", clientId: "aunt", relatedClientId: null, clientIsGuardian: true, note: "a child who is not a client" },
    { id: "r4", clientId: "uncle", relatedClientId: "other-minor", clientIsGuardian: true, note: "guardian of another child" },
    { id: "r5", clientId: minor, relatedClientId: "mother", clientIsGuardian: false, note: "the minor's own case names the parent" },
    { id: "r6", clientId: minor, relatedClientId: minor, clientIsGuardian: true, note: "a record naming the client themself" },
  ];

  it("is a record in the guardian's case naming the minor, with the guardianship", () => {
    expect(guardianshipsOf(minor, records).map((r) => r.id)).toEqual(["r1"]);
  });

  it("finds none when the records say nothing", () => {
    expect(guardianshipsOf("nobody", records)).toEqual([]);
  });
});

describe("the kinds of request the register answers", () => {
  it("offers data portability only where the basis is consent", () => {
    expect(requestKindsFor("consent")).toContain("portability");
    expect(requestKindsFor("legal_obligation")).not.toContain("portability");
    expect(requestKindsFor("legal_obligation")).toEqual(["access", "rectification", "restriction", "erasure", "objection"]);
  });

  it("answers in the client's language when it is a public one, else in Finnish", () => {
    expect(defaultReplyLanguage("ar")).toBe("ar");
    expect(defaultReplyLanguage("so")).toBe("fi");
    expect(defaultReplyLanguage(null)).toBe("fi");
  });
});

describe("the request's journey", () => {
  it.each([
    [{ status: "received", extendedDueOn: null }, ["verify", "extend"]],
    [{ status: "received", extendedDueOn: "2026-04-28" }, ["verify"]],
    [{ status: "verified", extendedDueOn: null }, ["decide", "extend"]],
    [{ status: "verified", extendedDueOn: "2026-04-28" }, ["decide"]],
    [{ status: "decided", extendedDueOn: null }, ["close"]],
    [{ status: "closed", extendedDueOn: null }, []],
  ] as const)("%o allows %o", (state, steps) => {
    expect(nextSteps(state)).toEqual(steps);
  });

  it("decides nothing before the identity is verified, and extends only once", () => {
    expect(stepAllowed({ status: "received", extendedDueOn: null }, "decide")).toBe(false);
    expect(stepAllowed({ status: "verified", extendedDueOn: "2026-04-28" }, "extend")).toBe(false);
  });

  it.each([
    ["erasure", "accepted", ["mark_for_erasure"]],
    ["erasure", "refused", ["refusal_certificate"]],
    ["erasure", "partially_refused", ["refusal_certificate"]],
    ["access", "accepted", []],
    ["access", "partially_refused", ["refusal_certificate"]],
    ["objection", "accepted", []],
    ["objection", "refused", ["refusal_certificate"]],
  ] as const)("%s %s: %o", (kind, decision, effects) => {
    expect(decisionEffects(kind, decision)).toEqual(effects);
  });

  it("asks reasons for every refusal and every erasure or objection decision", () => {
    expect(reasonsRequired("access", "accepted")).toBe(false);
    expect(reasonsRequired("access", "refused")).toBe(true);
    expect(reasonsRequired("erasure", "accepted")).toBe(true);
    expect(reasonsRequired("objection", "accepted")).toBe(true);
  });
});
