import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase } from "@/db";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { disclosureOptions } from "@/db/disclosures";
import { createRng, insertClientWithCase } from "@/demo/factories";
import { createStaff } from "@/demo/factories/staff";
import { viewIntakeQueue } from "@/db/intake-queue";
import { appointments, auditEvents, clients } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import { createStaffSession } from "@/db/staff";
import { viewStaffHome } from "@/db/staff-home";
import type { StaffActor } from "@/lib/auth/client-access";
import type { StaffRole } from "@/lib/auth/roles";
import { toSearchName } from "@/lib/search-name";
import { createTestDatabase, testBackend } from "../helpers/database";
import { rawIntakeAnswers, submitCompleteIntake } from "../helpers/intake";
import { callAction, request, type FormAction } from "../helpers/server-action";

vi.mock("@/auth", async () => (await import("../helpers/server-action")).authModule);
vi.mock("next/headers", async () => (await import("../helpers/server-action")).headersModule);
vi.mock("next/cache", async () => (await import("../helpers/server-action")).cacheModule);

/**
 * Security review (issue 9), deliverable 7: every read of personal data leaves a usable audit event.
 * A list or a search records which clients it showed (their ids, never their data); a refused write
 * records its outcome, since "this identity code is already registered" tells who is a client. A
 * caseworker's name search shows their caseload and unassigned clients, others only on an exact match.
 */

