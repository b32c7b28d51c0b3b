"use server";

import { redirect } from "next/navigation";
import { previewDisclosure, recordDisclosure, type DisclosureDocument, type DisclosureRefusal } from "@/db/disclosures";
import type { ActionState } from "@/lib/forms/state";
import { authorizedAction } from "@/server/action";
import { disclosureFormSchema } from "@/lib/validations/disclosure";

/** Refused categories as field errors, keyed `refused.<category>`, so the form can say which and why. */
function refused(refusals: DisclosureRefusal[]): Extract<ActionState, { status: "error" }> {
  return { status: "error", formError: "refused", fieldErrors: Object.fromEntries(refusals.map((r) => [`refused.${r.category}`, [r.reason]])) };
}

/** The document the disclosure would produce, evaluated by the gate now. Audited as a look at the data. */
export const previewDisclosureAction = authorizedAction(
  "disclosure:create",
  disclosureFormSchema,
  "disclosure.previewed",
  async (context): Promise<ActionState<{ document: DisclosureDocument }>> => {
    const outcome = await previewDisclosure(context);
    return outcome.kind === "refused" ? refused(outcome.refusals) : { status: "ok", data: { document: outcome.document } };
  },
);

/** Records the disclosure (the gate evaluated again inside the transaction) and opens its document. */
export const recordDisclosureAction = authorizedAction("disclosure:create", disclosureFormSchema, "disclosure.recorded", async (context) => {
  const outcome = await recordDisclosure(context);
  if (outcome.kind === "refused") return refused(outcome.refusals);
  redirect(`/staff/clients/${context.input.clientId}/disclosures/${outcome.disclosureId}?recorded=1`);
});
