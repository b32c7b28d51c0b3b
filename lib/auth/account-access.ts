import { permissionsOf, type Permission } from "./permissions";
import type { StaffRole } from "./roles";

/**
 * What a signed-in account may do right now, before its role's permissions: the one rule the guard
 * (lib/auth/guard.ts) applies to every page, route handler and server action.
 *
 * - An account an administrator created must set its own password first: until then only its own
 *   account (the password page, signing out, the language) is open, and everything else sends it
 *   to the password page, so the administrator's chosen password never opens anything.
 * - An account whose first role waits for a second person's approval (role null) has its home page
 *   and its own account, nothing else.
 */
export interface AccountState {
  role: StaffRole | null;
  mustChangePassword: boolean;
}

export type AccessVerdict = "allowed" | "change_password" | "forbidden";

const OWN_ACCOUNT: readonly Permission[] = ["staff:self"];
const WITHOUT_ROLE: readonly Permission[] = ["staff:home", "staff:self"];

export function accountAccess(account: AccountState, permission: Permission): AccessVerdict {
  if (account.mustChangePassword) return OWN_ACCOUNT.includes(permission) ? "allowed" : "change_password";
  if (account.role === null) return WITHOUT_ROLE.includes(permission) ? "allowed" : "forbidden";
  return permissionsOf(account.role).includes(permission) ? "allowed" : "forbidden";
}

/** The permissions `account` holds now (what its home page lists). */
export function effectivePermissions(account: AccountState): Permission[] {
  const all = account.role === null ? [...WITHOUT_ROLE] : permissionsOf(account.role);
  return all.filter((permission) => accountAccess(account, permission) === "allowed");
}
