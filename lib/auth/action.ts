import "server-only";
import type { z } from "zod";
import type { Permission } from "./permissions";
import { requirePermission, type StaffContext } from "./guard";

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "error"; fieldErrors?: FieldErrors; formError?: string }
  | { status: "ok"; data?: T };

/** Fields whose values an error answer must never echo back. */
const SECRET_FIELDS = ["password", "personalIdentityCode"];

/**
 * Wraps a server action: checks the permission on the server, parses the form with the same zod
 * schema the browser uses, and answers field-level errors (never echoing secrets) or runs the
 * handler with the staff member.
 */
export function authorizedAction<S extends z.ZodType, T = undefined>(
  permission: Permission,
  schema: S,
  handler: (input: z.infer<S>, staff: StaffContext) => Promise<ActionState<T>>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const staff = await requirePermission(permission);
    const raw = Object.fromEntries([...formData.keys()].filter((k) => !k.startsWith("$ACTION")).map((k) => {
      const values = formData.getAll(k);
      return [k, values.length > 1 ? values : values[0]];
    }));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        // A repeating group's error keeps its row: "measures.2.endsOn".
        const key = issue.path.length > 0 ? issue.path.map(String).join(".") : "form";
        (fieldErrors[key] ??= []).push(SECRET_FIELDS.includes(String(issue.path[0])) ? "invalid" : issue.message);
      }
      return { status: "error", fieldErrors };
    }
    return handler(parsed.data, staff);
  };
}
