"use client";

import { startTransition, useActionState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { staffRoles } from "@/lib/auth/roles";
import { createStaffSchema } from "@/lib/validations/staff";
import { createStaffAction } from "./actions";

/** Posts as a plain form without JavaScript; with it, validates with the same schema first. */
export function CreateStaffForm() {
  const t = useTranslations("admin");
  const tv = useTranslations("validation");
  const tr = useTranslations("roles");
  const [state, formAction, pending] = useActionState<ActionState<{ awaitingApproval: boolean }>, FormData>(createStaffAction, { status: "idle" });
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(createStaffSchema), mode: "onTouched" });
  const errorFor = (name: "email" | "displayName" | "role" | "password") => {
    const code = formState.errors[name]?.message ?? (state.status === "error" ? state.fieldErrors?.[name]?.[0] : undefined);
    return code ? tv(code as Parameters<typeof tv>[0]) : undefined;
  };
  const onSubmit = handleSubmit((_values, event) => {
    const form = event?.target;
    if (form instanceof HTMLFormElement) startTransition(() => formAction(new FormData(form)));
  });
  const fields = [
    { name: "email", type: "email", autoComplete: "off" },
    { name: "displayName", type: "text", autoComplete: "off" },
    { name: "password", type: "password", autoComplete: "new-password" },
  ] as const;
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="create-staff-title">
      <h2 id="create-staff-title" className="text-xl font-bold">
        {t("createTitle")}
      </h2>
      {state.status === "ok" ? (
        <div role="status" className="space-y-1 border-s-4 border-brand-700 ps-3">
          <p>{t("created")}</p>
          <p>{t("createdMustChangePassword")}</p>
          {state.data?.awaitingApproval ? <p>{t("createdAwaitingApproval")}</p> : null}
        </div>
      ) : null}
      {fields.map((f) => {
        const error = errorFor(f.name);
        const hint = f.name === "password" ? t("passwordHint") : undefined;
        return (
          <Field key={f.name} id={`new-${f.name}`} label={t(f.name)} hint={hint} error={error}>
            <input
              id={`new-${f.name}`}
              type={f.type}
              autoComplete={f.autoComplete}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(`new-${f.name}`, hint, error)}
              className={inputClass}
              {...register(f.name)}
            />
          </Field>
        );
      })}
      <Field id="new-role" label={t("role")} hint={t("roleApprovalHint")} error={errorFor("role")}>
        <select
          id="new-role"
          className={inputClass}
          defaultValue="caseworker"
          aria-describedby={describedBy("new-role", t("roleApprovalHint"), errorFor("role"))}
          {...register("role")}
        >
          {staffRoles.map((role) => (
            <option key={role} value={role}>
              {tr(role)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={pending} className={buttonClass}>
        {t("create")}
      </button>
    </form>
  );
}
