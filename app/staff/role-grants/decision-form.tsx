"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/state";
import { decideRoleGrantAction } from "./actions";

const refusals = ["not_an_approver", "own_account", "own_request", "not_pending", "initial_password", "not_found"] as const;

/**
 * Approve or refuse one pending grant: two submit buttons of one plain form (works without
 * JavaScript). Approval is offered only where the rule allows it; the server decides again.
 */
export function DecisionForm({ grantId, label, mayApprove }: { grantId: string; label: string; mayApprove: boolean }) {
  const t = useTranslations("roleGrants");
  const [state, formAction, pending] = useActionState<ActionState, FormData>(decideRoleGrantAction, { status: "idle" });
  const refusal = state.status === "error" ? refusals.find((code) => code === state.formError) : undefined;
  return (
    <form action={formAction} aria-label={label} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="grantId" value={grantId} />
      <fieldset disabled={pending} className="contents">
        {mayApprove ? (
          <button type="submit" name="decision" value="approve" className="rounded bg-brand-700 px-3 py-1 font-bold text-white">
            {t("approve")}
          </button>
        ) : null}
        <button type="submit" name="decision" value="refuse" className="rounded border-2 border-brand-700 px-3 py-1">
          {t("refuse")}
        </button>
      </fieldset>
      {state.status === "error" ? (
        <span role="alert" className="text-sm font-bold text-red-700">
          {refusal ? t(`refusal.${refusal}`) : t("failed")}
        </span>
      ) : null}
    </form>
  );
}
