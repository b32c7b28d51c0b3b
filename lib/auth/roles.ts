import { staffRoles, type StaffRole } from "../domain-values";

/** The roles are stored codes, listed with the others in lib/domain-values.ts; the permissions they carry are in ./permissions.ts. */
export { staffRoles, type StaffRole };

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}
