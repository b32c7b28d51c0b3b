"use client";

import { startTransition, useActionState, useEffect } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { deliveryMethods, type DeliveryMethod } from "@/lib/domain-values";
import { agencyFormErrorCodes, agencyFormSchema, agencyRefusalCodes } from "@/lib/validations/agency";
import { saveAgencyAction } from "./actions";

type TextField = "code" | "name" | "businessId";

/**
 * Adds an agency (mode "new") or edits one (mode "edit", the code fixed). Posts as a plain form
 * without JavaScript; with it, validates with the action's own zod schema first.
 */
export function AgencyForm({
  mode,
  idPrefix,
  label,
  defaults,
}: {
  mode: "new" | "edit";
  /** Makes the ids unique when the page holds several forms. */
  idPrefix: string;
  /** The form's accessible name. */
  label: string;
  defaults: { code: string; name: string; businessId: string; insideEea: "yes" | "no" | undefined; deliveryMethod: DeliveryMethod };
}) {
  const t = useTranslations("agencyAdmin");
  const [state, formAction, pending] = useActionState<ActionState, FormData>(saveAgencyAction, { status: "idle" });
  const { register, handleSubmit, formState, reset } = useForm({
    resolver: zodResolver(agencyFormSchema),
    defaultValues: { mode, ...defaults },
    mode: "onTouched",
  });

  // A new agency was added: empty the form for the next one.
  useEffect(() => {
    if (mode === "new" && state.status === "ok") reset();
  }, [mode, state, reset]);

  const errorFor = (name: TextField | "insideEea" | "deliveryMethod") => {
    const code = formState.errors[name]?.message ?? (state.status === "error" ? state.fieldErrors?.[name]?.[0] : undefined);
    if (!code) return undefined;
    return t(`errors.${(agencyFormErrorCodes as readonly string[]).includes(code) ? code : "invalid"}`);
  };
  const refusal = (() => {
    if (state.status !== "error") return undefined;
    if (state.formError) {
      return t(`refused.${(agencyRefusalCodes as readonly string[]).includes(state.formError) ? state.formError : "other"}`);
    }
    // An error on a field the form does not show (the mode, or an edit's fixed code) still needs saying.
    const shown: string[] = mode === "new" ? ["code", "name", "businessId", "insideEea", "deliveryMethod"] : ["name", "businessId", "insideEea", "deliveryMethod"];
    return Object.keys(state.fieldErrors ?? {}).some((key) => !shown.includes(key)) ? t("refused.other") : undefined;
  })();

  const onSubmit = handleSubmit((_values, event) => {
    const form = (event?.target as HTMLElement | undefined)?.closest("form");
    if (form) startTransition(() => formAction(new FormData(form)));
  });

  const id = (name: string) => `${idPrefix}-${name}`;
  const textInput = (name: TextField, { hint, optional = false, autoComplete = "off" }: { hint?: string; optional?: boolean; autoComplete?: string }) => {
    const error = errorFor(name);
    return (
      <Field id={id(name)} label={optional ? `${t(name)} ${t("optional")}` : t(name)} hint={hint} error={error}>
        <input
          id={id(name)}
          type="text"
          autoComplete={autoComplete}
          spellCheck={name === "name"}
          dir={name === "name" ? undefined : "ltr"}
          defaultValue={defaults[name]}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id(name), hint, error)}
          className={inputClass}
          {...register(name)}
        />
      </Field>
    );
  };
  const eeaError = errorFor("insideEea");
  const methodError = errorFor("deliveryMethod");

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate aria-label={label} className="space-y-4" data-testid={`${idPrefix}-form`}>
      {state.status === "ok" ? (
        <p role="status" className="border-s-4 border-brand-700 ps-3">
          {mode === "new" ? t("added") : t("saved")}
        </p>
      ) : null}
      {refusal ? (
        <p role="alert" className="font-bold text-red-700">
          {refusal}
        </p>
      ) : null}
      <input type="hidden" value={mode} {...register("mode")} />
      {mode === "new" ? (
        textInput("code", { hint: t("codeHint") })
      ) : (
        <input type="hidden" value={defaults.code} {...register("code")} />
      )}
      {textInput("name", { hint: t("nameHint"), autoComplete: "organization" })}
      {textInput("businessId", { hint: t("businessIdHint"), optional: true })}
      <fieldset
        className={`space-y-1 ${eeaError ? "border-s-4 border-red-700 ps-3" : ""}`}
        aria-describedby={[id("insideEea-hint"), eeaError ? id("insideEea-error") : ""].filter(Boolean).join(" ")}
      >
        <legend className="font-bold">{t("insideEeaQuestion")}</legend>
        <p id={id("insideEea-hint")} className="text-sm text-gray-700">
          {t("insideEeaHint")}
        </p>
        {eeaError ? (
          <p id={id("insideEea-error")} className="font-bold text-red-700">
            {eeaError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-6">
          {(["yes", "no"] as const).map((value) => (
            <label key={value} htmlFor={id(`insideEea-${value}`)} className="flex items-center gap-2">
              <input
                id={id(`insideEea-${value}`)}
                type="radio"
                value={value}
                defaultChecked={defaults.insideEea === value}
                className="size-5"
                {...register("insideEea")}
              />
              {t(value)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={id("deliveryMethod")} label={t("deliveryMethod")} error={methodError}>
        <select
          id={id("deliveryMethod")}
          defaultValue={defaults.deliveryMethod}
          aria-invalid={methodError ? true : undefined}
          aria-describedby={describedBy(id("deliveryMethod"), undefined, methodError)}
          className={inputClass}
          {...register("deliveryMethod")}
        >
          {deliveryMethods.map((method) => (
            <option key={method} value={method}>
              {t(`deliveryMethods.${method}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {mode === "new" ? t("add") : t("save")}
      </button>
    </form>
  );
}
