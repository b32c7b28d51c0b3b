"use server";

import { updateIdentityContact } from "@/db/client-details";
import { recordEducation, recordFamilyMember, recordResidencePermit, recordSkill, recordWorkExperience, removeCaseRecord } from "@/db/client-records";
import { caseAction } from "@/server/action";
import {
  educationSchema,
  familyMemberSchema,
  identityContactSchema,
  removeRecordSchema,
  residencePermitSchema,
  skillSchema,
  workExperienceSchema,
} from "@/lib/validations/client-details";

/* The person's own details: each action is the write recipe (db/case-write.ts) behind caseAction. */

export const updateIdentityContactAction = caseAction("client:write", identityContactSchema, "client.updated", updateIdentityContact);
export const recordResidencePermitAction = caseAction("client:write", residencePermitSchema, "case.permit_recorded", recordResidencePermit);
export const recordFamilyMemberAction = caseAction("client:write", familyMemberSchema, "case.family_member_recorded", recordFamilyMember);
export const recordSkillAction = caseAction("client:write", skillSchema, "case.skill_recorded", recordSkill);
export const recordWorkExperienceAction = caseAction("client:write", workExperienceSchema, "case.work_recorded", recordWorkExperience);
export const recordEducationAction = caseAction("client:write", educationSchema, "case.education_recorded", recordEducation);
export const removeCaseRecordAction = caseAction("client:write", removeRecordSchema, "case.record_removed", removeCaseRecord);
