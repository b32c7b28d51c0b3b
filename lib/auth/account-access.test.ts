import { describe, expect, it } from "vitest";
import { accountAccess, effectivePermissions } from "./account-access";
import { allPermissions, roleHasPermission } from "./permissions";
import { staffRoles } from "./roles";

describe("accountAccess", () => {
  it("an account with its own password and a granted role has exactly its role's permissions", () => {
    for (const role of staffRoles) {
      for (const permission of allPermissions) {
        expect(accountAccess({ role, mustChangePassword: false }, permission), `${role} ${permission}`).toBe(
          roleHasPermission(role, permission) ? "allowed" : "forbidden",
        );
      }
    }
  });

  it("until the first password change, only the own account is open and everything else goes to the password page", () => {
    for (const role of [...staffRoles, null]) {
      for (const permission of allPermissions) {
        expect(accountAccess({ role, mustChangePassword: true }, permission), `${role} ${permission}`).toBe(
          permission === "staff:self" ? "allowed" : "change_password",
        );
      }
      expect(effectivePermissions({ role, mustChangePassword: true })).toEqual(["staff:self"]);
    }
  });

  it("an account whose first role waits for approval has its home page and its own account, nothing else", () => {
    const allowed = allPermissions.filter((p) => accountAccess({ role: null, mustChangePassword: false }, p) === "allowed");
    expect(allowed.sort()).toEqual(["staff:home", "staff:self"]);
    expect(accountAccess({ role: null, mustChangePassword: false }, "client:read")).toBe("forbidden");
    expect(effectivePermissions({ role: null, mustChangePassword: false }).sort()).toEqual(["staff:home", "staff:self"]);
  });
});
