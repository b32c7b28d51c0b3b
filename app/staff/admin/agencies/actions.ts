"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { saveAgency } from "@/db/agencies";
import { authorizedAction } from "@/lib/auth/action";
import { agencyFormSchema } from "@/lib/validations/agency";

/** Adds or edits an agency in the register settings; refusals come back as a form error code. */
export const saveAgencyAction = authorizedAction("agency:manage", agencyFormSchema, async (input, staff) => {
  const result = await saveAgency({ db: await getDb(), actorId: staff.user.id, input });
  if (!result.ok) return { status: "error", formError: result.error };
  revalidatePath("/staff/admin/agencies");
  return { status: "ok" };
});
