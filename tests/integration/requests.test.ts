import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase } from "@/db";
import { addCaseNote, bookAppointment } from "@/db/case-work";
import type { Executor } from "@/db/connection";
import { findClientForRequest, requestDetail, requestsDueSoon } from "@/db/request-register";
import { closeRequest, decideRequest, extendRequest, logRequest, requestForDpo, verifyRequestIdentity } from "@/db/requests";
import { appointments, auditEvents, clients, dataSubjectRequests, familyMembers } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import { createStaffSession } from "@/db/staff";
import { createRng, insertClientWithCase, type NewClient } from "@/demo/factories";
import { actorOf, createStaffTeam, type FactoryStaff } from "@/demo/factories/staff";
import { seedDemo } from "@/demo/seed";
import { demoSettings, demoStatutorySettings } from "@/demo/settings";
import { addDays } from "@/lib/case-marks";
import { helsinkiDate, utcToHelsinkiLocal } from "@/lib/helsinki-time";
import { Refusal } from "@/lib/refusal";
import { addCalendarMonths, dueDateFor, latestExtendedDueOn } from "@/lib/rights/deadlines";
import { bookAppointmentSchema, caseNoteSchema } from "@/lib/validations/case-work";
import {
  closeRequestSchema,
  decideRequestSchema,
  extendRequestSchema,
  findRequestClientSchema,
  logRequestSchema,
  verifyRequestIdentitySchema,
} from "@/lib/validations/requests";
import { createTestDatabase, testBackend, type TestDatabaseHandle } from "../helpers/database";
import { callAction, request, type FormAction } from "../helpers/server-action";

vi.mock("@/auth", async () => (await import("../helpers/server-action")).authModule);
vi.mock("next/headers", async () => (await import("../helpers/server-action")).headersModule);
vi.mock("next/cache", async () => (await import("../helpers/server-action")).cacheModule);

/**
 * Issue 11, Deliver 1 and 6: the register of data subjects' requests. Who may log (the officer;
 * caseworkers and coordinators for their clients at a visit) and who decides (the officer only);
 * the due date, the extension and the guardian as field errors; the journey's steps; an accepted
 * erasure marking the client for erasure; the officer's home list; every step audited with the
 * request's id and nothing the person said.
 */

const tag = () => randomBytes(5).toString("hex");
const DAY = 24 * 60 * 60 * 1000;
const today = () => helsinkiDate();

