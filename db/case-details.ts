import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import fiMessages from "@/messages/fi.json";
import { roleHasPermission } from "@/lib/auth/permissions";
import { decryptField, encryptField, lookupHash } from "@/lib/crypto";
import { instantOfDay } from "@/lib/helsinki-time";
import { normalizePhone } from "@/lib/intake/fields";
import { normalizePersonalIdentityCode, parsePersonalIdentityCode } from "@/lib/personal-identity-code";
import { normalizeForSearch, toSearchName } from "@/lib/search-name";
import type {
  CaseRecordKind,
  EducationInput,
  FamilyMemberInput,
  IdentityContactInput,
  RemoveRecordInput,
  ResidencePermitInput,
  SkillInput,
  WalkInClientInput,
  WorkExperienceInput,
} from "@/lib/validations/case-details";
import { recordAuditEvent } from "./audit";
import { audit, CaseAccessError, fieldsGiven, inserted, openForWrite, type CaseWrite } from "./case-records";
import { nextClientNumber } from "./client-numbers";
import type { Transaction } from "./connection";
import { registerYear } from "@/lib/helsinki-time";
import { clients, consents, educations, familyMembers, residencePermits, skills, workExperiences } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * The client's own details, kept by staff: registering a client at a visit (walk-in, DESIGN.md
 * rule 1), identity and contact details, residence permits, family members, skills and languages,
 * work experience and education, and removing one of those records. The rules are those of
 * db/case-records.ts: input already parsed by its schema (lib/validations/case-details.ts); in one
 * transaction the client row is locked, object-level access checked (rule 4), a restricted or closed
 * case refused, the write made and one audit event appended (rule 5) naming the fields — names only,
 * never values. The identity code is kept only encrypted and as its keyed hash (rule 8).
 */

// ---------------------------------------------------------------------------------------------
// Refusals

export type CaseDetailsErrorCode =
  /** The register's basis is consent: a client is registered only with written consent. */
  | "basis_not_allowed"
  /** Another client holds this identity code (`clientId` names them). */
  | "duplicate_identity_code"
  /** The client's current identity code names another date of birth than the one given. */
  | "identity_code_date_mismatch"
  /** No such permit, family member, skill, work or education record for this client. */
  | "record_not_found";

