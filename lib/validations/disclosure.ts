import { z } from "zod";
import { dataCategories } from "@/lib/data-categories";
import { deliveryMethods } from "@/lib/domain-values";
import { checkboxes, idField, optionalText, text } from "@/lib/forms/fields";
import { isIsoDate } from "@/lib/helsinki-time";
import { SETTINGS_CODE_PATTERN } from "@/lib/register-settings";

/**
 * The disclosure tool's form (DESIGN.md rule 3), shared by the browser and both server actions
 * (preview and record). The server never trusts the categories it lists: it evaluates the gate
 * again and refuses, and audits, a request for any category the gate does not allow.
 */

export const MAX_DISCLOSURE_PURPOSE_LENGTH = 1000;
export const MAX_REQUEST_REFERENCE_LENGTH = 100;

export const disclosureFormSchema = z.object({
  clientId: idField,
  agencyCode: z.string({ error: "chooseFromList" }).trim().regex(SETTINGS_CODE_PATTERN, "chooseFromList"),
  categories: checkboxes(dataCategories).refine((chosen) => chosen.length > 0, "chooseAtLeastOne"),
  purpose: text(MAX_DISCLOSURE_PURPOSE_LENGTH),
  method: z.enum(deliveryMethods, { error: "chooseOne" }),
  requestReference: optionalText(MAX_REQUEST_REFERENCE_LENGTH),
  /** "yes" when the staff member confirms the purpose a purpose-limited statutory basis names. */
  statutoryPurposeConfirmed: z.preprocess(
    (value) => value === "yes" || value === true || (Array.isArray(value) && value.includes("yes")),
    z.boolean(),
  ),
});

export type DisclosureFormInput = z.output<typeof disclosureFormSchema>;

/** Revealing the identity code a stored disclosure document holds (audited as a reveal). */
export const revealDocumentIdentityCodeSchema = z.object({ clientId: idField, disclosureId: idField });

const optionalFilter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (Array.isArray(value) ? value[0] : value) || undefined, schema.optional());

/** The disclosure log's filters, from the query string of the log page and of its CSV export. */
export const disclosureLogFilterSchema = z.object({
  agency: optionalFilter(z.string().regex(SETTINGS_CODE_PATTERN, "chooseFromList")),
  staff: optionalFilter(idField),
  from: optionalFilter(z.string().refine(isIsoDate, "invalidDate")),
  to: optionalFilter(z.string().refine(isIsoDate, "invalidDate")),
  page: z.preprocess((value) => Number(Array.isArray(value) ? value[0] : value) || 1, z.number().int().min(1).max(10_000)),
});

export type DisclosureLogFilterInput = z.output<typeof disclosureLogFilterSchema>;
