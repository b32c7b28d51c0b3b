"use client";

import { useActionState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/forms/state";

/** One small form per table row; shows the server's refusal next to it. */
export function RowActionForm({
  action,
  children,
  label,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  children: ReactNode;
  label: string;
}) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  return (
    <form action={formAction} aria-label={label} className="flex flex-wrap items-center gap-2">
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state.status === "error" ? (
        <span role="alert" className="text-sm font-bold text-red-700">
          {t(state.formError === "cannot_change_self" ? "cannotChangeSelf" : "actionFailed")}
        </span>
      ) : null}
    </form>
  );
}
