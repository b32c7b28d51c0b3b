import { z } from "zod";
import { dataCategories } from "@/lib/data-categories";
import { consentKinds, withdrawalChannels } from "@/lib/domain-values";
import { always, checkboxes, dateField, idField, optionalDate, optionalMultilineText, text } from "@/lib/forms/fields";
import { SETTINGS_CODE_PATTERN } from "@/lib/register-settings";

/**
 * Consents recorded by staff (DESIGN.md rules 1–2): a written consent given at a visit, and the
 * withdrawal of any consent. One schema per form, shared by the browser and the server action.
 * Error messages are the case forms' message codes (messages/*.json → caseForms.errors, consents.errors).
 */

export const MAX_CONSENT_PURPOSE_LENGTH = 1000;
const PAPER_REFERENCE = 100;

const code = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().regex(SETTINGS_CODE_PATTERN, "chooseFromList").optional(),
);

export const writtenConsentSchema = z
  .object({
    clientId: idField,
    kind: z.enum(consentKinds, { error: "chooseOne" }),
    /** The recipient (disclosure and transfer consents). */
    agencyCode: code,
    /** The authority data may be obtained from (obtain_data consents). */
    sourceAuthority: code,
    categories: checkboxes(dataCategories),
    /** Several lines (a <textarea>); the paper reference is one line. */
    purpose: optionalMultilineText(MAX_CONSENT_PURPOSE_LENGTH),
    /** The day the paper was signed; the consent is valid from then. */
    givenOn: dateField({ notFuture: true }),
    validUntil: optionalDate(),
    paperReference: text(PAPER_REFERENCE),
  })
  .superRefine((value, ctx) => {
    // Runs even when a field failed (`always`), so look only at what parsed.
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const recipientKind = value.kind === "disclosure" || value.kind === "transfer";
    if (recipientKind && !value.agencyCode) issue("agencyCode", "required");
    if (value.kind === "obtain_data" && !value.sourceAuthority) issue("sourceAuthority", "required");
    if (value.kind === "disclosure") {
      if (!Array.isArray(value.categories) || value.categories.length === 0) issue("categories", "chooseAtLeastOne");
      if (!value.purpose) issue("purpose", "required");
    }
    // A consent to disclose or transfer names how long it lasts (DESIGN.md rule 2).
    if (recipientKind && !value.validUntil) issue("validUntil", "required");
    if (typeof value.validUntil === "string" && typeof value.givenOn === "string" && value.validUntil < value.givenOn) {
      issue("validUntil", "endBeforeStart");
    }
  }, always);

export const withdrawConsentSchema = z.object({
  clientId: idField,
  consentId: idField,
  channel: z.enum(withdrawalChannels, { error: "chooseOne" }),
});

export type WrittenConsentInput = z.output<typeof writtenConsentSchema>;
export type WithdrawConsentInput = z.output<typeof withdrawConsentSchema>;
