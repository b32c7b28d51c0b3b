import { parse } from "csv-parse/sync";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase } from "@/db";
import { recordAuditEvent } from "@/db/audit";
import { reviewUnusualAccess, verifyAuditChainForDpo, viewUnusualAccess } from "@/db/audit-review";
import { verifyAuditChain } from "@/db/audit-verify";
import { exportAuditTrail, readAuditTrail, viewAuditTrail, viewClientAuditHistory, viewStaffActivity, type AuditEntry } from "@/db/audit-view";
import { openClientCase, recordAccessReason, revealIdentityCode } from "@/db/client-access";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { requestStaffRole } from "@/db/role-grants";
import { auditEvents } from "@/db/schema";
import { attemptSignIn } from "@/db/sign-in";
import { createStaffSession } from "@/db/staff";
import { createRng, insertClientWithCase, syntheticIdentityCode } from "@/demo/factories";
import { actorOf, createStaffTeam, type FactoryStaff } from "@/demo/factories/staff";
import { seedDemo } from "@/demo/seed";
import { auditTrailCsv } from "@/lib/audit-csv";
import type { AuditCursor, AuditTrailFilter } from "@/lib/audit-view";
import type { StaffActor } from "@/lib/auth/client-access";
import { createTestDatabase, testBackend } from "../helpers/database";
import { callAction, request, type FormAction } from "../helpers/server-action";

vi.mock("@/auth", async () => (await import("../helpers/server-action")).authModule);
vi.mock("next/headers", async () => (await import("../helpers/server-action")).headersModule);
vi.mock("next/cache", async () => (await import("../helpers/server-action")).cacheModule);

/**
 * Issue 11, deliverable 7: the data protection officer's audit view on a real database. The filters
 * (a client's own events and the lists that showed it, a staff member, an action, Helsinki days),
 * keyset paging, the CSV export's escaping, the unusual-access list by its rules, and that every
 * read of the view is itself an audit event while the chain stays intact.
 */

type Who = "dpo" | "me" | "colleague" | "coordinator" | "admin";

