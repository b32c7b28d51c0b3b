"use server";

import { revalidatePath } from "next/cache";
import { decideRoleGrant } from "@/db/role-grants";
import { authorizedAction } from "@/server/action";
import { decideRoleGrantSchema } from "@/lib/validations/staff";

/** The second person's yes or no; who may give it is decided again inside the transaction. */
export const decideRoleGrantAction = authorizedAction("roleGrant:approve", decideRoleGrantSchema, "staff.role_grant_approved", async ({ db, actor, input }) => {
  await decideRoleGrant({ db, grantId: input.grantId, decision: input.decision, actor });
  revalidatePath("/staff/role-grants");
  return { status: "ok" };
});
