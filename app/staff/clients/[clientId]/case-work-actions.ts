"use server";

import {
  addCaseNote,
  assignClient,
  bookAppointment,
  cancelAppointment,
  closeCase,
  recordFunctionalCapacity,
  recordInitialAssessment,
  recordIntegrationPlan,
  recordOutcome,
  recordVisit,
  rescheduleAppointment,
  reviewIntegrationPlan,
} from "@/db/case-work";
import { caseAction } from "@/server/action";
import {
  assignClientSchema,
  bookAppointmentSchema,
  cancelAppointmentSchema,
  caseNoteSchema,
  closeCaseSchema,
  functionalCapacitySchema,
  initialAssessmentSchema,
  integrationPlanSchema,
  outcomeSchema,
  planReviewSchema,
  recordVisitSchema,
  rescheduleAppointmentSchema,
} from "@/lib/validations/case-work";

/* The service's case work: each action is the write recipe (db/case-write.ts) behind caseAction. */

export const bookAppointmentAction = caseAction("client:write", bookAppointmentSchema, "case.appointment_booked", bookAppointment);
export const rescheduleAppointmentAction = caseAction("client:write", rescheduleAppointmentSchema, "case.appointment_rescheduled", rescheduleAppointment);
export const cancelAppointmentAction = caseAction("client:write", cancelAppointmentSchema, "case.appointment_cancelled", cancelAppointment);
export const recordVisitAction = caseAction("client:write", recordVisitSchema, "case.visit_recorded", recordVisit);
export const recordAssessmentAction = caseAction("client:write", initialAssessmentSchema, "case.assessment_recorded", recordInitialAssessment);
export const recordPlanAction = caseAction("client:write", integrationPlanSchema, "case.plan_recorded", recordIntegrationPlan);
export const reviewPlanAction = caseAction("client:write", planReviewSchema, "case.plan_reviewed", reviewIntegrationPlan);
export const recordOutcomeAction = caseAction("client:write", outcomeSchema, "case.outcome_recorded", recordOutcome);
export const recordFunctionalCapacityAction = caseAction("client:readFunctionalCapacity", functionalCapacitySchema, "case.functional_capacity_recorded", recordFunctionalCapacity);
export const addCaseNoteAction = caseAction("client:write", caseNoteSchema, "case.note_added", addCaseNote);
export const assignClientAction = caseAction("client:assign", assignClientSchema, "client.assigned", assignClient);
export const closeCaseAction = caseAction("client:write", closeCaseSchema, "client.closed", closeCase);
