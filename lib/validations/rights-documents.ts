import { z } from "zod";
import { idField, multilineText, LONG_TEXT, DOCUMENT_TEXT } from "@/lib/forms/fields";
import { publicLocales } from "@/lib/i18n/locales";
import { SETTINGS_CODE_PATTERN } from "@/lib/register-settings";
import { refusalScopes } from "@/lib/rights/refusal-certificate";

/**
 * The officer's forms for the documents a data subject gets (app/staff/requests/[requestId]):
 * releasing the access report, issuing a refusal certificate. The language is one of the six
 * public ones; empty means the request's own reply language.
 */

const documentLocale = z.preprocess((value) => (value === "" ? undefined : value), z.enum(publicLocales, { error: "invalid" }).optional());

export const releaseAccessReportSchema = z.object({ requestId: idField, locale: documentLocale });
export type ReleaseAccessReportInput = z.output<typeof releaseAccessReportSchema>;

/** The grounds are codes of the settings' refusal grounds; the data layer checks they exist. */
const groundCodes = z.preprocess(
  (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().regex(SETTINGS_CODE_PATTERN, "invalid")).min(1, "groundsRequired").max(40),
);

export const refusalCertificateSchema = z.object({
  requestId: idField,
  scope: z.enum(refusalScopes, { error: "required" }),
  grounds: groundCodes,
  refusedWhat: multilineText(LONG_TEXT),
  justification: multilineText(DOCUMENT_TEXT),
  locale: documentLocale,
});
export type RefusalCertificateInput = z.output<typeof refusalCertificateSchema>;
