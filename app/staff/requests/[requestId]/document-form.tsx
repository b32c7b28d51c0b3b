"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionState } from "@/lib/forms/state";

/**
 * A form of the officer's document panels (access report, refusal certificate): posts to its
 * server action with or without JavaScript and shows the answer, a field's error beside the form.
 */
export function DocumentForm({
  action,
  label,
  done,
  errors,
  children,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  label: string;
  done: string;
  /** A refusal's or a field error's code → its text; "other" for anything else. */
  errors: Record<string, string>;
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const messages =
    state.status === "error"
      ? [...(state.formError ? [state.formError] : []), ...Object.values(state.fieldErrors ?? {}).flatMap((codes) => codes ?? [])].map((code) => errors[code] ?? errors.other)
      : [];
  return (
    <form action={formAction} aria-label={label} className="space-y-3">
      <fieldset disabled={pending} className="space-y-3">
        {children}
      </fieldset>
      {messages.length > 0 ? (
        <div role="alert" className="border-s-4 border-red-700 bg-red-50 p-3 font-bold text-red-700">
          {messages.map((message, index) => (
            <p key={index}>{message}</p>
          ))}
        </div>
      ) : null}
      {state.status === "ok" ? (
        <p role="status" className="border-s-4 border-green-700 bg-green-50 p-3 font-bold">
          {done}
        </p>
      ) : null}
    </form>
  );
}
