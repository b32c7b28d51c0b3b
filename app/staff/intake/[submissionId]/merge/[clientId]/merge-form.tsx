"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { mergeSubmissionAction } from "../../../actions";

export interface FieldChoice {
  key: string;
  field: string;
  current: string;
  proposed: string;
  kind: "update" | "fill";
}

export interface ItemChoice {
  key: string;
  label: string;
}

export interface MergeFormLabels {
  fieldsTitle: string;
  field: string;
  inRegister: string;
  onForm: string;
  apply: string;
  applyField: string;
  noFieldChanges: string;
  rowsTitle: string;
  linksTitle: string;
  linksHint: string;
  identityTitle: string;
  identityHint: string;
  identityChecks: Record<string, string>;
  submitterTitle: string;
  submitterHint: string;
  submitters: Record<string, string>;
  submit: string;
  errors: Record<string, string>;
}

/**
 * The merge, field by field: nothing is ticked, so nothing the register holds changes unless staff
 * confirm it; the identity check and who submitted the form are stated before anything applies.
 * A plain form post: it works without JavaScript.
 */
export function MergeForm({
  submissionId,
  clientId,
  fields,
  rows,
  links,
  labels,
}: {
  submissionId: string;
  clientId: string;
  fields: FieldChoice[];
  rows: ItemChoice[];
  links: ItemChoice[];
  labels: MergeFormLabels;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(mergeSubmissionAction, { status: "idle" });
  const fieldError = (name: string) => (state.status === "error" ? state.fieldErrors?.[name]?.[0] : undefined);
  const identityError = fieldError("identityCheck");
  const submitterError = fieldError("submitter");
  const formError = state.status === "error" && state.formError ? (labels.errors[state.formError] ?? labels.errors.other) : undefined;
  return (
    <form action={formAction} className="space-y-6" noValidate>
      <input type="hidden" name="submissionId" value={submissionId} />
      <input type="hidden" name="clientId" value={clientId} />
      {formError ? (
        <p role="alert" className="border-s-4 border-red-700 bg-red-50 p-3 font-bold text-red-800" data-testid="merge-refused">
          {formError}
        </p>
      ) : null}

      <section aria-labelledby="merge-fields" className="space-y-2">
        <h2 id="merge-fields" className="text-xl font-bold">
          {labels.fieldsTitle}
        </h2>
        {fields.length === 0 ? (
          <p>{labels.noFieldChanges}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse" data-testid="merge-fields">
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">{labels.field}</th>
                  <th scope="col" className="p-2 text-start">{labels.inRegister}</th>
                  <th scope="col" className="p-2 text-start">{labels.onForm}</th>
                  <th scope="col" className="p-2 text-start">{labels.apply}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((choice) => (
                  <tr key={choice.key} className="border-b border-gray-300 align-top">
                    <th scope="row" className="p-2 text-start font-normal">{choice.field}</th>
                    <td className="p-2">{choice.current}</td>
                    <td className="p-2 font-bold">{choice.proposed}</td>
                    <td className="p-2">
                      <input
                        id={`apply-${choice.key}`}
                        type="checkbox"
                        name="apply"
                        value={choice.key}
                        className="h-5 w-5"
                        aria-label={`${labels.applyField}: ${choice.field}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {rows.length > 0 ? <Checklist legend={labels.rowsTitle} name="rows" items={rows} /> : null}
      {links.length > 0 ? <Checklist legend={labels.linksTitle} hint={labels.linksHint} name="links" items={links} /> : null}

      <Choice
        name="identityCheck"
        legend={labels.identityTitle}
        hint={labels.identityHint}
        options={labels.identityChecks}
        error={identityError ? (labels.errors[identityError] ?? labels.errors.other) : undefined}
      />
      <Choice
        name="submitter"
        legend={labels.submitterTitle}
        hint={labels.submitterHint}
        options={labels.submitters}
        error={submitterError ? (labels.errors[submitterError] ?? labels.errors.other) : undefined}
      />

      <button type="submit" disabled={pending} className={buttonClass}>
        {labels.submit}
      </button>
    </form>
  );
}

function Checklist({ legend, hint, name, items }: { legend: string; hint?: string; name: string; items: ItemChoice[] }) {
  return (
    <fieldset className="space-y-1" aria-describedby={hint ? `${name}-hint` : undefined} data-testid={`merge-${name}`}>
      <legend className="text-xl font-bold">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      {items.map((item, index) => (
        <div key={item.key} className="flex items-start gap-2">
          <input id={`${name}-${index}`} type="checkbox" name="apply" value={item.key} className="mt-1 h-5 w-5" />
          <label htmlFor={`${name}-${index}`}>{item.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Choice({ name, legend, hint, options, error }: { name: string; legend: string; hint: string; options: Record<string, string>; error?: string }) {
  return (
    <fieldset
      className={`space-y-1 ${error ? "border-s-4 border-red-700 ps-3" : ""}`}
      aria-describedby={[`${name}-hint`, error ? `${name}-error` : ""].filter(Boolean).join(" ")}
    >
      <legend className="text-xl font-bold">{legend}</legend>
      <p id={`${name}-hint`} className="text-sm text-gray-700">
        {hint}
      </p>
      {error ? (
        <p id={`${name}-error`} className="font-bold text-red-700">
          {error}
        </p>
      ) : null}
      {Object.entries(options).map(([value, label]) => (
        <div key={value} className="flex items-start gap-2">
          <input id={`${name}-${value}`} type="radio" name={name} value={value} required className="mt-1 h-5 w-5" />
          <label htmlFor={`${name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}
