import { z } from "zod";
import { clientGroups, clientStatuses } from "@/lib/domain-values";
import { idField } from "@/lib/forms/fields";

/**
 * The staff forms that find and open a client (app/staff/clients/actions.ts): the search, the
 * reason for opening another caseworker's client (lib/auth/client-access.ts decides when one is
 * needed), and revealing a masked identity code. Messages are message codes.
 */

/** Where to go once the reason is given: a staff page that needed it (the case, or an intake merge). */
const returnToField = z
  .string()
  .max(300)
  .regex(/^\/staff\/[A-Za-z0-9/_-]*$/, "invalid")
  .optional();

export const MIN_ACCESS_REASON_LENGTH = 10;
export const MAX_ACCESS_REASON_LENGTH = 500;

export const accessReasonSchema = z.object({
  clientId: idField,
  reason: z.string().trim().min(MIN_ACCESS_REASON_LENGTH, "reasonTooShort").max(MAX_ACCESS_REASON_LENGTH, "too_long"),
  returnTo: returnToField,
});
export type AccessReasonInput = z.output<typeof accessReasonSchema>;

export const revealIdentityCodeSchema = z.object({ clientId: idField });

/** The search form: "" is the select's "any". `caseworker` is "me", "unassigned", a staff id or "". */
export const clientSearchSchema = z.object({
  text: z.string().trim().max(200, "too_long").optional().default(""),
  status: z.enum(["", ...clientStatuses]).optional().default(""),
  clientGroup: z.enum(["", ...clientGroups]).optional().default(""),
  caseworker: z.string().max(40).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type ClientSearchInput = z.output<typeof clientSearchSchema>;
