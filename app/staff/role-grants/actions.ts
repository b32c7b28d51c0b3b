"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { decideRoleGrant } from "@/db/role-grants";
import { authorizedAction } from "@/lib/auth/action";
import { decideRoleGrantSchema } from "@/lib/validations/staff";

/** The second person's yes or no; who may give it is decided again inside the transaction. */
export const decideRoleGrantAction = authorizedAction("roleGrant:approve", decideRoleGrantSchema, async (input, staff) => {
  const result = await decideRoleGrant({
    db: await getDb(),
    grantId: input.grantId,
    decision: input.decision,
    actor: { userId: staff.user.id, requestId: staff.requestId },
  });
  if (result.status === "error") return { status: "error", formError: result.code };
  revalidatePath("/staff/role-grants");
  return { status: "ok" };
});
