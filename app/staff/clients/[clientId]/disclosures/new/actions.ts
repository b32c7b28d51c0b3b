"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { DisclosureError, previewDisclosure, recordDisclosure, type DisclosureDocument, type DisclosureRefusal } from "@/db/disclosures";
import type { ActionState, FieldErrors } from "@/lib/auth/action";
import { authorizedAction } from "@/lib/auth/action";
import { staffActor } from "@/lib/auth/guard";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { refusedWrite } from "../../case-write";
import type { StaffContext } from "@/lib/auth/guard";

/** Refused categories as field errors, keyed `refused.<category>`, so the form can say which and why. */
function refused(refusals: DisclosureRefusal[]): Extract<ActionState, { status: "error" }> {
  const fieldErrors: FieldErrors = Object.fromEntries(refusals.map((r) => [`refused.${r.category}`, [r.reason]]));
  return { status: "error", formError: "refused", fieldErrors };
}

async function orRefusal<T>(staff: StaffContext, clientId: string, run: () => Promise<ActionState<T>>): Promise<ActionState<T>> {
  try {
    return await run();
  } catch (error) {
    const refusal = await refusedWrite(staff, "disclosure.recorded", clientId, error);
    if (refusal) return refusal as Extract<ActionState, { status: "error" }>;
    if (error instanceof DisclosureError) return { status: "error", formError: "unknown_agency" };
    throw error;
  }
}

/** The document the disclosure would produce, evaluated by the gate now. Audited as a look at the data. */
export const previewDisclosureAction = authorizedAction("disclosure:create", disclosureFormSchema, async (input, staff): Promise<ActionState<{ document: DisclosureDocument }>> =>
  orRefusal<{ document: DisclosureDocument }>(staff, input.clientId, async () => {
    const outcome = await previewDisclosure({ db: await getDb(), actor: staffActor(staff), input });
    return outcome.kind === "refused" ? refused(outcome.refusals) : { status: "ok", data: { document: outcome.document } };
  }),
);

/** Records the disclosure (the gate evaluated again inside the transaction) and opens its document. */
export const recordDisclosureAction = authorizedAction("disclosure:create", disclosureFormSchema, async (input, staff): Promise<ActionState<{ document: DisclosureDocument }>> => {
  const outcome = await orRefusal<{ disclosureId: string }>(staff, input.clientId, async () => {
    const result = await recordDisclosure({ db: await getDb(), actor: staffActor(staff), input });
    return result.kind === "refused" ? refused(result.refusals) : { status: "ok" as const, data: { disclosureId: result.disclosureId } };
  });
  if (outcome.status === "error") return outcome;
  if (outcome.status !== "ok" || !outcome.data) return { status: "error", formError: "other" };
  redirect(`/staff/clients/${input.clientId}/disclosures/${outcome.data.disclosureId}?recorded=1`);
});
