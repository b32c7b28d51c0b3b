import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connection";
import { useDatabase } from "@/db";
import { auditEvents, clients, staffRoleGrants, staffSessions, staffUsers } from "@/db/schema";
import { decideRoleGrant, listRoleGrants, requestStaffRole, type RoleRequestResult } from "@/db/role-grants";
import { seedDemo } from "@/demo/seed";
import { createStaff } from "@/demo/factories/staff";
import { changeOwnPassword, createStaffSession, findStaffByEmail, loadActiveSession } from "@/db/staff";
import { actionRequirements } from "@/lib/auth/entry-points";
import { verifyPassword } from "@/lib/auth/passwords";
import type { StaffRole } from "@/lib/auth/roles";
import { isRefusal } from "@/lib/refusal";
import { createTestDatabase } from "../helpers/database";

/**
 * Security issue 9: an administrator cannot give themselves (or anyone) access to case content.
 * The real server actions, guard and data layer against a real database; only the transport is
 * stood in for, as in action-authorization.test.ts: which session the request carries (Auth.js's
 * cookie) and Next's request context.
 */
const request = vi.hoisted(() => ({ sessionId: null as string | null }));

vi.mock("@/auth", () => ({
  auth: vi.fn(async () => (request.sessionId ? { sessionId: request.sessionId, expires: "" } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(),
}));
vi.mock("next/headers", () => ({
  headers: vi.fn(async () => new Headers({ "x-request-id": "role-grants-test" })),
  cookies: vi.fn(async () => ({ get: () => undefined, set: () => undefined, has: () => false })),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "1";

type Action = (previous: { status: "idle" }, form: FormData) => Promise<unknown>;
type Outcome = { kind: "ran"; state: { status: string; data?: unknown; fieldErrors?: Record<string, string[]>; formError?: string } } | { kind: "forbidden" } | { kind: "redirect"; to: string };

/** Posts `fields` to a server action as the session `sessionId`, and tells what happened. */
async function post(action: Action, sessionId: string | null, fields: Record<string, string>): Promise<Outcome> {
  request.sessionId = sessionId;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  try {
    return { kind: "ran", state: (await action({ status: "idle" }, form)) as Extract<Outcome, { kind: "ran" }>["state"] };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { kind: "forbidden" };
    if (digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    throw error;
  }
}

let handle: DatabaseHandle;
const people = {} as Record<"admin" | "dpo" | "coordinator" | "caseworker", string>;
let clientId: string;

async function signedIn(userId: string): Promise<string> {
  return createStaffSession({ db: handle.db, userId, ipAddress: null, userAgent: null });
}

/** The data layer's answer as the form gets it: its result, or the refusal's code (and field). */
async function settle<T>(promise: Promise<T>): Promise<T | { status: "error"; code: string; field?: string }> {
  try {
    return await promise;
  } catch (error) {
    if (isRefusal(error)) return { status: "error", code: error.code, ...(error.field ? { field: error.field } : {}) };
    throw error;
  }
}

async function account(userId: string) {
  const [row] = await handle.db.select().from(staffUsers).where(eq(staffUsers.id, userId));
  return row!;
}

function grantIdOf(result: RoleRequestResult): string {
  if (!result.grantId) throw new Error(`No grant: ${JSON.stringify(result)}`);
  return result.grantId;
}

async function auditOf(filter: (event: { action: string; actorId: string | null; details: unknown }) => boolean) {
  const events = await handle.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
  return events.filter((event) => filter({ action: event.action, actorId: event.actorId, details: event.details }));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabase(handle);
  await seedDemo({ db: handle.db, demoAccounts: false, clients: 2 });
  const [client] = await handle.db.select({ id: clients.id }).from(clients).limit(1);
  clientId = client!.id;
  // The bootstrap command line and the seed grant directly: these are the deployment's first people.
  for (const role of ["admin", "dpo", "coordinator", "caseworker"] as const) {
    const user = await createStaff(handle.db, { role, email: `${role}@grants.test`, displayName: `The ${role}`, password: "first-people-password" });
    people[role] = user.id;
  }
});
afterAll(async () => handle?.close());

describe("the review's scenario: an administrator creates a coordinator account with a password of their choosing", () => {
  let newId: string;
  let firstSession: string;

  it("the account exists, but holds no role and must set its own password; the request is audited", async () => {
    const { createStaffAction } = await import("@/app/staff/admin/staff/actions");
    const created = await post(createStaffAction as Action, await signedIn(people.admin), {
      email: "Uusi.Koordinaattori@grants.test",
      displayName: "Uusi koordinaattori",
      role: "coordinator",
      password: "chosen-by-the-admin",
    });
    expect(created).toEqual({ kind: "ran", state: { status: "ok", data: { awaitingApproval: true } } });
    const user = await findStaffByEmail({ db: handle.db, email: "uusi.koordinaattori@grants.test" });
    newId = user!.id;
    expect(user).toMatchObject({ role: null, mustChangePassword: true });

    const [grant] = await handle.db.select().from(staffRoleGrants).where(eq(staffRoleGrants.staffId, newId));
    expect(grant).toMatchObject({ role: "coordinator", previousRole: null, status: "pending", requestedBy: people.admin, decidedBy: null });
    const events = await auditOf((e) => (e.details as { staffId?: string }).staffId === newId);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["staff.created", people.admin],
      ["staff.role_grant_requested", people.admin],
    ]);
    expect(events[0]!.details).toMatchObject({ role: "coordinator", grant: "pending", mustChangePassword: true });
  });

  it("signed in with the administrator's password, every server action sends it to the password page and does nothing", async () => {
    const { revealIdentityCodeAction, searchClientsAction } = await import("@/app/staff/clients/actions");
    const { decideRoleGrantAction } = await import("@/app/staff/role-grants/actions");
    const user = await account(newId);
    expect(await verifyPassword(user.passwordHash, "chosen-by-the-admin")).toBe(true);
    firstSession = await signedIn(newId);
    const before = (await auditOf(() => true)).length;

    expect(await post(revealIdentityCodeAction as Action, firstSession, { clientId })).toEqual({ kind: "redirect", to: "/staff/password" });
    expect(await post(searchClientsAction as Action, firstSession, { text: "a" })).toEqual({ kind: "redirect", to: "/staff/password" });
    const [grant] = await listRoleGrants({ db: handle.db, which: "pending" });
    expect(await post(decideRoleGrantAction as Action, firstSession, { grantId: grant!.id, decision: "approve" })).toEqual({
      kind: "redirect",
      to: "/staff/password",
    });
    expect((await auditOf(() => true)).length).toBe(before);
    // Nor can the DPO approve yet: the role would go to whoever knows the administrator's password.
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grant!.id, decision: "approve", actor: { userId: people.dpo, requestId: null } }))).toEqual({
      status: "error",
      code: "initial_password",
    });
    expect((await account(newId)).role).toBeNull();
  });

  it("it sets its own password: the current one first, the new one twice and different", async () => {
    const { changePasswordAction } = await import("@/app/staff/password/actions");
    const wrong = await post(changePasswordAction as Action, firstSession, {
      currentPassword: "not-the-password",
      newPassword: "my-very-own-password",
      repeatPassword: "my-very-own-password",
    });
    expect(wrong).toEqual({ kind: "ran", state: { status: "error", fieldErrors: { currentPassword: ["wrong_password"] } } });
    const differ = await post(changePasswordAction as Action, firstSession, {
      currentPassword: "chosen-by-the-admin",
      newPassword: "my-very-own-password",
      repeatPassword: "my-very-own-passwore",
    });
    expect(differ).toMatchObject({ kind: "ran", state: { status: "error", fieldErrors: { repeatPassword: ["passwords_differ"] } } });
    const short = await post(changePasswordAction as Action, firstSession, { currentPassword: "chosen-by-the-admin", newPassword: "short", repeatPassword: "short" });
    expect(short).toMatchObject({ kind: "ran", state: { status: "error", fieldErrors: { newPassword: ["password_too_short"] } } });
    expect((await account(newId)).mustChangePassword).toBe(true);

    const ok = await post(changePasswordAction as Action, firstSession, {
      currentPassword: "chosen-by-the-admin",
      newPassword: "my-very-own-password",
      repeatPassword: "my-very-own-password",
    });
    expect(ok).toEqual({ kind: "ran", state: { status: "ok" } });
    const user = await account(newId);
    expect(user.mustChangePassword).toBe(false);
    expect(await verifyPassword(user.passwordHash, "my-very-own-password")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "chosen-by-the-admin")).toBe(false);
    expect((await loadActiveSession({ db: handle.db, sessionId: firstSession })).verdict).toBe("active");
    const events = (await auditOf((e) => e.actorId === newId)).map((e) => e.action);
    // The wrong current password is on record as a refused write (server/action.ts), then the change.
    expect(events).toEqual(["write.refused", "staff.password_changed"]);
    const [refusedEvent] = await auditOf((e) => e.actorId === newId && e.action === "write.refused");
    expect(refusedEvent!.details).toMatchObject({ attempted: "staff.password_changed", domain: "staff", outcome: "wrong_password" });
  });

  it("with its own password it still reads no client data: the coordinator role waits for approval", async () => {
    const { revealIdentityCodeAction, searchClientsAction } = await import("@/app/staff/clients/actions");
    expect(await post(revealIdentityCodeAction as Action, firstSession, { clientId })).toEqual({ kind: "forbidden" });
    expect(await post(searchClientsAction as Action, firstSession, { text: "a" })).toEqual({ kind: "forbidden" });
    expect(await auditOf((e) => e.action === "client.identity_code_revealed")).toEqual([]);
  });

  it("neither the administrator, a caseworker nor the account itself can approve it", async () => {
    const { decideRoleGrantAction } = await import("@/app/staff/role-grants/actions");
    const [grant] = await listRoleGrants({ db: handle.db, which: "pending" });
    for (const who of [people.admin, people.caseworker, newId]) {
      expect(await post(decideRoleGrantAction as Action, await signedIn(who), { grantId: grant!.id, decision: "approve" })).toEqual({ kind: "forbidden" });
    }
    // Past the guard, the data layer applies the same rule on its own.
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grant!.id, decision: "approve", actor: { userId: people.admin, requestId: null } }))).toEqual({
      status: "error",
      code: "not_an_approver",
    });
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grant!.id, decision: "approve", actor: { userId: newId, requestId: null } }))).toEqual({
      status: "error",
      code: "not_an_approver",
    });
    expect((await account(newId)).role).toBeNull();
  });

  it("the data protection officer approves: the role comes into force, the old session ends, and both are audited", async () => {
    const { decideRoleGrantAction } = await import("@/app/staff/role-grants/actions");
    const { revealIdentityCodeAction } = await import("@/app/staff/clients/actions");
    const [grant] = await listRoleGrants({ db: handle.db, which: "pending" });
    expect(await post(decideRoleGrantAction as Action, await signedIn(people.dpo), { grantId: grant!.id, decision: "approve" })).toEqual({
      kind: "ran",
      state: { status: "ok" },
    });
    expect((await account(newId)).role).toBe("coordinator");
    expect((await loadActiveSession({ db: handle.db, sessionId: firstSession })).verdict).toBe("revoked");
    expect(await post(revealIdentityCodeAction as Action, firstSession, { clientId })).toMatchObject({ kind: "redirect", to: expect.stringContaining("/sign-in?") });

    const revealed = await post(revealIdentityCodeAction as Action, await signedIn(newId), { clientId });
    expect(revealed).toMatchObject({ kind: "ran", state: { status: "ok", data: { code: expect.stringMatching(/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/) } } });

    const approvals = await auditOf((e) => (e.details as { grantId?: string }).grantId === grant!.id);
    expect(approvals.map((e) => [e.action, e.actorId])).toEqual([
      ["staff.created", people.admin],
      ["staff.role_grant_requested", people.admin],
      ["staff.role_grant_approved", people.dpo],
      ["staff.role_changed", people.dpo],
    ]);
    expect(approvals[2]!.details).toMatchObject({ staffId: newId, from: null, to: "coordinator", requestedBy: people.admin });
    const [history] = (await listRoleGrants({ db: handle.db, which: "decided" })).filter((row) => row.id === grant!.id);
    expect(history).toMatchObject({ status: "approved", requestedByName: "The admin", decidedByName: "The dpo", staffName: "Uusi koordinaattori" });
  });
});