/** A write the register's data or settings do not allow; `code` tells the action which message to show. */
export class CaseDetailsError extends Error {
  override name = "CaseDetailsError";
  constructor(
    readonly code: CaseDetailsErrorCode,
    message: string,
    /** For duplicate_identity_code: the client who holds the code. */
    readonly clientId: string | null = null,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared steps

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The advisory-lock namespace db/intake-review.ts uses: one write per identity code at a time, whichever path. */
const IDENTITY_CODE_LOCK = 71_405_120;

const orNull = <T>(value: T | undefined): T | null => value ?? null;
const yes = (value: "yes" | "no" | undefined): boolean | null => (value === undefined ? null : value === "yes");

/** The identity code's keyed hash, after taking the code's lock; refuses one another client holds. */
async function claimIdentityCode(tx: Transaction, code: string, exceptClientId: string | null): Promise<{ encrypted: string; hash: string }> {
  const normalized = normalizePersonalIdentityCode(code);
  const hash = lookupHash(normalized);
  await tx.execute(sql`select pg_advisory_xact_lock(${IDENTITY_CODE_LOCK}, hashtext(${hash}))`);
  const holder = exceptClientId
    ? and(eq(clients.personalIdentityCodeHash, hash), ne(clients.id, exceptClientId))
    : eq(clients.personalIdentityCodeHash, hash);
  const [other] = await tx.select({ id: clients.id }).from(clients).where(holder).limit(1);
  if (other) throw new CaseDetailsError("duplicate_identity_code", "Another client has this identity code", other.id);
  return { encrypted: encryptField(normalized), hash };
}

/** The identity and contact columns as the input sets them (the identity code apart). */
function identityContactColumns(input: Omit<IdentityContactInput, "clientId">) {
  return {
    firstNames: input.firstNames,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth,
    gender: input.gender && input.gender !== "prefer_not_to_say" ? input.gender : null,
    phone: orNull(input.phone),
    email: orNull(input.email),
    streetAddress: orNull(input.streetAddress),
    postalCode: orNull(input.postalCode),
    postOffice: orNull(input.postOffice),
    homeMunicipality: orNull(input.homeMunicipality),
    preferredLanguage: orNull(input.preferredLanguage),
    interpreterNeeded: input.interpreterNeeded === "yes",
    interpreterLanguage: input.interpreterNeeded === "yes" ? orNull(input.interpreterLanguage) : null,
    citizenships: [input.citizenship, input.otherCitizenship].filter((value): value is string => value !== undefined),
  };
}

// ---------------------------------------------------------------------------------------------
// A client registered at a visit

/**
 * Registers a client met in person (DESIGN.md rule 1), caseworkers and coordinators only. Where the
 * register's basis is consent, only with written consent: the storage consent is recorded with the
 * day the paper was signed, its reference and the staff member recording it. Where the basis is the
 * legal obligation, either basis is allowed, and no consent is recorded for the legal obligation.
 * A caseworker gets the client on their caseload. Returns the client's id.
 */
export async function createWalkInClient({ db, actor, input, now = new Date() }: CaseWrite<WalkInClientInput> & { now?: Date }): Promise<string> {
  if (!roleHasPermission(actor.role, "client:write") || (actor.role !== "caseworker" && actor.role !== "coordinator")) {
    throw new CaseAccessError("forbidden", "Only caseworkers and coordinators register clients");
  }
  return db.transaction(async (tx) => {
    const settings = await getRegisterSettings({ db: tx });
    if (settings.legalBasis.kind === "consent" && input.basis !== "consent_written") {
      throw new CaseDetailsError("basis_not_allowed", "The register's basis is consent: record the client's written consent");
    }
    const written = input.basis === "consent_written";
    if (written && (!input.writtenConsentDate || !input.paperReference)) {
      throw new CaseDetailsError("basis_not_allowed", "Written consent needs the date it was given and the paper's reference");
    }
    const code = input.personalIdentityCode ? await claimIdentityCode(tx, input.personalIdentityCode, null) : null;
    const clientNumber = await nextClientNumber(tx, registerYear(now));
    const [client] = await tx
      .insert(clients)
      .values({
        clientNumber,
        ...identityContactColumns(input),
        searchName: toSearchName(input.firstNames, input.lastName),
        personalIdentityCodeEncrypted: code?.encrypted ?? null,
        personalIdentityCodeHash: code?.hash ?? null,
        clientGroup: input.clientGroup,
        basis: input.basis,
        status: "active",
        assignedCaseworkerId: actor.role === "caseworker" ? actor.userId : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: clients.id });
    const { id: clientId } = inserted(client, "client");

    let consentId: string | null = null;
    if (written) {
      const consentDate = input.writtenConsentDate!;
      const [consent] = await tx
        .insert(consents)
        .values({
          clientId,
          kind: "storage",
          granted: true,
          purpose: settings.register.purpose.fi,
          // Given today: now; on an earlier day: the start of that day in Helsinki.
          givenAt: instantOfDay(consentDate, now),
          channel: "written",
          paperReference: input.paperReference!,
          recordedBy: actor.userId,
          createdAt: now,
        })
        .returning({ id: consents.id });
      consentId = inserted(consent, "consent").id;
    }

    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "client.created",
      clientId,
      details: {
        basis: input.basis,
        fields: fieldsGiven(input, "basis", "writtenConsentDate", "paperReference"),
        ...(consentId ? { consentId, consentFields: ["writtenConsentDate", "paperReference"] } : {}),
        assignedCaseworkerId: actor.role === "caseworker" ? actor.userId : null,
      },
      requestId: actor.requestId,
    });
    return clientId;
  });
}

// ---------------------------------------------------------------------------------------------
// Identity and contact

const sameArray = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

export interface IdentityContactUpdate {
  clientId: string;
  /** The input fields whose value changed; none means nothing was written or logged. */
  changedFields: string[];
}

/**
 * Updates the client's identity and contact details. Only what changed is written, and the event
 * names only those fields. A new identity code is encrypted and hashed again, and refused when
 * another client holds it; an empty one keeps the current code, which must still name the date of
 * birth given.
 */
