"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { applyRestriction, clientIdByNumber, liftRestriction, recordLiftNotice } from "@/db/restrictions";
import { refuse } from "@/lib/refusal";
import { applyRestrictionByNumberSchema, applyRestrictionSchema, liftNoticeSchema, liftRestrictionSchema } from "@/lib/validations/restriction";
import { authorizedAction } from "@/server/action";
import { renderRightsLetter } from "@/server/rights-letters";

/**
 * The officer's restriction steps (request:manage): each refreshes the pages that show the
 * restriction — the list, the restriction, the request it came from and the client's case.
 */
function refreshed({ clientId, id }: { clientId: string; id: string }, requestId?: string | null) {
  revalidatePath("/staff/restrictions");
  revalidatePath(`/staff/restrictions/${id}`);
  revalidatePath(`/staff/clients/${clientId}`);
  if (requestId) revalidatePath(`/staff/requests/${requestId}`);
  return { status: "ok" as const };
}

/** From a request's page (restriction, rectification or objection request). */
export const applyRestrictionAction = authorizedAction("request:manage", applyRestrictionSchema, "restriction.applied", async (context) => {
  return refreshed(await applyRestriction(context), context.input.requestId);
});

/** On the officer's own decision, naming the client by number; opens the new restriction. */
export const applyRestrictionByNumberAction = authorizedAction("request:manage", applyRestrictionByNumberSchema, "restriction.applied", async ({ db, actor, input }) => {
  const clientId = await clientIdByNumber({ db, clientNumber: input.clientNumber });
  if (!clientId) throw refuse("restriction", "client_not_found", "No client has this number", { field: "clientNumber" });
  const result = await applyRestriction({ db, actor, input: { clientId, ground: input.ground } });
  refreshed(result);
  redirect(`/staff/restrictions/${result.id}`);
});

export const recordLiftNoticeAction = authorizedAction("request:manage", liftNoticeSchema, "restriction.lift_notice_recorded", async (context) => {
  return refreshed(await recordLiftNotice({ ...context, renderLetter: renderRightsLetter }));
});

export const liftRestrictionAction = authorizedAction("request:manage", liftRestrictionSchema, "restriction.lifted", async (context) => {
  return refreshed(await liftRestriction(context));
});
