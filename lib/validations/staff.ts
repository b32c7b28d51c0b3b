import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords-policy";
import { staffRoles } from "@/lib/auth/roles";

export const emailField = z.string().trim().toLowerCase().email("invalid_email").max(254, "too_long");
export const displayNameField = z.string().trim().min(1, "required").max(200, "too_long");
export const roleField = z.enum(staffRoles, { error: "invalid_role" });
export const newPasswordField = z.string().min(MIN_PASSWORD_LENGTH, "password_too_short").max(1024, "too_long");
export const uuidField = z.string().uuid("invalid");

export const createStaffSchema = z.object({
  email: emailField,
  displayName: displayNameField,
  role: roleField,
  password: newPasswordField,
});

export const changeStaffRoleSchema = z.object({ staffId: uuidField, role: roleField });

export const setStaffDisabledSchema = z.object({
  staffId: uuidField,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
