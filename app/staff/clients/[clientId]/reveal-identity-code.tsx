"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/forms/state";
import { revealIdentityCodeAction } from "../actions";

export function RevealIdentityCode({ clientId, masked, label }: { clientId: string; masked: string; label: string }) {
  const [state, formAction, pending] = useActionState<ActionState<{ code: string | null }>, FormData>(revealIdentityCodeAction, { status: "idle" });
  const code = state.status === "ok" ? state.data?.code : null;
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="clientId" value={clientId} />
      <span className="font-mono" data-testid="identity-code" aria-live="polite">
        {code ?? masked}
      </span>
      {code ? null : (
        <button type="submit" disabled={pending} className="rounded border-2 border-brand-700 px-2 py-0.5 text-sm font-bold">
          {label}
        </button>
      )}
    </form>
  );
}
