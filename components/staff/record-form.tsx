"use client";

import { useActionState } from "react";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/auth/action";

export type RecordField =
  | { kind: "hidden"; name: string; value: string }
  | { kind: "text" | "textarea" | "date" | "datetime" | "number"; name: string; label: string; optional?: boolean; defaultValue?: string }
  | { kind: "select"; name: string; label: string; options: { value: string; label: string }[]; optional?: boolean; defaultValue?: string };

/**
 * A small staff form posting to a server action: works as a plain form, shows the server's field
 * errors (message codes resolved by `errorText`) and a confirmation when saved.
 */
export function RecordForm({
  action,
  fields,
  submitLabel,
  savedText,
  errorText,
  optionalText,
  formErrorText,
  testId,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: RecordField[];
  submitLabel: string;
  savedText: string;
  errorText: Record<string, string>;
  optionalText: string;
  formErrorText: Record<string, string>;
  testId?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, { status: "idle" });
  const errorFor = (name: string) => {
    const code = state.status === "error" ? state.fieldErrors?.[name]?.[0] : undefined;
    return code ? (errorText[code] ?? errorText.invalid ?? code) : undefined;
  };
  return (
    <form action={formAction} className="space-y-3" data-testid={testId}>
      {state.status === "ok" ? (
        <p role="status" className="border-s-4 border-brand-700 ps-3">
          {savedText}
        </p>
      ) : null}
      {state.status === "error" && state.formError ? (
        <p role="alert" className="font-bold text-red-700">
          {formErrorText[state.formError] ?? formErrorText.other}
        </p>
      ) : null}
      {fields.map((field) => {
        if (field.kind === "hidden") return <input key={field.name} type="hidden" name={field.name} value={field.value} />;
        const id = `${testId ?? "form"}-${field.name.replaceAll(".", "-")}`;
        const error = errorFor(field.name);
        const label = `${field.label}${field.optional ? ` ${optionalText}` : ""}`;
        const common = {
          id,
          name: field.name,
          defaultValue: field.defaultValue,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy(id, undefined, error),
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