export async function updateIdentityContact({ db, actor, input, now = new Date() }: CaseWrite<IdentityContactInput> & { now?: Date }): Promise<IdentityContactUpdate> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const current = target.row;
    const next = identityContactColumns(input);
    const changed: string[] = [];
    const patch: Partial<typeof clients.$inferInsert> = {};

    const scalar = [
      "firstNames",
      "lastName",
      "dateOfBirth",
      "gender",
      "phone",
      "email",
      "streetAddress",
      "postalCode",
      "postOffice",
      "homeMunicipality",
      "preferredLanguage",
      "interpreterNeeded",
      "interpreterLanguage",
    ] as const;
    for (const key of scalar) {
      // A phone stored in another notation (imported, or typed before normalising) is the same number.
      const stored = key === "phone" && current.phone ? (normalizePhone(current.phone) ?? current.phone) : current[key];
      if (stored !== next[key]) {
        changed.push(key);
        Object.assign(patch, { [key]: next[key] });
      }
    }
    if (!sameArray(current.citizenships, next.citizenships)) {
      if ((current.citizenships[0] ?? null) !== (next.citizenships[0] ?? null)) changed.push("citizenship");
      if (!sameArray(current.citizenships.slice(1), next.citizenships.slice(1))) changed.push("otherCitizenship");
      patch.citizenships = next.citizenships;
    }
    if (patch.firstNames !== undefined || patch.lastName !== undefined) patch.searchName = toSearchName(input.firstNames, input.lastName);

    if (input.personalIdentityCode) {
      const hash = lookupHash(normalizePersonalIdentityCode(input.personalIdentityCode));
      if (hash !== current.personalIdentityCodeHash) {
        const code = await claimIdentityCode(tx, input.personalIdentityCode, target.clientId);
        patch.personalIdentityCodeEncrypted = code.encrypted;
        patch.personalIdentityCodeHash = code.hash;
        changed.push("personalIdentityCode");
      }
    } else if (current.personalIdentityCodeEncrypted && patch.dateOfBirth !== undefined) {
      const parsed = parsePersonalIdentityCode(decryptField(current.personalIdentityCodeEncrypted));
      if (parsed.ok && parsed.dateOfBirth !== input.dateOfBirth) {
        throw new CaseDetailsError("identity_code_date_mismatch", "The client's identity code names another date of birth");
      }
    }

    if (changed.length === 0) return { clientId: target.clientId, changedFields: [] };
    await tx
      .update(clients)
      .set({ ...patch, updatedAt: now })
      .where(eq(clients.id, target.clientId));
    await audit(tx, actor, target, "client.updated", { fields: changed });
    return { clientId: target.clientId, changedFields: changed };
  });
}

// ---------------------------------------------------------------------------------------------
// Residence permits, family, skills, work, education

/** Records a residence permit. Returns its id. */
export async function recordResidencePermit({ db, actor, input }: CaseWrite<ResidencePermitInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
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
    return id;
  });
}

/**
 * Records a family member. When exactly one other client has the member's name (as search
 * compares it) and date of birth, the member is linked to that client. Returns the member's id.
 */
export async function recordFamilyMember({ db, actor, input }: CaseWrite<FamilyMemberInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
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
    return id;
  });
}

/** Records a skill or a language. Returns its id. */
export async function recordSkill({ db, actor, input }: CaseWrite<SkillInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(skills)
      .values({ clientId: target.clientId, kind: input.kind, name: input.name, level: orNull(input.level) })
      .returning({ id: skills.id });
    const { id } = inserted(row, "skill");
    await audit(tx, actor, target, "case.skill_recorded", { skillId: id, fields: fieldsGiven(input, "clientId") });
    return id;
  });
}

/** Records work experience. Returns its id. */
export async function recordWorkExperience({ db, actor, input }: CaseWrite<WorkExperienceInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
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
    return id;
  });
}

const educationLevelLabels = fiMessages.intake.options.educationLevel as Record<string, string | undefined>;

/**
 * Records an education. The level is stored as its Finnish label, as for education accepted from
 * the intake form. Returns its id.
 */
export async function recordEducation({ db, actor, input }: CaseWrite<EducationInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const [row] = await tx
      .insert(educations)
      .values({
        clientId: target.clientId,
        level: educationLevelLabels[input.level] ?? input.level,
        field: orNull(input.field),
        institution: orNull(input.institution),
        country: orNull(input.country),
        endYear: orNull(input.endYear),
        recognisedInFinland: yes(input.recognisedInFinland),
      })
      .returning({ id: educations.id });
    const { id } = inserted(row, "education");
    await audit(tx, actor, target, "case.education_recorded", { educationId: id, fields: fieldsGiven(input, "clientId") });
    return id;
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
export async function removeCaseRecord({ db, actor, input }: CaseWrite<RemoveRecordInput>): Promise<string> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    if (!UUID.test(input.recordId)) throw new CaseDetailsError("record_not_found", `No such ${input.kind} record for this client`);
    const table = recordTables[input.kind];
    const [removed] = (await tx
      .delete(table)
      .where(and(eq(table.id, input.recordId), eq(table.clientId, target.clientId)))
      .returning()) as Record<string, unknown>[];
    if (!removed) throw new CaseDetailsError("record_not_found", `No such ${input.kind} record for this client`);
    const fields = Object.entries(removed)
      .filter(([key, value]) => !BOOKKEEPING.has(key) && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0))
      .map(([key]) => key);
    await audit(tx, actor, target, "case.record_removed", { kind: input.kind, recordId: input.recordId, fields });
    return input.recordId;
  });
}
