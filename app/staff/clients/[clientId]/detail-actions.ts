"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import {
  CaseDetailsError,
  createWalkInClient,
  recordEducation,
  recordFamilyMember,
  recordResidencePermit,
  recordSkill,
  recordWorkExperience,
  removeCaseRecord,
  updateIdentityContact,
} from "@/db/case-details";
import { CaseAccessError, CaseReadOnlyError, CaseRecordError } from "@/db/case-records";
import type { StaffActor } from "@/db/client-access";
import { authorizedAction, type ActionState } from "@/lib/auth/action";
import type { StaffContext } from "@/lib/auth/guard";
import {
  educationSchema,
  familyMemberSchema,
  identityContactSchema,
  removeRecordSchema,
  residencePermitSchema,
  skillSchema,
  walkInClientSchema,
  workExperienceSchema,
} from "@/lib/validations/case-details";

function actorOf(staff: StaffContext): StaffActor {
  return { userId: staff.user.id, role: staff.user.role, sessionId: staff.sessionId, requestId: staff.requestId };
}

function isRefusal(error: unknown): error is { code: string } {
  return error instanceof CaseAccessError || error instanceof CaseReadOnlyError || error instanceof CaseRecordError || error instanceof CaseDetailsError;
}

async function write(clientId: string, run: () => Promise<unknown>): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    if (isRefusal(error)) return { status: "error", formError: error.code };
    throw error;
  }
  revalidatePath(`/staff/clients/${clientId}`);
  return { status: "ok" };
}

/** A client registered by staff (a walk-in) always carries its recorded basis (DESIGN.md rule 1). */
export const createWalkInClientAction = authorizedAction("client:write", walkInClientSchema, async (input, staff) => {
  let clientId: string;
  try {
    clientId = await createWalkInClient({ db: await getDb(), actor: actorOf(staff), input });
  } catch (error) {
    if (isRefusal(error)) return { status: "error", formError: error.code };
    throw error;
  }
  redirect(`/staff/clients/${clientId}`);
});

export const updateIdentityContactAction = authorizedAction("client:write", identityContactSchema, async (input, staff) =>
  write(input.clientId, async () => updateIdentityContact({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordResidencePermitAction = authorizedAction("client:write", residencePermitSchema, async (input, staff) =>
  write(input.clientId, async () => recordResidencePermit({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordFamilyMemberAction = authorizedAction("client:write", familyMemberSchema, async (input, staff) =>
  write(input.clientId, async () => recordFamilyMember({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordSkillAction = authorizedAction("client:write", skillSchema, async (input, staff) =>
  write(input.clientId, async () => recordSkill({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordWorkExperienceAction = authorizedAction("client:write", workExperienceSchema, async (input, staff) =>
  write(input.clientId, async () => recordWorkExperience({ db: await getDb(), actor: actorOf(staff), input })),
);

export const recordEducationAction = authorizedAction("client:write", educationSchema, async (input, staff) =>
  write(input.clientId, async () => recordEducation({ db: await getDb(), actor: actorOf(staff), input })),
);

export const removeCaseRecordAction = authorizedAction("client:write", removeRecordSchema, async (input, staff) =>
  write(input.clientId, async () => removeCaseRecord({ db: await getDb(), actor: actorOf(staff), input })),
);
