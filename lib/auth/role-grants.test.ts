import { describe, expect, it } from "vitest";
import { allPermissions, permissionRoles, roleHasPermission } from "./permissions";
import {
  clientDataPermissions,
  clientDataRoles,
  grantApproverRoles,
  grantDecision,
  mayApproveGrants,
  readsClientData,
  roleGrantPath,
  type GrantForDecision,
  type GrantStatus,
} from "./role-grants";
import { staffRoles, type StaffRole } from "./roles";

const admin = "00000000-0000-4000-8000-00000000000a";
const newcomer = "00000000-0000-4000-8000-00000000000b";
const coordinator = "00000000-0000-4000-8000-00000000000c";
const dpo = "00000000-0000-4000-8000-00000000000d";
const pending: GrantForDecision = { staffId: newcomer, requestedBy: admin, status: "pending", accountMustChangePassword: false };

describe("which roles read client data", () => {
  it.each([
    ["caseworker", true],
    ["coordinator", true],
    ["dpo", true],
    ["admin", false],
    ["reporting", false],
  ] as const)("%s reads client data: %s", (role, expected) => {
    expect(readsClientData(role)).toBe(expected);
    expect(roleGrantPath(role)).toBe(expected ? "needs_approval" : "immediate");
  });

  it("an account without a granted role reads nothing and approves nothing", () => {
    expect(readsClientData(null)).toBe(false);
    expect(mayApproveGrants(null)).toBe(false);
  });

  // The permission table is the other half of the rule: a role that gets a permission showing
  // personal data must also need approval, or the four eyes could be bypassed by editing one table.
  it("every role holding a client-data permission is a client-data role", () => {
    for (const permission of clientDataPermissions) {
      for (const role of permissionRoles[permission] as readonly StaffRole[]) {
        expect(clientDataRoles as readonly StaffRole[], `${role} holds ${permission}`).toContain(role);
      }
    }
  });

  it("the roles outside clientDataRoles hold no client-data permission at all", () => {
    const others = staffRoles.filter((role) => !readsClientData(role));
    expect(others).toEqual(["admin", "reporting"]);
    for (const role of others) {
      const held = allPermissions.filter((p) => roleHasPermission(role, p) && (clientDataPermissions as readonly string[]).includes(p));
      expect(held, role).toEqual([]);
    }
  });

  it("the approvers are exactly the roles with roleGrant:approve, and themselves read client data", () => {
    expect([...grantApproverRoles].sort()).toEqual([...permissionRoles["roleGrant:approve"]].sort());
    for (const role of grantApproverRoles) expect(readsClientData(role)).toBe(true);
    expect(mayApproveGrants("caseworker")).toBe(false);
    expect(mayApproveGrants("admin")).toBe(false);
  });
});

describe("who may approve whose grant", () => {
  it.each([
    ["a coordinator", { userId: coordinator, role: "coordinator" }],
    ["the DPO", { userId: dpo, role: "dpo" }],
  ] as const)("%s may approve a grant someone else asked for someone else", (_name, approver) => {
    expect(grantDecision(approver, pending)).toEqual({ kind: "allowed" });
  });

  it.each(["admin", "caseworker", "reporting"] as const)("a %s may not approve", (role) => {
    expect(grantDecision({ userId: coordinator, role }, pending)).toEqual({ kind: "refused", reason: "not_an_approver" });
  });

  it("the administrator who asked may not approve, even holding an approver's role", () => {
    // Roles are one per account, but the rule must not lean on that.
    expect(grantDecision({ userId: admin, role: "coordinator" }, pending)).toEqual({ kind: "refused", reason: "own_request" });
  });

  it("no one approves their own grant: a coordinator asked to become the DPO, or the reverse", () => {
    expect(grantDecision({ userId: coordinator, role: "coordinator" }, { ...pending, staffId: coordinator })).toEqual({
      kind: "refused",
      reason: "own_account",
    });
    expect(grantDecision({ userId: dpo, role: "dpo" }, { ...pending, staffId: dpo })).toEqual({
      kind: "refused",
      reason: "own_account",
    });
  });

  it("a pending account (no role yet) cannot approve its own grant", () => {
    expect(grantDecision({ userId: newcomer, role: null }, pending)).toEqual({ kind: "refused", reason: "not_an_approver" });
  });

  it.each(["approved", "refused", "cancelled", "direct"] as GrantStatus[])("a %s grant is decided already", (status) => {
    expect(grantDecision({ userId: dpo, role: "dpo" }, { ...pending, status })).toEqual({ kind: "refused", reason: "not_pending" });
  });

  it("approval waits until the account has set its own password; a refusal does not", () => {
    const initial = { ...pending, accountMustChangePassword: true };
    expect(grantDecision({ userId: dpo, role: "dpo" }, initial, "approve")).toEqual({ kind: "refused", reason: "initial_password" });
    expect(grantDecision({ userId: dpo, role: "dpo" }, initial, "refuse")).toEqual({ kind: "allowed" });
    // The other reasons come first: the requester cannot even refuse.
    expect(grantDecision({ userId: admin, role: "coordinator" }, initial, "refuse")).toEqual({ kind: "refused", reason: "own_request" });
  });

  it("holds for every role and every pairing of approver, requester and account", () => {
    const people = [admin, newcomer, coordinator, dpo];
    for (const role of [...staffRoles, null]) {
      for (const userId of people) {
        for (const staffId of people) {
          for (const requestedBy of [...people, null]) {
            const verdict = grantDecision({ userId, role }, { staffId, requestedBy, status: "pending", accountMustChangePassword: false });
            const expected = (role === "coordinator" || role === "dpo") && userId !== staffId && userId !== requestedBy;
            expect(verdict.kind === "allowed", `${role} ${userId} for ${staffId} asked by ${requestedBy}`).toBe(expected);
          }
        }
      }
    }
  });
});
