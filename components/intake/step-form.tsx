"use client";

import { useActionState, useEffect, useRef, useState, type ComponentType } from "react";
import type { FieldSpec } from "@/lib/intake/form-spec";
import { formDataToObject } from "@/lib/intake/form-data";
import type { IntakeStep } from "@/lib/intake/steps";
import { ErrorSummary } from "./error-summary";
import { StepFormBody, summaryItems } from "./step-form-body";
import type { StepFormState } from "@/lib/forms/state";
import type { StepDictionary } from "@/lib/intake/form-types";

export interface StepFormProps {
  step: IntakeStep;
  fields: FieldSpec[];
  initialValues: Record<string, unknown>;
  dictionary: StepDictionary;
  action: (state: StepFormState, formData: FormData) => Promise<StepFormState>;
  backHref: string;
  backLabel: string;
  changeMode: boolean;
  honeypotLabel: string;
  /** Hidden fields the form posts with their value from `initialValues` (e.g. that a code is on file). */
  hiddenFields?: string[];
}

/** What the enhanced form takes over from the plain one when it arrives. */
export interface EnhancedStepFormProps extends StepFormProps {
  state: StepFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  values: Record<string, unknown>;
  rows: Record<string, number>;
  setRows: (update: (rows: Record<string, number>) => Record<string, number>) => void;
  focusId: string | undefined;
}

function initialRows(fields: FieldSpec[], values: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    fields
      .filter((f) => f.kind === "group")
      .map((g) => [g.name, Math.max(1, Array.isArray(values[g.name]) ? (values[g.name] as unknown[]).length : 0)]),
  );
}

/**
 * A question page's form. It renders and works as a plain form posting to the server action, so
 * it is usable at once and without JavaScript. The validation-as-you-type layer (react-hook-form
 * with the step's zod schema) is loaded after the page, so it does not weigh on the first load on
 * a slow network; when it arrives it takes over with whatever the person has typed so far.
 */
export function StepForm(props: StepFormProps) {
  const [state, formAction, pending] = useActionState<StepFormState, FormData>(props.action, { status: "idle" });
  const [Enhanced, setEnhanced] = useState<ComponentType<EnhancedStepFormProps> | null>(null);
  const [carried, setCarried] = useState<{ values: Record<string, unknown>; focusId: string | undefined } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status !== "idle" ? state.values : (carried?.values ?? props.initialValues);
  const [rows, setRows] = useState(() => initialRows(props.fields, props.initialValues));
  const rowCount = (group: string) => Math.max(rows[group] ?? 1, state.status !== "idle" ? (state.rows[group] ?? 1) : 1);

  useEffect(() => {
    let live = true;
    void import("./enhanced-step-form").then((module) => {
      if (!live) return;
      const form = formRef.current;
      setCarried({
        values: form ? formDataToObject(new FormData(form)) : {},
        focusId: document.activeElement instanceof HTMLElement ? document.activeElement.id : undefined,
      });
      setEnhanced(() => module.EnhancedStepForm);
    });
    return () => {
      live = false;
    };
  }, []);

  if (Enhanced) {
    return (
      <Enhanced
        {...props}
        state={state}
        formAction={formAction}
        pending={pending}
        values={values}
        rows={Object.fromEntries(props.fields.filter((f) => f.kind === "group").map((g) => [g.name, rowCount(g.name)]))}
        setRows={setRows}
        focusId={carried?.focusId}
      />
    );
  }

  const serverErrors = state.status === "error" ? state.errors : {};
  const errorFor = (path: string) => {
    const code = serverErrors[path]?.[0];
    return code ? (props.dictionary.errors[code] ?? props.dictionary.errors.invalid ?? code) : undefined;
  };
  return (
    <>
      <p className="no-print mb-6">
        <a href={props.backHref} className="text-brand-800">
          ‹ {props.backLabel}
        </a>
      </p>
      <ErrorSummary
        title={props.dictionary.ui.errorSummaryTitle}
        items={summaryItems(props.fields, { dictionary: props.dictionary, errorFor, rowCount })}
        focusKey={state}
      />
      <form ref={formRef} action={formAction} noValidate className="space-y-8">
        <StepFormBody
          fields={props.fields}
          values={values}
          dictionary={props.dictionary}
          errorFor={errorFor}
          bind={(path) => ({ name: path })}
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
