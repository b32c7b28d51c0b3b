import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, gt, sql, type SQL } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { verifyAuditChain } from "@/db/audit-verify";
import { createWalkInClient, updateIdentityContact } from "@/db/client-details";
import { recordEducation, recordFamilyMember, recordResidencePermit, recordSkill, recordWorkExperience, removeCaseRecord } from "@/db/client-records";
import { recordAccessReason, type StaffActor } from "@/db/client-access";
import { insertClientWithCase, type NewClient } from "@/demo/factories/clients";
import { createRng } from "@/demo/factories/random";
import { actorOf, createStaffTeam, type StaffSpec } from "@/demo/factories/staff";
import { auditEvents, clients, consents, educations, familyMembers, residencePermits, skills, workExperiences } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import type { StaffRole } from "@/lib/auth/roles";
import { decryptField, lookupHash } from "@/lib/crypto";
import { demoSettings, demoStatutorySettings } from "@/demo/settings";
import { helsinkiDate, helsinkiStartOfDay } from "@/lib/helsinki-time";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";
import { toSearchName } from "@/lib/search-name";
import {
  educationSchema,
  familyMemberSchema,
  identityContactSchema,
  removeRecordSchema,
  residencePermitSchema,
  skillSchema,
  walkInClientSchema,
  workExperienceSchema,
  type IdentityContactInput,
  type WalkInClientInput,
} from "@/lib/validations/client-details";
import { createTestDatabase, testBackend } from "../helpers/database";
import { Refusal, type RefusalDomain } from "@/lib/refusal";

