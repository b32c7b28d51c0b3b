import "server-only";
import { getTranslations } from "next-intl/server";
import type { StepDictionary } from "@/lib/intake/form-types";
import { stepFields, type FieldSpec } from "@/lib/intake/form-spec";
import type { IntakeStep } from "@/lib/intake/steps";

export const errorCodes = [
  "required",
  "tooLong",
  "invalid",
  "invalidCharacters",
  "chooseOne",
  "chooseFromList",
  "invalidDate",
  "implausibleDate",
  "dateInFuture",
  "dateInPast",
  "endBeforeStart",
  "identityCodeInvalid",
  "identityCodeChecksum",
  "identityCodeDateMismatch",
  "invalidPhone",
  "invalidEmail",
  "invalidPostalCode",
  "phoneOrEmail",
  "phoneNeeded",
  "emailNeeded",
  "addressNeeded",
  "invalidYear",
  "invalidNumber",
  "tooMany",
  "chooseOrDescribe",
  "consentRequired",
] as const;

function flatten(specs: FieldSpec[]): FieldSpec[] {
  return specs.flatMap((spec) => (spec.kind === "group" ? [spec, ...flatten(spec.fields)] : [spec]));
}

/** Resolves, on the server, exactly the texts one question page needs. */
export async function stepDictionary(step: IntakeStep): Promise<StepDictionary> {
  const t = await getTranslations("intake");
  const specs = flatten(stepFields[step]);
  const fields: StepDictionary["fields"] = {};
  const options: StepDictionary["options"] = {};
  for (const spec of specs) {
    fields[spec.name] = {
      label: t(`fields.${spec.name}.label` as never),
      hint: ("hint" in spec && spec.hint) || spec.kind === "group" ? t(`fields.${spec.name}.hint` as never) : undefined,
    };
    if ("optionSet" in spec) {
      options[spec.optionSet] = Object.fromEntries(spec.options.map((o) => [o, t(`options.${spec.optionSet}.${o}` as never)]));
    }
  }
  const groups = specs.filter((s) => s.kind === "group").map((s) => s.name);
  return {
    fields,
    options,
    errors: Object.fromEntries(errorCodes.map((code) => [code, t(`errors.${code}` as never)])),
    ui: {
      continue: t("ui.continue"),
      errorSummaryTitle: t("ui.errorSummaryTitle"),
      optional: t("ui.optional"),
      chooseOption: t("ui.chooseOption"),
      addAnother: Object.fromEntries(groups.map((g) => [g, t(`ui.addAnother.${g}` as never)])),
      rowTitle: Object.fromEntries(groups.map((g) => [g, t(`ui.rowTitle.${g}` as never)])),
    },
  };
}