type Who = "caseworker" | "otherCaseworker" | "coordinator" | "dpo" | "admin" | "reporting";

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => new Error("expected a refusal, but it succeeded"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

describe(`the data subjects' request register on ${testBackend()}`, () => {
  let handle: TestDatabaseHandle;
  let db: Executor;
  let staff: Record<Who, FactoryStaff>;
  const rng = createRng(11_2026);
  const as = (who: Who) => actorOf(staff[who], { requestId: `req-${tag()}` });

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    useDatabase(handle);
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    staff = await createStaffTeam(db, {
      caseworker: "caseworker",
      otherCaseworker: "caseworker",
      coordinator: "coordinator",
      dpo: "dpo",
      admin: "admin",
      reporting: "reporting",
    });
  });
  afterAll(async () => handle?.close());

  async function clientOf(assignedTo: Who | null = "caseworker", overrides: Partial<NewClient> = {}) {
    const inserted = await insertClientWithCase(db, rng, {
      stage: "new",
      basis: "consent_electronic",
      assignedCaseworkerId: assignedTo ? staff[assignedTo].id : null,
      now: new Date(),
      overrides: { status: "active", restrictedAt: null, dateOfBirth: "1985-05-05", ...overrides },
    });
    return inserted;
  }

  const logInput = (clientId: string, fields: Record<string, string> = {}) =>
    logRequestSchema.parse({ clientId, kind: "access", channel: "signed_document", receivedOn: today(), requester: "client", replyLanguage: "fi", ...fields });

  async function logged(fields: Record<string, string> = {}, clientId?: string) {
    const id = clientId ?? (await clientOf()).client.id;
    return (await logRequest({ db, actor: as("dpo"), input: logInput(id, fields) })).id;
  }

  async function verified(fields: Record<string, string> = {}, clientId?: string) {
    const id = await logged(fields, clientId);
    await verifyRequestIdentity({ db, actor: as("dpo"), input: verifyRequestIdentitySchema.parse({ requestId: id, identityVerification: "verified_signature" }) });
    return id;
  }

  async function rowOf(id: string) {
    const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id));
    return row!;
  }

  async function lastSeq(): Promise<number> {
    const [row] = await db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    return row?.seq ?? 0;
  }

  async function eventsSince(seq: number) {
    return db.select().from(auditEvents).where(gt(auditEvents.seq, seq)).orderBy(asc(auditEvents.seq));
  }

  /** Calls a server action as `who` through a real session, as the browser posts the form. */
  async function post(who: Who, action: FormAction, fields: Record<string, string>) {
    request.sessionId = await createStaffSession({ db, userId: staff[who].id, ipAddress: null, userAgent: null });
    request.requestId = `req-${randomUUID()}`;
    return callAction(action, fields);
  }

  const actions = async () => ({ ...(await import("@/app/staff/requests/actions")), ...(await import("@/app/staff/requests/[requestId]/actions")) });

  describe("logging", () => {
    it("the officer logs a request by letter: due one calendar month after the day received, audited with the request's id and not its content", async () => {
      const { client } = await clientOf();
      const before = await lastSeq();
      const receivedOn = addDays(today(), -3);
      const description = `Haluan nähdä tietoni ${tag()}`;
      const { id, clientId } = await logRequest({ db, actor: as("dpo"), input: logInput(client.id, { receivedOn, description }) });
      const row = await rowOf(id);
      expect(clientId).toBe(client.id);
      expect(row).toMatchObject({ kind: "access", channel: "signed_document", status: "received", receivedOn, dueOn: dueDateFor(receivedOn), loggedBy: staff.dpo.id, handledBy: staff.dpo.id, description });
      const events = await eventsSince(before);
      expect(events.map((e) => e.action)).toEqual(["request.logged"]);
      expect(events[0]).toMatchObject({ clientId: client.id, actorId: staff.dpo.id, details: expect.objectContaining({ dataSubjectRequestId: id, kind: "access" }) });
      expect(JSON.stringify(events[0]!.details)).not.toContain(description);
    });

    it("a caseworker logs a request received at a visit for their own client, with the identity checked there", async () => {
      const { client } = await clientOf("caseworker");
      const { id } = await logRequest({ db, actor: as("caseworker"), input: logInput(client.id, { channel: "visit", identityVerification: "identity_document" }) });
      expect(await rowOf(id)).toMatchObject({ status: "verified", identityVerification: "identity_document", identityVerifiedBy: staff.caseworker.id, loggedBy: staff.caseworker.id, handledBy: null });
    });

    it("a caseworker cannot log for another caseworker's client without a stated reason", async () => {
      const { client } = await clientOf("otherCaseworker");
      const refusal = await refusalOf(logRequest({ db, actor: as("caseworker"), input: logInput(client.id) }));
      expect({ domain: refusal.domain, code: refusal.code }).toEqual({ domain: "case", code: "needs_reason" });
    });

    it("caseworkers can log but not decide; admin and reporting reach nothing here", async () => {
      const a = await actions();
      const { client } = await clientOf("caseworker");
      const fields = { clientId: client.id, kind: "access", channel: "visit", receivedOn: today(), requester: "client", replyLanguage: "fi" };
      expect((await post("caseworker", a.logRequestAction, fields)).state).toEqual({ status: "ok" });
      expect((await post("coordinator", a.logRequestAction, fields)).state).toEqual({ status: "ok" });
      expect((await post("dpo", a.logRequestAction, fields)).redirect).toMatch(/^\/staff\/requests\/[0-9a-f-]{36}$/);
      const requestId = await logged();
      const steps: [FormAction, Record<string, string>][] = [
        [a.verifyRequestIdentityAction, { requestId, identityVerification: "identity_document" }],
        [a.extendRequestAction, { requestId, receivedOn: today(), dueOn: dueDateFor(today()), extendedDueOn: latestExtendedDueOn(today()), extensionReasons: "Monta pyyntöä", toldOn: today() }],
        [a.decideRequestAction, { requestId, kind: "access", decision: "accepted", decidedOn: today() }],
        [a.closeRequestAction, { requestId }],
      ];
      for (const who of ["caseworker", "coordinator", "admin", "reporting"] as const) {
        for (const [action, stepFields] of steps) expect((await post(who, action, stepFields)).forbidden, who).toBe(true);
      }
      for (const who of ["admin", "reporting"] as const) {
        expect((await post(who, a.logRequestAction, fields)).forbidden, who).toBe(true);
        expect((await post(who, a.findRequestClientAction, { lastName: client.lastName, dateOfBirth: client.dateOfBirth! })).forbidden, who).toBe(true);
      }
      expect(await rowOf(requestId)).toMatchObject({ status: "received", decision: null });
      // And the data layer refuses them too, whatever reaches it.
      const refusal = await refusalOf(decideRequest({ db, actor: as("caseworker"), input: decideRequestSchema.parse({ requestId, kind: "access", decision: "accepted", decidedOn: today() }) }));
      expect(refusal.code).toBe("not_found");
      expect(await requestForDpo({ db, actor: as("coordinator"), requestId })).toBeNull();
    });

    it("offers data portability only where the register's basis is consent", async () => {
      const { client } = await clientOf();
      expect(await logged({ kind: "portability" }, client.id)).toMatch(/^[0-9a-f-]{36}$/);
      await saveRegisterSettings({ db, settings: demoStatutorySettings, actor: null });
      try {
        const refusal = await refusalOf(logRequest({ db, actor: as("dpo"), input: logInput(client.id, { kind: "portability" }) }));
        expect({ code: refusal.code, field: refusal.field }).toEqual({ code: "kind_not_available", field: "kind" });
      } finally {
        await saveRegisterSettings({ db, settings: demoSettings, actor: null });
      }
    });
  });

  describe("bad input gets a field error", () => {
    it("a due date before the received date, or past one month", async () => {
      const a = await actions();
      const { client } = await clientOf();
      const base = { clientId: client.id, kind: "access", channel: "visit", receivedOn: "2026-01-31", requester: "client", replyLanguage: "fi" };
      expect((await post("dpo", a.logRequestAction, { ...base, dueOn: "2026-01-30" })).state).toEqual({ status: "error", fieldErrors: { dueOn: ["due_before_received"] } });
      expect((await post("dpo", a.logRequestAction, { ...base, dueOn: "2026-03-01" })).state).toEqual({ status: "error", fieldErrors: { dueOn: ["due_after_one_month"] } });
      // 31 January → 28 February is the month's last day: allowed.
      expect((await post("dpo", a.logRequestAction, { ...base, dueOn: "2026-02-28" })).redirect).toMatch(/^\/staff\/requests\//);
    });

    it("an extension past three months, also when the form's hidden dates are forged", async () => {
      const a = await actions();
      const receivedOn = addDays(today(), -10);
      const { client } = await clientOf();
      const requestId = (await logRequest({ db, actor: as("dpo"), input: logInput(client.id, { receivedOn }) })).id;
      const dueOn = dueDateFor(receivedOn);
      const tooLate = addDays(latestExtendedDueOn(receivedOn), 1);
      const fields = { requestId, receivedOn, dueOn, extendedDueOn: tooLate, extensionReasons: "Laaja pyyntö", toldOn: today() };
      expect((await post("dpo", a.extendRequestAction, fields)).state).toEqual({ status: "error", fieldErrors: { extendedDueOn: ["extension_too_long"] } });
      // A form claiming a later receipt passes the form's check; the data layer reads the stored dates.
      const forged = { ...fields, receivedOn: today(), dueOn: dueDateFor(today()) };
      expect((await post("dpo", a.extendRequestAction, forged)).state).toEqual({ status: "error", fieldErrors: { extendedDueOn: ["extension_too_long"] } });
      expect((await post("dpo", a.extendRequestAction, { ...fields, extendedDueOn: latestExtendedDueOn(receivedOn), toldOn: addDays(receivedOn, -1) })).state).toEqual({
        status: "error",
        fieldErrors: { toldOn: ["told_before_received"] },
      });
      expect((await rowOf(requestId)).extendedDueOn).toBeNull();
      expect((await post("dpo", a.extendRequestAction, { ...fields, extendedDueOn: latestExtendedDueOn(receivedOn) })).state).toEqual({ status: "ok" });
      expect(await rowOf(requestId)).toMatchObject({ extendedDueOn: latestExtendedDueOn(receivedOn), extensionReasons: "Laaja pyyntö", extensionToldOn: today(), extendedBy: staff.dpo.id });
      // Once only.
      const again = await refusalOf(extendRequest({ db, actor: as("dpo"), input: extendRequestSchema.parse({ ...fields, extendedDueOn: latestExtendedDueOn(receivedOn) }) }));
      expect(again.code).toBe("step_not_allowed");
    });

    it("a guardian for an adult; a guardian for a minor with the family record that names the guardianship", async () => {
      const a = await actions();
      const adult = (await clientOf("caseworker", { dateOfBirth: "1990-01-01" })).client;
      const guardianFields = { kind: "access", channel: "visit", receivedOn: today(), requester: "guardian", requesterName: "Amina Huoltaja", replyLanguage: "ar" };
      expect((await post("dpo", a.logRequestAction, { clientId: adult.id, ...guardianFields })).state).toEqual({ status: "error", fieldErrors: { requester: ["guardian_for_adult"] } });

      // A minor today: born ten years ago. The mother is a client whose family record names the child with the guardianship.
      const minor = (await clientOf(null, { dateOfBirth: addDays(today(), -3650) })).client;
      const mother = (await clientOf(null)).client;
      const [record] = await db
        .insert(familyMembers)
        .values({ clientId: mother.id, relatedClientId: minor.id, relation: "child", fullName: `${minor.firstNames} ${minor.lastName}`, clientIsGuardian: true })
        .returning();
      const [notGuardian] = await db
        .insert(familyMembers)
        .values({ clientId: adult.id, relatedClientId: minor.id, relation: "other", fullName: "Sukulainen", clientIsGuardian: false })
        .returning();
      expect((await post("dpo", a.logRequestAction, { clientId: minor.id, ...guardianFields, guardianRecordId: notGuardian!.id })).state).toEqual({
        status: "error",
        fieldErrors: { guardianRecordId: ["not_a_guardian_record"] },
      });
      const answer = await post("dpo", a.logRequestAction, { clientId: minor.id, ...guardianFields, guardianRecordId: record!.id });
      const id = answer.redirect!.split("/").at(-1)!;
      expect(await rowOf(id)).toMatchObject({ requester: "guardian", requesterName: "Amina Huoltaja", guardianClientId: mother.id, guardianFamilyMemberId: record!.id, replyLanguage: "ar" });
      const detail = await requestDetail({ db, actor: as("dpo"), requestId: id });
      expect(detail?.guardianship).toMatchObject({ guardianClientId: mother.id, guardianClientNumber: mother.clientNumber, clientIsGuardian: true, relation: "child" });

      // The day received decides: a guardian may ask the day before the 18th birthday, not on it.
      const turningTomorrow = (await clientOf(null, { dateOfBirth: addDays(addCalendarMonths(today(), -18 * 12), 1) })).client;
      expect(await logged({ requester: "guardian", requesterName: "Huoltaja" }, turningTomorrow.id)).toMatch(/^[0-9a-f-]{36}$/);
      const turningToday = (await clientOf(null, { dateOfBirth: addCalendarMonths(today(), -18 * 12) })).client;
      const refusal = await refusalOf(logRequest({ db, actor: as("dpo"), input: logInput(turningToday.id, { requester: "guardian", requesterName: "Huoltaja" }) }));
      expect({ code: refusal.code, field: refusal.field }).toEqual({ code: "guardian_for_adult", field: "requester" });
    });
  });

  describe("the journey", () => {
    it("nothing is decided before the identity is verified; closed only once decided", async () => {
      const id = await logged();
      const decide = decideRequestSchema.parse({ requestId: id, kind: "access", decision: "accepted", decidedOn: today() });
      expect((await refusalOf(decideRequest({ db, actor: as("dpo"), input: decide }))).code).toBe("step_not_allowed");
      expect((await refusalOf(closeRequest({ db, actor: as("dpo"), input: closeRequestSchema.parse({ requestId: id }) }))).code).toBe("step_not_allowed");
      await verifyRequestIdentity({ db, actor: as("dpo"), input: verifyRequestIdentitySchema.parse({ requestId: id, identityVerification: "strong_electronic_identification" }) });
      await decideRequest({ db, actor: as("dpo"), input: decide });
      await closeRequest({ db, actor: as("dpo"), input: closeRequestSchema.parse({ requestId: id }) });
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: "closed", decision: "accepted", decidedOn: today(), decidedBy: staff.dpo.id, closedBy: staff.dpo.id, identityVerifiedBy: staff.dpo.id });
      expect(row.completedAt).toBeInstanceOf(Date);
      const events = await db.select().from(auditEvents).where(sql`${auditEvents.details}->>'dataSubjectRequestId' = ${id}`).orderBy(asc(auditEvents.seq));
      expect(events.map((e) => e.action)).toEqual(["request.logged", "request.identity_verified", "request.decided", "request.closed"]);
    });

    it("an accepted erasure marks the client for erasure: bookings ahead cancelled, the case read-only", async () => {
      const inserted = await clientOf("caseworker");
      const clientId = inserted.client.id;
      const booked = await bookAppointment({
        db,
        actor: as("caseworker"),
        input: bookAppointmentSchema.parse({ clientId, startsAt: utcToHelsinkiLocal(new Date(Date.now() + 3 * DAY)), durationMinutes: "30", channel: "phone" }),
      });
      const ahead = await db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.clientId, clientId), eq(appointments.status, "booked"), gt(appointments.startsAt, new Date())));
      const id = await verified({ kind: "erasure" }, clientId);
      const without = await refusalOf(decideRequest({ db, actor: as("dpo"), input: decideRequestSchema.parse({ requestId: id, kind: "access", decision: "accepted", decidedOn: today() }) }));
      expect({ code: without.code, field: without.field }).toEqual({ code: "reasons_required", field: "decisionReasons" });
      const result = await decideRequest({
        db,
        actor: as("dpo"),
        input: decideRequestSchema.parse({ requestId: id, kind: "erasure", decision: "accepted", decidedOn: today(), decisionReasons: "Käsittelyn tarkoitus on päättynyt." }),
      });
      expect(result.markedForErasure).toBe(true);
      const [client] = await db.select({ status: clients.status }).from(clients).where(eq(clients.id, clientId));
      expect(client!.status).toBe("erasure_pending");
      const [appointment] = await db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, booked.id));
      expect(appointment!.status).toBe("cancelled");
      const marked = await db.select().from(auditEvents).where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, "client.marked_for_erasure")));
      expect(marked[0]?.details).toMatchObject({ dataSubjectRequestId: id, cancelledAppointments: ahead.length });
      expect(ahead.map((a) => a.id)).toContain(booked.id);
      const write = await refusalOf(addCaseNote({ db, actor: as("caseworker"), input: caseNoteSchema.parse({ clientId, body: "Ei enää" }) }));
      expect(write.code).toBe("erasure_pending");
    });

    it("a refused erasure leaves the client as they were and calls for the refusal certificate; an objection is decided with reasons", async () => {
      const { client } = await clientOf();
      const id = await verified({ kind: "erasure" }, client.id);
      const result = await decideRequest({
        db,
        actor: as("dpo"),
        input: decideRequestSchema.parse({ requestId: id, kind: "erasure", decision: "refused", decidedOn: today(), decisionReasons: "Lakisääteinen säilytysvelvollisuus." }),
      });
      expect(result.markedForErasure).toBe(false);
      const [after] = await db.select({ status: clients.status }).from(clients).where(eq(clients.id, client.id));
      expect(after!.status).toBe("active");
      expect(await rowOf(id)).toMatchObject({ decision: "refused", decisionReasons: "Lakisääteinen säilytysvelvollisuus." });

      const objection = await verified({ kind: "objection" });
      const noReasons = decideRequestSchema.safeParse({ requestId: objection, kind: "objection", decision: "accepted", decidedOn: today() });
      expect(noReasons.success).toBe(false);
      await decideRequest({ db, actor: as("dpo"), input: decideRequestSchema.parse({ requestId: objection, kind: "objection", decision: "accepted", decidedOn: today(), decisionReasons: "Erityinen tilanne." }) });
      expect(await rowOf(objection)).toMatchObject({ status: "decided", decision: "accepted", decisionReasons: "Erityinen tilanne." });
    });
  });

  describe("finding the client", () => {
    it("by the identity code through its keyed hash, or by name and date of birth; never logging what was typed", async () => {
      const lastName = `Etsittava${tag()}`;
      const identityCode = "050505A987C";
      const { client } = await insertClientWithCase(db, rng, { stage: "new", now: new Date(), identityCode, overrides: { lastName, searchName: lastName.toLowerCase(), dateOfBirth: "2005-05-05" } });
      const before = await lastSeq();
      const byCode = await findClientForRequest({ db, actor: as("dpo"), input: findRequestClientSchema.parse({ identityCode: identityCode! }) });
      expect(byCode.clientId).toBe(client.id);
      const byName = await findClientForRequest({ db, actor: as("dpo"), input: findRequestClientSchema.parse({ lastName: client.lastName, dateOfBirth: client.dateOfBirth! }) });
      expect(byName.clientId).toBe(client.id);
      const missing = await refusalOf(findClientForRequest({ db, actor: as("dpo"), input: findRequestClientSchema.parse({ lastName: client.lastName, dateOfBirth: "1901-01-01" }) }));
      expect({ code: missing.code, field: missing.field }).toEqual({ code: "client_not_found", field: "lastName" });
      const events = await eventsSince(before);
      expect(events.map((e) => e.action)).toEqual(["request.client_searched", "request.client_searched", "request.client_searched"]);
      expect(events[0]!.details).toEqual({ kind: "identityCode", count: 1, clientIds: [client.id] });
      expect(JSON.stringify(events)).not.toContain(identityCode);
    });

    it("refuses when several clients match, naming them in the refusal for the audit", async () => {
      const lastName = `Kaksoinen${tag()}`;
      const one = (await clientOf(null, { lastName, searchName: lastName.toLowerCase(), dateOfBirth: "1977-07-07" })).client;
      const two = (await clientOf(null, { lastName, searchName: lastName.toLowerCase(), dateOfBirth: "1977-07-07" })).client;
      const refusal = await refusalOf(findClientForRequest({ db, actor: as("dpo"), input: findRequestClientSchema.parse({ lastName, dateOfBirth: "1977-07-07" }) }));
      expect(refusal.code).toBe("ambiguous_client");
      expect([...refusal.clientIds].sort()).toEqual([one.id, two.id].sort());
    });
  });

  describe("the officer's home", () => {
    it("lists open requests due within seven days and every overdue one, not later or closed ones, audited with the clients", async () => {
      const { client } = await clientOf();
      const overdue = await logged({ receivedOn: addDays(today(), -40) }, client.id);
      const soon = await logged({ receivedOn: addDays(addCalendarMonths(today(), -1), 5) }, client.id);
      const later = await logged({ receivedOn: addDays(today(), -2) }, client.id);
      const extended = await verified({ receivedOn: addDays(today(), -40) }, client.id);
      const receivedOn = addDays(today(), -40);
      await extendRequest({
        db,
        actor: as("dpo"),
        input: extendRequestSchema.parse({ requestId: extended, receivedOn, dueOn: dueDateFor(receivedOn), extendedDueOn: latestExtendedDueOn(receivedOn), extensionReasons: "Laaja", toldOn: addDays(receivedOn, 3) }),
      });
      const closed = await verified({ receivedOn: addDays(today(), -40) }, client.id);
      await decideRequest({ db, actor: as("dpo"), input: decideRequestSchema.parse({ requestId: closed, kind: "access", decision: "accepted", decidedOn: today() }) });
      await closeRequest({ db, actor: as("dpo"), input: closeRequestSchema.parse({ requestId: closed }) });

      const before = await lastSeq();
      const listed = await requestsDueSoon({ db, actor: as("dpo") });
      const ids = listed.map((row) => row.id);
      expect(ids).toEqual(expect.arrayContaining([overdue, soon]));
      expect(ids).not.toContain(later);
      expect(ids).not.toContain(extended);
      expect(ids).not.toContain(closed);
      expect(listed.find((row) => row.id === overdue)?.mark).toBe("overdue");
      expect(listed.find((row) => row.id === soon)?.mark).toBe("due_soon");
      const [event] = await eventsSince(before);
      expect(event).toMatchObject({ action: "request.list_viewed", details: expect.objectContaining({ list: "dpo_home", clientIds: expect.arrayContaining([client.id]) }) });
      expect(await requestsDueSoon({ db, actor: as("coordinator") })).toEqual([]);
    });
  });

  it("the panels' contract: the request with its client, audited as a view; null for no such request", async () => {
    const { client } = await clientOf();
    const id = await logged({}, client.id);
    const before = await lastSeq();
    const found = await requestForDpo({ db, actor: as("dpo"), requestId: id });
    expect(found).toMatchObject({ id, kind: "access", clientId: client.id, client: { id: client.id, clientNumber: client.clientNumber, firstNames: client.firstNames, lastName: client.lastName, dateOfBirth: client.dateOfBirth } });
    expect((await eventsSince(before)).map((e) => ({ action: e.action, clientId: e.clientId, details: e.details }))).toEqual([
      { action: "request.viewed", clientId: client.id, details: { dataSubjectRequestId: id } },
    ]);
    expect(await requestForDpo({ db, actor: as("dpo"), requestId: randomUUID() })).toBeNull();
    expect(await requestForDpo({ db, actor: as("dpo"), requestId: "not-a-uuid" })).toBeNull();
  });
});
