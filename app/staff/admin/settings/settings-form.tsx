"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { saveSettingsAction } from "./actions";

export function SettingsForm({ initialJson }: { initialJson: string }) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveSettingsAction, {
    status: "idle",
  });
  const problems = state.status === "error" ? (state.fieldErrors?.settingsJson ?? []) : [];
  return (
    <form action={formAction} className="space-y-4">
      {state.status === "ok" ? (
        <p role="status" className="border-s-4 border-brand-700 ps-3">
          {t("saved")}
        </p>
      ) : null}
      {state.status === "error" ? (
        <div role="alert" tabIndex={-1} className="border-4 border-red-700 p-4">
          <p className="font-bold">{state.formError === "not_json" ? t("settingsNotJson") : t("settingsInvalid")}</p>
          {problems.length > 0 ? (
            <ul className="list-disc ps-6 font-mono text-sm">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <label htmlFor="settingsJson" className="block font-bold">
        {t("settingsField")}
      </label>
      <textarea
        id="settingsJson"
        name="settingsJson"
        defaultValue={initialJson}
        rows={30}
        spellCheck={false}
        className="w-full rounded border-2 border-ink p-2 font-mono text-sm"
        dir="ltr"
      />
      <button type="submit" disabled={pending} className={buttonClass}>
        {t("save")}
      </button>
    </form>
  );
}