describe("an administrator changing an existing account's role", () => {
  async function newCaseworker(name: string) {
    return createStaff(handle.db, { role: "caseworker", email: `${name}@grants.test`, displayName: name, password: "caseworker-password" });
  }

  it("to a client-data role only asks: the role in force and its sessions stay until a coordinator approves", async () => {
    const { assignClientAction } = await import("@/app/staff/clients/[clientId]/case-work-actions");
    const { changeStaffRoleAction } = await import("@/app/staff/admin/staff/actions");
    const worker = await newCaseworker("promoted");
    const session = await signedIn(worker.id);
    expect(await post(changeStaffRoleAction as Action, await signedIn(people.admin), { staffId: worker.id, role: "coordinator" })).toEqual({
      kind: "ran",
      state: { status: "ok" },
    });
    expect((await account(worker.id)).role).toBe("caseworker");
    expect((await loadActiveSession({ db: handle.db, sessionId: session })).verdict).toBe("active");
    // Coordinators assign clients; a caseworker waiting to become one does not.
    expect(await post(assignClientAction as Action, session, { clientId, caseworkerId: worker.id })).toEqual({ kind: "forbidden" });

    const [grant] = (await listRoleGrants({ db: handle.db, which: "pending" })).filter((row) => row.staffId === worker.id);
    expect(grant).toMatchObject({ role: "coordinator", previousRole: "caseworker", status: "pending" });
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grant!.id, decision: "approve", actor: { userId: people.coordinator, requestId: null } }))).toEqual({ status: "ok" });
    expect((await account(worker.id)).role).toBe("coordinator");
    const [row] = await handle.db.select().from(staffSessions).where(eq(staffSessions.id, session));
    expect(row?.revokedReason).toBe("role_changed");
  });

  it("a refusal leaves the role as it was, and is audited", async () => {
    const worker = await newCaseworker("refused");
    const asked = await requestStaffRole({ db: handle.db, staffId: worker.id, role: "dpo", actor: { userId: people.admin, requestId: null } });
    expect(asked.status).toBe("requested");
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grantIdOf(asked), decision: "refuse", actor: { userId: people.coordinator, requestId: null } }))).toEqual({ status: "ok" });
    expect((await account(worker.id)).role).toBe("caseworker");
    const events = await auditOf((e) => (e.details as { grantId?: string }).grantId === grantIdOf(asked));
    expect(events.map((e) => e.action)).toEqual(["staff.role_grant_requested", "staff.role_grant_refused"]);
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grantIdOf(asked), decision: "approve", actor: { userId: people.dpo, requestId: null } }))).toEqual({
      status: "error",
      code: "not_pending",
    });
  });

  it("no one approves their own grant, and a new request replaces the open one", async () => {
    const first = await requestStaffRole({ db: handle.db, staffId: people.coordinator, role: "caseworker", actor: { userId: people.admin, requestId: null } });
    const second = await requestStaffRole({ db: handle.db, staffId: people.coordinator, role: "dpo", actor: { userId: people.admin, requestId: null } });
    expect(second.status).toBe("requested");
    const rows = await handle.db.select().from(staffRoleGrants).where(eq(staffRoleGrants.id, grantIdOf(first)));
    expect(rows[0]?.status).toBe("cancelled");
    expect(await settle(decideRoleGrant({ db: handle.db, grantId: grantIdOf(second), decision: "approve", actor: { userId: people.coordinator, requestId: null } }))).toEqual({
      status: "error",
      code: "own_account",
    });
    // Choosing the role in force again withdraws the request.
    expect((await requestStaffRole({ db: handle.db, staffId: people.coordinator, role: "coordinator", actor: { userId: people.admin, requestId: null } })).status).toBe("cancelled");
    expect(await listRoleGrants({ db: handle.db, which: "pending" })).toEqual([]);
    expect((await account(people.coordinator)).role).toBe("coordinator");
  });

  it("to a role without client data takes effect at once, as before, and is recorded for the DPO", async () => {
    const worker = await newCaseworker("to-reporting");
    const changed = await requestStaffRole({ db: handle.db, staffId: worker.id, role: "reporting", actor: { userId: people.admin, requestId: null } });
    expect(changed.status).toBe("changed");
    expect((await account(worker.id)).role).toBe("reporting");
    const [grant] = await handle.db.select().from(staffRoleGrants).where(and(eq(staffRoleGrants.staffId, worker.id), eq(staffRoleGrants.role, "reporting")));
    expect(grant).toMatchObject({ status: "direct", previousRole: "caseworker", requestedBy: people.admin });
    expect(await settle(requestStaffRole({ db: handle.db, staffId: people.admin, role: "coordinator", actor: { userId: people.admin, requestId: null } }))).toEqual({
      status: "error",
      code: "cannot_change_self",
    });
  });

  it("the database itself refuses an approval recorded by the account or by its requester", async () => {
    const worker = await newCaseworker("check");
    const asked = await requestStaffRole({ db: handle.db, staffId: worker.id, role: "coordinator", actor: { userId: people.admin, requestId: null } });
    for (const decidedBy of [worker.id, people.admin]) {
      await expect(
        handle.db.execute(sql`update staff_role_grants set status = 'approved', decided_by = ${decidedBy}, decided_at = now() where id = ${grantIdOf(asked)}`),
      ).rejects.toThrow();
    }
  });
});

