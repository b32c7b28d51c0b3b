"use server";

import { redirect } from "next/navigation";
import { createWalkInClient } from "@/db/client-details";
import { authorizedAction } from "@/server/action";
import { walkInClientSchema } from "@/lib/validations/client-details";

/** A client registered by staff (a walk-in) always carries its recorded basis (DESIGN.md rule 1). */
export const createWalkInClientAction = authorizedAction("client:write", walkInClientSchema, "client.created", async (context) => {
  const { clientId } = await createWalkInClient(context);
  redirect(`/staff/clients/${clientId}`);
});
