"use server";

import { getDb } from "@/db";
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
} from "@/db/case-records";
import { authorizedAction } from "@/lib/auth/action";
import { staffActor } from "@/lib/auth/guard";
import { runCaseWrite } from "./case-write";
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
} from "@/lib/validations/case";

export const bookAppointmentAction = authorizedAction("client:write", bookAppointmentSchema, async (input, staff) =>
  runCaseWrite(staff, "case.appointment_booked", input.clientId, async () => bookAppointment({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordVisitAction = authorizedAction("client:write", recordVisitSchema, async (input, staff) =>
  runCaseWrite(staff, "case.visit_recorded", input.clientId, async () => recordVisit({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordAssessmentAction = authorizedAction("client:write", initialAssessmentSchema, async (input, staff) =>
  runCaseWrite(staff, "case.assessment_recorded", input.clientId, async () => recordInitialAssessment({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordPlanAction = authorizedAction("client:write", integrationPlanSchema, async (input, staff) =>
  runCaseWrite(staff, "case.plan_recorded", input.clientId, async () => recordIntegrationPlan({ db: await getDb(), actor: staffActor(staff), input })),
);

export const reviewPlanAction = authorizedAction("client:write", planReviewSchema, async (input, staff) =>
  runCaseWrite(staff, "case.plan_reviewed", undefined, async () => reviewIntegrationPlan({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordOutcomeAction = authorizedAction("client:write", outcomeSchema, async (input, staff) =>
  runCaseWrite(staff, "case.outcome_recorded", input.clientId, async () => recordOutcome({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordFunctionalCapacityAction = authorizedAction("client:readFunctionalCapacity", functionalCapacitySchema, async (input, staff) =>
  runCaseWrite(staff, "case.functional_capacity_recorded", input.clientId, async () => recordFunctionalCapacity({ db: await getDb(), actor: staffActor(staff), input })),
);

export const addCaseNoteAction = authorizedAction("client:write", caseNoteSchema, async (input, staff) =>
  runCaseWrite(staff, "case.note_added", input.clientId, async () => addCaseNote({ db: await getDb(), actor: staffActor(staff), input })),
);

export const assignClientAction = authorizedAction("client:assign", assignClientSchema, async (input, staff) =>
  runCaseWrite(staff, "client.assigned", input.clientId, async () => assignClient({ db: await getDb(), actor: staffActor(staff), input })),
);

export const closeCaseAction = authorizedAction("client:write", closeCaseSchema, async (input, staff) =>
  runCaseWrite(staff, "client.closed", input.clientId, async () => closeCase({ db: await getDb(), actor: staffActor(staff), input })),
);

export const rescheduleAppointmentAction = authorizedAction("client:write", rescheduleAppointmentSchema, async (input, staff) =>
  runCaseWrite(staff, "case.appointment_rescheduled", undefined, async () => rescheduleAppointment({ db: await getDb(), actor: staffActor(staff), input })),
);

export const cancelAppointmentAction = authorizedAction("client:write", cancelAppointmentSchema, async (input, staff) =>
  runCaseWrite(staff, "case.appointment_cancelled", undefined, async () => cancelAppointment({ db: await getDb(), actor: staffActor(staff), input })),
);