async function loadAction(key: string): Promise<Action> {
  const [file, name] = key.split("#") as [string, string];
  const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<string, Action>;
  return mod[name]!;
}

/** Calls an action as the matrix test does: with an empty form, or none for the form-less ones. */
async function outcomeOf(key: string, sessionId: string): Promise<Outcome> {
  const action = await loadAction(key);
  if (action.length >= 2) return post(action, sessionId, {});
  request.sessionId = sessionId;
  try {
    return { kind: "ran", state: ((await (action as unknown as (form: FormData) => Promise<unknown>)(new FormData())) ?? { status: "ok" }) as Extract<Outcome, { kind: "ran" }>["state"] };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { kind: "forbidden" };
    if (digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", to: digest.split(";")[2] ?? "" };
    throw error;
  }
}

const protectedActions = Object.entries(actionRequirements).filter(([, requirement]) => requirement !== "public");
let accounts = 0;

describe("every protected server action, enforced in the guard", () => {
  it.each(protectedActions)("%s: an account with an administrator's initial password is sent to the password page unless it is its own account", async (key, requirement) => {
    const { createStaffAccount } = await import("@/db/role-grants");
    const created = await createStaffAccount({
      db: handle.db,
      email: `initial-${++accounts}@grants.test`,
      displayName: "Initial",
      role: "admin",
      password: "the-admins-choice",
      actor: { userId: people.admin, requestId: null },
    });
    if (created.status !== "ok") throw new Error("not created");
    const before = (await auditOf(() => true)).length;
    const result = await outcomeOf(key, await signedIn(created.user.id));
    if (requirement === "staff:self") {
      expect(result).not.toEqual({ kind: "redirect", to: "/staff/password" });
      expect(result).not.toEqual({ kind: "forbidden" });
    } else {
      expect(result).toEqual({ kind: "redirect", to: "/staff/password" });
      expect((await auditOf(() => true)).length).toBe(before);
    }
  });

  it.each(protectedActions)("%s: an account whose role waits for approval may only use its own account", async (key, requirement) => {
    const { createStaffAccount } = await import("@/db/role-grants");
    const created = await createStaffAccount({
      db: handle.db,
      email: `waiting-${++accounts}@grants.test`,
      displayName: "Waiting",
      role: "coordinator",
      password: "the-admins-choice",
      actor: { userId: people.admin, requestId: null },
    });
    if (created.status !== "ok") throw new Error("not created");
    // As if it had set its own password already: only the missing approval stands in the way.
    await handle.db.update(staffUsers).set({ mustChangePassword: false }).where(eq(staffUsers.id, created.user.id));
    const result = await outcomeOf(key, await signedIn(created.user.id));
    if (requirement === "staff:self" || requirement === "staff:home") expect(result).not.toEqual({ kind: "forbidden" });
    else expect(result).toEqual({ kind: "forbidden" });
  });
});

describe("changing one's own password", () => {
  it("ends the account's other sessions, keeps this one, and refuses the same password", async () => {
    const user = await createStaff(handle.db, { role: "reporting" as StaffRole, email: "own@grants.test", displayName: "Own", password: "old-password-123" });
    const here = await signedIn(user.id);
    const elsewhere = await signedIn(user.id);
    expect(
      await settle(changeOwnPassword({ db: handle.db, staffId: user.id, sessionId: here, currentPassword: "old-password-123", newPassword: "old-password-123", requestId: null })),
    ).toEqual({ status: "error", field: "newPassword", code: "password_unchanged" });
    expect(await changeOwnPassword({ db: handle.db, staffId: user.id, sessionId: here, currentPassword: "old-password-123", newPassword: "new-password-456", requestId: null })).toEqual({
      status: "ok",
    });
    expect((await loadActiveSession({ db: handle.db, sessionId: here })).verdict).toBe("active");
    expect((await loadActiveSession({ db: handle.db, sessionId: elsewhere })).verdict).toBe("revoked");
  });
});
