import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { refuse } from "@/lib/refusal";
import { normalizeForSearch } from "@/lib/search-name";
import { isUuid } from "@/lib/forms/uuid";
import type {
  CaseRecordKind,
  EducationInput,
  FamilyMemberInput,
  RemoveRecordInput,
  ResidencePermitInput,
  SkillInput,
  WorkExperienceInput,
} from "@/lib/validations/client-details";
import { audit, fieldsGiven, inserted, openForWrite, PERSON_DETAILS, type CaseWrite, type CaseWriteResult } from "./case-write";
import { orNull, yes } from "./client-details";
import { clients, educations, familyMembers, residencePermits, skills, workExperiences } from "./schema";

/**
 * The records that describe the person, kept by staff: residence permits, family members, skills
 * and languages, work experience and education, and removing one of them. Every write follows the
 * recipe of db/case-write.ts and names the fields written, never their values.
 */

// ---------------------------------------------------------------------------------------------
// Residence permits, family, skills, work, education

/** Records a residence permit. Returns its id. */
export async function recordResidencePermit({ db, actor, input }: CaseWrite<ResidencePermitInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    const [row] = await tx
      .insert(residencePermits)
      .values({
        clientId: target.clientId,
        permitType: input.permitType,
        validFrom: orNull(input.validFrom),
        validUntil: orNull(input.validUntil),
        notes: orNull(input.notes),
      })
      .returning({ id: residencePermits.id });
    const { id } = inserted(row, "residence permit");
    await audit(tx, actor, target, "case.permit_recorded", { permitId: id, fields: fieldsGiven(input, "clientId") });
    return { clientId: target.clientId, id };
  });
}

/**
 * Records a family member. When exactly one other client has the member's name (as search
 * compares it) and date of birth, the member is linked to that client. Returns the member's id.
 */
export async function recordFamilyMember({ db, actor, input }: CaseWrite<FamilyMemberInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    let relatedClientId: string | null = null;
    if (input.dateOfBirth) {
      const matches = await tx
        .select({ id: clients.id })
        .from(clients)
        .where(
          and(
            eq(clients.searchName, normalizeForSearch(input.fullName)),
            eq(clients.dateOfBirth, input.dateOfBirth),
            ne(clients.id, target.clientId),
          ),
        )
        .limit(2);
      if (matches.length === 1) relatedClientId = matches[0]!.id;
    }
    const [row] = await tx
      .insert(familyMembers)
      .values({
        clientId: target.clientId,
        relatedClientId,
        fullName: input.fullName,
        relation: input.relation,
        dateOfBirth: orNull(input.dateOfBirth),
        livesInFinland: input.livesInFinland === "yes",
        clientIsGuardian: input.clientIsGuardian === "yes",
        daycareOrSchoolNeed: orNull(input.daycareOrSchoolNeed),
      })
      .returning({ id: familyMembers.id });
    const { id } = inserted(row, "family member");
    await audit(tx, actor, target, "case.family_member_recorded", {
      familyMemberId: id,
      fields: fieldsGiven(input, "clientId"),
      linkedToClient: relatedClientId !== null,
    });
    return { clientId: target.clientId, id };
  });
}

/** Records a skill or a language. Returns its id. */
export async function recordSkill({ db, actor, input }: CaseWrite<SkillInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    const [row] = await tx
      .insert(skills)
      .values({ clientId: target.clientId, kind: input.kind, name: input.name, level: orNull(input.level) })
      .returning({ id: skills.id });
    const { id } = inserted(row, "skill");
    await audit(tx, actor, target, "case.skill_recorded", { skillId: id, fields: fieldsGiven(input, "clientId") });
    return { clientId: target.clientId, id };
  });
}

/** Records work experience. Returns its id. */
export async function recordWorkExperience({ db, actor, input }: CaseWrite<WorkExperienceInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    const [row] = await tx
      .insert(workExperiences)
      .values({
        clientId: target.clientId,
        jobTitle: input.jobTitle,
        employer: orNull(input.employer),
        country: orNull(input.country),
        startYear: orNull(input.startYear),
        endYear: orNull(input.endYear),
      })
      .returning({ id: workExperiences.id });
    const { id } = inserted(row, "work experience");
    await audit(tx, actor, target, "case.work_recorded", { workId: id, fields: fieldsGiven(input, "clientId") });
    return { clientId: target.clientId, id };
  });
}

/** Records an education; the level is stored as its code (labels are shown by the pages). Returns its id. */
export async function recordEducation({ db, actor, input }: CaseWrite<EducationInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    const [row] = await tx
      .insert(educations)
      .values({
        clientId: target.clientId,
        level: input.level,
        field: orNull(input.field),
        institution: orNull(input.institution),
        country: orNull(input.country),
        endYear: orNull(input.endYear),
        recognisedInFinland: yes(input.recognisedInFinland),
      })
      .returning({ id: educations.id });
    const { id } = inserted(row, "education");
    await audit(tx, actor, target, "case.education_recorded", { educationId: id, fields: fieldsGiven(input, "clientId") });
    return { clientId: target.clientId, id };
  });
}

// ---------------------------------------------------------------------------------------------
// Removing a record

const recordTables = {
  permit: residencePermits,
  family: familyMembers,
  skill: skills,
  work: workExperiences,
  education: educations,
} as const satisfies Record<CaseRecordKind, unknown>;

/** Columns that are bookkeeping, not the record's content. */
const BOOKKEEPING = new Set(["id", "clientId", "createdAt", "relatedClientId"]);

/**
 * Removes one of the client's permit, family member, skill, work or education records. The event
 * names the kind, the record's id and the fields it held a value in. Returns the record's id.
 */
export async function removeCaseRecord({ db, actor, input }: CaseWrite<RemoveRecordInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    if (!isUuid(input.recordId)) throw refuse("client", "record_not_found", `No such ${input.kind} record for this client`);
    const table = recordTables[input.kind];
    const [removed] = (await tx
      .delete(table)
      .where(and(eq(table.id, input.recordId), eq(table.clientId, target.clientId)))
      .returning()) as Record<string, unknown>[];
    if (!removed) throw refuse("client", "record_not_found", `No such ${input.kind} record for this client`);
    const fields = Object.entries(removed)
      .filter(([key, value]) => !BOOKKEEPING.has(key) && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0))
      .map(([key]) => key);
    await audit(tx, actor, target, "case.record_removed", { kind: input.kind, recordId: input.recordId, fields });
    return { clientId: target.clientId, id: input.recordId };
  });
}