describe(`the DPO's audit view on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let staff: Record<Who, FactoryStaff>;
  let dpo: StaffActor;
  const rng = createRng(11_2026);
  const clients = {} as Record<"mine" | "colleagues" | "unassigned" | "other", { id: string; identityCode: string | null; lastName: string; dateOfBirth: string | null }>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    useDatabase(handle);
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    staff = await createStaffTeam(db, { dpo: "dpo", me: "caseworker", colleague: "caseworker", coordinator: "coordinator", admin: "admin" });
    dpo = actorOf(staff.dpo, { requestId: "dpo-request" });
    const make = async (assignedTo: Who | null) => {
      // Every client with an identity code of its own (individual numbers 900–999: never a real person's).
      const dateOfBirth = `19${rng.int(60, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
      const inserted = await insertClientWithCase(db, rng, {
        stage: "planned",
        assignedCaseworkerId: assignedTo ? staff[assignedTo].id : null,
        now: new Date(),
        identityCode: syntheticIdentityCode(rng, dateOfBirth),
        overrides: { status: "active", restrictedAt: null, dateOfBirth },
      });
      return { id: inserted.client.id, identityCode: inserted.identityCode, lastName: inserted.client.lastName, dateOfBirth: inserted.client.dateOfBirth ?? null };
    };
    clients.mine = await make("me");
    clients.colleagues = await make("colleague");
    clients.unassigned = await make(null);
    clients.other = await make(null);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => handle?.close());

  const actor = (who: Who) => actorOf(staff[who], { requestId: `${who}-request` });
  const seqsOf = (entries: readonly AuditEntry[]) => entries.map((entry) => entry.seq);

  /** Every page of the filter, walked older by the pager's cursor. */
  async function allPages(filter: AuditTrailFilter, pageSize = 50): Promise<AuditEntry[]> {
    const rows: AuditEntry[] = [];
    let cursor: AuditCursor = null;
    for (;;) {
      const page = await readAuditTrail({ db, filter, cursor, pageSize });
      rows.push(...page.rows);
      if (page.older === null) return rows;
      cursor = { before: page.older };
    }
  }

  async function lastEvent(action: string, actorId: string) {
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.actorId, actorId))).orderBy(desc(auditEvents.seq)).limit(1);
    return event;
  }

  it("filters by client: the client's own events and every list or search that showed it, nobody else's", async () => {
    await openClientCase({ db, actor: actor("me"), clientId: clients.mine.id });
    await recordAuditEvent(db, { actorId: staff.coordinator.id, action: "client.searched", details: { kind: "name", total: 2, clientIds: [clients.other.id, clients.mine.id] } });
    await openClientCase({ db, actor: actor("coordinator"), clientId: clients.other.id });

    const mine = await allPages({ clientId: clients.mine.id });
    expect(mine.map((entry) => entry.action)).toEqual(expect.arrayContaining(["client.viewed", "client.searched"]));
    expect(mine.every((entry) => entry.clientId === clients.mine.id || (entry.details.clientIds as string[]).includes(clients.mine.id))).toBe(true);
    expect(mine.some((entry) => entry.clientId === clients.other.id)).toBe(false);
    const viewed = mine.find((entry) => entry.action === "client.viewed");
    expect(viewed).toMatchObject({ actorId: staff.me.id, actorName: staff.me.displayName, actorRole: "caseworker", details: { basis: "assigned" } });
  });

  it("filters by staff member and by action, together and apart", async () => {
    const byMe = await allPages({ staffId: staff.me.id });
    expect(byMe.length).toBeGreaterThan(0);
    expect(byMe.every((entry) => entry.actorId === staff.me.id)).toBe(true);
    const views = await allPages({ action: "client.viewed" });
    expect(new Set(views.map((entry) => entry.action))).toEqual(new Set(["client.viewed"]));
    const both = await allPages({ staffId: staff.coordinator.id, action: "client.viewed" });
    expect(both.map((entry) => entry.clientId)).toEqual([clients.other.id]);
    expect(await allPages({ staffId: staff.colleague.id, action: "settings.changed" })).toEqual([]);
  });

  it("reads a date range as whole Helsinki days, also across a change of the clocks", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 28 March 2026 is the last winter day (UTC+2); the clocks go forward early on 29 March.
    const at = async (iso: string) => {
      vi.setSystemTime(new Date(iso));
      return (await recordAuditEvent(db, { actorId: staff.admin.id, action: "settings.changed", details: { keys: [iso] } })).seq;
    };
    const lastOf28th = await at("2026-03-28T21:59:59.999Z");
    const firstOf29th = await at("2026-03-28T22:00:00.000Z");
    const lastOf29th = await at("2026-03-29T20:59:59.999Z");
    const firstOf30th = await at("2026-03-29T21:00:00.000Z");
    vi.useRealTimers();
    const days = async (from?: string, to?: string) => seqsOf(await allPages({ staffId: staff.admin.id, action: "settings.changed", from, to }));
    expect(await days("2026-03-29", "2026-03-29")).toEqual([lastOf29th, firstOf29th]);
    expect(await days("2026-03-28", "2026-03-28")).toEqual([lastOf28th]);
    expect(await days("2026-03-30")).toEqual(expect.arrayContaining([firstOf30th]));
    expect(await days(undefined, "2026-03-28")).toEqual([lastOf28th]);
  });

  it("pages by seq, newest first, older and back newer, without losing or repeating an event", async () => {
    for (let i = 0; i < 7; i += 1) await recordAuditEvent(db, { actorId: staff.colleague.id, action: "client.list_viewed", details: { list: "paging", clientIds: [clients.colleagues.id] } });
    const filter = { staffId: staff.colleague.id, action: "client.list_viewed" as const };
    const expected = seqsOf(await allPages(filter));
    expect(expected).toHaveLength(7);
    expect([...expected].sort((a, b) => b - a)).toEqual(expected);
    const first = await readAuditTrail({ db, filter, pageSize: 3 });
    const second = await readAuditTrail({ db, filter, cursor: { before: first.older! }, pageSize: 3 });
    const third = await readAuditTrail({ db, filter, cursor: { before: second.older! }, pageSize: 3 });
    expect([first, second, third].map((page) => seqsOf(page.rows))).toEqual([expected.slice(0, 3), expected.slice(3, 6), expected.slice(6)]);
    expect([first.newer, third.older]).toEqual([null, null]);
    const back = await readAuditTrail({ db, filter, cursor: { after: third.newer! }, pageSize: 3 });
    expect(seqsOf(back.rows)).toEqual(expected.slice(3, 6));
    expect(seqsOf(await allPages(filter, 2))).toEqual(expected);
  });

  it("exports the selection as CSV with the disclosure log's escaping, audited as an export", async () => {
    const colleague = actor("colleague");
    const hostile = "=HYPERLINK(\"http://evil.example\")\n@SUM(A1) sijaisuus";
    await recordAccessReason({ db, actor: colleague, clientId: clients.mine.id, reason: hostile });
    await openClientCase({ db, actor: colleague, clientId: clients.mine.id });
    const entries = await exportAuditTrail({ db, actor: dpo, filter: { clientId: clients.mine.id, staffId: staff.colleague.id } });
    const rows = parse(auditTrailCsv(entries).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.action).sort()).toEqual(["client.access_reason_given", "client.viewed"]);
    for (const row of rows) {
      expect(row.reason).toBe("'=HYPERLINK(\"http://evil.example\")\n'@SUM(A1) sijaisuus");
      expect(row.client_id).toBe(clients.mine.id);
      expect(row.actor_name).toBe(staff.colleague.displayName);
    }
    const exported = await lastEvent("export.created", staff.dpo.id);
    expect(exported?.details).toMatchObject({ kind: "audit_trail", filter: { clientId: clients.mine.id, staffId: staff.colleague.id }, rows: 2 });
    expect(exported?.requestId).toBe("dpo-request");
  });

  it("lists unusual access by its rules, and leaves the usual out", async () => {
    const thresholds = { distinctClientsViewedPerDay: 2, failedSignInsPerDay: 3 };
    // Outside the caseload: the colleague opened my client with a reason (previous test).
    await revealIdentityCode({ db, actor: actor("me"), clientId: clients.mine.id });
    await openClientCase({ db, actor: actor("coordinator"), clientId: clients.colleagues.id }); // a functional-capacity view too
    for (const client of [clients.mine, clients.unassigned, clients.other]) await openClientCase({ db, actor: actor("me"), clientId: client.id });
    for (let i = 0; i < 3; i += 1) await attemptSignIn({ db, email: staff.me.email, password: "wrong-password-here", address: `198.51.100.${10 + i}` });
    for (let i = 0; i < 3; i += 1) await attemptSignIn({ db, email: "nobody@example.invalid", password: "wrong-password-here", address: `198.51.100.${20 + i}` });
    await requestStaffRole({ db, staffId: staff.colleague.id, role: "reporting", actor: actor("admin") });

    const days = { from: "2026-01-01", to: "2099-12-31" };
    const { items } = await reviewUnusualAccess({ db, days, thresholds });
    const found = (kind: string, test: (item: (typeof items)[number]) => boolean) => items.filter((item) => item.kind === kind && test(item));
    expect(found("outside_caseload", (item) => "event" in item && item.event.actorId === staff.colleague.id && item.event.clientId === clients.mine.id)).toHaveLength(1);
    const outside = found("outside_caseload", () => true)[0];
    expect(outside && "event" in outside ? outside.event.reason : null).toContain("sijaisuus");
    expect(found("identity_code_revealed", (item) => "event" in item && item.event.actorId === staff.me.id)).toHaveLength(1);
    expect(found("functional_capacity_viewed", (item) => "event" in item && item.event.clientId === clients.colleagues.id)).toHaveLength(1);
    expect(found("many_clients_in_a_day", (item) => "dayCount" in item && item.dayCount.actorId === staff.me.id)).toEqual([
      expect.objectContaining({ dayCount: expect.objectContaining({ count: 3 }) }),
    ]);
    expect(found("repeated_failed_sign_ins", (item) => "dayCount" in item && item.dayCount.actorId === staff.me.id)).toHaveLength(1);
    expect(found("repeated_failed_sign_ins", (item) => "dayCount" in item && item.dayCount.actorId === null)).toHaveLength(1);
    expect(found("role_granted", (item) => "event" in item && item.event.action === "staff.role_changed" && item.event.details.staffId === staff.colleague.id)).toHaveLength(1);
    // Views of one's own clients and the coordinator's views are no reason for a look.
    expect(items.some((item) => "event" in item && item.event.action === "client.viewed" && item.event.details.basis !== "reason_given")).toBe(false);
    // One staff member's list, and a day below the threshold is left out.
    const coordinatorsOnly = await reviewUnusualAccess({ db, days, staffId: staff.coordinator.id, thresholds: { ...thresholds, distinctClientsViewedPerDay: 3 } });
    expect(coordinatorsOnly.items.map((item) => item.kind)).not.toContain("many_clients_in_a_day");
    expect(coordinatorsOnly.items.every((item) => "event" in item && item.event.actorId === staff.coordinator.id)).toBe(true);
    // Days before anything happened list nothing.
    expect((await reviewUnusualAccess({ db, days: { from: "2020-01-01", to: "2020-01-31" }, thresholds })).items).toEqual([]);
  });

  it("audits every read of the view, naming the clients it showed, and keeps the chain intact", async () => {
    const page = await viewAuditTrail({ db, actor: dpo, filter: { clientId: clients.mine.id }, cursor: null });
    const trail = await lastEvent("audit.viewed", staff.dpo.id);
    expect(trail).toMatchObject({ clientId: null, requestId: "dpo-request", details: { view: "trail", filter: { clientId: clients.mine.id }, rows: page.rows.length } });
    expect(trail?.details.clientIds).toEqual(expect.arrayContaining([clients.mine.id, clients.other.id]));

    const { client, page: history } = await viewClientAuditHistory({ db, actor: dpo, clientId: clients.mine.id, filter: {}, cursor: null });
    expect(client).toMatchObject({ id: clients.mine.id, lastName: clients.mine.lastName });
    expect(history.rows.length).toBeGreaterThan(0);
    const look = await lastEvent("audit.viewed", staff.dpo.id);
    expect(look).toMatchObject({ clientId: clients.mine.id, details: { view: "client" } });
    // The officer's look shows in the client's own history next time.
    const again = await viewClientAuditHistory({ db, actor: dpo, clientId: clients.mine.id, filter: {}, cursor: null });
    expect(again.page.rows.some((row) => row.seq === look?.seq)).toBe(true);

    const { member, page: activity } = await viewStaffActivity({ db, actor: dpo, staffId: staff.me.id, filter: { action: "client.viewed" }, cursor: null });
    expect(member).toMatchObject({ id: staff.me.id, role: "caseworker" });
    expect(activity.rows.every((row) => row.actorId === staff.me.id && row.action === "client.viewed")).toBe(true);
    expect(await lastEvent("audit.viewed", staff.dpo.id)).toMatchObject({ details: { view: "staff", filter: { staffId: staff.me.id, action: "client.viewed" } } });

    await viewUnusualAccess({ db, actor: dpo, days: { from: "2026-01-01", to: "2099-12-31" }, thresholds: { distinctClientsViewedPerDay: 2, failedSignInsPerDay: 3 } });
    const unusual = await lastEvent("audit.viewed", staff.dpo.id);
    expect(unusual?.details).toMatchObject({ view: "unusual", days: { from: "2026-01-01", to: "2099-12-31" } });
    expect(unusual?.details.clientIds).toEqual(expect.arrayContaining([clients.mine.id]));

    const verdict = await verifyAuditChainForDpo({ db, actor: dpo });
    expect(verdict.ok).toBe(true);
    const verified = await lastEvent("audit.chain_verified", staff.dpo.id);
    expect(verified?.details).toEqual({ ok: true, count: verdict.count, headHash: verdict.ok ? verdict.lastHash : null });
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  describe("through the server actions", () => {
    let actions: { find: FormAction; verify: FormAction };
    beforeAll(async () => {
      const audit = await import("@/app/staff/audit/actions");
      actions = { find: audit.findAuditClientAction as FormAction, verify: audit.verifyAuditChainAction as FormAction };
    });
    const as = async (who: Who) => {
      request.sessionId = await createStaffSession({ db, userId: staff[who].id, ipAddress: null, userAgent: null });
      request.requestId = `${who}-action`;
    };

    it("finds a client by identity code through the keyed hash, never writing the code down", async () => {
      await as("dpo");
      const code = clients.mine.identityCode!;
      const answer = await callAction(actions.find, { text: code.toLowerCase() });
      expect(answer.state).toMatchObject({ status: "ok", data: [expect.objectContaining({ id: clients.mine.id })] });
      const event = await lastEvent("audit.viewed", staff.dpo.id);
      expect(event?.details).toEqual({ view: "client_lookup", kind: "identityCode", total: 1, clientIds: [clients.mine.id] });
      expect(JSON.stringify(event)).not.toContain(code.slice(0, 6));
    });

    it("finds a client by name only with the date of birth", async () => {
      await as("dpo");
      expect((await callAction(actions.find, { text: clients.mine.lastName })).state).toMatchObject({ status: "error", fieldErrors: { dateOfBirth: ["nameNeedsDateOfBirth"] } });
      const answer = await callAction(actions.find, { text: clients.mine.lastName, dateOfBirth: clients.mine.dateOfBirth ?? "" });
      expect(answer.state).toMatchObject({ status: "ok", data: expect.arrayContaining([expect.objectContaining({ id: clients.mine.id })]) });
      const wrongDay = await callAction(actions.find, { text: clients.mine.lastName, dateOfBirth: "1901-01-01" });
      expect(wrongDay.state).toEqual({ status: "ok", data: [] });
    });

    it("verifies the chain for the officer, and refuses everyone else", async () => {
      await as("dpo");
      expect((await callAction(actions.verify, {})).state).toMatchObject({ status: "ok", data: { ok: true } });
      expect(await lastEvent("audit.chain_verified", staff.dpo.id)).toMatchObject({ requestId: "dpo-action" });
      for (const who of ["me", "coordinator", "admin"] as const) {
        await as(who);
        expect(await callAction(actions.verify, {})).toEqual({ forbidden: true });
        expect(await callAction(actions.find, { text: clients.mine.identityCode! })).toEqual({ forbidden: true });
      }
    });
  });
});
