"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import {
  addCaseNote,
  assignClient,
  bookAppointment,
  cancelAppointment,
  CaseAccessError,
  CaseReadOnlyError,
  CaseRecordError,
  closeCase,
  recordFunctionalCapacity,
  recordInitialAssessment,
  recordIntegrationPlan,
  recordOutcome,
  recordVisit,
  rescheduleAppointment,
  reviewIntegrationPlan,
} from "@/db/case-records";
import type { StaffActor } from "@/db/client-access";
import { authorizedAction, type ActionState } from "@/lib/auth/action";
import type { StaffContext } from "@/lib/auth/guard";
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

function actorOf(staff: StaffContext): StaffActor {
  return { userId: staff.user.id, role: staff.user.role, sessionId: staff.sessionId, requestId: staff.requestId };
}

/**
 * Runs one case write and answers in the form's terms: saved, or refused with the reason code the
 * data layer gave (no access, read-only case, a record the write does not fit).
 */
async function write(clientId: string | undefined, run: () => Promise<unknown>): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CaseAccessError || error instanceof CaseReadOnlyError || error instanceof CaseRecordError) {
      return { status: "error", formError: error.code };
    }
    throw error;
  }
  // A plan review knows only its plan: refresh every case page then.
  revalidatePath(clientId ? `/staff/clients/${clientId}` : "/staff/clients/[clientId]", clientId ? undefined : "page");
  return { status: "ok" };
}

export const bookAppointmentAction = authorizedAction("client:write", bookAppointmentSchema, async (input, staff) =>
  write(input.clientId, async () => bookAppointment({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordVisitAction = authorizedAction("client:write", recordVisitSchema, async (input, staff) =>
  write(input.clientId, async () => recordVisit({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordAssessmentAction = authorizedAction("client:write", initialAssessmentSchema, async (input, staff) =>
  write(input.clientId, async () => recordInitialAssessment({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordPlanAction = authorizedAction("client:write", integrationPlanSchema, async (input, staff) =>
  write(input.clientId, async () => recordIntegrationPlan({ db: await getDb(), actor: actorOf(staff), input })),
);

export const reviewPlanAction = authorizedAction("client:write", planReviewSchema, async (input, staff) =>
  write(undefined, async () => reviewIntegrationPlan({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordOutcomeAction = authorizedAction("client:write", outcomeSchema, async (input, staff) =>
  write(input.clientId, async () => recordOutcome({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordFunctionalCapacityAction = authorizedAction("client:readFunctionalCapacity", functionalCapacitySchema, async (input, staff) =>
  write(input.clientId, async () => recordFunctionalCapacity({ db: await getDb(), actor: actorOf(staff), input })),
);

export const addCaseNoteAction = authorizedAction("client:write", caseNoteSchema, async (input, staff) =>
  write(input.clientId, async () => addCaseNote({ db: await getDb(), actor: actorOf(staff), input })),
);

export const assignClientAction = authorizedAction("client:assign", assignClientSchema, async (input, staff) =>
  write(input.clientId, async () => assignClient({ db: await getDb(), actor: actorOf(staff), input })),
);

export const closeCaseAction = authorizedAction("client:write", closeCaseSchema, async (input, staff) =>
  write(input.clientId, async () => closeCase({ db: await getDb(), actor: actorOf(staff), input })),
);

export const rescheduleAppointmentAction = authorizedAction("client:write", rescheduleAppointmentSchema, async (input, staff) =>
  write(undefined, async () => rescheduleAppointment({ db: await getDb(), actor: actorOf(staff), input })),
);

export const cancelAppointmentAction = authorizedAction("client:write", cancelAppointmentSchema, async (input, staff) =>
  write(undefined, async () => cancelAppointment({ db: await getDb(), actor: actorOf(staff), input })),
);
