"use client";

import { useActionState } from "react";
import type { ConsentFormState } from "@/lib/forms/state";
import { ErrorSummary } from "./error-summary";

export interface ConsentChoice {
  code: string;
  label: string;
  description: string;
}

export interface ConsentLabels {
  errorSummaryTitle: string;
  consentRequired: string;
  storageTitle: string;
  storageCheckbox: string;
  storageInformOnly: string;
  optionalTitle: string;
  optionalIntro: string;
  obtainTitle: string;
  discloseTitle: string;
  continue: string;
  refuseTitle: string;
  refuseText: string;
  refuse: string;
}

/** Every choice is unticked until the person ticks it; none is bundled with another. */
export function ConsentForm({
  action,
  labels,
  storageConsentRequired,
  consentText,
  authorities,
  agencies,
  initial,
}: {
  action: (state: ConsentFormState, formData: FormData) => Promise<ConsentFormState>;
  labels: ConsentLabels;
  storageConsentRequired: boolean;
  consentText: string;
  authorities: ConsentChoice[];
  agencies: ConsentChoice[];
  initial: { storageConsent: boolean; obtainFrom: string[]; discloseTo: string[] };
}) {
  const [state, formAction, pending] = useActionState<ConsentFormState, FormData>(action, { status: "idle" });
  const storageError = state.status === "error" && state.errors.storageConsent ? labels.consentRequired : undefined;
  const checkbox = (name: string, choice: ConsentChoice, checked: boolean) => (
    <div key={choice.code} className="flex items-start gap-3">
      <input
        id={`${name}-${choice.code}`}
        type="checkbox"
        name={name}
        value={choice.code}
        defaultChecked={checked}
        aria-describedby={`${name}-${choice.code}-desc`}
        className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
      />
      <div>
        <label htmlFor={`${name}-${choice.code}`} className="text-lg font-bold">
          {choice.label}
        </label>
        <p id={`${name}-${choice.code}-desc`} className="text-gray-700">
          {choice.description}
        </p>
      </div>
    </div>
  );
  return (
    <>
      <ErrorSummary
        title={labels.errorSummaryTitle}
        items={storageError ? [{ fieldId: "f-storageConsent", message: storageError }] : []}
        focusKey={state}
      />
      <form action={formAction} className="space-y-8">
        <section aria-labelledby="storage-title" className="space-y-3">
          <h2 id="storage-title" className="text-xl font-bold">
            {labels.storageTitle}
          </h2>
          <div className="whitespace-pre-line border-s-4 border-gray-300 ps-4" data-testid="consent-text">
            {consentText}
          </div>
          {storageConsentRequired ? (
            <div className={`flex items-start gap-3 ${storageError ? "border-s-4 border-red-700 ps-4" : ""}`}>
              <input
                id="f-storageConsent"
                type="checkbox"
                name="storageConsent"
                value="yes"
                defaultChecked={initial.storageConsent}
                aria-invalid={storageError ? true : undefined}
                aria-describedby={storageError ? "f-storageConsent-error" : undefined}
                className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
              />
              <div>
                {storageError ? (
                  <p id="f-storageConsent-error" className="font-bold text-red-700">
                    {storageError}
                  </p>
                ) : null}
                <label htmlFor="f-storageConsent" className="text-lg font-bold">
                  {labels.storageCheckbox}
                </label>
              </div>
            </div>
          ) : (
            <p className="font-bold">{labels.storageInformOnly}</p>
          )}
        </section>
        {authorities.length + agencies.length > 0 ? (
          <section aria-labelledby="optional-title" className="space-y-4">
            <h2 id="optional-title" className="text-xl font-bold">
              {labels.optionalTitle}
            </h2>
            <p>{labels.optionalIntro}</p>
            {authorities.length > 0 ? (
              <fieldset className="space-y-3">
                <legend className="text-lg font-bold">{labels.obtainTitle}</legend>
                {authorities.map((choice) => checkbox("obtainFrom", choice, initial.obtainFrom.includes(choice.code)))}
              </fieldset>
            ) : null}
            {agencies.length > 0 ? (
              <fieldset className="space-y-3">
                <legend className="text-lg font-bold">{labels.discloseTitle}</legend>
                {agencies.map((choice) => checkbox("discloseTo", choice, initial.discloseTo.includes(choice.code)))}
              </fieldset>
            ) : null}
          </section>
        ) : null}
        <button
          type="submit"
          name="$decision"
          value="continue"
          disabled={pending}
          className="rounded bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800"
        >
          {labels.continue}
        </button>
        <section aria-labelledby="refuse-title" className="space-y-2 border-t border-gray-300 pt-6">
          <h2 id="refuse-title" className="text-xl font-bold">
            {labels.refuseTitle}
          </h2>
          <p>{labels.refuseText}</p>
          <button
            type="submit"
            name="$decision"
            value="refuse"
            formNoValidate
            disabled={pending}
            className="rounded border-2 border-red-800 bg-white px-6 py-3 text-lg font-bold text-red-800"
          >
            {labels.refuse}
          </button>
        </section>
      </form>
    </>
  );
}
