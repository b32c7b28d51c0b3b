"use client";

import { startTransition, useEffect } from "react";
import { useForm, type FieldErrors, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { stepSchemas } from "@/lib/intake/steps";
import { ErrorSummary } from "./error-summary";
import { getPath, StepFormBody, summaryItems } from "./step-form-body";
import type { EnhancedStepFormProps } from "./step-form";

function rhfError(errors: FieldErrors, path: string): string | undefined {
  const node = getPath(errors, path) as { message?: unknown } | undefined;
  return typeof node?.message === "string" ? node.message : undefined;
}

/** The same form with react-hook-form validating against the step's zod schema (the server's). */
export function EnhancedStepForm(props: EnhancedStepFormProps) {
  const { state, formAction, pending, values, rows, setRows, focusId, dictionary, fields } = props;
  const { register, handleSubmit, formState } = useForm<FieldValues>({
    // The schemas transform values (trimmed, normalised); the form itself holds what was typed.
    resolver: zodResolver(stepSchemas[props.step] as unknown as Parameters<typeof zodResolver>[0]) as unknown as Resolver<FieldValues>,
    defaultValues: values,
    // First check on "Continue", then as the person types: checking on blur makes messages appear
    // and move the page while someone is still moving through it (GOV.UK's advice too).
    mode: "onSubmit",
    reValidateMode: "onChange",
    // The error summary takes focus, as without JavaScript; its links lead to each field.
    shouldFocusError: false,
  });

  useEffect(() => {
    // The form was swapped in under the person's hands: keep their place.
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);

  const serverErrors = state.status === "error" ? state.errors : {};
  const errorFor = (path: string) => {
    const code = rhfError(formState.errors, path) ?? serverErrors[path]?.[0];
    return code ? (dictionary.errors[code] ?? dictionary.errors.invalid ?? code) : undefined;
  };
  const rowCount = (group: string) => rows[group] ?? 1;
  const onSubmit = handleSubmit((_values, event) => {
    const form = (event?.target as HTMLElement | undefined)?.closest("form");
    if (form) startTransition(() => formAction(new FormData(form)));
  });

  return (
    <>
      <p className="no-print mb-6">
        <a href={props.backHref} className="text-brand-800">
          ‹ {props.backLabel}
        </a>
      </p>
      <ErrorSummary
        title={dictionary.ui.errorSummaryTitle}
        items={summaryItems(fields, { dictionary, errorFor, rowCount })}
        focusKey={`${formState.submitCount}:${state.status}`}
      />
      <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-8" data-enhanced="true">
        <StepFormBody
          fields={fields}
          values={values}
          dictionary={dictionary}
          errorFor={errorFor}
          bind={(path) => register(path)}
          rowCount={rowCount}
          onAddRow={(group) => setRows((current) => ({ ...current, [group]: rowCount(group) + 1 }))}
          changeMode={props.changeMode}
          honeypotLabel={props.honeypotLabel}
          pending={pending}
          hiddenFields={props.hiddenFields}
        />
      </form>
    </>
  );
}
