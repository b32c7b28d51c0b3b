/**
 * The one way the register says no (CONVENTIONS.md, habit 3; model: vercel/ai-chatbot lib/errors.ts).
 * A refusal is not a fault: the request was understood and the rules do not allow it. The data layer
 * throws one, the action wrapper (server/action.ts) turns it into the form's answer and an audit
 * event, once, for every action. Codes are the messages' keys, so each domain's form can say why.
 * Messages name ids and codes only, never personal data.
 */
export const refusalCodes = {
  /** Reaching and writing a client's case (lib/auth/client-access.ts). */
  case: ["not_found", "needs_reason", "forbidden", "restricted", "closed", "erasure_pending", "appointment_not_found", "appointment_not_booked", "invalid_assignee"],
  /** The person's own details. */
  client: ["basis_not_allowed", "duplicate_identity_code", "identity_code_date_mismatch", "record_not_found"],
  consent: ["unknown_agency", "unknown_authority", "transfer_inside_eea", "transfers_forbidden", "consent_not_found", "not_withdrawable"],
  disclosure: ["unknown_agency", "document_not_found"],
  /** Data subjects' requests (lib/rights/deadlines.ts, requester.ts, request-steps.ts). */
  request: [
    "not_found",
    "client_not_found",
    "ambiguous_client",
    "guardian_for_adult",
    "guardian_age_unknown",
    "not_a_guardian_record",
    "kind_not_available",
    "step_not_allowed",
    "reasons_required",
    "decided_before_received",
    // The date rules' own codes (lib/rights/deadlines.ts DateIssue).
    "due_before_received",
    "due_after_one_month",
    "extension_not_later",
    "extension_too_long",
    "told_before_received",
    "told_after_first_month",
    "told_in_future",
  ],
  /** Documents given to a data subject (lib/rights/access-report.ts, refusal-certificate.ts; db/rights-documents.ts). */
  rights_document: ["not_found", "no_client", "not_access_request", "unknown_ground", "not_allowed"],
  /** Restriction of processing (lib/rights/restriction.ts). */
  restriction: [
    "client_not_found",
    "not_found",
    "request_not_found",
    "request_kind",
    "already_restricted",
    "already_lifted",
    "notice_missing",
    "notice_after_lift",
    "notice_before_restriction",
    "notice_in_future",
  ],
  /** Notices to the recipients of rectified, erased or restricted data (lib/rights/recipients.ts). */
  notice: ["request_not_found", "request_kind", "restriction_not_found", "correction_not_found", "not_a_recipient", "already_told", "unknown_agency"],
  intake: [
    "not_found",
    "not_pending",
    "invalid_answers",
    "duplicate_identity_code",
    "identity_code_conflict",
    "invalid_assignee",
    "no_storage_consent",
    "invalid_reason",
    "incomplete",
  ],
  agency: ["code_taken", "not_found", "statutory_outside_eea", "no_settings", "invalid_settings"],
  staff: ["email_taken", "cannot_change_self", "not_found", "wrong_password", "password_unchanged", "not_an_approver", "own_account", "own_request", "not_pending", "initial_password"],
} as const satisfies Record<string, readonly string[]>;

export type RefusalDomain = keyof typeof refusalCodes;
export type RefusalCode<D extends RefusalDomain = RefusalDomain> = (typeof refusalCodes)[D][number];

export interface RefusalOptions {
  /** The client the refused request concerned, for the audit event. */
  clientId?: string | null;
  /** Other clients the refusal names (e.g. who already holds an identity code). */
  clientIds?: readonly string[];
  /** The form field the refusal belongs to, when it is one field's answer. */
  field?: string;
}

export class Refusal<D extends RefusalDomain = RefusalDomain> extends Error {
  override name = "Refusal";
  readonly clientId: string | null;
  readonly clientIds: readonly string[];
  readonly field: string | undefined;

  constructor(
    readonly domain: D,
    readonly code: RefusalCode<D>,
    message: string,
    options: RefusalOptions = {},
  ) {
    super(message);
    this.clientId = options.clientId ?? null;
    this.clientIds = options.clientIds ?? [];
    this.field = options.field;
  }
}

/** Shorthand for throwing: `throw refuse("case", "needs_reason", "…")`. */
export function refuse<D extends RefusalDomain>(domain: D, code: RefusalCode<D>, message: string, options?: RefusalOptions): Refusal<D> {
  return new Refusal(domain, code, message, options);
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}
