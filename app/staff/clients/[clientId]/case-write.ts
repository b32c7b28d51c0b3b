import "server-only";
import { revalidatePath } from "next/cache";
import { CaseDetailsError } from "@/db/case-details";
import { CaseAccessError, CaseReadOnlyError, CaseRecordError } from "@/db/case-records";
import { ConsentError } from "@/db/consents";
import type { ActionState } from "@/lib/auth/action";

/** A refusal the data layer gives in the form's terms (no access, read-only case, a record that does not fit). */
export function caseRefusal(error: unknown): ActionState | null {
  if (error instanceof CaseAccessError || error instanceof CaseReadOnlyError || error instanceof CaseRecordError || error instanceof CaseDetailsError || error instanceof ConsentError) {
    return { status: "error", formError: error.code };
  }
  return null;
}

/**
 * Runs one case write for a server action: saved (and the case page refreshed), or refused with
 * the data layer's reason code. Other errors are not refusals and propagate.
 */
export async function runCaseWrite(clientId: string | undefined, run: () => Promise<unknown>): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    const refusal = caseRefusal(error);
    if (refusal) return refusal;
    throw error;
  }
  // A plan review or an appointment change knows only its record: refresh every case page then.
  revalidatePath(clientId ? `/staff/clients/${clientId}` : "/staff/clients/[clientId]", clientId ? undefined : "page");
  return { status: "ok" };
}
