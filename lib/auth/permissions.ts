import type { StaffRole } from "./roles";

/**
 * Task-based access (DESIGN.md rule 4): what each role may do. Object-level rules (a caseworker's
 * own caseload, the functional-capacity section) are checked in the queries on top of these.
 */
export const permissionRoles = {
  "staff:home": ["caseworker", "coordinator", "dpo", "admin", "reporting"],
  /** One's own account: password, language, signing out. Open even before the first password change. */
  "staff:self": ["caseworker", "coordinator", "dpo", "admin", "reporting"],
  "intake:review": ["caseworker", "coordinator"],
  "client:read": ["caseworker", "coordinator"],
  "client:write": ["caseworker", "coordinator"],
  "client:assign": ["coordinator"],
  "client:readFunctionalCapacity": ["caseworker", "coordinator"],
  "consent:record": ["caseworker", "coordinator"],
  "disclosure:create": ["caseworker", "coordinator"],
  "disclosure:readLog": ["coordinator", "dpo"],
  "audit:read": ["dpo"],
  "request:manage": ["dpo"],
  /** Logging a data subject's request received at a visit or by letter; only the officer (request:manage) handles and decides it. */
  "request:log": ["caseworker", "coordinator", "dpo"],
  "retention:run": ["dpo"],
  "staff:manage": ["admin"],
  /** Approving another person's grant of a client-data role (lib/auth/role-grants.ts); the DPO also reads their history. */
  "roleGrant:approve": ["coordinator", "dpo"],
  "roleGrant:readHistory": ["dpo"],
  "settings:manage": ["admin"],
  /** Every saved version of the register settings (who, when, before and after): no personal data in them. */
  "settings:readHistory": ["admin", "dpo"],
  "agency:manage": ["admin"],
  "reports:read": ["reporting", "coordinator", "dpo"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissionRoles;
export const allPermissions = Object.keys(permissionRoles) as Permission[];

/** `role` null: an account whose first role still waits for approval, which holds no role's permissions. */
export function roleHasPermission(role: StaffRole | null, permission: Permission): boolean {
  return role !== null && (permissionRoles[permission] as readonly StaffRole[]).includes(role);
}

export function permissionsOf(role: StaffRole | null): Permission[] {
  return allPermissions.filter((p) => roleHasPermission(role, p));
}
