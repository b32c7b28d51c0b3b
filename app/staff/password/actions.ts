"use server";

import { getDb } from "@/db";
import { changeOwnPassword } from "@/db/staff";
import { authorizedAction } from "@/lib/auth/action";
import { changePasswordSchema } from "@/lib/validations/staff";

/** Open to every signed-in account, also before its first password change (staff:self). */
export const changePasswordAction = authorizedAction("staff:self", changePasswordSchema, async (input, staff) => {
  const result = await changeOwnPassword({
    db: await getDb(),
    staffId: staff.user.id,
    sessionId: staff.sessionId,
    currentPassword: input.currentPassword,
    newPassword: input.newPassword,
    requestId: staff.requestId,
  });
  if (result.status === "error") return { status: "error", fieldErrors: { [result.field]: [result.code] } };
  return { status: "ok" };
});
