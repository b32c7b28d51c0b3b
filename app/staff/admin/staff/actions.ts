"use server";

import { revalidatePath } from "next/cache";
import { createStaffAccount, requestStaffRole } from "@/db/role-grants";
import { setStaffDisabled } from "@/db/staff";
import { authorizedAction } from "@/server/action";
import { changeStaffRoleSchema, createStaffSchema, setStaffDisabledSchema } from "@/lib/validations/staff";

/** A client-data role only waits for approval here; the person sets their own password first. */
export const createStaffAction = authorizedAction("staff:manage", createStaffSchema, "staff.created", async ({ db, actor, input }) => {
  const result = await createStaffAccount({ db, ...input, actor });
  revalidatePath("/staff/admin/staff");
  return { status: "ok", data: { awaitingApproval: result.grant === "pending" } };
});

export const changeStaffRoleAction = authorizedAction("staff:manage", changeStaffRoleSchema, "staff.role_changed", async ({ db, actor, input }) => {
  await requestStaffRole({ db, staffId: input.staffId, role: input.role, actor });
  revalidatePath("/staff/admin/staff");
  return { status: "ok" };
});

export const setStaffDisabledAction = authorizedAction("staff:manage", setStaffDisabledSchema, "staff.disabled", async ({ db, actor, input }) => {
  await setStaffDisabled({ db, staffId: input.staffId, disabled: input.disabled, actor });
  revalidatePath("/staff/admin/staff");
  return { status: "ok" };
});
