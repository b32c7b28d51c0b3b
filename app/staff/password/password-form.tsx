"use client";

import Link from "next/link";
import { startTransition, useActionState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords-policy";
import { changePasswordSchema } from "@/lib/validations/staff";
import { changePasswordAction } from "./actions";

const fields = [
  { name: "currentPassword", autoComplete: "current-password" },
  { name: "newPassword", autoComplete: "new-password" },
  { name: "repeatPassword", autoComplete: "new-password" },
] as const;

/**
 * Posts as a plain form without JavaScript; with it, validates with the same schema first. Named by
 * the page's heading (#password-title).
 */
export function PasswordForm() {
  const t = useTranslations("password");
  const tv = useTranslations("validation");
  const [state, formAction, pending] = useActionState<ActionState, FormData>(changePasswordAction, { status: "idle" });
  const { register, handleSubmit, formState } = useForm({ resolver: zodResolver(changePasswordSchema), mode: "onTouched" });
  const errorFor = (name: (typeof fields)[number]["name"]) => {
    const code = formState.errors[name]?.message ?? (state.status === "error" ? state.fieldErrors?.[name]?.[0] : undefined);
    return code ? tv(code as Parameters<typeof tv>[0]) : undefined;
  };
  const onSubmit = handleSubmit((_values, event) => {
    const form = event?.target;
    if (form instanceof HTMLFormElement) startTransition(() => formAction(new FormData(form)));
  });

  if (state.status === "ok") {
    return (
      <div role="status" className="space-y-2 border-s-4 border-brand-700 ps-3">
        <p>{t("changed")}</p>
        <p>
          <Link href="/staff">{t("continue")}</Link>
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="password-title">
      {fields.map((f) => {
        const error = errorFor(f.name);
        const hint = f.name === "newPassword" ? t("newPasswordHint", { min: MIN_PASSWORD_LENGTH }) : undefined;
        return (
          <Field key={f.name} id={`password-${f.name}`} label={t(f.name)} hint={hint} error={error}>
            <input
              id={`password-${f.name}`}
              type="password"
              autoComplete={f.autoComplete}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(`password-${f.name}`, hint, error)}
              className={inputClass}
              {...register(f.name)}
            />
          </Field>
        );
      })}
      <button type="submit" disabled={pending} className={buttonClass}>
        {t("submit")}
      </button>
    </form>
  );
}
