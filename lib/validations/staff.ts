import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords-policy";
import { staffRoles } from "@/lib/domain-values";
import { idField } from "@/lib/forms/fields";

export const emailField = z.string().trim().toLowerCase().email("invalid_email").max(254, "too_long");
export const displayNameField = z.string().trim().min(1, "required").max(200, "too_long");
export const roleField = z.enum(staffRoles, { error: "invalid_role" });
export const newPasswordField = z.string().min(MIN_PASSWORD_LENGTH, "password_too_short").max(1024, "too_long");

export const createStaffSchema = z.object({
  email: emailField,
  displayName: displayNameField,
  role: roleField,
  password: newPasswordField,
});

export const changeStaffRoleSchema = z.object({ staffId: idField, role: roleField });

export const setStaffDisabledSchema = z.object({
  staffId: idField,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/**
 * Setting one's own password: the current one (a session left open is not enough), the new one twice.
 * Error codes only: no value is ever echoed back.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "required").max(1024, "too_long"),
    newPassword: newPasswordField,
    repeatPassword: z.string().max(1024, "too_long"),
  })
  .superRefine((value, context) => {
    if (value.repeatPassword !== value.newPassword) {
      context.addIssue({ code: "custom", path: ["repeatPassword"], message: "passwords_differ" });
    }
    if (value.currentPassword.length > 0 && value.newPassword === value.currentPassword) {
      context.addIssue({ code: "custom", path: ["newPassword"], message: "password_unchanged" });
    }
  });

export const decideRoleGrantSchema = z.object({ grantId: idField, decision: z.enum(["approve", "refuse"], { error: "invalid" }) });
