"use client";

import { startTransition, useActionState, useState, type ReactNode } from "react";
import { useForm, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldSpec } from "@/lib/intake/form-spec";
import { stepSchemas, type IntakeStep } from "@/lib/intake/steps";
import { ErrorSummary, type SummaryItem } from "./error-summary";
import type { StepDictionary, StepFormState } from "./types";

type Action = (state: StepFormState, formData: FormData) => Promise<StepFormState>;

export const fieldId = (name: string) => `f-${name.replaceAll(".", "-")}`;

function getPath(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), values);
}

function rhfError(errors: FieldErrors, path: string): string | undefined {
  const node = getPath(errors, path) as { message?: unknown } | undefined;
  return typeof node?.message === "string" ? node.message : undefined;
}

const inputBase = "rounded border-2 border-ink px-3 py-2 text-lg aria-[invalid=true]:border-red-700";
const widths = { short: "w-32", medium: "w-full max-w-xs", full: "w-full max-w-xl" } as const;

/**
 * One question page. Without JavaScript it is a plain form posting to the server action (which
 * validates with the same schema and answers with the values and errors); with JavaScript,
 * react-hook-form validates as the person types and before posting.
 */
export function StepForm({
  step,
  fields,
  initialValues,
  dictionary,
  action,
  backHref,
  backLabel,
  changeMode,
  honeypotLabel,
}: {
  step: IntakeStep;
  fields: FieldSpec[];
  initialValues: Record<string, unknown>;
  dictionary: StepDictionary;
  action: Action;
  backHref: string;
  backLabel: string;
  changeMode: boolean;
  honeypotLabel: string;
}) {
  const [state, formAction, pending] = useActionState<StepFormState, FormData>(action, { status: "idle" });
  const values = state.status === "idle" ? initialValues : state.values;
  const serverErrors = state.status === "error" ? state.errors : {};

  const initialRows = (group: Extract<FieldSpec, { kind: "group" }>) => {
    const fromState = state.status !== "idle" ? state.rows[group.name] : undefined;
    const existing = Array.isArray(values[group.name]) ? (values[group.name] as unknown[]).length : 0;
    return Math.min(group.max, fromState ?? Math.max(1, existing + (existing === 0 ? 0 : 0)));
  };
  const groups = fields.filter((f): f is Extract<FieldSpec, { kind: "group" }> => f.kind === "group");
  const [rows, setRows] = useState<Record<string, number>>(() => Object.fromEntries(groups.map((g) => [g.name, initialRows(g)])));
  const rowCount = (name: string) => (state.status !== "idle" ? Math.max(state.rows[name] ?? 1, rows[name] ?? 1) : (rows[name] ?? 1));

  const { register, handleSubmit, formState } = useForm<FieldValues>({
    // The schemas transform values (trimmed, normalised); the form itself holds what was typed.
    resolver: zodResolver(stepSchemas[step]) as unknown as Resolver<FieldValues>,
    defaultValues: values,
    // First check on "Continue", then as the person types: checking on blur makes messages appear
    // and move the page while someone is still moving through it (GOV.UK's advice too).
    mode: "onSubmit",
    reValidateMode: "onChange",
    // The error summary takes focus, as without JavaScript; its links lead to each field.
    shouldFocusError: false,
  });

  const message = (code: string | undefined) => (code ? (dictionary.errors[code] ?? dictionary.errors.invalid ?? code) : undefined);
  const errorFor = (path: string) => message(rhfError(formState.errors, path) ?? serverErrors[path]?.[0]);

  const summary: SummaryItem[] = [];
  const collect = (specs: FieldSpec[], prefix = "") => {
    for (const spec of specs) {
      if (spec.kind === "group") {
        for (let i = 0; i < rowCount(spec.name); i++) collect(spec.fields, `${prefix}${spec.name}.${i}.`);
        continue;
      }
      const path = `${prefix}${spec.name}`;
      const error = errorFor(path);
      if (error) summary.push({ fieldId: fieldId(path), message: `${dictionary.fields[spec.name]?.label ?? spec.name}: ${error}` });
    }
  };
  collect(fields);

  const onSubmit = handleSubmit((_values, event) => {
    const form = (event?.target as HTMLElement | undefined)?.closest("form");
    if (form) startTransition(() => formAction(new FormData(form)));
  });

  const renderField = (spec: Exclude<FieldSpec, { kind: "group" }>, prefix = ""): ReactNode => {
    const path = `${prefix}${spec.name}`;
    const id = fieldId(path);
    const text = dictionary.fields[spec.name] ?? { label: spec.name };
    const optional = "optional" in spec && spec.optional ? ` ${dictionary.ui.optional}` : "";
    const error = errorFor(path);
    const hintId = text.hint && "hint" in spec && spec.hint ? `${id}-hint` : undefined;
    const errorId = error ? `${id}-error` : undefined;
    const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
    const value = getPath(values, path);
    const wrapper = (children: ReactNode, legend = false) => (
      <div key={path} className={`space-y-2 ${error ? "border-s-4 border-red-700 ps-4" : ""}`}>
        {legend ? null : (
          <label htmlFor={id} className="block text-lg font-bold">
            {text.label}
            {optional}
          </label>
        )}
        {hintId ? (
          <p id={hintId} className="text-gray-700">
            {text.hint}
          </p>
        ) : null}
        {errorId ? (
          <p id={errorId} className="font-bold text-red-700">
            {error}
          </p>
        ) : null}
        {children}
      </div>
    );

    switch (spec.kind) {
      case "text":
        return wrapper(
          <input
            id={id}
            type={spec.type ?? "text"}
            autoComplete={spec.autoComplete}
            inputMode={spec.inputMode}
            spellCheck={false}
            defaultValue={typeof value === "string" || typeof value === "number" ? String(value) : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={`${inputBase} ${widths[spec.width ?? "full"]}`}
            {...register(path)}
          />,
        );
      case "textarea":
        return wrapper(
          <textarea
            id={id}
            rows={5}
            defaultValue={typeof value === "string" ? value : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={`${inputBase} w-full max-w-xl`}
            {...register(path)}
          />,
        );
      case "date":
        return wrapper(
          <input
            id={id}
            type="date"
            autoComplete={spec.autoComplete}
            defaultValue={typeof value === "string" ? value : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={`${inputBase} w-48`}
            {...register(path)}
          />,
        );
      case "select":
        return wrapper(
          <select
            id={id}
            defaultValue={typeof value === "string" ? value : ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={`${inputBase} w-full max-w-xs bg-white`}
            {...register(path)}
          >
            <option value="">{dictionary.ui.chooseOption}</option>
            {spec.options.map((option) => (
              <option key={option} value={option}>
                {dictionary.options[spec.optionSet]?.[option] ?? option}
              </option>
            ))}
          </select>,
        );
      case "radios":
      case "checkboxes": {
        const type = spec.kind === "radios" ? "radio" : "checkbox";
        const chosen = Array.isArray(value) ? value : [value];
        return wrapper(
          <fieldset aria-describedby={describedBy} className="space-y-2">
            <legend className="text-lg font-bold">
              {text.label}
              {spec.kind === "radios" && spec.optional ? ` ${dictionary.ui.optional}` : ""}
            </legend>
            <div className={spec.kind === "radios" && spec.inline ? "flex flex-wrap gap-6" : "space-y-2"}>
              {spec.options.map((option, index) => (
                <div key={option} className="flex items-center gap-3">
                  <input
                    id={index === 0 ? id : `${id}-${index}`}
                    type={type}
                    value={option}
                    defaultChecked={chosen.includes(option)}
                    aria-invalid={error ? true : undefined}
                    className="h-6 w-6 accent-brand-700"
                    {...register(path)}
                  />
                  <label htmlFor={index === 0 ? id : `${id}-${index}`} className="text-lg">
                    {dictionary.options[spec.optionSet]?.[option] ?? option}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>,
          true,
        );
      }
    }
  };

  return (
    <>
      <p className="no-print mb-6">
        <a href={backHref} className="text-brand-800">
          ‹ {backLabel}
        </a>
      </p>
      <ErrorSummary title={dictionary.ui.errorSummaryTitle} items={summary} focusKey={`${formState.submitCount}:${state.status}`} />
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-8">
        {changeMode ? <input type="hidden" name="$change" value="1" /> : null}
        {/* A field people never see: bots that fill every field reveal themselves. */}
        <div aria-hidden="true" className="absolute -start-[10000px] h-px w-px overflow-hidden">
          <label htmlFor="website">{honeypotLabel}</label>
          <input id="website" name="$website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        {fields.map((spec) => {
          if (spec.kind !== "group") return renderField(spec);
          const count = rowCount(spec.name);
          return (
            <fieldset key={spec.name} className="space-y-4">
              <legend className="text-xl font-bold">{dictionary.fields[spec.name]?.label}</legend>
              {dictionary.fields[spec.name]?.hint ? <p className="text-gray-700">{dictionary.fields[spec.name]?.hint}</p> : null}
              {Array.from({ length: count }, (_, i) => (
                <fieldset key={i} className="space-y-4 border-s-4 border-gray-300 ps-4">
                  <legend className="font-bold">
                    {dictionary.ui.rowTitle[spec.name]} {i + 1}
                  </legend>
                  {spec.fields.map((inner) => (inner.kind === "group" ? null : renderField(inner, `${spec.name}.${i}.`)))}
                </fieldset>
              ))}
              {count < spec.max ? (
                <button
                  type="submit"
                  name="$intent"
                  value={`add:${spec.name}`}
                  formNoValidate
                  onClick={(event) => {
                    event.preventDefault();
                    setRows((current) => ({ ...current, [spec.name]: Math.min(spec.max, rowCount(spec.name) + 1) }));
                  }}
                  className="rounded border-2 border-brand-700 bg-white px-4 py-2 font-bold text-brand-800"
                >
                  {dictionary.ui.addAnother[spec.name]}
                </button>
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800">
          {dictionary.ui.continue}
        </button>
      </form>
    </>
  );
}
