export const staffRoles = ["caseworker", "coordinator", "dpo", "admin", "reporting"] as const;
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}
