"use server";

import { changeOwnPassword } from "@/db/staff";
import { authorizedAction } from "@/server/action";
import { changePasswordSchema } from "@/lib/validations/staff";

/** Open to every signed-in account, also before its first password change (staff:self). */
export const changePasswordAction = authorizedAction("staff:self", changePasswordSchema, "staff.password_changed", async ({ db, staff, input }) => {
  // The account itself, not an actor on client data: a role may still wait for approval.
  await changeOwnPassword({
    db,
    staffId: staff.user.id,
    sessionId: staff.sessionId,
    currentPassword: input.currentPassword,
    newPassword: input.newPassword,
    requestId: staff.requestId,
  });
  return { status: "ok" };
});
