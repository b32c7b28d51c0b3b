/**
 * Why staff reject an intake submission. A code, never free text: the reason is kept in the
 * deletion record and the audit log, which outlive the personal data and must hold none of it.
 * Free of database imports so the review form (a client component) can list them.
 */
export const intakeRejectionReasons = [
  /** The person is already a client, or submitted twice; nothing to add. */
  "duplicate",
  /** The person is not in a client group the register serves. */
  "not_in_target_group",
  /** The answers are unusable (test data, nonsense, unreliable). */
  "invalid_or_unreliable",
  /** The person asked staff not to register them. */
  "withdrawn_by_person",
  "other",
] as const;

export type IntakeRejectionReason = (typeof intakeRejectionReasons)[number];

export function isIntakeRejectionReason(value: unknown): value is IntakeRejectionReason {
  return typeof value === "string" && (intakeRejectionReasons as readonly string[]).includes(value);
}
