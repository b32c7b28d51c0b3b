import {
  bookAppointmentSchema,
  cancelAppointmentSchema,
  caseNoteSchema,
  closeCaseSchema,
  assignClientSchema,
  functionalCapacitySchema,
  initialAssessmentSchema,
  integrationPlanSchema,
  outcomeSchema,
  planReviewSchema,
  recordVisitSchema,
  rescheduleAppointmentSchema,
} from "@/lib/validations/case-work";
import {
  educationSchema,
  familyMemberSchema,
  identityContactSchema,
  removeRecordSchema,
  residencePermitSchema,
  skillSchema,
  walkInClientSchema,
  workExperienceSchema,
} from "@/lib/validations/client-details";
import { withdrawConsentSchema, writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import {
  closeRequestSchema,
  decideRequestSchema,
  extendRequestSchema,
  findRequestClientSchema,
  logRequestSchema,
  verifyRequestIdentitySchema,
} from "@/lib/validations/requests";
import {
  applyRestrictionByNumberSchema,
  applyRestrictionSchema,
  liftNoticeSchema,
  liftRestrictionSchema,
  linkCorrectionsSchema,
  recipientNoticeSchema,
} from "@/lib/validations/restriction";

/**
 * The staff forms' schemas by name: a server component names the schema (a zod object cannot
 * cross to the browser as a prop) and the form validates with the very schema its action uses.
 */
export const recordSchemas = {
  bookAppointment: bookAppointmentSchema,
  rescheduleAppointment: rescheduleAppointmentSchema,
  cancelAppointment: cancelAppointmentSchema,
  recordVisit: recordVisitSchema,
  initialAssessment: initialAssessmentSchema,
  integrationPlan: integrationPlanSchema,
  planReview: planReviewSchema,
  outcome: outcomeSchema,
  functionalCapacity: functionalCapacitySchema,
  caseNote: caseNoteSchema,
  assignClient: assignClientSchema,
  closeCase: closeCaseSchema,
  walkInClient: walkInClientSchema,
  identityContact: identityContactSchema,
  residencePermit: residencePermitSchema,
  familyMember: familyMemberSchema,
  skill: skillSchema,
  workExperience: workExperienceSchema,
  education: educationSchema,
  removeRecord: removeRecordSchema,
  writtenConsent: writtenConsentSchema,
  withdrawConsent: withdrawConsentSchema,
  disclosure: disclosureFormSchema,
  findRequestClient: findRequestClientSchema,
  logRequest: logRequestSchema,
  verifyRequestIdentity: verifyRequestIdentitySchema,
  extendRequest: extendRequestSchema,
  decideRequest: decideRequestSchema,
  closeRequest: closeRequestSchema,
  applyRestriction: applyRestrictionSchema,
  applyRestrictionByNumber: applyRestrictionByNumberSchema,
  liftNotice: liftNoticeSchema,
  liftRestriction: liftRestrictionSchema,
  linkCorrections: linkCorrectionsSchema,
  recipientNotice: recipientNoticeSchema,
} as const;

export type RecordSchemaName = keyof typeof recordSchemas;
