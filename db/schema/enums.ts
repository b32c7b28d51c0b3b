import { pgEnum } from "drizzle-orm/pg-core";

export const staffRole = pgEnum("staff_role", ["caseworker", "coordinator", "dpo", "admin", "reporting"]);
export const clientStatus = pgEnum("client_status", ["active", "closed", "erasure_pending"]);
export const clientGroup = pgEnum("client_group", ["resident", "reception_services", "settlement_services"]);
export const registerBasis = pgEnum("register_basis", ["consent_electronic", "consent_written", "legal_obligation"]);
export const permitType = pgEnum("permit_type", [
  "international_protection",
  "temporary_protection",
  "family_ties",
  "work",
  "studies",
  "eu_registration",
  "permanent",
  "other",
  "not_known",
]);
export const familyRelation = pgEnum("family_relation", ["spouse", "child", "parent", "sibling", "other"]);
export const contactChannel = pgEnum("contact_channel", ["in_person", "phone", "email", "video"]);
export const appointmentStatus = pgEnum("appointment_status", ["booked", "cancelled", "held"]);
export const outcomeKind = pgEnum("outcome_kind", ["work", "education", "other_service"]);
export const consentKind = pgEnum("consent_kind", ["storage", "obtain_data", "disclosure", "transfer"]);
export const consentChannel = pgEnum("consent_channel", ["electronic_form", "written", "staff_recorded"]);
export const disclosureMethod = pgEnum("disclosure_method", ["secure_email", "suomi_fi_messages", "paper", "in_person"]);
export const requestKind = pgEnum("request_kind", ["access", "rectification", "restriction", "erasure", "objection"]);
export const requestChannel = pgEnum("request_channel", ["visit", "signed_document", "otherwise_verified"]);
export const requester = pgEnum("requester", ["client", "guardian"]);
export const requestStatus = pgEnum("request_status", ["open", "completed", "refused"]);
export const submissionStatus = pgEnum("submission_status", ["pending", "accepted", "rejected"]);