function tag(): string {
  return [...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

describe(`reads of personal data leave usable events on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  const staff = {} as Record<"me" | "colleague" | "coordinator", StaffActor>;
  const surname = `Ojala${tag()}`;
  let mine: { id: string; code: string | null };
  let unassigned: { id: string };
  let colleagues: { id: string; firstNames: string; code: string | null };

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    useDatabase(handle);
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    const roles: [keyof typeof staff, StaffRole][] = [
      ["me", "caseworker"],
      ["colleague", "caseworker"],
      ["coordinator", "coordinator"],
    ];
    for (const [who, role] of roles) {
      const user = await createStaff(db, { role, email: `${who}@read-audit.test`, displayName: who });
      staff[who] = { userId: user.id, role, sessionId: "unused", requestId: null };
    }
    const client = async (i: number, firstNames: string, assignedCaseworkerId: string | null) => {
      const inserted = await insertClientWithCase(db, createRng(400 + i), {
        stage: "new",
        assignedCaseworkerId,
        now: new Date(),
        overrides: { firstNames, lastName: surname, searchName: toSearchName(firstNames, surname), status: "active" },
      });
      return { id: inserted.client.id, firstNames, code: inserted.identityCode };
    };
    mine = await client(1, "Amina", staff.me.userId);
    unassigned = await client(2, "Bashir", null);
    colleagues = await client(3, "Chidi", staff.colleague.userId);
    // Something on my home page: an appointment tomorrow with my client.
    await db.insert(appointments).values({ clientId: mine.id, startsAt: new Date(Date.now() + 24 * 3600_000), channel: "in_person", staffId: staff.me.userId, status: "booked" });
  });
  afterAll(async () => handle?.close());

  async function lastEvent(action: string, actorId: string) {
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.actorId, actorId)))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return event;
  }

  /** Calls a server action as one of the staff, through a real session. */
  async function asStaff(who: keyof typeof staff, action: FormAction, fields: Record<string, string | undefined>) {
    request.sessionId = await createStaffSession({ db, userId: staff[who].userId, ipAddress: null, userAgent: null });
    request.requestId = `req-${tag()}`;
    return { ...(await callAction(action, fields)), requestId: request.requestId };
  }

  it("the staff home page records the clients it listed", async () => {
    const summary = await viewStaffHome({ db, actor: { ...staff.me, requestId: "home-1" } });
    const shown = [...summary.upcoming, ...summary.reviewsDue, ...summary.permitsExpiring].map((row) => row.clientId);
    expect(shown).toContain(mine.id);
    const event = await lastEvent("client.list_viewed", staff.me.userId);
    expect(event).toMatchObject({ requestId: "home-1", details: { list: "staff_home" } });
    expect(new Set((event!.details as { clientIds: string[] }).clientIds)).toEqual(new Set(shown));
  });

  it("the intake queue records the submissions it listed", async () => {
    const settings = await getRegisterSettings({ db });
    const a = await submitCompleteIntake({ db, settings, raw: rawIntakeAnswers(41) });
    const b = await submitCompleteIntake({ db, settings, raw: rawIntakeAnswers(42) });
    const { rows } = await viewIntakeQueue({ db, actor: { ...staff.me, requestId: "queue-1" }, page: 1 });
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining([a.submissionId, b.submissionId]));
    const event = await lastEvent("intake.queue_viewed", staff.me.userId);
    expect(event).toMatchObject({ requestId: "queue-1", details: { page: 1, submissionIds: rows.map((row) => row.id) } });
  });

  it("the disclosure tool records the client it showed, with the recipient chosen", async () => {
    await disclosureOptions({ db, actor: { ...staff.me, requestId: "tool-1" }, clientId: mine.id, agencyCode: "ely" });
    const event = await lastEvent("disclosure.tool_viewed", staff.me.userId);
    expect(event).toMatchObject({ clientId: mine.id, requestId: "tool-1", details: { agencyCode: "ely" } });
  });

  it("a search records the clients it listed; a caseworker's name search lists their caseload and unassigned clients only", async () => {
    const { searchClientsAction } = await import("@/app/staff/clients/actions");
    const search = async (who: keyof typeof staff, text: string) => {
      const { state, requestId } = await asStaff(who, searchClientsAction as FormAction, { text });
      const ids = ((state as { data: { rows: { id: string }[] } }).data.rows ?? []).map((row) => row.id);
      const event = await lastEvent("client.searched", staff[who].userId);
      expect(event).toMatchObject({ requestId });
      expect((event!.details as { clientIds: string[] }).clientIds).toEqual(ids);
      expect(JSON.stringify(event)).not.toContain(text);
      return ids;
    };
    expect(new Set(await search("me", surname))).toEqual(new Set([mine.id, unassigned.id]));
    // Another caseworker's client: only on an exact match — the whole name, the client number, the identity code.
    expect(await search("me", `${colleagues.firstNames} ${surname}`)).toEqual([colleagues.id]);
    const [colleaguesRow] = await db.select().from(clients).where(eq(clients.id, colleagues.id));
    expect(await search("me", colleaguesRow!.clientNumber)).toEqual([colleagues.id]);
    if (colleagues.code) expect(await search("me", colleagues.code)).toEqual([colleagues.id]);
    // A date of birth lists many: kept to the caseload too.
    expect(await search("me", colleaguesRow!.dateOfBirth!)).not.toContain(colleagues.id);
    // Coordinators search the whole register.
    expect(new Set(await search("coordinator", surname))).toEqual(new Set([mine.id, unassigned.id, colleagues.id]));
  });

  it("a walk-in refused because the identity code is registered records the refusal, naming the client who holds it", async () => {
    if (!colleagues.code) throw new Error("the factory gave no identity code");
    const { createWalkInClientAction } = await import("@/app/staff/clients/new/actions");
    const [holder] = await db.select().from(clients).where(eq(clients.id, colleagues.id));
    const { state, requestId } = await asStaff("me", createWalkInClientAction as FormAction, {
      firstNames: "Testi",
      lastName: `Henkilö${tag()}`,
      dateOfBirth: holder!.dateOfBirth!,
      personalIdentityCode: colleagues.code,
      interpreterNeeded: "no",
      clientGroup: "resident",
      basis: "consent_written",
      writtenConsentDate: "2026-01-05",
      paperReference: "PAPER-DUP",
    });
    expect(state).toMatchObject({ status: "error", formError: "duplicate_identity_code" });
    const event = await lastEvent("write.refused", staff.me.userId);
    expect(event).toMatchObject({
      requestId,
      clientId: null,
      details: { attempted: "client.created", outcome: "duplicate_identity_code", clientIds: [colleagues.id] },
    });
    expect(JSON.stringify(event)).not.toContain(colleagues.code);
  });

  it("an edit refused because the identity code is registered records the refusal on the client edited", async () => {
    if (!colleagues.code) throw new Error("the factory gave no identity code");
    const { updateIdentityContactAction } = await import("@/app/staff/clients/[clientId]/client-details-actions");
    const [holder] = await db.select().from(clients).where(eq(clients.id, colleagues.id));
    await db.update(clients).set({ dateOfBirth: holder!.dateOfBirth }).where(eq(clients.id, mine.id));
    const { state } = await asStaff("me", updateIdentityContactAction as FormAction, {
      clientId: mine.id,
      firstNames: "Amina",
      lastName: surname,
      dateOfBirth: holder!.dateOfBirth!,
      personalIdentityCode: colleagues.code,
      interpreterNeeded: "no",
    });
    expect(state).toMatchObject({ status: "error", formError: "duplicate_identity_code" });
    const event = await lastEvent("write.refused", staff.me.userId);
    expect(event).toMatchObject({ clientId: mine.id, details: { attempted: "client.updated", outcome: "duplicate_identity_code", clientIds: [colleagues.id] } });
  });
});
