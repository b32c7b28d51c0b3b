"use client";

import { startTransition, useActionState } from "react";
import { useForm, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { recordSchemas, type RecordSchemaName } from "./record-schemas";

export type RecordField =
  | { kind: "hidden"; name: string; value: string }
  | { kind: "text" | "textarea" | "date" | "datetime" | "number"; name: string; label: string; optional?: boolean; defaultValue?: string }
  | { kind: "select"; name: string; label: string; options: { value: string; label: string }[]; optional?: boolean; defaultValue?: string }
  | { kind: "checkboxes"; name: string; label: string; options: { value: string; label: string }[]; optional?: boolean; defaultValue?: string[] };

function errorAt(errors: FieldErrors, path: string): string | undefined {
  const node = path.split(".").reduce<unknown>((n, key) => (n && typeof n === "object" ? (n as Record<string, unknown>)[key] : undefined), errors) as
    | { message?: unknown }
    | undefined;
  return typeof node?.message === "string" ? node.message : undefined;
}

/**
 * A staff form posting to a server action. It works as a plain form; with JavaScript,
 * react-hook-form checks it first with the same zod schema the action uses (named by `schema`).
 * Shows field errors (message codes resolved by `errorText`) and a confirmation when saved.
 */
export function RecordForm({
  action,
  schema,
  fields,
  submitLabel,
  savedText,
  errorText,
  optionalText,
  formErrorText,
  testId,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  schema: RecordSchemaName;
  fields: RecordField[];
  submitLabel: string;
  savedText: string;
  errorText: Record<string, string>;
  optionalText: string;
  formErrorText: Record<string, string>;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const defaultValues = Object.fromEntries(
    fields
      .filter((f) => !f.name.includes("."))
      .map((f) => [f.name, f.kind === "hidden" ? f.value : f.kind === "checkboxes" ? (f.defaultValue ?? []) : (f.defaultValue ?? "")]),
  );
  const { register, handleSubmit, formState } = useForm<FieldValues>({
    resolver: zodResolver(recordSchemas[schema] as unknown as Parameters<typeof zodResolver>[0]) as unknown as Resolver<FieldValues>,
    defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const errorFor = (name: string) => {
    const code = errorAt(formState.errors, name) ?? (state.status === "error" ? state.fieldErrors?.[name]?.[0] : undefined);
    return code ? (errorText[code] ?? errorText.invalid ?? code) : undefined;
  };
  const onSubmit = handleSubmit((_values, event) => {
    const form = (event?.target as HTMLElement | undefined)?.closest("form");
    if (form) startTransition(() => formAction(new FormData(form)));
  });
  // Errors on fields the form does not show (e.g. a hidden id) still need saying.
  const hiddenError = fields.some((f) => f.kind === "hidden" && errorFor(f.name));
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-3" data-testid={testId}>
      {state.status === "ok" ? (
        <p role="status" className="border-s-4 border-brand-700 ps-3">
          {savedText}
        </p>
      ) : null}
      {(state.status === "error" && state.formError) || hiddenError ? (
        <p role="alert" className="font-bold text-red-700">
          {formErrorText[(state.status === "error" && state.formError) || "other"] ?? formErrorText.other}
        </p>
      ) : null}
      {fields.map((field) => {
        if (field.kind === "hidden") return <input key={field.name} type="hidden" value={field.value} {...register(field.name)} />;
        const id = `${testId ?? "form"}-${field.name.replaceAll(".", "-")}`;
        const error = errorFor(field.name);
        const label = `${field.label}${field.optional ? ` ${optionalText}` : ""}`;
        if (field.kind === "checkboxes") {
          return (
            <fieldset key={field.name} aria-describedby={error ? `${id}-error` : undefined} className={`space-y-1 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}>
              <legend className="font-bold">{label}</legend>
              {error ? (
                <p id={`${id}-error`} className="font-bold text-red-700">
                  {error}
                </p>
              ) : null}
              {field.options.map((o) => (
                <div key={o.value} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    id={`${id}-${o.value}`}
                    value={o.value}
                    defaultChecked={field.defaultValue?.includes(o.value)}
                    className="size-5"
                    {...register(field.name)}
                  />
                  <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
                </div>
              ))}
            </fieldset>
          );
        }
        const common = {
          id,
          // Also in the server-rendered HTML, so the form is filled in without JavaScript.
          defaultValue: field.defaultValue,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy(id, undefined, error),
          ...register(field.name),
        };
        return (
          <Field key={field.name} id={id} label={label} error={error}>
            {field.kind === "textarea" ? (
              <textarea rows={4} className={inputClass} {...common} />
            ) : field.kind === "select" ? (
              <select className={inputClass} {...common}>
                {field.optional ? <option value="">–</option> : null}
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type={field.kind === "datetime" ? "datetime-local" : field.kind === "number" ? "number" : field.kind}
                className={inputClass}
                {...common}
              />
            )}
          </Field>
        );
      })}
      <button type="submit" disabled={pending} className={buttonClass}>
        {submitLabel}
      </button>
    </form>
  );
}
