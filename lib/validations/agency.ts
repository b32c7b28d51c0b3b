import { z } from "zod";
import { deliveryMethods } from "@/lib/domain-values";
import { blankToUndefined, text } from "@/lib/forms/fields";
import { BUSINESS_ID_PATTERN, SETTINGS_CODE_PATTERN } from "@/lib/register-settings";

/**
 * The agencies administration form (app/staff/admin/agencies), shared by react-hook-form in the
 * browser and the server action. The agencies themselves live in the register settings; this
 * schema only checks the form, and registerSettingsSchema checks the settings it leads to.
 *
 * Messages are message codes (messages/*.json → agencyAdmin.errors), listed in
 * `agencyFormErrorCodes`; the refusals the server may answer are `agencyRefusalCodes`
 * (agencyAdmin.refused).
 */

export const agencyFormErrorCodes = [
  "required",
  "tooLong",
  "invalid",
  "invalidCharacters",
  "invalidCode",
  "invalidBusinessId",
  "chooseOne",
] as const;
export type AgencyFormErrorCode = (typeof agencyFormErrorCodes)[number];

export const agencyRefusalCodes = [
  "code_taken",
  "not_found",
  "statutory_outside_eea",
  "no_settings",
  "invalid_settings",
  "other",
] as const;
export type AgencyRefusalCode = (typeof agencyRefusalCodes)[number];

/** The settings' own patterns: a form accepts exactly what the settings schema accepts. */
export const AGENCY_CODE_PATTERN = SETTINGS_CODE_PATTERN;
export { BUSINESS_ID_PATTERN };
/** The longest agency name the settings accept. */
export const AGENCY_NAME_MAX = 300;

export const agencyFormSchema = z.object({
  /** "new" adds an agency (its code must be free); "edit" changes the one with that code. */
  mode: z.enum(["new", "edit"], { error: "invalid" }),
  code: z
    .string({ error: "required" })
    .trim()
    .min(1, { message: "required", abort: true })
    .regex(AGENCY_CODE_PATTERN, "invalidCode"),
  /** The name in Finnish; the names in other languages are kept from the settings. */
  name: text(AGENCY_NAME_MAX),
  businessId: z.preprocess(
    blankToUndefined,
    z.string({ error: "invalidBusinessId" }).trim().regex(BUSINESS_ID_PATTERN, "invalidBusinessId").optional(),
  ),
  /** A yes/no radio pair. */
  insideEea: z.enum(["yes", "no"], { error: "chooseOne" }).transform((value) => value === "yes"),
  deliveryMethod: z.enum(deliveryMethods, { error: "chooseOne" }),
});

/** What the form sends (strings). */
export type AgencyFormValues = z.input<typeof agencyFormSchema>;
/** What the action gets once the form parsed. */
export type AgencyInput = z.output<typeof agencyFormSchema>;
