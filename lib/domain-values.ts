/**
 * Every list of codes the register stores, in one place: the database enums (db/schema/enums.ts
 * builds each pgEnum from the list here, so a list and its enum cannot drift apart, and
 * tests/unit/domain-values.test.ts checks it), the coded text columns and the stored intake
 * answers. The zod schemas (lib/intake/steps.ts, lib/validations/), the register settings and the
 * forms' option lists read the same lists; labels come from messages/*.json (decision 0006:
 * store codes, show labels). Changing a list that backs an enum needs a migration.
 *
 * Free of imports, so browser bundles and the end-to-end tests can use it. Vocabularies with rules
 * of their own keep their home: the data categories (lib/data-categories.ts) and the audit actions
 * (lib/audit-actions.ts).
 */

// ---------------------------------------------------------------------------------------------
// The client

/** clients.client_group; the register settings name the groups a municipality serves. */
export const clientGroups = ["resident", "reception_services", "settlement_services"] as const;
export type ClientGroup = (typeof clientGroups)[number];

/** clients.status: `erasure_pending` once the storage consent that was the basis is withdrawn. */
export const clientStatuses = ["active", "closed", "erasure_pending"] as const;
export type ClientStatus = (typeof clientStatuses)[number];

/** clients.register_basis (DESIGN.md rule 1): how the client entered the register. */
export const registerBases = ["consent_electronic", "consent_written", "legal_obligation"] as const;
export type RegisterBasis = (typeof registerBases)[number];

/** residence_permits.permit_type and the intake's residence step. */
export const permitTypes = [
  "international_protection",
  "temporary_protection",
  "family_ties",
  "work",
  "studies",
  "eu_registration",
  "permanent",
  "other",
  "not_known",
] as const;
export type PermitType = (typeof permitTypes)[number];

/** clients.gender; `prefer_not_to_say` is an answer the intake keeps, stored as no gender. */
export const genders = ["female", "male", "other", "prefer_not_to_say"] as const;
export type Gender = (typeof genders)[number];

/** clients.preferred_contact_method. */
export const contactMethods = ["phone", "text_message", "email", "letter"] as const;
export type ContactMethod = (typeof contactMethods)[number];

/** clients.marital_status. */
export const maritalStatuses = ["single", "married", "cohabiting", "divorced", "widowed", "other", "prefer_not_to_say"] as const;
export type MaritalStatus = (typeof maritalStatuses)[number];

/** family_members.relation. */
export const familyRelations = ["spouse", "child", "parent", "sibling", "other"] as const;
export type FamilyRelation = (typeof familyRelations)[number];

/** educations.level. */
export const educationLevels = ["none", "primary", "secondary", "vocational", "bachelor", "master", "doctorate", "other"] as const;
export type EducationLevel = (typeof educationLevels)[number];

/** The intake's Finnish and Swedish levels (a language skill's level). */
export const languageLevels = ["none", "beginner", "intermediate", "advanced", "native"] as const;
export type LanguageLevel = (typeof languageLevels)[number];

/** skills.kind: a skill, or a language the client speaks. */
export const skillKinds = ["skill", "language"] as const;
export type SkillKind = (typeof skillKinds)[number];

/** The intake's service needs; initial_assessments.service_needs. */
export const serviceNeeds = [
  "language_course",
  "job_search",
  "education",
  "recognition_of_qualifications",
  "housing",
  "health",
  "family_services",
  "daycare_or_school",
  "money_and_benefits",
  "residence_matters",
  "other",
] as const;
export type ServiceNeed = (typeof serviceNeeds)[number];

// ---------------------------------------------------------------------------------------------
// The case

/** appointments.channel and visits.channel. */
export const contactChannels = ["in_person", "phone", "email", "video"] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** appointments.status. */
export const appointmentStatuses = ["booked", "cancelled", "held"] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** outcomes.kind: placement in work, education or another service. */
export const outcomeKinds = ["work", "education", "other_service"] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

// ---------------------------------------------------------------------------------------------
// Consents and disclosures

/** consents.kind and consent_texts.kind (DESIGN.md rules 1–2). */
export const consentKinds = ["storage", "obtain_data", "disclosure", "transfer"] as const;
export type ConsentKind = (typeof consentKinds)[number];

