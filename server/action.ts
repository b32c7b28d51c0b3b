import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb, type Database } from "@/db";
import { recordWriteRefusal } from "@/db/write-refusals";
import type { AuditAction } from "@/lib/audit-actions";
import type { StaffActor } from "@/lib/auth/client-access";
import type { Permission } from "@/lib/auth/permissions";
import type { ActionState, FieldErrors } from "@/lib/forms/state";
import { isRefusal } from "@/lib/refusal";
import { requirePermission, staffActor, type StaffContext } from "./guard";

/** Fields whose values an error answer must never echo back. */
const SECRET_FIELDS = ["password", "personalIdentityCode"];

/**
 * What every staff action's handler gets, built once here (CONVENTIONS.md habit 4; model: create-t3-app
 * `protectedProcedure`): the database, the staff member as the data layer sees them (with the request
 * id and session, so every audit event carries them), the input parsed by the form's own schema, and
 * the session itself. `actor` exists only for an account with a role in force: one whose role still
 * waits for approval reaches only its own account's actions (staff:self), which use `staff`.
 */
export interface ActionContext<I> {
  db: Database;
  readonly actor: StaffActor;
  input: I;
  staff: StaffContext;
}

function contextFor<I>(db: Database, staff: StaffContext, input: I): ActionContext<I> {
  let actor: StaffActor | undefined;
  return {
    db,
    input,
    staff,
    get actor() {
      actor ??= staffActor(staff);
      return actor;
    },
  };
}

function formValues(formData: FormData): Record<string, unknown> {
  return Object.fromEntries(
    [...formData.keys()]
      .filter((key) => !key.startsWith("$ACTION"))
      .map((key) => {
        const values = formData.getAll(key);
        return [key, values.length > 1 ? values : values[0]];
      }),
  );
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    // A repeating group's error keeps its row: "measures.2.endsOn".
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
    (fieldErrors[key] ??= []).push(SECRET_FIELDS.includes(String(issue.path[0])) ? "invalid" : issue.message);
  }
  return fieldErrors;
}

/** The client an input names, when it names one: the refusal's event is about that client. */
function clientOfInput(input: unknown): string | null {
  const clientId = (input as { clientId?: unknown } | null)?.clientId;
  return typeof clientId === "string" ? clientId : null;
}

/**
 * Wraps a server action: checks the permission on the server, parses the form with the same zod
 * schema the browser uses (answering field errors that never echo a secret), builds the context and
 * runs the handler. A refusal from the data layer (lib/refusal.ts) becomes the form's answer here,
 * once for every action, and is audited as "write.refused" with what was attempted (`intent`), its
 * outcome and the clients it concerned: a refusal can itself reveal personal data ("this identity
 * code is already registered"). Anything else is a fault and propagates (Next's redirects included).
 */
export function authorizedAction<S extends z.ZodType, T = undefined>(
  permission: Permission,
  schema: S,
  intent: AuditAction,
  handler: (context: ActionContext<z.infer<S>>) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const staff = await requirePermission(permission);
    const parsed = schema.safeParse(formValues(formData));
    if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error) };
    const context = contextFor<z.infer<S>>(await getDb(), staff, parsed.data);
    try {
      return await handler(context);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await recordWriteRefusal({
        db: context.db,
        actor: { userId: staff.user.id, requestId: staff.requestId },
        attempted: intent,
        clientId: error.clientId ?? clientOfInput(context.input),
        domain: error.domain,
        outcome: error.code,
        otherClientIds: error.clientIds,
      });
      return error.field ? { status: "error", fieldErrors: { [error.field]: [error.code] } } : { status: "error", formError: error.code };
    }
  };
}

/**
 * A write to one client's case (DESIGN.md rule 4 and the write recipe, db/case-write.ts): the write
 * gets `{ db, actor, input }`, returns the client it wrote, and that client's case page is refreshed.
 */
export function caseAction<S extends z.ZodType>(
  permission: Permission,
  schema: S,
  intent: AuditAction,
  write: (context: ActionContext<z.infer<S>>) => Promise<{ clientId: string }>,
) {
  return authorizedAction(permission, schema, intent, async (context) => {
    const { clientId } = await write(context);
    revalidatePath(`/staff/clients/${clientId}`);
    return { status: "ok" };
  });
}
