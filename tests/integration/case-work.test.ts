import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/connection";
import { verifyAuditChain } from "@/db/audit-verify";
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
import { recordAccessReason, type StaffActor } from "@/db/client-access";
import { insertClientWithCase, type NewClient } from "@/demo/factories/clients";
import { createRng } from "@/demo/factories/random";
import { createStaffTeam } from "@/demo/factories/staff";
import {
  appointments,
  auditEvents,
  caseNotes,
  clients,
  functionalCapacityEntries,
  initialAssessments,
  integrationPlanMeasures,
  integrationPlanReviews,
  integrationPlans,
  outcomes,
  visits,
} from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import type { StaffRole } from "@/lib/auth/roles";
import { helsinkiDate, helsinkiStartOfDay, utcToHelsinkiLocal } from "@/lib/helsinki-time";
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
  type IntegrationPlanInput,
} from "@/lib/validations/case-work";
import { createTestDatabase, testBackend, type TestDatabaseHandle } from "../helpers/database";
import { Refusal, type RefusalDomain } from "@/lib/refusal";

/** Letters only, unique per call: a value no audit event may contain. */
function tag(): string {
  return [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** A Helsinki datetime-local value `ms` from now. */
const localIn = (ms: number) => utcToHelsinkiLocal(new Date(Date.now() + ms));
/** A Helsinki date `days` from today. */
const dateIn = (days: number) => helsinkiDate(new Date(Date.now() + days * DAY));

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

describe(`case records on ${testBackend()}`, () => {
  let handle: TestDatabaseHandle;
  let db: Executor;
  const staff = {} as Record<"caseworkerA" | "caseworkerB" | "coordinator" | "dpo" | "admin" | "disabledCaseworker", string>;
  const rng = createRng(874_2024);

  function actor(who: keyof typeof staff, role: StaffRole, sessionId = `session-${who}`): StaffActor {
    return { userId: staff[who], role, sessionId, requestId: `req-${tag()}` };
  }
  let caseworkerA: StaffActor;
  let caseworkerB: StaffActor;
  let coordinator: StaffActor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    const team = await createStaffTeam(db, {
      caseworkerA: { role: "caseworker", displayName: "Ohjaaja A" },
      caseworkerB: { role: "caseworker", displayName: "Ohjaaja B" },
      coordinator: { role: "coordinator", displayName: "Koordinaattori" },
      dpo: { role: "dpo", displayName: "Tietosuojavastaava" },
      admin: { role: "admin", displayName: "Ylläpitäjä" },
      disabledCaseworker: { role: "caseworker", displayName: "Ohjaaja (pois)", disabled: true },
    });
    for (const [who, account] of Object.entries(team)) Object.assign(staff, { [who]: account.id });
    caseworkerA = actor("caseworkerA", "caseworker");
    caseworkerB = actor("caseworkerB", "caseworker");
    coordinator = actor("coordinator", "coordinator");
  });
  afterAll(async () => handle?.close());

  async function newClient({ assignedTo = null, overrides = {} }: { assignedTo?: string | null; overrides?: Partial<NewClient> } = {}): Promise<string> {
    const { client } = await insertClientWithCase(db, rng, { assignedCaseworkerId: assignedTo, stage: "new", overrides, now: new Date() });
    return client.id;
  }

  async function lastSeq(): Promise<number> {
    const [row] = await db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    return row?.seq ?? 0;
  }

  async function eventsSince(seq: number) {
    return db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq));
  }

  /** Runs `write` and checks it appended exactly one event: the action, the client, the actor, the fields. */
  async function expectOneEvent<T>(
    write: () => Promise<T>,
    expected: { action: string; clientId: string; actor: StaffActor; fields: string[]; reason?: string | null },
  ): Promise<{ result: T; details: Record<string, unknown> }> {
    const before = await lastSeq();
    const result = await write();
    const events = await eventsSince(before);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      action: expected.action,
      clientId: expected.clientId,
      actorId: expected.actor.userId,
      requestId: expected.actor.requestId,
      reason: expected.reason ?? null,
    });
    expect(event!.details.fields).toEqual(expected.fields);
    return { result, details: event!.details };
  }

  /** Everything a case write could touch for one client, to show a refused write wrote nothing. */
  async function snapshot(clientId: string) {
    const countOf = async (table: typeof appointments | typeof visits | typeof initialAssessments | typeof integrationPlans | typeof outcomes | typeof functionalCapacityEntries | typeof caseNotes) =>
      Number((await db.select({ n: count() }).from(table).where(eq(table.clientId, clientId)))[0]!.n);
    const planIds = (await db.select({ id: integrationPlans.id }).from(integrationPlans).where(eq(integrationPlans.clientId, clientId))).map((p) => p.id);
    return {
      client: (await db.select().from(clients).where(eq(clients.id, clientId)))[0],
      appointments: await db.select().from(appointments).where(eq(appointments.clientId, clientId)).orderBy(asc(appointments.id)),
      visits: await countOf(visits),
      assessments: await countOf(initialAssessments),
      plans: await db.select().from(integrationPlans).where(eq(integrationPlans.clientId, clientId)).orderBy(asc(integrationPlans.id)),
      measures: planIds.length ? Number((await db.select({ n: count() }).from(integrationPlanMeasures).where(inArray(integrationPlanMeasures.planId, planIds)))[0]!.n) : 0,
      reviews: planIds.length ? Number((await db.select({ n: count() }).from(integrationPlanReviews).where(inArray(integrationPlanReviews.planId, planIds)))[0]!.n) : 0,
      outcomes: await countOf(outcomes),
      functionalCapacity: await countOf(functionalCapacityEntries),
      notes: await countOf(caseNotes),
      events: Number((await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.clientId, clientId)))[0]!.n),
    };
  }

  // Inputs, parsed by the same schemas the forms use. `marker` goes into every free text.
  const inputs = (clientId: string, marker: string) => ({
    book: bookAppointmentSchema.parse({
      clientId,
      startsAt: localIn(2 * DAY),
      durationMinutes: "45",
      channel: "in_person",
      interpreterLanguage: `dari ${marker}`,
      purpose: `Alkukartoitus ${marker}`,
    }),
    visit: (appointmentId?: string) =>
      recordVisitSchema.parse({ clientId, appointmentId: appointmentId ?? "", occurredAt: localIn(-HOUR), channel: "phone", notes: `Puhelu ${marker}` }),
    assessment: initialAssessmentSchema.parse({
      clientId,
      assessedOn: dateIn(0),
      content: `Kielitaito A1 ${marker}`,
      furtherMeasures: `Kielikoulutus ${marker}`,
      plannedPlanDate: dateIn(14),
      otherReferral: "",
      authors: `Ohjaaja A ${marker}`,
      sources: `Haastattelu ${marker}`,
    }),
    plan: integrationPlanSchema.parse({
      clientId,
      planDate: dateIn(0),
      validUntil: dateIn(365),
      goals: `Suomen kieli B1 ${marker}`,
      jobSearch: `Työnhaku ${marker}`,
      studies: "",
      skillsAcquisition: `Ammattitaito ${marker}`,
      "measures.0.description": `Kotoutumiskoulutus ${marker}`,
      "measures.0.provider": `Kotolan aikuisopisto ${marker}`,
      "measures.0.startsOn": dateIn(20),
      "measures.0.endsOn": dateIn(200),
      "measures.1.description": "",
      "measures.2.description": `Työkokeilu ${marker}`,
      authors: `Ohjaaja A ja asiakas ${marker}`,
      reviewDueOn: dateIn(180),
      sources: `Alkukartoitus ${marker}`,
    }),
    review: (planId: string, nextReviewOn = dateIn(90)) =>
      planReviewSchema.parse({ planId, reviewedOn: dateIn(0), summary: `Edistynyt ${marker}`, nextReviewOn }),
    outcome: outcomeSchema.parse({ clientId, kind: "work", description: `Varastotyö ${marker}`, startedOn: dateIn(30), endedOn: "" }),
    functionalCapacity: functionalCapacitySchema.parse({ clientId, assessedOn: dateIn(0), content: `Työkykyinen ${marker}` }),
    note: caseNoteSchema.parse({ clientId, body: `Muistiinpano ${marker}` }),
    close: closeCaseSchema.parse({ clientId, closedOn: dateIn(0), reason: `Muutti pois ${marker}` }),
  });

  // -------------------------------------------------------------------------------------------

  it("on a caseworker's own client every function writes its rows and one audit event naming the fields, never their values", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const marker = tag();
    const input = inputs(clientId, marker);
    const firstSeq = await lastSeq();
    const on = { clientId, actor: caseworkerA };

    const { result: { id: appointmentId }, details: booked } = await expectOneEvent(() => bookAppointment({ db, actor: caseworkerA, input: input.book }), {
      ...on,
      action: "case.appointment_booked",
      fields: ["startsAt", "durationMinutes", "channel", "interpreterLanguage", "purpose"],
    });
    expect(booked).toEqual({ appointmentId, fields: expect.any(Array) });
    let [appointment] = await db.select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment).toMatchObject({
      clientId,
      startsAt: input.book.startsAt,
      durationMinutes: 45,
      channel: "in_person",
      interpreterLanguage: `dari ${marker}`,
      purpose: `Alkukartoitus ${marker}`,
      staffId: staff.caseworkerA,
      status: "booked",
    });

    const moved = rescheduleAppointmentSchema.parse({ appointmentId, startsAt: localIn(3 * DAY) });
    await expectOneEvent(() => rescheduleAppointment({ db, actor: caseworkerA, input: moved }), {
      ...on,
      action: "case.appointment_rescheduled",
      fields: ["startsAt"],
    });
    [appointment] = await db.select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment!.startsAt).toEqual(moved.startsAt);

    const { id: secondId } = await bookAppointment({ db, actor: caseworkerA, input: { ...input.book, purpose: undefined } });
    await expectOneEvent(() => cancelAppointment({ db, actor: caseworkerA, input: cancelAppointmentSchema.parse({ appointmentId: secondId }) }), {
      ...on,
      action: "case.appointment_cancelled",
      fields: ["status"],
    });
    expect((await db.select().from(appointments).where(eq(appointments.id, secondId)))[0]!.status).toBe("cancelled");

    const visitInput = input.visit(appointmentId);
    const { result: { id: visitId }, details: visited } = await expectOneEvent(() => recordVisit({ db, actor: caseworkerA, input: visitInput }), {
      ...on,
      action: "case.visit_recorded",
      fields: ["appointmentId", "occurredAt", "channel", "notes"],
    });
    expect(visited).toMatchObject({ visitId, appointmentId, appointmentFields: ["status"] });
    expect((await db.select().from(visits).where(eq(visits.id, visitId)))[0]).toMatchObject({
      clientId,
      appointmentId,
      occurredAt: visitInput.occurredAt,
      channel: "phone",
      notes: `Puhelu ${marker}`,
      staffId: staff.caseworkerA,
    });
    expect((await db.select().from(appointments).where(eq(appointments.id, appointmentId)))[0]!.status).toBe("held");

    const { result: { id: assessmentId } } = await expectOneEvent(() => recordInitialAssessment({ db, actor: caseworkerA, input: input.assessment }), {
      ...on,
      action: "case.assessment_recorded",
      fields: ["assessedOn", "content", "furtherMeasures", "plannedPlanDate", "authors", "sources"],
    });
    expect((await db.select().from(initialAssessments).where(eq(initialAssessments.id, assessmentId)))[0]).toMatchObject({
      clientId,
      assessedOn: input.assessment.assessedOn,
      content: `Kielitaito A1 ${marker}`,
      furtherMeasures: `Kielikoulutus ${marker}`,
      plannedPlanDate: input.assessment.plannedPlanDate,
      otherReferral: null,
      authors: `Ohjaaja A ${marker}`,
      sources: `Haastattelu ${marker}`,
      createdBy: staff.caseworkerA,
    });

    const { result: { id: planId }, details: planned } = await expectOneEvent(() => recordIntegrationPlan({ db, actor: caseworkerA, input: input.plan }), {
      ...on,
      action: "case.plan_recorded",
      fields: ["planDate", "validUntil", "goals", "jobSearch", "skillsAcquisition", "measures", "authors", "reviewDueOn", "sources"],
    });
    expect(planned).toMatchObject({ planId, measureCount: 2 });
    expect((await db.select().from(integrationPlans).where(eq(integrationPlans.id, planId)))[0]).toMatchObject({
      clientId,
      planDate: input.plan.planDate,
      validUntil: input.plan.validUntil,
      goals: `Suomen kieli B1 ${marker}`,
      studies: null,
      reviewDueOn: input.plan.reviewDueOn,
      createdBy: staff.caseworkerA,
    });
    const measures = await db.select().from(integrationPlanMeasures).where(eq(integrationPlanMeasures.planId, planId));
    expect(measures.map((m) => [m.description, m.provider, m.startsOn, m.endsOn]).sort()).toEqual(
      [
        [`Kotoutumiskoulutus ${marker}`, `Kotolan aikuisopisto ${marker}`, dateIn(20), dateIn(200)],
        [`Työkokeilu ${marker}`, null, null, null],
      ].sort(),
    );

    const { result: { id: reviewId }, details: reviewed } = await expectOneEvent(
      () => reviewIntegrationPlan({ db, actor: caseworkerA, input: input.review(planId) }),
      { ...on, action: "case.plan_reviewed", fields: ["reviewedOn", "summary", "nextReviewOn"] },
    );
    expect(reviewed).toMatchObject({ planId, reviewId, planFields: ["reviewDueOn"] });

    const { result: { id: outcomeId } } = await expectOneEvent(() => recordOutcome({ db, actor: caseworkerA, input: input.outcome }), {
      ...on,
      action: "case.outcome_recorded",
      fields: ["kind", "description", "startedOn"],
    });
    expect((await db.select().from(outcomes).where(eq(outcomes.id, outcomeId)))[0]).toMatchObject({ clientId, kind: "work", startedOn: dateIn(30), endedOn: null });

    const { result: { id: entryId } } = await expectOneEvent(() => recordFunctionalCapacity({ db, actor: caseworkerA, input: input.functionalCapacity }), {
      ...on,
      action: "case.functional_capacity_recorded",
      fields: ["assessedOn", "content"],
    });
    expect((await db.select().from(functionalCapacityEntries).where(eq(functionalCapacityEntries.id, entryId)))[0]).toMatchObject({
      clientId,
      content: `Työkykyinen ${marker}`,
      recordedBy: staff.caseworkerA,
    });

    const { result: { id: noteId } } = await expectOneEvent(() => addCaseNote({ db, actor: caseworkerA, input: input.note }), {
      ...on,
      action: "case.note_added",
      fields: ["body"],
    });
    expect((await db.select().from(caseNotes).where(eq(caseNotes.id, noteId)))[0]).toMatchObject({ clientId, body: `Muistiinpano ${marker}`, authorId: staff.caseworkerA });

    await expectOneEvent(() => closeCase({ db, actor: caseworkerA, input: input.close }), {
      ...on,
      action: "client.closed",
      fields: ["status", "closedAt", "closeReason"],
    });
    const [closed] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(closed).toMatchObject({ status: "closed", closeReason: `Muutti pois ${marker}` });
    expect(closed!.closedAt).toBeInstanceOf(Date);

    // Twelve writes, twelve events, all on this client; none carries a value that was written.
    const events = await eventsSince(firstSeq);
    expect(events).toHaveLength(12);
    expect(new Set(events.map((e) => e.clientId))).toEqual(new Set([clientId]));
    const logged = JSON.stringify(events.map((e) => [e.details, e.reason]));
    expect(logged).not.toContain(marker);
    for (const value of ["in_person", "phone", "work", dateIn(0), dateIn(14), dateIn(180), "45"]) expect(logged, value).not.toContain(`"${value}"`);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  /** What each case write needs: a client of caseworker A with a booked appointment and a plan. */
  interface CaseUnderTest {
    clientId: string;
    appointmentId: string;
    planId: string;
    input: ReturnType<typeof inputs>;
  }

  /**
   * Every case write and the role that makes it (`as` is that role's actor: caseworker A, the
   * client's own, or the coordinator): the refusals below hold for each of them alike.
   */
  const caseWrites: [name: string, role: "caseworker" | "coordinator", write: (c: CaseUnderTest, as: StaffActor) => Promise<unknown>][] = [
    ["bookAppointment", "caseworker", ({ input }, as) => bookAppointment({ db, actor: as, input: input.book })],
    ["rescheduleAppointment", "caseworker", ({ appointmentId }, as) => rescheduleAppointment({ db, actor: as, input: { appointmentId, startsAt: new Date(Date.now() + 4 * DAY) } })],
    ["cancelAppointment", "caseworker", ({ appointmentId }, as) => cancelAppointment({ db, actor: as, input: { appointmentId } })],
    ["recordVisit", "caseworker", ({ input, appointmentId }, as) => recordVisit({ db, actor: as, input: input.visit(appointmentId) })],
    ["recordInitialAssessment", "caseworker", ({ input }, as) => recordInitialAssessment({ db, actor: as, input: input.assessment })],
    ["recordIntegrationPlan", "caseworker", ({ input }, as) => recordIntegrationPlan({ db, actor: as, input: input.plan })],
    ["reviewIntegrationPlan", "caseworker", ({ input, planId }, as) => reviewIntegrationPlan({ db, actor: as, input: input.review(planId) })],
    ["recordOutcome", "caseworker", ({ input }, as) => recordOutcome({ db, actor: as, input: input.outcome })],
    ["recordFunctionalCapacity", "caseworker", ({ input }, as) => recordFunctionalCapacity({ db, actor: as, input: input.functionalCapacity })],
    ["addCaseNote", "caseworker", ({ input }, as) => addCaseNote({ db, actor: as, input: input.note })],
    ["assignClient", "coordinator", ({ clientId }, as) => assignClient({ db, actor: as, input: { clientId, caseworkerId: staff.caseworkerB } })],
    ["closeCase", "caseworker", ({ input }, as) => closeCase({ db, actor: as, input: input.close })],
    ["addCaseNote (coordinator)", "coordinator", ({ input }, as) => addCaseNote({ db, actor: as, input: input.note })],
  ];
  const caseworkersWrites = caseWrites.filter(([, role]) => role === "caseworker");

  /** A client of caseworker A's with a booked appointment and a plan, in `state` when given. */
  async function caseUnderTest(state?: "restricted" | "closed"): Promise<CaseUnderTest> {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const input = inputs(clientId, tag());
    const { id: appointmentId } = await bookAppointment({ db, actor: caseworkerA, input: input.book });
    const { id: planId } = await recordIntegrationPlan({ db, actor: caseworkerA, input: input.plan });
    if (state) {
      await db
        .update(clients)
        .set(state === "restricted" ? { restrictedAt: new Date() } : { status: "closed", closedAt: new Date(), closeReason: "Päättynyt" })
        .where(eq(clients.id, clientId));
    }
    return { clientId, appointmentId, planId, input };
  }

  it.each(caseworkersWrites)("%s on another caseworker's client is refused with needs_reason until a reason is given, and writes nothing", async (name, _role, write) => {
    const target = await caseUnderTest();
    const before = await snapshot(target.clientId);
    const b = { ...caseworkerB, sessionId: `session-${randomUUID()}` };
    await expectRefusal(write(target, b), "case", "needs_reason");
    expect(await snapshot(target.clientId), name).toEqual(before);
  });

  it("another caseworker's writes are allowed once a reason is given in this session, and the reason is logged", async () => {
    const { clientId, appointmentId, planId, input } = await caseUnderTest();
    const b = { ...caseworkerB, sessionId: `session-${randomUUID()}` };
    await expectRefusal(addCaseNote({ db, actor: b, input: input.note }), "case", "needs_reason");

    const reason = `Sijaisuus, ohjaaja A lomalla ${tag()}`;
    await recordAccessReason({ db, actor: b, clientId, reason });
    const { result: { id: noteId } } = await expectOneEvent(() => addCaseNote({ db, actor: b, input: input.note }), {
      action: "case.note_added",
      clientId,
      actor: b,
      fields: ["body"],
      reason,
    });
    expect((await db.select().from(caseNotes).where(eq(caseNotes.id, noteId)))[0]!.authorId).toBe(staff.caseworkerB);
    await expectOneEvent(() => rescheduleAppointment({ db, actor: b, input: { appointmentId, startsAt: new Date(Date.now() + 5 * DAY) } }), {
      action: "case.appointment_rescheduled",
      clientId,
      actor: b,
      fields: ["startsAt"],
      reason,
    });
    await expectOneEvent(() => reviewIntegrationPlan({ db, actor: b, input: input.review(planId) }), {
      action: "case.plan_reviewed",
      clientId,
      actor: b,
      fields: ["reviewedOn", "summary", "nextReviewOn"],
      reason,
    });

    // The reason holds for that session only.
    const otherSession = { ...caseworkerB, sessionId: `session-${randomUUID()}` };
    await expectRefusal(addCaseNote({ db, actor: otherSession, input: input.note }), "case", "needs_reason");
  });

  it("functional capacity is recorded only by the client's own caseworker or a coordinator", async () => {
    const marker = tag();
    const unassigned = await newClient();
    const othersClient = await newClient({ assignedTo: staff.caseworkerA });

    // Unassigned: the case is open to any caseworker, the special category is not.
    const unassignedBefore = await snapshot(unassigned);
    await expectRefusal(recordFunctionalCapacity({ db, actor: caseworkerB, input: inputs(unassigned, marker).functionalCapacity }), "case", "forbidden");
    expect(await snapshot(unassigned)).toEqual(unassignedBefore);
    // Other writes on an unassigned client are allowed.
    await addCaseNote({ db, actor: caseworkerB, input: inputs(unassigned, marker).note });

    // Another caseworker's client: a stated reason opens the case but not the special category.
    const b = { ...caseworkerB, sessionId: `session-${randomUUID()}` };
    await expectRefusal(recordFunctionalCapacity({ db, actor: b, input: inputs(othersClient, marker).functionalCapacity }), "case", "needs_reason");
    await recordAccessReason({ db, actor: b, clientId: othersClient, reason: "Sijaisuus" });
    const before = await snapshot(othersClient);
    await expectRefusal(recordFunctionalCapacity({ db, actor: b, input: inputs(othersClient, marker).functionalCapacity }), "case", "forbidden");
    expect(await snapshot(othersClient)).toEqual(before);

    await expectOneEvent(() => recordFunctionalCapacity({ db, actor: coordinator, input: inputs(othersClient, marker).functionalCapacity }), {
      action: "case.functional_capacity_recorded",
      clientId: othersClient,
      actor: coordinator,
      fields: ["assessedOn", "content"],
    });
  });

  it("roles that do not see clients are refused as if the client did not exist; unknown ids are not found", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const input = inputs(clientId, tag());
    const { id: planId } = await recordIntegrationPlan({ db, actor: caseworkerA, input: input.plan });
    const { id: appointmentId } = await bookAppointment({ db, actor: caseworkerA, input: input.book });
    const before = await snapshot(clientId);
    for (const [who, role] of [["dpo", "dpo"], ["admin", "admin"]] as const) {
      const other = actor(who, role);
      await expectRefusal(addCaseNote({ db, actor: other, input: input.note }), "case", "not_found");
      await expectRefusal(cancelAppointment({ db, actor: other, input: { appointmentId } }), "case", "not_found");
      await expectRefusal(reviewIntegrationPlan({ db, actor: other, input: input.review(planId) }), "case", "not_found");
      await expectRefusal(closeCase({ db, actor: other, input: input.close }), "case", "not_found");
    }
    expect(await snapshot(clientId)).toEqual(before);

    const missing = randomUUID();
    await expectRefusal(addCaseNote({ db, actor: coordinator, input: { clientId: missing, body: "x" } }), "case", "not_found");
    await expectRefusal(addCaseNote({ db, actor: coordinator, input: { clientId: "not-a-uuid", body: "x" } }), "case", "not_found");
    await expectRefusal(cancelAppointment({ db, actor: coordinator, input: { appointmentId: missing } }), "case", "not_found");
    await expectRefusal(reviewIntegrationPlan({ db, actor: coordinator, input: input.review(missing) }), "case", "not_found");
  });

  it("the table of case writes has every write: thirteen, eleven of them the caseworker's", () => {
    expect(caseWrites).toHaveLength(13);
    expect(caseworkersWrites).toHaveLength(11);
  });

  describe.each(["restricted", "closed"] as const)("a %s client", (state) => {
    it.each(caseWrites)(`%s (as the %s) is refused as ${state} and writes nothing`, async (name, role, write) => {
      const target = await caseUnderTest(state);
      const before = await snapshot(target.clientId);
      const seq = await lastSeq();

      const error = await write(target, role === "caseworker" ? caseworkerA : coordinator).then(
        () => new Error(`${name} succeeded`),
        (caught: unknown) => caught,
      );
      expect(error, name).toBeInstanceOf(Refusal);
      expect((error as Refusal).code, name).toBe(state);
      expect(await snapshot(target.clientId)).toEqual(before);
      expect(await eventsSince(seq)).toEqual([]);
    });
  });

  it("assignClient is refused for caseworkers; a coordinator assigns to active caseworkers only, and unassigns", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const before = await snapshot(clientId);
    const assign = (caseworkerId: string) => assignClientSchema.parse({ clientId, caseworkerId });

    // Not even their own client, not even to themselves.
    await expectRefusal(assignClient({ db, actor: caseworkerA, input: assign(staff.caseworkerB) }), "case", "forbidden");
    await expectRefusal(assignClient({ db, actor: caseworkerA, input: assign(staff.caseworkerA) }), "case", "forbidden");
    await expectRefusal(assignClient({ db, actor: actor("dpo", "dpo"), input: assign(staff.caseworkerB) }), "case", "forbidden");
    for (const assignee of [staff.coordinator, staff.admin, staff.disabledCaseworker, randomUUID()]) {
      await expectRefusal(assignClient({ db, actor: coordinator, input: assign(assignee) }), "case", "invalid_assignee");
    }
    expect(await snapshot(clientId)).toEqual(before);

    const { details } = await expectOneEvent(() => assignClient({ db, actor: coordinator, input: assign(staff.caseworkerB) }), {
      action: "client.assigned",
      clientId,
      actor: coordinator,
      fields: ["assignedCaseworkerId"],
    });
    expect(details).toEqual({ fields: ["assignedCaseworkerId"], previousCaseworkerId: staff.caseworkerA, caseworkerId: staff.caseworkerB });
    expect((await db.select().from(clients).where(eq(clients.id, clientId)))[0]!.assignedCaseworkerId).toBe(staff.caseworkerB);

    // Now it is B's client: A needs a reason, B does not.
    await expectRefusal(addCaseNote({ db, actor: { ...caseworkerA, sessionId: `session-${randomUUID()}` }, input: { clientId, body: "x" } }), "case", "needs_reason");
    await addCaseNote({ db, actor: caseworkerB, input: { clientId, body: "Otettu asiakkuus vastaan." } });

    await expectOneEvent(() => assignClient({ db, actor: coordinator, input: assign("") }), {
      action: "client.assigned",
      clientId,
      actor: coordinator,
      fields: ["assignedCaseworkerId"],
    });
    expect((await db.select().from(clients).where(eq(clients.id, clientId)))[0]!.assignedCaseworkerId).toBeNull();
  });

  it("reviewIntegrationPlan adds a review and moves the plan's review date, or clears it when no next review is set", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const input = inputs(clientId, tag());
    const { id: planId } = await recordIntegrationPlan({ db, actor: caseworkerA, input: input.plan });
    const planRow = async () => (await db.select().from(integrationPlans).where(eq(integrationPlans.id, planId)))[0]!;
    expect((await planRow()).reviewDueOn).toBe(dateIn(180));

    const { id: firstReview } = await reviewIntegrationPlan({ db, actor: caseworkerA, input: input.review(planId, dateIn(60)) });
    expect((await planRow()).reviewDueOn).toBe(dateIn(60));
    expect((await db.select().from(integrationPlanReviews).where(eq(integrationPlanReviews.id, firstReview)))[0]).toMatchObject({
      planId,
      reviewedOn: dateIn(0),
      nextReviewOn: dateIn(60),
      reviewedBy: staff.caseworkerA,
    });

    await reviewIntegrationPlan({ db, actor: caseworkerA, input: planReviewSchema.parse({ planId, reviewedOn: dateIn(0), summary: "Suunnitelma toteutunut." }) });
    expect((await planRow()).reviewDueOn).toBeNull();
    expect(await db.select().from(integrationPlanReviews).where(eq(integrationPlanReviews.planId, planId))).toHaveLength(2);
  });

  it("a visit names only one of the client's booked appointments; only booked appointments move or cancel", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const otherClient = await newClient({ assignedTo: staff.caseworkerA });
    const input = inputs(clientId, tag());
    const { id: othersAppointment } = await bookAppointment({ db, actor: caseworkerA, input: inputs(otherClient, tag()).book });
    const { id: cancelled } = await bookAppointment({ db, actor: caseworkerA, input: input.book });
    await cancelAppointment({ db, actor: caseworkerA, input: { appointmentId: cancelled } });
    const before = await snapshot(clientId);
    const otherBefore = await snapshot(otherClient);

    await expectRefusal(recordVisit({ db, actor: caseworkerA, input: input.visit(othersAppointment) }), "case", "appointment_not_found");
    await expectRefusal(recordVisit({ db, actor: caseworkerA, input: input.visit(randomUUID()) }), "case", "appointment_not_found");
    await expectRefusal(recordVisit({ db, actor: caseworkerA, input: input.visit(cancelled) }), "case", "appointment_not_booked");
    await expectRefusal(cancelAppointment({ db, actor: caseworkerA, input: { appointmentId: cancelled } }), "case", "appointment_not_booked");
    await expectRefusal(
      rescheduleAppointment({ db, actor: caseworkerA, input: { appointmentId: cancelled, startsAt: new Date(Date.now() + DAY) } }),
      "case",
      "appointment_not_booked",
    );
    expect(await snapshot(clientId)).toEqual(before);
    expect(await snapshot(otherClient)).toEqual(otherBefore);

    // A visit with no appointment needs none.
    await recordVisit({ db, actor: caseworkerA, input: input.visit() });
  });

  it("closeCase records the day it was closed and cancels the appointments still booked ahead", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const input = inputs(clientId, tag());
    const { id: ahead } = await bookAppointment({ db, actor: caseworkerA, input: input.book });
    const { id: held } = await bookAppointment({ db, actor: caseworkerA, input: input.book });
    await recordVisit({ db, actor: caseworkerA, input: input.visit(held) });

    // The factory books one more ahead of now.
    const bookedAhead = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(eq(appointments.clientId, clientId), eq(appointments.status, "booked"), gt(appointments.startsAt, new Date())));
    expect(bookedAhead.map((a) => a.id)).toContain(ahead);
    expect(bookedAhead.length).toBeGreaterThan(1);

    const { details } = await expectOneEvent(
      () => closeCase({ db, actor: coordinator, input: closeCaseSchema.parse({ clientId, closedOn: dateIn(-3), reason: "Muutti toiselle paikkakunnalle" }) }),
      { action: "client.closed", clientId, actor: coordinator, fields: ["status", "closedAt", "closeReason"] },
    );
    expect([...(details.cancelledAppointmentIds as string[])].sort()).toEqual(bookedAhead.map((a) => a.id).sort());
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(client).toMatchObject({ status: "closed", closeReason: "Muutti toiselle paikkakunnalle", closedAt: helsinkiStartOfDay(dateIn(-3)) });
    const after = await db.select({ id: appointments.id, status: appointments.status, startsAt: appointments.startsAt }).from(appointments).where(eq(appointments.clientId, clientId));
    for (const appointment of after) {
      if (bookedAhead.some((a) => a.id === appointment.id)) expect(appointment.status).toBe("cancelled");
      else expect(appointment.status, "what lies in the past stays as it was").not.toBe("cancelled");
    }
    expect(after.find((a) => a.id === held)!.status).toBe("held");

    // Closed today: the closing time is now.
    const today = await newClient({ assignedTo: staff.caseworkerA });
    const now = new Date();
    await closeCase({ db, actor: caseworkerA, input: inputs(today, tag()).close, now });
    expect((await db.select().from(clients).where(eq(clients.id, today)))[0]!.closedAt).toEqual(now);
  });

  it("a write that fails inside the transaction leaves neither its rows nor its audit event", async () => {
    const clientId = await newClient({ assignedTo: staff.caseworkerA });
    const input = inputs(clientId, tag());
    const before = await snapshot(clientId);
    const seq = await lastSeq();

    // The plan row goes in, then a measure the database refuses (a date that does not exist, past
    // the schema): the plan must go with it.
    const broken: IntegrationPlanInput = { ...input.plan, measures: [...input.plan.measures, { description: "x", provider: undefined, startsOn: "2026-02-30", endsOn: undefined }] };
    await expect(recordIntegrationPlan({ db, actor: caseworkerA, input: broken })).rejects.toThrow();
    expect(await snapshot(clientId)).toEqual(before);
    expect(await eventsSince(seq)).toEqual([]);

    // A check the database makes only at commit, after the audit event was appended: the event
    // rolls back with the note.
    const poison = `poison-${tag()}`;
    // Creating the trigger is the tables' owner's work (the app's role may not).
    await handle.owner.execute(
      sql.raw(`create function case_records_test_refuse() returns trigger language plpgsql as $$
        begin
          if new.body = '${poison}' then raise exception 'refused at commit'; end if;
          return new;
        end $$`),
    );
    await handle.owner.execute(
      sql.raw(`create constraint trigger case_records_test_refuse after insert on case_notes
        deferrable initially deferred for each row execute function case_records_test_refuse()`),
    );
    try {
      await expect(addCaseNote({ db, actor: caseworkerA, input: { clientId, body: poison } })).rejects.toThrow();
      expect(await snapshot(clientId)).toEqual(before);
      expect(await eventsSince(seq)).toEqual([]);
      expect(await db.select().from(caseNotes).where(and(eq(caseNotes.clientId, clientId), eq(caseNotes.body, poison)))).toEqual([]);
    } finally {
      await handle.owner.execute(sql.raw("drop trigger case_records_test_refuse on case_notes"));
      await handle.owner.execute(sql.raw("drop function case_records_test_refuse()"));
    }

    // The chain is whole and the next write appends to it.
    expect((await verifyAuditChain({ db })).ok).toBe(true);
    await addCaseNote({ db, actor: caseworkerA, input: input.note });
    expect(await eventsSince(seq)).toHaveLength(1);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });
});
