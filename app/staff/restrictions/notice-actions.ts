"use server";

import { revalidatePath } from "next/cache";
import { linkCorrections, recordRecipientNotice } from "@/db/recipient-notices";
import { linkCorrectionsSchema, recipientNoticeSchema } from "@/lib/validations/restriction";
import { authorizedAction } from "@/server/action";
import { renderRightsLetter } from "@/server/rights-letters";

/** The officer's steps on the recipients' notices (GDPR Art 19), from a request's page or a restriction's. */
export const linkCorrectionsAction = authorizedAction("request:manage", linkCorrectionsSchema, "notice.corrections_linked", async (context) => {
  await linkCorrections(context);
  revalidatePath(`/staff/requests/${context.input.requestId}`);
  return { status: "ok" };
});

export const recordRecipientNoticeAction = authorizedAction("request:manage", recipientNoticeSchema, "notice.recorded", async (context) => {
  await recordRecipientNotice({ ...context, renderLetter: renderRightsLetter });
  if (context.input.requestId) revalidatePath(`/staff/requests/${context.input.requestId}`);
  if (context.input.restrictionId) revalidatePath(`/staff/restrictions/${context.input.restrictionId}`);
  return { status: "ok" };
});
