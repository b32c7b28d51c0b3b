import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connection";
import { useDatabase } from "@/db";
import { auditEvents } from "@/db/schema";
import { createStaff } from "@/demo/factories/staff";
import { createStaffSession } from "@/db/staff";
import { actionRequirements } from "@/lib/auth/entry-points";
import { roleHasPermission } from "@/lib/auth/permissions";
import { staffRoles, type StaffRole } from "@/lib/auth/roles";
import { createTestDatabase } from "../helpers/database";

/**
 * Every server action in the authorization matrix, called as anonymous and as each role, against a
 * real database. Only the transport is stood in for: which session the request carries (Auth.js's
 * cookie) and Next's request context. The permission check itself is the real one.
 */
const request = vi.hoisted(() => ({ sessionId: null as string | null }));

vi.mock("@/auth", () => ({
  auth: vi.fn(async () => (request.sessionId ? { sessionId: request.sessionId, expires: "" } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(async () => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/fi/sign-in;307;" });
  }),
}));
vi.mock("next/headers", () => {
  const jar = new Map<string, string>();
  return {
    headers: vi.fn(async () => new Headers({ "x-request-id": "test-request" })),
    cookies: vi.fn(async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      set: (name: string, value: string) => jar.set(name, value),
      has: (name: string) => jar.has(name),
    })),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "1";

type AnyAction = (...args: unknown[]) => Promise<unknown>;

async function loadAction(key: string): Promise<AnyAction> {
  const [file, name] = key.split("#") as [string, string];
  const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<string, AnyAction>;
  const action = mod[name];
  if (typeof action !== "function") throw new Error(`${key} is not exported`);
  return action;
}

/** What the action did with this request: refused (and how), or let it through. */
async function outcome(action: AnyAction): Promise<"sign-in" | "forbidden" | "allowed"> {
  const form = new FormData();
  try {
    await (action.length >= 2 ? action({ status: "idle" }, form) : action(form));
    return "allowed";
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "forbidden";
    if (digest.startsWith("NEXT_REDIRECT") && digest.includes("/sign-in?")) return "sign-in";
    if (digest.startsWith("NEXT_REDIRECT")) return "allowed"; // e.g. back to the page after saving
    throw error;
  }
}

let handle: DatabaseHandle;
const users = new Map<StaffRole, string>();

/** A fresh session for each call: signing out, for one, ends the session it runs in. */
async function sessionFor(role: StaffRole): Promise<string> {
  return createStaffSession({ db: handle.db, userId: users.get(role)!, ipAddress: null, userAgent: null });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabase(handle);
  for (const role of staffRoles) {
    const user = await createStaff(handle.db, { role, email: `${role}@matrix.test`, displayName: role });
    users.set(role, user.id);
  }
});
afterAll(async () => handle?.close());

async function auditCount(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(auditEvents);
  return row?.n ?? 0;
}

const protectedActions = Object.entries(actionRequirements).filter(([, requirement]) => requirement !== "public");

describe("every protected server action checks the session and role on the server", () => {
  it.each(protectedActions)("%s refuses anonymous requests", async (key) => {
    request.sessionId = null;
    const before = await auditCount();
    expect(await outcome(await loadAction(key))).toBe("sign-in");
    expect(await auditCount()).toBe(before);
  });

  for (const role of staffRoles) {
    it.each(protectedActions)(`%s answers the ${role} as the matrix says`, async (key, requirement) => {
      request.sessionId = await sessionFor(role);
      const before = await auditCount();
      const result = await outcome(await loadAction(key));
      if (requirement !== "public" && roleHasPermission(role, requirement)) {
        expect(result).toBe("allowed");
      } else {
        expect(result).toBe("forbidden");
        // A refused request changes nothing.
        expect(await auditCount()).toBe(before);
      }
    });
  }
});
