import { getTranslations } from "next-intl/server";
import { caseDetailsErrorCodes } from "@/lib/validations/client-details";

/** The field codes of the request forms beyond the shared ones (lib/validations/requests.ts and the data layer's field refusals). */
const requestFieldCodes = [
  "identityCodeOrName",
  "onlyForGuardian",
  "client_not_found",
  "ambiguous_client",
  "guardian_for_adult",
  "guardian_age_unknown",
  "not_a_guardian_record",
  "kind_not_available",
  "reasons_required",
  "decided_before_received",
  "due_before_received",
  "due_after_one_month",
  "extension_not_later",
  "extension_too_long",
  "told_before_received",
  "told_after_first_month",
  "told_in_future",
] as const;

/** Refusals answered for the whole form: the request's own, and a caseworker's access to the client. */
const requestFormRefusals = ["not_found", "step_not_allowed", "needs_reason", "other"] as const;

/** The texts every request RecordForm shares: saved, optional, field errors and refusals by code. */
export async function requestFormTexts() {
  const t = await getTranslations("requests");
  const td = await getTranslations("caseDetails");
  return {
    savedText: t("saved"),
    optionalText: t("optional"),
    errorText: {
      ...Object.fromEntries(caseDetailsErrorCodes.map((c) => [c, td(`errors.${c}` as never)])),
      ...Object.fromEntries(requestFieldCodes.map((c) => [c, t(`errors.${c}`)])),
    },
    formErrorText: Object.fromEntries(requestFormRefusals.map((c) => [c, t(`refused.${c}`)])),
  };
}
