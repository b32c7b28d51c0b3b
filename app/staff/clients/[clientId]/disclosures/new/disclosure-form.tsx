"use client";

import { startTransition, useActionState, useState } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { buttonClass, describedBy, Field, inputClass } from "@/components/forms/field";
import { DisclosureDocumentView, type DisclosureDocumentData, type DisclosureDocumentLabels } from "@/components/staff/disclosure-document-view";
import type { ActionState } from "@/lib/forms/state";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { previewDisclosureAction, recordDisclosureAction } from "./actions";

type DocumentState = ActionState<{ document: DisclosureDocumentData }>;

interface Texts {
  step3: string;
  categories: string;
  needsPurpose: string;
  purpose: string;
  purposeHint: string;
  method: string;
  requestReference: string;
  optional: string;
  confirmPurpose: string;
  preview: string;
  record: string;
  previewIntro: string;
  refusedTitle: string;
  reasons: Record<string, string>;
  categoryNames: Record<string, string>;
  errors: Record<string, string>;
  formErrors: Record<string, string>;
}

/**
 * Step 3 of the disclosure tool: the allowed categories to disclose, the purpose, the method and the
 * request reference, then a preview of the document and recording it. Checked in the browser with the
 * actions' own schema; both actions evaluate the gate again on the server.
 */
export function DisclosureForm({
  clientId,
  agencyCode,
  defaultMethod,
  categories,
  statutoryPurpose,
  methods,
  documentLabels,
  texts,
}: {
  clientId: string;
  agencyCode: string;
  defaultMethod: string;
  categories: { value: string; label: string; needsPurpose: boolean }[];
  statutoryPurpose: string | null;
  methods: { value: string; label: string }[];
  documentLabels: DisclosureDocumentLabels;
  texts: Texts;
}) {
  const [previewState, previewAction, previewPending] = useActionState<DocumentState, FormData>(previewDisclosureAction as never, { status: "idle" });
  const [recordState, recordAction, recordPending] = useActionState<DocumentState, FormData>(recordDisclosureAction as never, { status: "idle" });
  // A preview shows what the form said then: any change asks for a new one before recording.
  const [stale, setStale] = useState(false);
  const { register, handleSubmit, formState } = useForm<FieldValues>({
    resolver: zodResolver(disclosureFormSchema as unknown as Parameters<typeof zodResolver>[0]) as unknown as Resolver<FieldValues>,
    defaultValues: { clientId, agencyCode, categories: [], purpose: statutoryPurpose ?? "", method: defaultMethod, requestReference: "", statutoryPurposeConfirmed: false },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const onSubmit = handleSubmit((_values, event) => {
    const form = (event?.target as HTMLElement | undefined)?.closest("form");
    if (!form) return;
    const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter;
    const data = new FormData(form);
    const record = submitter?.getAttribute("value") === "record";
    if (!record) setStale(false);
    startTransition(() => (record ? recordAction(data) : previewAction(data)));
  });

  const latest = recordState.status !== "idle" ? recordState : previewState;
  const serverError = (name: string) => (latest.status === "error" ? latest.fieldErrors?.[name]?.[0] : undefined);
  const errorFor = (name: string) => {
    const code = (formState.errors[name]?.message as string | undefined) ?? serverError(name);
    return code ? (texts.errors[code] ?? texts.errors.invalid ?? code) : undefined;
  };
  const refusals = latest.status === "error" && latest.fieldErrors
    ? Object.entries(latest.fieldErrors).filter(([key]) => key.startsWith("refused."))
    : [];
  const preview = previewState.status === "ok" && previewState.data && !stale ? previewState.data.document : null;
  const categoriesError = errorFor("categories");

  return (
    <section aria-labelledby="step3" className="space-y-4">
      <h2 id="step3" className="text-xl font-bold">
        {texts.step3}
      </h2>
      <form action={previewAction} onSubmit={onSubmit} onChange={() => setStale(true)} noValidate className="space-y-4" data-testid="disclosure-form">
        <input type="hidden" {...register("clientId")} value={clientId} />
        <input type="hidden" {...register("agencyCode")} value={agencyCode} />
        {latest.status === "error" && latest.formError ? (
          <div role="alert" className="space-y-1 border-s-4 border-red-700 ps-3">
            <p className="font-bold text-red-700">{texts.formErrors[latest.formError] ?? texts.formErrors.other}</p>
            {refusals.length > 0 ? (
              <ul className="list-disc ps-6" data-testid="refusals">
                {refusals.map(([key, reasons]) => (
                  <li key={key}>
                    {texts.categoryNames[key.slice("refused.".length)] ?? key}: {texts.reasons[reasons?.[0] ?? ""] ?? reasons?.[0]}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <fieldset aria-describedby={categoriesError ? "categories-error" : undefined} className={`space-y-1 ${categoriesError ? "border-s-4 border-red-700 ps-3" : ""}`}>
          <legend className="font-bold">{texts.categories}</legend>
          {categoriesError ? (
            <p id="categories-error" className="font-bold text-red-700">
              {categoriesError}
            </p>
          ) : null}
          {categories.map((category) => (
            <div key={category.value} className="flex items-center gap-2">
              <input type="checkbox" id={`category-${category.value}`} value={category.value} className="size-5" {...register("categories")} />
              <label htmlFor={`category-${category.value}`}>
                {category.label}
                {category.needsPurpose ? ` – ${texts.needsPurpose}` : ""}
              </label>
            </div>
          ))}
        </fieldset>

        {texts.confirmPurpose ? (
          <div className="flex items-start gap-2">
            <input type="checkbox" id="statutoryPurposeConfirmed" value="yes" className="mt-1 size-5" {...register("statutoryPurposeConfirmed")} />
            <label htmlFor="statutoryPurposeConfirmed">{texts.confirmPurpose}</label>
          </div>
        ) : null}

        <Field id="purpose" label={texts.purpose} hint={texts.purposeHint} error={errorFor("purpose")}>
          {/* One line: the purpose goes into the disclosure log and its CSV export (no line breaks there). */}
          <input
            id="purpose"
            type="text"
            className={inputClass}
            defaultValue={statutoryPurpose ?? ""}
            aria-invalid={errorFor("purpose") ? true : undefined}
            aria-describedby={describedBy("purpose", texts.purposeHint, errorFor("purpose"))}
            {...register("purpose")}
          />
        </Field>
        <Field id="method" label={texts.method} error={errorFor("method")}>
          <select id="method" className={inputClass} defaultValue={defaultMethod} {...register("method")}>
            {methods.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="requestReference" label={`${texts.requestReference} ${texts.optional}`} error={errorFor("requestReference")}>
          <input id="requestReference" type="text" className={inputClass} {...register("requestReference")} />
        </Field>

        <div className="flex flex-wrap gap-4">
          <button type="submit" name="intent" value="preview" formAction={previewAction} disabled={previewPending} className={buttonClass}>
            {texts.preview}
          </button>
          {preview ? (
            <button type="submit" name="intent" value="record" formAction={recordAction} disabled={recordPending} className={buttonClass} data-testid="record-disclosure">
              {texts.record}
            </button>
          ) : null}
        </div>
      </form>

      {preview ? (
        <div className="space-y-2" aria-live="polite">
          <p>{texts.previewIntro}</p>
          <DisclosureDocumentView document={preview} labels={documentLabels} />
        </div>
      ) : null}
    </section>
  );
}
