import type { Permission } from "./permissions";

/**
 * The authorization matrix: every page, route handler and server action, and the permission it
 * requires ("public" for the few that need none). tests/unit/authorization-matrix.test.ts finds
 * every entry point in the source tree and fails when one is missing here, so nothing new ships
 * without a decision; the integration and end-to-end tests then check each against every role.
 */
export type Requirement = Permission | "public";

export const pageRequirements: Record<string, Requirement> = {
  "/[locale]": "public",
  "/[locale]/sign-in": "public",
  "/[locale]/accessibility": "public",
  "/[locale]/privacy": "public",
  "/[locale]/intake": "public",
  "/[locale]/intake/[step]": "public",
  "/[locale]/intake/consent": "public",
  "/[locale]/intake/check": "public",
  "/[locale]/intake/confirmation": "public",
  "/[locale]/intake/refused": "public",
  "/staff": "staff:home",
  "/staff/admin/staff": "staff:manage",
  "/staff/password": "staff:self",
  "/staff/role-grants": "roleGrant:approve",
  "/staff/admin/settings": "settings:manage",
  "/staff/admin/settings/history": "settings:readHistory",
  "/staff/clients": "client:read",
  "/staff/intake": "intake:review",
  "/staff/intake/[submissionId]": "intake:review",
  "/staff/intake/[submissionId]/merge/[clientId]": "intake:review",
  "/staff/clients/[clientId]": "client:read",
  "/staff/clients/new": "client:write",
  "/staff/clients/[clientId]/disclosures/new": "disclosure:create",
  "/staff/clients/[clientId]/disclosures/[disclosureId]": "disclosure:create",
  "/staff/disclosures": "disclosure:readLog",
  "/staff/admin/agencies": "agency:manage",
};

export const routeRequirements: Record<string, Requirement> = {
  "/api/health": "public",
  "/[locale]/intake/submit": "public",
  "/staff/clients/[clientId]/disclosures/[disclosureId]/document": "disclosure:create",
  "/staff/disclosures/export": "disclosure:readLog",
};

/** Keyed `file#exportName`. */
export const actionRequirements: Record<string, Requirement> = {
  "app/[locale]/sign-in/actions.ts#signInAction": "public",
  "app/[locale]/intake/actions.ts#startIntakeAction": "public",
  "app/[locale]/intake/actions.ts#saveStepAction": "public",
  "app/[locale]/intake/actions.ts#saveConsentAction": "public",
  "app/[locale]/intake/actions.ts#deleteIntakeAnswersAction": "public",
  "app/staff/actions.ts#signOutAction": "staff:self",
  "app/staff/actions.ts#setStaffLocaleAction": "staff:self",
  "app/staff/password/actions.ts#changePasswordAction": "staff:self",
  "app/staff/role-grants/actions.ts#decideRoleGrantAction": "roleGrant:approve",
  "app/staff/admin/staff/actions.ts#createStaffAction": "staff:manage",
  "app/staff/admin/staff/actions.ts#changeStaffRoleAction": "staff:manage",
  "app/staff/admin/staff/actions.ts#setStaffDisabledAction": "staff:manage",
  "app/staff/admin/settings/actions.ts#saveSettingsAction": "settings:manage",
  "app/staff/clients/actions.ts#giveAccessReasonAction": "client:read",
  "app/staff/clients/actions.ts#revealIdentityCodeAction": "client:read",
  "app/staff/clients/actions.ts#searchClientsAction": "client:read",
  "app/staff/clients/[clientId]/case-work-actions.ts#bookAppointmentAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#recordVisitAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#rescheduleAppointmentAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#cancelAppointmentAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#recordAssessmentAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#recordPlanAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#reviewPlanAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#recordOutcomeAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#recordFunctionalCapacityAction": "client:readFunctionalCapacity",
  "app/staff/clients/[clientId]/case-work-actions.ts#addCaseNoteAction": "client:write",
  "app/staff/clients/[clientId]/case-work-actions.ts#assignClientAction": "client:assign",
  "app/staff/clients/[clientId]/case-work-actions.ts#closeCaseAction": "client:write",
  "app/staff/clients/new/actions.ts#createWalkInClientAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#updateIdentityContactAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#recordResidencePermitAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#recordFamilyMemberAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#recordSkillAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#recordWorkExperienceAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#recordEducationAction": "client:write",
  "app/staff/clients/[clientId]/client-details-actions.ts#removeCaseRecordAction": "client:write",
  "app/staff/clients/[clientId]/consent-actions.ts#recordWrittenConsentAction": "consent:record",
  "app/staff/clients/[clientId]/consent-actions.ts#withdrawConsentAction": "consent:record",
  "app/staff/clients/[clientId]/disclosures/new/actions.ts#previewDisclosureAction": "disclosure:create",
  "app/staff/clients/[clientId]/disclosures/new/actions.ts#recordDisclosureAction": "disclosure:create",
  "app/staff/clients/[clientId]/disclosures/[disclosureId]/actions.ts#revealDocumentIdentityCodeAction": "disclosure:create",
  "app/staff/admin/agencies/actions.ts#saveAgencyAction": "agency:manage",
  "app/staff/intake/actions.ts#acceptSubmissionAction": "intake:review",
  "app/staff/intake/actions.ts#mergeSubmissionAction": "intake:review",
  "app/staff/intake/actions.ts#rejectSubmissionAction": "intake:review",
};
