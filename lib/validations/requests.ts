import { z } from "zod";
import { identityVerificationMethods, requestChannels, requestDecisions, requesters, requestKinds } from "@/lib/domain-values";
import {
  always,
  blankToUndefined,
  dateField,
  idField,
  LINE_TEXT,
  LONG_TEXT,
  multilineText,
  NAME_TEXT,
  optionalDate,
  optionalIdField,
  optionalMultilineText,
  optionalText,
  personalIdentityCodeField,
} from "@/lib/forms/fields";
import { helsinkiDate } from "@/lib/helsinki-time";
import { publicLocales } from "@/lib/i18n/locales";
import { extensionIssues, requestDateIssues } from "@/lib/rights/deadlines";
import { reasonsRequired } from "@/lib/rights/request-steps";

/**
 * The forms of the data subjects' request register (issue 11), one schema each, shared by the
 * browser (react-hook-form) and the server action. Rules that need what only the database knows
 * (the client's age on the day received, the stored dates of a request) are checked again by the
 * data layer (db/requests.ts) with the same pure rules, and answer with the same codes.
 * Messages are codes: messages/*.json → requests.errors.
 */

const reasons = multilineText(LONG_TEXT);

/**
 * Finding the client a request concerns: by the identity code (looked up through its keyed hash,
 * never compared or logged) or by name and date of birth.
 */
export const findRequestClientSchema = z
  .object({
    identityCode: z.preprocess(blankToUndefined, personalIdentityCodeField.optional()),
    lastName: optionalText(NAME_TEXT),
    firstNames: optionalText(NAME_TEXT),
    dateOfBirth: optionalDate({ notFuture: true }),
  })
  .superRefine((value, ctx) => {
    if (value.identityCode) return;
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (!value.lastName && !value.dateOfBirth) issue("identityCode", "identityCodeOrName");
    else {
      if (!value.lastName) issue("lastName", "required");
      if (!value.dateOfBirth) issue("dateOfBirth", "required");
    }
  }, always);

export const logRequestSchema = z
  .object({
    clientId: idField,
    kind: z.enum(requestKinds, { error: "chooseOne" }),
    channel: z.enum(requestChannels, { error: "chooseOne" }),
    receivedOn: dateField({ notFuture: true }),
    /** Empty: one calendar month from the day received (lib/rights/deadlines.ts). */
    dueOn: optionalDate(),
    requester: z.enum(requesters, { error: "chooseOne" }),
    /** The guardian's name, when a guardian asks. */
    requesterName: optionalText(NAME_TEXT),
    /** The family record naming the guardianship, when the records have one. */
    guardianRecordId: optionalIdField,
    replyLanguage: z.enum(publicLocales, { error: "chooseOne" }),
    description: optionalMultilineText(LONG_TEXT),
    /** When the identity was checked as the request was received (at a visit). */
    identityVerification: z.preprocess(blankToUndefined, z.enum(identityVerificationMethods, { error: "chooseOne" }).optional()),
    identityVerificationNote: optionalText(LINE_TEXT),
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    for (const { field, code } of requestDateIssues(value)) issue(field, code);
    if (value.requester === "guardian" && !value.requesterName) issue("requesterName", "required");
    if (value.requester === "client" && value.guardianRecordId) issue("guardianRecordId", "onlyForGuardian");
    if (value.identityVerification === "other" && !value.identityVerificationNote) issue("identityVerificationNote", "required");
  }, always);

export const verifyRequestIdentitySchema = z
  .object({
    requestId: idField,
    identityVerification: z.enum(identityVerificationMethods, { error: "chooseOne" }),
    identityVerificationNote: optionalText(LINE_TEXT),
  })
  .superRefine((value, ctx) => {
    if (value.identityVerification === "other" && !value.identityVerificationNote) {
      ctx.addIssue({ code: "custom", path: ["identityVerificationNote"], message: "required" });
    }
  }, always);

export const extendRequestSchema = z
  .object({
    requestId: idField,
    /** The request's own dates, for the check in the browser; the data layer checks the stored ones. */
    receivedOn: dateField(),
    dueOn: dateField(),
    extendedDueOn: dateField(),
    extensionReasons: reasons,
    toldOn: dateField({ notFuture: true }),
  })
  .superRefine((value, ctx) => {
    if (typeof value.receivedOn !== "string" || typeof value.dueOn !== "string") return;
    for (const { field, code } of extensionIssues({ ...value, receivedOn: value.receivedOn, dueOn: value.dueOn, today: helsinkiDate() })) {
      ctx.addIssue({ code: "custom", path: [field], message: code });
    }
  }, always);

export const decideRequestSchema = z
  .object({
    requestId: idField,
    /** The request's kind, for the check in the browser; the data layer reads the stored one. */
    kind: z.enum(requestKinds, { error: "chooseOne" }),
    decision: z.enum(requestDecisions, { error: "chooseOne" }),
    decidedOn: dateField({ notFuture: true }),
    decisionReasons: optionalMultilineText(LONG_TEXT),
  })
  .superRefine((value, ctx) => {
    if (typeof value.kind !== "string" || typeof value.decision !== "string") return;
    if (reasonsRequired(value.kind, value.decision) && !value.decisionReasons) {
      ctx.addIssue({ code: "custom", path: ["decisionReasons"], message: "reasons_required" });
    }
  }, always);

export const closeRequestSchema = z.object({ requestId: idField });

/** The register's list: which requests, a page at a time. */
export const requestListFilterSchema = z.object({
  show: z.preprocess(blankToUndefined, z.enum(["open", "closed", "all"]).default("open")),
  kind: z.preprocess(blankToUndefined, z.enum(requestKinds).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
});

export type FindRequestClientInput = z.output<typeof findRequestClientSchema>;
export type LogRequestInput = z.output<typeof logRequestSchema>;
export type VerifyRequestIdentityInput = z.output<typeof verifyRequestIdentitySchema>;
export type ExtendRequestInput = z.output<typeof extendRequestSchema>;
export type DecideRequestInput = z.output<typeof decideRequestSchema>;
export type CloseRequestInput = z.output<typeof closeRequestSchema>;
