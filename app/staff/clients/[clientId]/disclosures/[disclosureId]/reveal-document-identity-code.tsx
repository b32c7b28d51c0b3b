"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/forms/state";
import { revealDocumentIdentityCodeAction } from "./actions";

/** The document shows the identity code masked, as the case does; revealing it is a separate, audited step. */
export function RevealDocumentIdentityCode({ clientId, disclosureId, label, codeLabel }: { clientId: string; disclosureId: string; label: string; codeLabel: string }) {
  const [state, formAction, pending] = useActionState<ActionState<{ code: string | null }>, FormData>(revealDocumentIdentityCodeAction, { status: "idle" });
  const code = state.status === "ok" ? state.data?.code : null;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2 print:hidden">
      <input type="hidden" name="clientId" value={clientId} />
      <input type="hidden" name="disclosureId" value={disclosureId} />
      <span aria-live="polite" data-testid="document-identity-code">
        {code ? `${codeLabel}: ${code}` : null}
      </span>
      {code ? null : (
        <button type="submit" disabled={pending} className="rounded border-2 border-brand-700 px-2 py-0.5 text-sm font-bold">
          {label}
        </button>
      )}
    </form>
  );
}
