"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { createStaffUser, findStaffByEmail, setStaffDisabled, setStaffRole } from "@/db/staff";
import { authorizedAction } from "@/lib/auth/action";
import { changeStaffRoleSchema, createStaffSchema, setStaffDisabledSchema } from "@/lib/validations/staff";

export const createStaffAction = authorizedAction("staff:manage", createStaffSchema, async (input, staff) => {
  const db = await getDb();
  if (await findStaffByEmail({ db, email: input.email })) {
    return { status: "error", fieldErrors: { email: ["email_taken"] } };
  }
  await createStaffUser({ db, ...input, actorId: staff.user.id });
  revalidatePath("/staff/admin/staff");
  return { status: "ok" };
});

export const changeStaffRoleAction = authorizedAction("staff:manage", changeStaffRoleSchema, async (input, staff) => {
  if (input.staffId === staff.user.id) return { status: "error", formError: "cannot_change_self" };
  await setStaffRole({ db: await getDb(), staffId: input.staffId, role: input.role, actorId: staff.user.id });
  revalidatePath("/staff/admin/staff");
  return { status: "ok" };
});

export const setStaffDisabledAction = authorizedAction("staff:manage", setStaffDisabledSchema, async (input, staff) => {
  // An administrator locking themselves out would leave no one to undo it.
  if (input.staffId === staff.user.id) return { status: "error", formError: "cannot_change_self" };
  await setStaffDisabled({ db: await getDb(), staffId: input.staffId, disabled: input.disabled, actorId: staff.user.id });
  revalidatePath("/staff/admin/staff");
  return { status: "ok" };
});
