"use client";

import type { ReactNode } from "react";
import type { FieldSpec } from "@/lib/intake/form-spec";
import type { SummaryItem } from "./error-summary";
import type { StepDictionary } from "@/lib/intake/form-types";

export const fieldId = (name: string) => `f-${name.replaceAll(".", "-")}`;

export function getPath(values: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), values);
}

const inputBase = "rounded border-2 border-ink px-3 py-2 text-lg aria-[invalid=true]:border-red-700";
const widths = { short: "w-32", medium: "w-full max-w-xs", full: "w-full max-w-xl" } as const;

export interface StepFormBodyProps {
  fields: FieldSpec[];
  values: Record<string, unknown>;
  dictionary: StepDictionary;
  errorFor: (path: string) => string | undefined;
  /** The input's name and, with react-hook-form, its handlers. */
  bind: (path: string) => Record<string, unknown>;
  rowCount: (group: string) => number;
  /** With JavaScript, adds a row in place; without, the button posts and the server adds it. */
  onAddRow?: (group: string) => void;
  changeMode: boolean;
  honeypotLabel: string;
  pending: boolean;
  /** Hidden fields posted with their value from `values`. */
  hiddenFields?: string[];
}

/** The error summary's entries, in the order of the fields on the page. */
export function summaryItems(fields: FieldSpec[], props: Pick<StepFormBodyProps, "dictionary" | "errorFor" | "rowCount">): SummaryItem[] {
  const items: SummaryItem[] = [];
  const collect = (specs: FieldSpec[], prefix = "") => {
    for (const spec of specs) {
      if (spec.kind === "group") {
        for (let i = 0; i < props.rowCount(spec.name); i++) collect(spec.fields, `${prefix}${spec.name}.${i}.`);
        continue;
      }
      const path = `${prefix}${spec.name}`;
      const error = props.errorFor(path);
      if (error) items.push({ fieldId: fieldId(path), message: `${props.dictionary.fields[spec.name]?.label ?? spec.name}: ${error}` });
    }
  };
  collect(fields);
  return items;
}

/** The inside of a question page's form; the same markup with and without JavaScript. */
export function StepFormBody({
  fields,
  values,
  dictionary,
  errorFor,
  bind,
  rowCount,
  onAddRow,
  changeMode,
  honeypotLabel,
  pending,
  hiddenFields = [],
}: StepFormBodyProps) {
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
    const common = { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, ...bind(path) };
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
            className={`${inputBase} ${widths[spec.width ?? "full"]}`}
            {...common}
          />,
        );
      case "textarea":
        return wrapper(<textarea id={id} rows={5} defaultValue={typeof value === "string" ? value : ""} className={`${inputBase} w-full max-w-xl`} {...common} />);
      case "date":
        return wrapper(
          <input id={id} type="date" autoComplete={spec.autoComplete} defaultValue={typeof value === "string" ? value : ""} className={`${inputBase} w-48`} {...common} />,
        );
      case "select":
        return wrapper(
          <select id={id} defaultValue={typeof value === "string" ? value : ""} className={`${inputBase} w-full max-w-xs bg-white`} {...common}>
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
              {spec.options.map((option, index) => {
                const optionId = index === 0 ? id : `${id}-${index}`;
                return (
                  <div key={option} className="flex items-center gap-3">
                    <input
                      id={optionId}
                      type={type}
                      value={option}
                      defaultChecked={chosen.includes(option)}
                      aria-invalid={error ? true : undefined}
                      className="h-6 w-6 accent-brand-700"
                      {...bind(path)}
                    />
                    <label htmlFor={optionId} className="text-lg">
                      {dictionary.options[spec.optionSet]?.[option] ?? option}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>,
          true,
        );
      }
    }
  };

  return (
    <>
      {changeMode ? <input type="hidden" name="$change" value="1" /> : null}
      {hiddenFields.map((name) => (
        <input key={name} type="hidden" defaultValue={String(getPath(values, name) ?? "")} {...bind(name)} />
      ))}
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
                onClick={
                  onAddRow
                    ? (event) => {
                        event.preventDefault();
                        onAddRow(spec.name);
                      }
                    : undefined
                }
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
    </>
  );
}