/** consents.channel: how the consent was given. */
export const consentChannels = ["electronic_form", "written", "staff_recorded"] as const;
export type ConsentChannel = (typeof consentChannels)[number];

/** consents.withdrawal_channel: how a withdrawal reached the register. */
export const withdrawalChannels = ["visit", "signed_document", "phone", "email", "secure_message"] as const;
export type WithdrawalChannel = (typeof withdrawalChannels)[number];

/** disclosures.method and agencies.delivery_method (an agency's usual way in the settings). */
export const deliveryMethods = ["secure_email", "suomi_fi_messages", "paper", "in_person"] as const;
export type DeliveryMethod = (typeof deliveryMethods)[number];

// ---------------------------------------------------------------------------------------------
// Data subjects' requests (DESIGN.md rule 6)

/**
 * data_subject_requests.kind: GDPR Arts 15–21. `portability` (Art 20) only where the register's
 * basis is consent (lib/rights/requester.ts requestKindsFor reads it from the settings).
 */
export const requestKinds = ["access", "rectification", "restriction", "erasure", "objection", "portability"] as const;
export type RequestKind = (typeof requestKinds)[number];

/** How the request and the requester's identity reached the register. */
export const requestChannels = ["visit", "signed_document", "otherwise_verified"] as const;
export type RequestChannel = (typeof requestChannels)[number];

/** data_subject_requests.identity_verification: how the officer (or the staff at the visit) checked who asked. */
export const identityVerificationMethods = ["identity_document", "strong_electronic_identification", "verified_signature", "other"] as const;
export type IdentityVerificationMethod = (typeof identityVerificationMethods)[number];

/** Who asked: the client, or a minor's guardian. */
export const requesters = ["client", "guardian"] as const;
export type Requester = (typeof requesters)[number];

/**
 * data_subject_requests.status, in order: logged, the requester's identity verified, decided,
 * closed (the answer given). lib/rights/request-steps.ts says what each allows next.
 */
export const requestStatuses = ["received", "verified", "decided", "closed"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** data_subject_requests.decision: a refusal, whole or partial, produces the refusal certificate. */
export const requestDecisions = ["accepted", "partially_refused", "refused"] as const;
export type RequestDecision = (typeof requestDecisions)[number];

/**
 * client_restrictions.ground: why processing is restricted, GDPR Art 18(1)(a)–(d). What each still
 * allows is lib/rights/restriction.ts.
 */
export const restrictionGrounds = ["accuracy_contested", "unlawful_processing", "legal_claims", "objection_pending"] as const;
export type RestrictionGround = (typeof restrictionGrounds)[number];

/** recipient_notices.cause: what a recipient of the data is told of (GDPR Art 19). */
export const noticeCauses = ["rectification", "erasure", "restriction"] as const;
export type NoticeCause = (typeof noticeCauses)[number];

/**
 * rights_documents.kind: what the register gives a data subject in writing, stored as released
 * (db/rights-documents.ts): the access report (Art 15), the refusal certificate, and the letters
 * before a restriction is lifted (Art 18(3)) and to a recipient (Art 19).
 */
export const rightsDocumentKinds = ["access_report", "refusal_certificate", "restriction_lift_notice", "recipient_notice"] as const;
export type RightsDocumentKind = (typeof rightsDocumentKinds)[number];

// ---------------------------------------------------------------------------------------------
// Intake

/** intake_submissions.status. */
export const submissionStatuses = ["pending", "accepted", "rejected"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * Why staff reject an intake submission (deletion_records.reason). A code, never free text: the
 * reason is kept in the deletion record and the audit log, which outlive the personal data and
 * must hold none of it.
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

// ---------------------------------------------------------------------------------------------
// Staff

/** staff_users.role (DESIGN.md rule 4); lib/auth/roles.ts and lib/auth/permissions.ts give them meaning. */
export const staffRoles = ["caseworker", "coordinator", "dpo", "admin", "reporting"] as const;
export type StaffRole = (typeof staffRoles)[number];

/** staff_role_grants.status (lib/auth/role-grants.ts): a requested role waits for a second person. */
export const roleGrantStatuses = ["pending", "approved", "refused", "cancelled", "direct"] as const;
export type RoleGrantStatus = (typeof roleGrantStatuses)[number];
