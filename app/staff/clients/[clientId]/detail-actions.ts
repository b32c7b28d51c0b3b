"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import {
  createWalkInClient,
  recordEducation,
  recordFamilyMember,
  recordResidencePermit,
  recordSkill,
  recordWorkExperience,
  removeCaseRecord,
  updateIdentityContact,
} from "@/db/case-details";
import { authorizedAction } from "@/lib/auth/action";
import { staffActor } from "@/lib/auth/guard";
import { refusedWrite, runCaseWrite } from "./case-write";
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

/** A client registered by staff (a walk-in) always carries its recorded basis (DESIGN.md rule 1). */
export const createWalkInClientAction = authorizedAction("client:write", walkInClientSchema, async (input, staff) => {
  let clientId: string;
  try {
    clientId = await createWalkInClient({ db: await getDb(), actor: staffActor(staff), input });
  } catch (error) {
    const refusal = await refusedWrite(staff, "client.created", undefined, error);
    if (refusal) return refusal;
    throw error;
  }
  redirect(`/staff/clients/${clientId}`);
});

export const updateIdentityContactAction = authorizedAction("client:write", identityContactSchema, async (input, staff) =>
  runCaseWrite(staff, "client.updated", input.clientId, async () => updateIdentityContact({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordResidencePermitAction = authorizedAction("client:write", residencePermitSchema, async (input, staff) =>
  runCaseWrite(staff, "case.permit_recorded", input.clientId, async () => recordResidencePermit({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordFamilyMemberAction = authorizedAction("client:write", familyMemberSchema, async (input, staff) =>
  runCaseWrite(staff, "case.family_member_recorded", input.clientId, async () => recordFamilyMember({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordSkillAction = authorizedAction("client:write", skillSchema, async (input, staff) =>
  runCaseWrite(staff, "case.skill_recorded", input.clientId, async () => recordSkill({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordWorkExperienceAction = authorizedAction("client:write", workExperienceSchema, async (input, staff) =>
  runCaseWrite(staff, "case.work_recorded", input.clientId, async () => recordWorkExperience({ db: await getDb(), actor: staffActor(staff), input })),
);

export const recordEducationAction = authorizedAction("client:write", educationSchema, async (input, staff) =>
  runCaseWrite(staff, "case.education_recorded", input.clientId, async () => recordEducation({ db: await getDb(), actor: staffActor(staff), input })),
);

export const removeCaseRecordAction = authorizedAction("client:write", removeRecordSchema, async (input, staff) =>
  runCaseWrite(staff, "case.record_removed", input.clientId, async () => removeCaseRecord({ db: await getDb(), actor: staffActor(staff), input })),
);
