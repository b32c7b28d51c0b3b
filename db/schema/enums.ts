import { pgEnum } from "drizzle-orm/pg-core";
import {
  appointmentStatuses,
  clientGroups,
  clientStatuses,
  consentChannels,
  consentKinds,
  contactChannels,
  deliveryMethods,
  familyRelations,
  noticeCauses,
  outcomeKinds,
  permitTypes,
  registerBases,
  requestChannels,
  requestDecisions,
  requesters,
  requestKinds,
  requestStatuses,
  restrictionGrounds,
  rightsDocumentKinds,
  roleGrantStatuses,
  staffRoles,
  submissionStatuses,
} from "../../lib/domain-values";

/**
 * The database enums, each built from its list in lib/domain-values.ts (the one list the schemas
 * and forms read too). Changing a list changes the enum: generate a migration.
 */
export const staffRole = pgEnum("staff_role", staffRoles);
export const roleGrantStatus = pgEnum("role_grant_status", roleGrantStatuses);
export const clientStatus = pgEnum("client_status", clientStatuses);
export const clientGroup = pgEnum("client_group", clientGroups);
export const registerBasis = pgEnum("register_basis", registerBases);
export const permitType = pgEnum("permit_type", permitTypes);
export const familyRelation = pgEnum("family_relation", familyRelations);
export const contactChannel = pgEnum("contact_channel", contactChannels);
export const appointmentStatus = pgEnum("appointment_status", appointmentStatuses);
export const outcomeKind = pgEnum("outcome_kind", outcomeKinds);
export const consentKind = pgEnum("consent_kind", consentKinds);
export const consentChannel = pgEnum("consent_channel", consentChannels);
export const disclosureMethod = pgEnum("disclosure_method", deliveryMethods);
export const requestKind = pgEnum("request_kind", requestKinds);
export const requestChannel = pgEnum("request_channel", requestChannels);
export const requester = pgEnum("requester", requesters);
export const requestStatus = pgEnum("request_status", requestStatuses);
export const requestDecision = pgEnum("request_decision", requestDecisions);
export const submissionStatus = pgEnum("submission_status", submissionStatuses);
export const restrictionGround = pgEnum("restriction_ground", restrictionGrounds);
export const noticeCause = pgEnum("notice_cause", noticeCauses);
export const rightsDocumentKind = pgEnum("rights_document_kind", rightsDocumentKinds);
