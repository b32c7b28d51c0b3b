"use server";

import { revalidatePath } from "next/cache";
import { saveAgency } from "@/db/agencies";
import { authorizedAction } from "@/server/action";
import { agencyFormSchema } from "@/lib/validations/agency";

/** Adds or edits an agency in the register settings; a refusal comes back as the form's error code. */
export const saveAgencyAction = authorizedAction("agency:manage", agencyFormSchema, "settings.changed", async (context) => {
  await saveAgency(context);
  revalidatePath("/staff/admin/agencies");
  return { status: "ok" };
});
