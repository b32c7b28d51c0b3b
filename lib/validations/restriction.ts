import { z } from "zod";
import { deliveryMethods, noticeCauses, restrictionGrounds } from "@/lib/domain-values";
import { blankToUndefined, dateField, idField, optionalIdField } from "@/lib/forms/fields";
import { publicLocales } from "@/lib/i18n/locales";
import { SETTINGS_CODE_PATTERN } from "@/lib/register-settings";

/**
 * The officer's forms for restriction of processing (GDPR Art 18) and the notices to recipients
 * (Art 19): one schema per form, shared by the browser and the server action. Messages are message
 * codes (messages/*.json → restrictions.errors).
 */

const locale = z.enum(publicLocales, { error: "chooseOne" });
const method = z.enum(deliveryMethods, { error: "chooseOne" });

/** Applying a restriction, from a request (requestId) or on the officer's own decision. */
export const applyRestrictionSchema = z.object({
  clientId: idField,
  requestId: optionalIdField,
  ground: z.enum(restrictionGrounds, { error: "chooseOne" }),
});

/** Art 18(3): the person told that the restriction will be lifted; the letter is generated in `locale`. */
export const liftNoticeSchema = z.object({
  restrictionId: idField,
  toldOn: dateField({ notFuture: true }),
  method,
  locale,
});

/** The officer's own decision, on the restrictions page: the client named by their client number (YYYY-NNNNNN). */
export const applyRestrictionByNumberSchema = z.object({
  clientNumber: z.string({ error: "required" }).trim().min(1, { message: "required", abort: true }).regex(/^\d{4}-\d{6}$/, "invalid"),
  ground: z.enum(restrictionGrounds, { error: "chooseOne" }),
});

export const liftRestrictionSchema = z.object({
  restrictionId: idField,
});

/** The audit events (by seq) of the corrections a rectification request led to. */
export const linkCorrectionsSchema = z.object({
  requestId: idField,
  auditSeq: z.preprocess(
    (value) => {
      const given = blankToUndefined(value);
      return given === undefined ? [] : Array.isArray(given) ? given : [given];
    },
    z.array(z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid")).min(1, "chooseAtLeastOne").max(200, "invalid"),
  ),
});

/**
 * A notice to one recipient: of a rectification or erasure (from the request) or of a restriction
 * (from the restriction; a restriction request's notices go there too).
 */
export const recipientNoticeSchema = z
  .object({
    cause: z.enum(noticeCauses, { error: "chooseOne" }),
    requestId: optionalIdField,
    restrictionId: optionalIdField,
    agencyCode: z.string({ error: "chooseFromList" }).trim().regex(SETTINGS_CODE_PATTERN, "chooseFromList"),
    sentOn: dateField({ notFuture: true }),
    method,
    locale,
  })
  .superRefine((value, ctx) => {
    if (value.cause === "restriction" ? !value.restrictionId : !value.requestId) {
      ctx.addIssue({ code: "custom", path: ["form"], message: "invalid" });
    }
  });

export type ApplyRestrictionInput = z.output<typeof applyRestrictionSchema>;
export type ApplyRestrictionByNumberInput = z.output<typeof applyRestrictionByNumberSchema>;
export type LiftNoticeInput = z.output<typeof liftNoticeSchema>;
export type LiftRestrictionInput = z.output<typeof liftRestrictionSchema>;
export type LinkCorrectionsInput = z.output<typeof linkCorrectionsSchema>;
export type RecipientNoticeInput = z.output<typeof recipientNoticeSchema>;
