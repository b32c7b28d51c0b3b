import "server-only";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { CaseDetailsError } from "@/db/case-details";
import { CaseAccessError, CaseReadOnlyError, CaseRecordError } from "@/db/case-records";
import { ConsentError } from "@/db/consents";
import { IntakeReviewError } from "@/db/intake-review-error";
import { recordWriteRefusal } from "@/db/write-refusals";
import type { AuditAction } from "@/lib/audit-actions";
import type { ActionState } from "@/lib/auth/action";
import { staffActor, type StaffContext } from "@/lib/auth/guard";

/** A refusal the data layer gives (no access, read-only case, a record that does not fit), with the clients it names. */
function refusalOf(error: unknown): { code: string; clientIds: readonly string[] } | null {
  if (error instanceof CaseAccessError || error instanceof CaseReadOnlyError || error instanceof CaseRecordError || error instanceof ConsentError) {
    return { code: error.code, clientIds: [] };
  }
  if (error instanceof CaseDetailsError) return { code: error.code, clientIds: error.clientId ? [error.clientId] : [] };
  if (error instanceof IntakeReviewError) return { code: error.code, clientIds: error.clientIds };
  return null;
}

/**
 * The form's answer to a refused write, after recording the refusal with its outcome (audited: a
 * refusal can reveal that a person is in the register). Null when `error` is not a refusal.
 */
export async function refusedWrite(staff: StaffContext, attempted: AuditAction, clientId: string | undefined, error: unknown): Promise<Extract<ActionState, { status: "error" }> | null> {
  const refusal = refusalOf(error);
  if (!refusal) return null;
  await recordWriteRefusal({ db: await getDb(), actor: staffActor(staff), attempted, clientId, outcome: refusal.code, otherClientIds: refusal.clientIds });
  return { status: "error", formError: refusal.code };
}

/**
 * Runs one case write for a server action: saved (and the case page refreshed), or refused with
 * the data layer's reason code (and the refusal audited). Other errors are not refusals and propagate.
 */
export async function runCaseWrite(staff: StaffContext, attempted: AuditAction, clientId: string | undefined, run: () => Promise<unknown>): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    const refusal = await refusedWrite(staff, attempted, clientId, error);
    if (refusal) return refusal;
    throw error;
  }
  // A plan review or an appointment change knows only its record: refresh every case page then.
  revalidatePath(clientId ? `/staff/clients/${clientId}` : "/staff/clients/[clientId]", clientId ? undefined : "page");
  return { status: "ok" };
}
