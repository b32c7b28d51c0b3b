import { describe, expect, it } from "vitest";
import { staffRoles, type StaffRole } from "./roles";
import {
  accessNeedsReasonLookup,
  auditReasonOf,
  decideClientAccess,
  mayAssignClients,
  mayReadFunctionalCapacity,
  readOnlyReason,
  searchScopeOf,
  type ClientForAccess,
} from "./client-access";

const me = "11111111-1111-4111-8111-111111111111";
const colleague = "22222222-2222-4222-8222-222222222222";
const actor = (role: StaffRole) => ({ userId: me, role });
const client = (assignedCaseworkerId: string | null): Pick<ClientForAccess, "assignedCaseworkerId"> => ({ assignedCaseworkerId });

describe("who may open a client", () => {
  it.each([
    ["coordinator", colleague, { kind: "allowed", basis: "coordinator" }],
    ["coordinator", null, { kind: "allowed", basis: "coordinator" }],
    ["caseworker", me, { kind: "allowed", basis: "assigned" }],
    ["caseworker", null, { kind: "allowed", basis: "unassigned" }],
    ["caseworker", colleague, { kind: "needs_reason" }],
    ["dpo", null, { kind: "not_found" }],
    ["admin", me, { kind: "not_found" }],
    ["reporting", null, { kind: "not_found" }],
  ] as const)("a %s, client assigned to %s → %o", (role, assigned, expected) => {
    expect(decideClientAccess(actor(role), client(assigned))).toEqual(expected);
  });

  it("a caseworker opens another caseworker's client once a reason is stated, and the reason rides with the access", () => {
    const access = decideClientAccess(actor("caseworker"), client(colleague), "Covering for a colleague on leave");
    expect(access).toEqual({ kind: "allowed", basis: "reason_given", reason: "Covering for a colleague on leave" });
    expect(access.kind === "allowed" && auditReasonOf(access)).toBe("Covering for a colleague on leave");
  });

  it("a stated reason changes nothing for roles that do not see clients, nor for a caseworker's own client", () => {
    expect(decideClientAccess(actor("admin"), client(colleague), "curious")).toEqual({ kind: "not_found" });
    expect(decideClientAccess(actor("caseworker"), client(me), "reason")).toEqual({ kind: "allowed", basis: "assigned" });
  });

  it("only the need for a reason asks for a look-up of stated reasons", () => {
    for (const role of staffRoles) {
      for (const assigned of [me, colleague, null]) {
        expect(accessNeedsReasonLookup(actor(role), client(assigned))).toBe(role === "caseworker" && assigned === colleague);
      }
    }
  });

  it("no access but a reason-given one carries a reason into the audit", () => {
    expect(auditReasonOf({ kind: "allowed", basis: "assigned" })).toBeNull();
    expect(auditReasonOf({ kind: "allowed", basis: "coordinator" })).toBeNull();
  });
});

describe("functional capacity (special category)", () => {
  it.each([
    ["coordinator", colleague, true],
    ["caseworker", me, true],
    ["caseworker", null, false],
    ["caseworker", colleague, false],
    ["dpo", me, false],
    ["admin", me, false],
    ["reporting", me, false],
  ] as const)("a %s, client assigned to %s: %s", (role, assigned, expected) => {
    expect(mayReadFunctionalCapacity(actor(role), client(assigned))).toBe(expected);
  });
});

describe("assignment", () => {
  it("only coordinators assign", () => {
    expect(staffRoles.filter((role) => mayAssignClients({ role }))).toEqual(["coordinator"]);
  });
});

describe("why a case is read-only", () => {
  const at = new Date("2026-06-01T10:00:00Z");
  it.each([
    ["active", null, null],
    ["closed", null, "closed"],
    ["erasure_pending", null, "erasure_pending"],
    ["active", at, "restricted"],
    ["closed", at, "restricted"],
    ["erasure_pending", at, "restricted"],
  ] as const)("status %s, restricted %s → %s", (status, restrictedAt, expected) => {
    expect(readOnlyReason({ status, restrictedAt })).toBe(expected);
  });

  it.each([
    ["accuracy_contested", "person_details", "active", null],
    ["accuracy_contested", "case_work", "active", "restricted"],
    ["accuracy_contested", "case_note", "active", "restricted"],
    ["legal_claims", "case_note", "active", null],
    ["legal_claims", "person_details", "active", "restricted"],
    ["unlawful_processing", "person_details", "active", "restricted"],
    ["objection_pending", "case_note", "active", "restricted"],
    [null, "person_details", "active", "restricted"],
    // What the ground allows still stops at a closed or erasure-pending case.
    ["accuracy_contested", "person_details", "closed", "closed"],
    ["legal_claims", "case_note", "erasure_pending", "erasure_pending"],
  ] as const)("restricted on ground %s: a %s write to a %s case → %s", (ground, write, status, expected) => {
    expect(readOnlyReason({ status, restrictedAt: at }, { ground, write })).toBe(expected);
  });
});

describe("search scope", () => {
  it("coordinators search the register; caseworkers their caseload and unassigned clients unless the match is exact", () => {
    expect(searchScopeOf({ role: "coordinator" })).toBe("whole_register");
    expect(searchScopeOf({ role: "caseworker" })).toBe("own_and_unassigned_unless_exact");
  });
});
