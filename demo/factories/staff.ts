import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/connection";
import { staffUsers } from "@/db/schema";
import { createStaffUser, type StaffUser } from "@/db/staff";
import type { StaffActor } from "@/lib/auth/client-access";
import { hashPassword } from "@/lib/auth/passwords";
import type { StaffRole } from "@/lib/auth/roles";

/**
 * Staff accounts for the demo seed and the tests (CONVENTIONS.md habit 10: factories shared by the
 * seed and the tests). Every account goes in the way the operator's bootstrap makes one
 * (createStaffUser: its role in force at once, recorded as a direct grant and audited), so a test
 * sees the same rows the demo has. Model: epic-stack `tests/db-utils.ts`.
 */

/** The password of a factory account unless one is given: long enough for the password policy. */
export const STAFF_FACTORY_PASSWORD = "staff-factory-password-1";

export interface StaffSpec {
  role: StaffRole;
  /** Unique by default: `<role>.<random>@staff.kotona.test`. */
  email?: string;
  displayName?: string;
  password?: string;
  isDemo?: boolean;
  /** As if an administrator had set the password: the person must choose their own first. */
  mustChangePassword?: boolean;
  disabled?: boolean;
}

export interface FactoryStaff extends StaffUser {
  role: StaffRole;
  /** The plain password, so a test can sign in or change it. */
  password: string;
}

/** argon2 takes a tenth of a second: each distinct password is hashed once per process. */
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/** The email and name an account gets when the spec leaves them out; unique per call. */
export function buildStaff(spec: StaffSpec): Required<Pick<StaffSpec, "role" | "email" | "displayName" | "password">> {
  const tag = randomBytes(5).toString("hex");
  return {
    role: spec.role,
    email: spec.email ?? `${spec.role}.${tag}@staff.kotona.test`,
    displayName: spec.displayName ?? `${spec.role} ${tag}`,
    password: spec.password ?? STAFF_FACTORY_PASSWORD,
  };
}

/** One account with its role in force. */
export async function createStaff(db: Executor, spec: StaffSpec): Promise<FactoryStaff> {
  const values = buildStaff(spec);
  let user = await createStaffUser({ db, ...values, passwordHash: await hashOnce(values.password), isDemo: spec.isDemo ?? false });
  if (spec.mustChangePassword || spec.disabled) {
    const [changed] = await db
      .update(staffUsers)
      .set({ mustChangePassword: spec.mustChangePassword ?? false, disabledAt: spec.disabled ? new Date() : null })
      .where(eq(staffUsers.id, user.id))
      .returning();
    if (!changed) throw new Error(`The staff user ${user.id} vanished`);
    user = changed;
  }
  return { ...user, role: values.role, password: values.password };
}

/** Several accounts at once, by the name a test calls them: `createStaffTeam(db, { me: "caseworker", boss: "coordinator" })`. */
export async function createStaffTeam<K extends string>(db: Executor, team: Record<K, StaffRole | StaffSpec>): Promise<Record<K, FactoryStaff>> {
  const created = {} as Record<K, FactoryStaff>;
  for (const [name, spec] of Object.entries(team) as [K, StaffRole | StaffSpec][]) {
    created[name] = await createStaff(db, typeof spec === "string" ? { role: spec } : spec);
  }
  return created;
}

/**
 * The account as the data layer's checks see it (what server/guard.ts builds from a session), with a
 * request id of its own unless one is given, so every event a test causes can be told apart.
 */
export function actorOf(staff: Pick<FactoryStaff, "id" | "role">, { requestId, sessionId }: { requestId?: string | null; sessionId?: string } = {}): StaffActor {
  return {
    userId: staff.id,
    role: staff.role,
    sessionId: sessionId ?? `session-${randomBytes(6).toString("hex")}`,
    requestId: requestId === undefined ? `req-${randomBytes(6).toString("hex")}` : requestId,
  };
}
