import "server-only";

export type IntakeReviewErrorCode =
  | "not_found"
  | "not_pending"
  | "invalid_answers"
  | "duplicate_identity_code"
  | "identity_code_conflict"
  | "client_not_found"
  | "invalid_assignee"
  | "no_storage_consent"
  | "invalid_reason";

/** A decision the data does not allow; `code` tells the action which message to show. */
export class IntakeReviewError extends Error {
  override name = "IntakeReviewError";
  constructor(
    readonly code: IntakeReviewErrorCode,
    message: string,
    /** For duplicate_identity_code and identity_code_conflict: the clients holding the code. */
    readonly clientIds: readonly string[] = [],
  ) {
    super(message);
  }
}
