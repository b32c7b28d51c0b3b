import type { StaffRole } from "./roles";

/**
 * Task-based access (DESIGN.md rule 4): what each role may do. Object-level rules (a caseworker's
 * own caseload, the functional-capacity section) are checked in the queries on top of these.
 */
export const permissionRoles = {
  "staff:home": ["caseworker", "coordinator", "dpo", "admin", "reporting"],
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
  "retention:run": ["dpo"],
  "staff:manage": ["admin"],
  "settings:manage": ["admin"],
  "agency:manage": ["admin"],
  "reports:read": ["reporting", "coordinator", "dpo"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissionRoles;
export const allPermissions = Object.keys(permissionRoles) as Permission[];

export function roleHasPermission(role: StaffRole, permission: Permission): boolean {
  return (permissionRoles[permission] as readonly StaffRole[]).includes(role);
}

export function permissionsOf(role: StaffRole): Permission[] {
  return allPermissions.filter((p) => roleHasPermission(role, p));
}
