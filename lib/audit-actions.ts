/**
 * Every kind of audit event, in one list, so the DPO's filters and the tests speak the same names.
 * Later features add theirs here.
 */
export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "auth.sign_out",
  "staff.created",
  "staff.role_changed",
  "staff.disabled",
  "staff.enabled",
  "settings.changed",
  "client.viewed",
  "client.created",
  "client.updated",
  "client.identity_code_revealed",
  "intake.submitted",
  "intake.viewed",
  "consent.recorded",
  "consent.withdrawn",
  "disclosure.recorded",
  "disclosure.refused",
  "export.created",
  "audit.viewed",
] as const;

export type AuditAction = (typeof auditActions)[number];
