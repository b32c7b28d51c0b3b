"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { createStaffAccount, requestStaffRole } from "@/db/role-grants";
import { setStaffDisabled } from "@/db/staff";
import { authorizedAction } from "@/lib/auth/action";
import { changeStaffRoleSchema, createStaffSchema, setStaffDisabledSchema } from "@/lib/validations/staff";

/** A client-data role only waits for approval here; the person sets their own password first. */
export const createStaffAction = authorizedAction("staff:manage", createStaffSchema, async (input, staff) => {
  const result = await createStaffAccount({ db: await getDb(), ...input, actor: { userId: staff.user.id, requestId: staff.requestId } });
  if (result.status === "error") return { status: "error", fieldErrors: { email: [result.code] } };
  revalidatePath("/staff/admin/staff");
  return { status: "ok", data: { awaitingApproval: result.grant === "pending" } };
});

export const changeStaffRoleAction = authorizedAction("staff:manage", changeStaffRoleSchema, async (input, staff) => {
  const result = await requestStaffRole({
    db: await getDb(),
    staffId: input.staffId,
    role: input.role,
    actor: { userId: staff.user.id, requestId: staff.requestId },
  });
  if (result.status === "error") return { status: "error", formError: result.code };
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