/** Letters only, unique per call: a value no audit event may contain. */
function tag(): string {
  return [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

const DAY = 24 * 60 * 60 * 1000;
const dateIn = (days: number) => helsinkiDate(new Date(Date.now() + days * DAY));

/** `db.execute` gives `{ rows }` on PGlite and an array on postgres.js. */
async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Codes in the permanent range (individual number 2–899), which the factories never use (they draw
 * from the temporary range 900–999), each distinct.
 */
let codeCounter = 0;
function freshCode(dateOfBirth = "1987-06-15"): string {
  codeCounter += 1;
  return formatPersonalIdentityCode({ dateOfBirth, individualNumber: 100 + ((Date.now() + codeCounter * 7) % 700) });
}
const usedCodes = new Set<string>();
function uniqueCode(dateOfBirth = "1987-06-15"): string {
  for (;;) {
    const code = freshCode(dateOfBirth);
    if (!usedCodes.has(code)) {
      usedCodes.add(code);
      return code;
    }
  }
}

/** Expects the promise to be refused (lib/refusal.ts) in this domain with this code. */
async function expectRefusal(promise: Promise<unknown>, domain: RefusalDomain, code: string): Promise<Refusal> {
  const error = await promise.then(
    () => {
      throw new Error(`expected the refusal ${domain}:${code}, but it succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refusal);
  expect({ domain: (error as Refusal).domain, code: (error as Refusal).code }).toEqual({ domain, code });
  return error as Refusal;
}

/** A walk-in form as posted, parsed by the form's schema. */
function walkInInput(marker: string, overrides: Record<string, unknown> = {}): WalkInClientInput {
  return walkInClientSchema.parse({
    firstNames: `Amina ${marker}`,
    lastName: `Esimerkki${marker}`,
    dateOfBirth: "1987-06-15",
    personalIdentityCode: "",
    gender: "female",
    phone: "040 765 4321",
    email: `${marker}@example.invalid`,
    streetAddress: `Kotikatu 1 ${marker}`,
    postalCode: "00100",
    postOffice: "Kotola",
    homeMunicipality: "Kotola",
    preferredLanguage: "ar",
    interpreterNeeded: "yes",
    interpreterLanguage: `arabia ${marker}`,
    citizenship: `Syyria ${marker}`,
    otherCitizenship: "",
    clientGroup: "settlement_services",
    basis: "consent_written",
    writtenConsentDate: dateIn(-2),
    paperReference: `PAPERI-${marker}`,
    ...overrides,
  });
}

async function setUpStaff(db: Executor, suffix: string) {
  type Who = "caseworkerA" | "caseworkerB" | "coordinator" | "dpo" | "admin" | "reporting";
  const roles: [Who, StaffRole][] = [
    ["caseworkerA", "caseworker"],
    ["caseworkerB", "caseworker"],
    ["coordinator", "coordinator"],
    ["dpo", "dpo"],
    ["admin", "admin"],
    ["reporting", "reporting"],
  ];
  const team = await createStaffTeam(db, Object.fromEntries(roles.map(([who, role]) => [who, { role, displayName: who, email: `${who.toLowerCase()}.${suffix}@example.invalid` }])) as Record<Who, StaffSpec>);
  const actors = {} as Record<Who, StaffActor>;
  for (const [who] of roles) actors[who] = actorOf(team[who], { sessionId: `session-${who}-${randomUUID()}`, requestId: `req-${tag()}` });
  return actors;
}

async function lastSeq(db: Executor): Promise<number> {
  const [row] = await db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1);
  return row?.seq ?? 0;
}

async function eventsSince(db: Executor, seq: number) {
  return db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq));
}

async function countRows(db: Executor, table: typeof clients | typeof consents): Promise<number> {
  return Number((await db.select({ n: count() }).from(table))[0]!.n);
}

describe(`case details on ${testBackend()} (consent basis)`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let staff: Awaited<ReturnType<typeof setUpStaff>>;
  const rng = createRng(681_2023);

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    staff = await setUpStaff(db, "details");
  });
  afterAll(async () => handle?.close());

  async function newClient({ assignedTo = null, overrides = {} }: { assignedTo?: string | null; overrides?: Partial<NewClient> } = {}) {
    const { client } = await insertClientWithCase(db, rng, { assignedCaseworkerId: assignedTo, stage: "new", overrides, now: new Date() });
    return client;
  }

  /** Runs `write` and checks it appended exactly one event: the action, the client, the actor, the fields. */
  async function expectOneEvent<T>(
    write: () => Promise<T>,
    expected: { action: string; clientId: string; actor: StaffActor; fields: string[]; reason?: string | null },
  ): Promise<{ result: T; details: Record<string, unknown> }> {
    const before = await lastSeq(db);
    const result = await write();
    const events = await eventsSince(db, before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: expected.action,
      clientId: expected.clientId,
      actorId: expected.actor.userId,
      requestId: expected.actor.requestId,
      reason: expected.reason ?? null,
    });
    expect(events[0]!.details.fields).toEqual(expected.fields);
    return { result, details: events[0]!.details };
  }

  /** Everything these writes could touch for one client. */
  async function snapshot(clientId: string) {
    return {
      client: (await db.select().from(clients).where(eq(clients.id, clientId)))[0],
      permits: await db.select().from(residencePermits).where(eq(residencePermits.clientId, clientId)).orderBy(asc(residencePermits.id)),
      family: await db.select().from(familyMembers).where(eq(familyMembers.clientId, clientId)).orderBy(asc(familyMembers.id)),
      skills: await db.select().from(skills).where(eq(skills.clientId, clientId)).orderBy(asc(skills.id)),
      work: await db.select().from(workExperiences).where(eq(workExperiences.clientId, clientId)).orderBy(asc(workExperiences.id)),
      education: await db.select().from(educations).where(eq(educations.clientId, clientId)).orderBy(asc(educations.id)),
      consents: await db.select().from(consents).where(eq(consents.clientId, clientId)).orderBy(asc(consents.id)),
      events: Number((await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.clientId, clientId)))[0]!.n),
    };
  }

  const recordInputs = (clientId: string, marker: string) => ({
    permit: residencePermitSchema.parse({ clientId, permitType: "international_protection", validFrom: dateIn(-100), validUntil: dateIn(300), notes: `Jatkolupa haettu ${marker}` }),
    family: familyMemberSchema.parse({
      clientId,
      fullName: `Lapsi ${marker}`,
      relation: "child",
      dateOfBirth: "2019-03-04",
      livesInFinland: "yes",
      clientIsGuardian: "yes",
      daycareOrSchoolNeed: `Päiväkoti ${marker}`,
    }),
    skill: skillSchema.parse({ clientId, kind: "language", name: `arabia ${marker}`, level: "" }),
    work: workExperienceSchema.parse({ clientId, jobTitle: `Kokki ${marker}`, employer: `Ravintola ${marker}`, country: "Syyria", startYear: "2008", endYear: "2014" }),
    education: educationSchema.parse({ clientId, level: "vocational", field: `Ravintola-ala ${marker}`, institution: "", country: "Syyria", endYear: "2007", recognisedInFinland: "no" }),
  });

  // -------------------------------------------------------------------------------------------
  // Walk-in clients

  it("a caseworker registers a walk-in with written consent: the client on their caseload, a storage consent with the paper's reference and recorder, one event with field names", async () => {
    const marker = tag();
    const code = uniqueCode();
    const input = walkInInput(marker, { personalIdentityCode: code });
    const seq = await lastSeq(db);
    const { id: clientId } = await createWalkInClient({ db, actor: staff.caseworkerA, input });

    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(client).toMatchObject({
      firstNames: `Amina ${marker}`,
      lastName: `Esimerkki${marker}`,
      searchName: toSearchName(`Amina ${marker}`, `Esimerkki${marker}`),
      dateOfBirth: "1987-06-15",
      gender: "female",
      phone: "+358407654321",
      email: `${marker}@example.invalid`,
      postalCode: "00100",
      interpreterNeeded: true,
      interpreterLanguage: `arabia ${marker}`,
      citizenships: [`Syyria ${marker}`],
      clientGroup: "settlement_services",
      basis: "consent_written",
      status: "active",
      assignedCaseworkerId: staff.caseworkerA.userId,
      personalIdentityCodeHash: lookupHash(code),
    });
    expect(client!.clientNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(client!.personalIdentityCodeEncrypted).not.toContain(code);
    expect(decryptField(client!.personalIdentityCodeEncrypted!)).toBe(code);

    const stored = await db.select().from(consents).where(eq(consents.clientId, clientId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      kind: "storage",
      granted: true,
      channel: "written",
      paperReference: `PAPERI-${marker}`,
      recordedBy: staff.caseworkerA.userId,
      purpose: demoSettings.register.purpose.fi,
      givenAt: helsinkiStartOfDay(dateIn(-2)),
      withdrawnAt: null,
    });

    const events = await eventsSince(db, seq);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "client.created", clientId, actorId: staff.caseworkerA.userId, requestId: staff.caseworkerA.requestId });
    expect(events[0]!.details).toMatchObject({
      basis: "consent_written",
      consentId: stored[0]!.id,
      fields: [
        "firstNames",
        "lastName",
        "dateOfBirth",
        "personalIdentityCode",
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
        "citizenship",
        "clientGroup",
      ],
    });
    const logged = JSON.stringify(events.map((event) => [event.details, event.reason]));
    for (const value of [marker, code, "1987-06-15", "+358407654321", "settlement_services\"", "Kotola"]) expect(logged, value).not.toContain(value);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("a coordinator's walk-in stays unassigned; consent given today is timed now", async () => {
    const now = new Date();
    const { id: clientId } = await createWalkInClient({ db, actor: staff.coordinator, input: walkInInput(tag(), { writtenConsentDate: helsinkiDate(now) }), now });
    expect((await db.select().from(clients).where(eq(clients.id, clientId)))[0]!.assignedCaseworkerId).toBeNull();
    expect((await db.select().from(consents).where(eq(consents.clientId, clientId)))[0]!.givenAt).toEqual(now);
  });

  it("on the consent basis a walk-in on the legal obligation is refused, and nothing is written", async () => {
    const [clientsBefore, consentsBefore, seq] = [await countRows(db, clients), await countRows(db, consents), await lastSeq(db)];
    await expectRefusal(
      createWalkInClient({ db, actor: staff.caseworkerA, input: walkInInput(tag(), { basis: "legal_obligation" }) }),
      "client",
      "basis_not_allowed",
    );
    expect(await countRows(db, clients)).toBe(clientsBefore);
    expect(await countRows(db, consents)).toBe(consentsBefore);
    expect(await eventsSince(db, seq)).toEqual([]);
  });

  it("an identity code another client holds is refused, naming that client", async () => {
    const code = uniqueCode();
    const { id: first } = await createWalkInClient({ db, actor: staff.caseworkerA, input: walkInInput(tag(), { personalIdentityCode: code }) });
    const [clientsBefore, seq] = [await countRows(db, clients), await lastSeq(db)];
    const error = await expectRefusal(
      createWalkInClient({ db, actor: staff.coordinator, input: walkInInput(tag(), { personalIdentityCode: code.toLowerCase() }) }),
      "client",
      "duplicate_identity_code",
    );
    expect(error.clientIds).toEqual([first]);
    expect((error as Error).message).not.toContain(code);
    expect(await countRows(db, clients)).toBe(clientsBefore);
    expect(await eventsSince(db, seq)).toEqual([]);
  });

  it("roles other than caseworker and coordinator may not register clients", async () => {
    const [clientsBefore, seq] = [await countRows(db, clients), await lastSeq(db)];
    for (const who of ["reporting", "admin", "dpo"] as const) {
      await expectRefusal(createWalkInClient({ db, actor: staff[who], input: walkInInput(tag()) }), "case", "forbidden");
    }
    expect(await countRows(db, clients)).toBe(clientsBefore);
    expect(await eventsSince(db, seq)).toEqual([]);
  });

  // -------------------------------------------------------------------------------------------
  // Updates and records

  it("on a caseworker's own client every update, record and removal writes and logs field names only", async () => {
    const client = await newClient({ assignedTo: staff.caseworkerA.userId, overrides: { citizenships: ["Irak"] } });
    const clientId = client.id;
    const marker = tag();
    const input = recordInputs(clientId, marker);
    const firstSeq = await lastSeq(db);
    const on = { clientId, actor: staff.caseworkerA };
    const a = staff.caseworkerA;

    const { result: { id: permitId } } = await expectOneEvent(() => recordResidencePermit({ db, actor: a, input: input.permit }), {
      ...on,
      action: "case.permit_recorded",
      fields: ["permitType", "validFrom", "validUntil", "notes"],
    });
    expect((await db.select().from(residencePermits).where(eq(residencePermits.id, permitId)))[0]).toMatchObject({
      clientId,
      permitType: "international_protection",
      validFrom: dateIn(-100),
      validUntil: dateIn(300),
      notes: `Jatkolupa haettu ${marker}`,
    });

    const { result: { id: familyId }, details: familyDetails } = await expectOneEvent(() => recordFamilyMember({ db, actor: a, input: input.family }), {
      ...on,
      action: "case.family_member_recorded",
      fields: ["fullName", "relation", "dateOfBirth", "livesInFinland", "clientIsGuardian", "daycareOrSchoolNeed"],
    });
    expect(familyDetails).toMatchObject({ familyMemberId: familyId, linkedToClient: false });
    expect((await db.select().from(familyMembers).where(eq(familyMembers.id, familyId)))[0]).toMatchObject({
      clientId,
      relatedClientId: null,
      relation: "child",
      fullName: `Lapsi ${marker}`,
      livesInFinland: true,
      clientIsGuardian: true,
      daycareOrSchoolNeed: `Päiväkoti ${marker}`,
    });

    const { result: { id: skillId } } = await expectOneEvent(() => recordSkill({ db, actor: a, input: input.skill }), {
      ...on,
      action: "case.skill_recorded",
      fields: ["kind", "name"],
    });
    expect((await db.select().from(skills).where(eq(skills.id, skillId)))[0]).toMatchObject({ kind: "language", name: `arabia ${marker}`, level: null });

    const { result: { id: workId } } = await expectOneEvent(() => recordWorkExperience({ db, actor: a, input: input.work }), {
      ...on,
      action: "case.work_recorded",
      fields: ["jobTitle", "employer", "country", "startYear", "endYear"],
    });
    expect((await db.select().from(workExperiences).where(eq(workExperiences.id, workId)))[0]).toMatchObject({
      jobTitle: `Kokki ${marker}`,
      employer: `Ravintola ${marker}`,
      startYear: 2008,
      endYear: 2014,
    });

    const { result: { id: educationId } } = await expectOneEvent(() => recordEducation({ db, actor: a, input: input.education }), {
      ...on,
      action: "case.education_recorded",
      fields: ["level", "field", "country", "endYear", "recognisedInFinland"],
    });
    expect((await db.select().from(educations).where(eq(educations.id, educationId)))[0]).toMatchObject({
      // Stored as its code; the case page shows the label in the reader's language.
      level: "vocational",
      field: `Ravintola-ala ${marker}`,
      institution: null,
      endYear: 2007,
      recognisedInFinland: false,
    });

    // Identity and contact: only what changed is named.
    const current = (await db.select().from(clients).where(eq(clients.id, clientId)))[0]!;
    const unchanged: IdentityContactInput = identityContactSchema.parse({
      clientId,
      firstNames: current.firstNames,
      lastName: current.lastName,
      dateOfBirth: current.dateOfBirth,
      personalIdentityCode: "",
      gender: current.gender ?? "",
      phone: current.phone ?? "",
      email: current.email ?? "",
      streetAddress: current.streetAddress ?? "",
      postalCode: current.postalCode ?? "",
      postOffice: current.postOffice ?? "",
      homeMunicipality: current.homeMunicipality ?? "",
      preferredLanguage: current.preferredLanguage ?? "",
      interpreterNeeded: current.interpreterNeeded ? "yes" : "no",
      interpreterLanguage: current.interpreterLanguage ?? "",
      citizenship: current.citizenships[0] ?? "",
      otherCitizenship: current.citizenships[1] ?? "",
    });
    const seqBeforeNoop = await lastSeq(db);
    expect(await updateIdentityContact({ db, actor: a, input: unchanged })).toEqual({ clientId, changedFields: [] });
    expect(await eventsSince(db, seqBeforeNoop)).toEqual([]);

    const edited: IdentityContactInput = {
      ...unchanged,
      lastName: `Uusinimi${marker}`,
      phone: "+358401112223",
      email: `uusi.${marker}@example.invalid`,
      otherCitizenship: `Suomi ${marker}`,
    };
    const { result: update } = await expectOneEvent(() => updateIdentityContact({ db, actor: a, input: edited }), {
      ...on,
      action: "client.updated",
      fields: ["lastName", "phone", "email", "otherCitizenship"],
    });
    expect(update.changedFields).toEqual(["lastName", "phone", "email", "otherCitizenship"]);
    const after = (await db.select().from(clients).where(eq(clients.id, clientId)))[0]!;
    expect(after).toMatchObject({
      lastName: `Uusinimi${marker}`,
      searchName: toSearchName(current.firstNames, `Uusinimi${marker}`),
      phone: "+358401112223",
      email: `uusi.${marker}@example.invalid`,
      citizenships: [current.citizenships[0], `Suomi ${marker}`],
      firstNames: current.firstNames,
      personalIdentityCodeHash: current.personalIdentityCodeHash,
    });

    // Removals: each kind, each one event naming the kind, the record and the fields it held.
    const removals = [
      ["permit", permitId, ["permitType", "validFrom", "validUntil", "notes"]],
      ["family", familyId, ["relation", "fullName", "dateOfBirth", "livesInFinland", "clientIsGuardian", "daycareOrSchoolNeed"]],
      ["skill", skillId, ["kind", "name"]],
      ["work", workId, ["jobTitle", "employer", "country", "startYear", "endYear"]],
      ["education", educationId, ["level", "field", "country", "endYear", "recognisedInFinland"]],
    ] as const;
    for (const [kind, recordId, fields] of removals) {
      const { details } = await expectOneEvent(
        () => removeCaseRecord({ db, actor: a, input: removeRecordSchema.parse({ clientId, kind, recordId }) }),
        { ...on, action: "case.record_removed", fields: [...fields] },
      );
      expect(details).toMatchObject({ kind, recordId });
    }
    const left = await snapshot(clientId);
    const leftIds = [left.permits, left.family, left.skills, left.work, left.education].flat().map((row) => row.id);
    for (const [, recordId] of removals) expect(leftIds).not.toContain(recordId);

    // Eleven writes (five records, one update, five removals; the update that changed nothing wrote
    // nothing), eleven events on this client; none carries a value that was written.
    const events = await eventsSince(db, firstSeq);
    expect(events).toHaveLength(11);
    expect(new Set(events.map((event) => event.clientId))).toEqual(new Set([clientId]));
    const logged = JSON.stringify(events.map((event) => [event.details, event.reason]));
    expect(logged).not.toContain(marker);
    for (const value of ["international_protection", "child", "language", "Syyria", "+358401112223", dateIn(300), "2008", "2019-03-04"]) {
      expect(logged, value).not.toContain(value);
    }
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("a family member is linked to a client only when exactly one client has that name and date of birth", async () => {
    const marker = tag();
    const owner = await newClient({ assignedTo: staff.caseworkerA.userId });
    const relative = await newClient({ overrides: { firstNames: "Sara", lastName: `Sukulainen${marker}`, searchName: toSearchName("Sara", `Sukulainen${marker}`), dateOfBirth: "1995-01-01" } });
    const member = (fullName: string, dateOfBirth = "1995-01-01") =>
      familyMemberSchema.parse({ clientId: owner.id, fullName, relation: "sibling", dateOfBirth, livesInFinland: "yes", clientIsGuardian: "no" });

    const { id: linked } = await recordFamilyMember({ db, actor: staff.caseworkerA, input: member(`SARA  sukulainen${marker}`) });
    expect((await db.select().from(familyMembers).where(eq(familyMembers.id, linked)))[0]!.relatedClientId).toBe(relative.id);
    const { id: otherDate } = await recordFamilyMember({ db, actor: staff.caseworkerA, input: member(`Sara Sukulainen${marker}`, "1995-01-02") });
    expect((await db.select().from(familyMembers).where(eq(familyMembers.id, otherDate)))[0]!.relatedClientId).toBeNull();

    // A second client with the same name and date: ambiguous, not linked.
    await newClient({ overrides: { firstNames: "Sara", lastName: `Sukulainen${marker}`, searchName: toSearchName("Sara", `Sukulainen${marker}`), dateOfBirth: "1995-01-01" } });
    const { id: ambiguous } = await recordFamilyMember({ db, actor: staff.caseworkerA, input: member(`Sara Sukulainen${marker}`) });
    expect((await db.select().from(familyMembers).where(eq(familyMembers.id, ambiguous)))[0]!.relatedClientId).toBeNull();
  });

  it("a record of another client is not removed through this client", async () => {
    const mine = await newClient({ assignedTo: staff.caseworkerA.userId });
    const theirs = await newClient({ assignedTo: staff.caseworkerA.userId });
    const { id: skillId } = await recordSkill({ db, actor: staff.caseworkerA, input: skillSchema.parse({ clientId: theirs.id, kind: "skill", name: "hitsaus" }) });
    const seq = await lastSeq(db);
    await expectRefusal(
      removeCaseRecord({ db, actor: staff.caseworkerA, input: { clientId: mine.id, kind: "skill", recordId: skillId } }),
      "client",
      "record_not_found",
    );
    await expectRefusal(
      removeCaseRecord({ db, actor: staff.caseworkerA, input: { clientId: theirs.id, kind: "work", recordId: skillId } }),
      "client",
      "record_not_found",
    );
    expect(await db.select().from(skills).where(eq(skills.id, skillId))).toHaveLength(1);
    expect(await eventsSince(db, seq)).toEqual([]);
  });

  it("an identity code change re-encrypts and re-hashes, is refused when another client holds the code, and leaves no plain code in any text column", async () => {
    const client = await newClient({ assignedTo: staff.caseworkerA.userId, overrides: { dateOfBirth: "1987-06-15" } });
    const otherCode = uniqueCode();
    const { id: other } = await createWalkInClient({ db, actor: staff.coordinator, input: walkInInput(tag(), { personalIdentityCode: otherCode }) });
    const base = identityContactSchema.parse({
      clientId: client.id,
      firstNames: client.firstNames,
      lastName: client.lastName,
      dateOfBirth: "1987-06-15",
      gender: client.gender ?? "",
      phone: client.phone ?? "",
      email: client.email ?? "",
      streetAddress: client.streetAddress ?? "",
      postalCode: client.postalCode ?? "",
      postOffice: client.postOffice ?? "",
      homeMunicipality: client.homeMunicipality ?? "",
      preferredLanguage: client.preferredLanguage ?? "",
      interpreterNeeded: client.interpreterNeeded ? "yes" : "no",
      interpreterLanguage: client.interpreterLanguage ?? "",
      citizenship: client.citizenships[0] ?? "",
      otherCitizenship: client.citizenships[1] ?? "",
    });

    // Someone else's code: refused, nothing written.
    const before = await snapshot(client.id);
    const error = await expectRefusal(
      updateIdentityContact({ db, actor: staff.caseworkerA, input: { ...base, personalIdentityCode: otherCode } }),
      "client",
      "duplicate_identity_code",
    );
    expect(error.clientIds[0]).toBe(other);
    expect(await snapshot(client.id)).toEqual(before);

    const newCode = uniqueCode();
    await expectOneEvent(() => updateIdentityContact({ db, actor: staff.caseworkerA, input: { ...base, personalIdentityCode: newCode } }), {
      clientId: client.id,
      actor: staff.caseworkerA,
      action: "client.updated",
      fields: ["personalIdentityCode"],
    });
    const [after] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(after!.personalIdentityCodeHash).toBe(lookupHash(newCode));
    expect(after!.personalIdentityCodeEncrypted).not.toBe(before.client!.personalIdentityCodeEncrypted);
    expect(decryptField(after!.personalIdentityCodeEncrypted!)).toBe(newCode);

    // The same code again is no change; a date of birth the kept code does not name is refused.
    expect((await updateIdentityContact({ db, actor: staff.caseworkerA, input: { ...base, personalIdentityCode: newCode } })).changedFields).toEqual([]);
    await expectRefusal(
      updateIdentityContact({ db, actor: staff.caseworkerA, input: { ...base, dateOfBirth: "1987-06-16" } }),
      "client",
      "identity_code_date_mismatch",
    );

    // No text, varchar or jsonb column anywhere holds either plain code.
    const columns = await rowsOf<{ table_name: string; column_name: string }>(
      db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
    );
    expect(columns.length).toBeGreaterThan(10);
    for (const code of [newCode, otherCode]) {
      for (const { table_name, column_name } of columns) {
        const [row] = await rowsOf<{ n: number | string }>(
          db,
          sql`select count(*) as n from ${sql.identifier(table_name)} where upper(${sql.identifier(column_name)}::text) like ${`%${code}%`}`,
        );
        expect(Number(row!.n), `${table_name}.${column_name}`).toBe(0);
      }
    }
  });

  /** What each detail write needs: a client of caseworker A's with a skill recorded (to remove). */
  interface DetailsUnderTest {
    clientId: string;
    skillId: string;
    input: ReturnType<typeof recordInputs>;
  }

  /** Every write of the person's details and the role that makes it (`as`: caseworker A, the client's own, or the coordinator). */
  const detailWrites: [name: string, role: "caseworker" | "coordinator", write: (c: DetailsUnderTest, as: StaffActor) => Promise<unknown>][] = [
    [
      "updateIdentityContact",
      "caseworker",
      ({ clientId }, as) =>
        updateIdentityContact({
          db,
          actor: as,
          input: identityContactSchema.parse({ clientId, firstNames: "X", lastName: "Y", dateOfBirth: "2000-01-01", interpreterNeeded: "no", personalIdentityCode: uniqueCode("2000-01-01") }),
        }),
    ],
    ["recordResidencePermit", "caseworker", ({ input }, as) => recordResidencePermit({ db, actor: as, input: input.permit })],
    ["recordFamilyMember", "caseworker", ({ input }, as) => recordFamilyMember({ db, actor: as, input: input.family })],
    ["recordSkill", "caseworker", ({ input }, as) => recordSkill({ db, actor: as, input: input.skill })],
    ["recordWorkExperience", "caseworker", ({ input }, as) => recordWorkExperience({ db, actor: as, input: input.work })],
    ["recordEducation", "caseworker", ({ input }, as) => recordEducation({ db, actor: as, input: input.education })],
    ["removeCaseRecord", "caseworker", ({ clientId, skillId }, as) => removeCaseRecord({ db, actor: as, input: { clientId, kind: "skill", recordId: skillId } })],
    ["recordSkill (coordinator)", "coordinator", ({ input }, as) => recordSkill({ db, actor: as, input: input.skill })],
  ];
  const caseworkersWrites = detailWrites.filter(([, role]) => role === "caseworker");

  async function detailsUnderTest(state?: "restricted" | "closed"): Promise<DetailsUnderTest> {
    const client = await newClient({ assignedTo: staff.caseworkerA.userId });
    const input = recordInputs(client.id, tag());
    const { id: skillId } = await recordSkill({ db, actor: staff.caseworkerA, input: input.skill });
    if (state) {
      await db
        .update(clients)
        .set(state === "restricted" ? { restrictedAt: new Date() } : { status: "closed", closedAt: new Date(), closeReason: "Päättynyt" })
        .where(eq(clients.id, client.id));
    }
    return { clientId: client.id, skillId, input };
  }

  it.each(caseworkersWrites)("%s on another caseworker's client needs a reason first, and writes nothing", async (name, _role, write) => {
    const target = await detailsUnderTest();
    const before = await snapshot(target.clientId);
    const b = { ...staff.caseworkerB, sessionId: `session-${randomUUID()}` };
    await expectRefusal(write(target, b), "case", "needs_reason");
    expect(await snapshot(target.clientId), name).toEqual(before);
  });

  it("another caseworker's writes are allowed once a reason is given, and carry the reason", async () => {
    const client = await newClient({ assignedTo: staff.caseworkerA.userId });
    const input = recordInputs(client.id, tag());
    const b = { ...staff.caseworkerB, sessionId: `session-${randomUUID()}` };
    await expectRefusal(recordSkill({ db, actor: b, input: input.skill }), "case", "needs_reason");

    const reason = `Sijaisuus ${tag()}`;
    await recordAccessReason({ db, actor: b, clientId: client.id, reason });
    await expectOneEvent(() => recordSkill({ db, actor: b, input: input.skill }), {
      clientId: client.id,
      actor: b,
      action: "case.skill_recorded",
      fields: ["kind", "name"],
      reason,
    });
    // The coordinator needs no reason; dpo, admin and reporting do not see the client at all.
    await recordSkill({ db, actor: staff.coordinator, input: input.skill });
    for (const who of ["dpo", "admin", "reporting"] as const) {
      await expectRefusal(recordSkill({ db, actor: staff[who], input: input.skill }), "case", "not_found");
    }
    await expectRefusal(recordSkill({ db, actor: staff.coordinator, input: { ...input.skill, clientId: randomUUID() } }), "case", "not_found");
  });

  it("the table of detail writes has every write: eight, seven of them the caseworker's", () => {
    expect(detailWrites).toHaveLength(8);
    expect(caseworkersWrites).toHaveLength(7);
  });

  describe.each(["restricted", "closed"] as const)("a %s client", (state) => {
    it.each(detailWrites)(`%s (as the %s) is refused as ${state} and writes nothing`, async (name, role, write) => {
      const target = await detailsUnderTest(state);
      const before = await snapshot(target.clientId);
      const seq = await lastSeq(db);
      const error = await write(target, role === "caseworker" ? staff.caseworkerA : staff.coordinator).then(
        () => new Error(`${name} succeeded`),
        (caught: unknown) => caught,
      );
      expect(error, name).toBeInstanceOf(Refusal);
      expect((error as Refusal).code, name).toBe(state);
      expect(await snapshot(target.clientId)).toEqual(before);
      expect(await eventsSince(db, seq)).toEqual([]);
    });
  });
});

describe(`case details on ${testBackend()} (legal-obligation basis)`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let staff: Awaited<ReturnType<typeof setUpStaff>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0, settings: demoStatutorySettings });
    staff = await setUpStaff(db, "statutory");
  });
  afterAll(async () => handle?.close());

  it("a walk-in on the legal obligation is registered with no consent; written consent is allowed too", async () => {
    const marker = tag();
    const seq = await lastSeq(db);
    const { id: clientId } = await createWalkInClient({
      db,
      actor: staff.caseworkerA,
      input: walkInInput(marker, { basis: "legal_obligation", writtenConsentDate: "", paperReference: "" }),
    });
    expect((await db.select().from(clients).where(eq(clients.id, clientId)))[0]).toMatchObject({
      basis: "legal_obligation",
      assignedCaseworkerId: staff.caseworkerA.userId,
    });
    expect(await db.select().from(consents).where(eq(consents.clientId, clientId))).toEqual([]);
    const events = await eventsSince(db, seq);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "client.created", clientId });
    expect(events[0]!.details).toMatchObject({ basis: "legal_obligation" });
    expect(events[0]!.details).not.toHaveProperty("consentId");
    expect(JSON.stringify(events[0]!.details)).not.toContain(marker);

    const { id: written } = await createWalkInClient({ db, actor: staff.coordinator, input: walkInInput(tag()) });
    expect((await db.select().from(clients).where(eq(clients.id, written)))[0]!.basis).toBe("consent_written");
    const stored = await db.select().from(consents).where(and(eq(consents.clientId, written), eq(consents.kind, "storage")));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: "written", recordedBy: staff.coordinator.userId, purpose: demoStatutorySettings.register.purpose.fi });
  });
});
