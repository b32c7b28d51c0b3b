"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/forms/field";
import type { ChainVerdict } from "@/lib/audit-chain";
import type { ActionState } from "@/lib/forms/state";
import { verifyAuditChainAction } from "./actions";

/** Verifies the whole chain on request and shows the verdict with the verified head hash. */
export function ChainVerifyForm() {
  const t = useTranslations("auditView");
  const [state, formAction, pending] = useActionState<ActionState<ChainVerdict>, FormData>(verifyAuditChainAction, { status: "idle" });
  const verdict = state.status === "ok" ? state.data : undefined;
  return (
    <div className="space-y-2">
      <form action={formAction}>
        <button type="submit" disabled={pending} className={buttonClass} data-testid="verify-chain">
          {t("verifyButton")}
        </button>
      </form>
      <div aria-live="polite">
        {verdict?.ok ? (
          <p role="status" data-testid="chain-verdict" data-ok="true" className="font-bold text-green-800">
            {t("chainIntact", { count: verdict.count })}{" "}
            <span className="font-mono break-all" dir="ltr">
              {verdict.lastHash}
            </span>
          </p>
        ) : verdict ? (
          <p role="alert" data-testid="chain-verdict" data-ok="false" className="font-bold text-red-700">
            {t("chainBroken", { seq: verdict.brokenSeq, count: verdict.count })} {t(`chainProblems.${verdict.problem}` as never)}
          </p>
        ) : null}
        {state.status === "error" ? (
          <p role="alert" className="font-bold text-red-700">
            {t("verifyFailed")}
          </p>
        ) : null}
      </div>
    </div>
  );
}
