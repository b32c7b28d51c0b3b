"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/forms/state";
import { buttonClass } from "@/components/forms/field";
import { giveAccessReasonAction } from "../actions";

export function AccessReasonForm({ clientId, returnTo, labels }: { clientId: string; returnTo?: string; labels: { reason: string; hint: string; submit: string; tooShort: string } }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(giveAccessReasonAction, { status: "idle" });
  const error = state.status === "error" ? labels.tooShort : undefined;
  return (
    <form action={formAction} className="max-w-xl space-y-3">
      <input type="hidden" name="clientId" value={clientId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <label htmlFor="reason" className="block font-bold">
        {labels.reason}
      </label>
      <p id="reason-hint" className="text-sm text-gray-700">
        {labels.hint}
      </p>
      {error ? (
        <p id="reason-error" className="font-bold text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      <textarea
        id="reason"
        name="reason"
        rows={3}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "reason-hint reason-error" : "reason-hint"}
        className="w-full rounded border-2 border-ink p-2"
      />
      <button type="submit" disabled={pending} className={buttonClass}>
        {labels.submit}
      </button>
    </form>
  );
}
