import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { caseFormErrorCodes } from "@/lib/validations/case-work";
import { caseDetailsErrorCodes } from "@/lib/validations/client-details";

/** The texts every case RecordForm shares: saved, optional, field errors and refusals by code. */
export async function recordFormTexts() {
  const tf = await getTranslations("caseForms");
  const td = await getTranslations("caseDetails");
  const refusals = ["not_found", "needs_reason", "forbidden", "restricted", "closed", "erasure_pending", "appointment_not_found", "appointment_not_booked", "invalid_assignee", "unknown_agency", "unknown_authority", "transfer_inside_eea", "transfers_forbidden", "consent_not_found", "not_withdrawable", "other"] as const;
  const detailRefusals = ["basis_not_allowed", "duplicate_identity_code", "identity_code_date_mismatch", "record_not_found"] as const;
  return {
    savedText: tf("saved"),
    optionalText: tf("optional"),
    errorText: {
      ...Object.fromEntries(caseDetailsErrorCodes.map((c) => [c, td(`errors.${c}` as never)])),
      ...Object.fromEntries(caseFormErrorCodes.map((c) => [c, tf(`errors.${c}` as never)])),
    },
    formErrorText: {
      ...Object.fromEntries(refusals.map((c) => [c, tf(`refused.${c}` as never)])),
      ...Object.fromEntries(detailRefusals.map((c) => [c, td(`refused.${c}` as never)])),
    },
  };
}

/** A list of forms, each folded in a <details> so the case stays readable. */
export function FoldedForms({ id, title, forms }: { id: string; title: string; forms: { key: string; title: string; node: ReactNode }[] }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-2xl font-bold">
        {title}
      </h2>
      {forms.map((form) => (
        <details key={form.key} className="rounded border-2 border-gray-300 p-3">
          <summary className="cursor-pointer text-lg font-bold">{form.title}</summary>
          <div className="mt-3">{form.node}</div>
        </details>
      ))}
    </section>
  );
}
