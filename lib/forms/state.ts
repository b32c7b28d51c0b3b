/**
 * What a form's server action answers, for every form in the app: the staff forms (one zod schema
 * per form, shared by react-hook-form and the action), the public intake steps and consent page,
 * and staff sign-in. The action's answer is the next state of the form.
 */

/** Field errors by field path ("measures.2.endsOn"), as message codes. */
export type FieldErrors = Record<string, string[] | undefined>;

/** A staff form's answer: nothing yet, refused (field errors or a refusal's code), or saved. */
export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "error"; fieldErrors?: FieldErrors; formError?: string }
  | { status: "ok"; data?: T };

/** An intake question page's answer: the values to show again, their errors and the repeating groups' row counts. */
export type StepFormState =
  | { status: "idle" }
  | { status: "edit" | "error"; values: Record<string, unknown>; errors: Record<string, string[]>; rows: Record<string, number> };

/** The intake consent page's answer. */
export type ConsentFormState = { status: "idle" } | { status: "error"; errors: Record<string, string[]>; values: Record<string, unknown> };

/** The staff sign-in form's answer: why it was refused, and the email back so it need not be retyped. */
export type SignInState = { error?: "invalid" | "throttled" | "unavailable"; email?: string };
