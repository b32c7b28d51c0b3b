import { vi } from "vitest";

/**
 * Calling server actions from an integration test against a real database. Only the transport is
 * stood in for: which staff session the request carries (Auth.js's cookie) and Next's request
 * context (headers, cookies, revalidation). The permission checks, the parsing and the data layer are
 * the real ones. Use with:
 *
 *   vi.mock("@/auth", async () => (await import("../helpers/server-action")).authModule);
 *   vi.mock("next/headers", async () => (await import("../helpers/server-action")).headersModule);
 *   vi.mock("next/cache", async () => (await import("../helpers/server-action")).cacheModule);
 */

export const request = { sessionId: null as string | null, requestId: "test-request" };

export const authModule = {
  auth: vi.fn(async () => (request.sessionId ? { sessionId: request.sessionId, expires: "" } : null)),
  signIn: vi.fn(),
  signOut: vi.fn(async () => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/fi/sign-in;307;" });
  }),
};

const jar = new Map<string, string>();
export const headersModule = {
  headers: vi.fn(async () => new Headers({ "x-request-id": request.requestId })),
  cookies: vi.fn(async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => jar.set(name, value),
    has: (name: string) => jar.has(name),
    delete: (name: string | { name: string }) => jar.delete(typeof name === "string" ? name : name.name),
  })),
};

export const cacheModule = { revalidatePath: vi.fn(), revalidateTag: vi.fn() };

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "1";

export type FormAction = (previous: { status: "idle" }, form: FormData) => Promise<unknown>;

/** Form data as a browser posts it: several values for a repeated name. */
export function formData(fields: Record<string, string | readonly string[] | undefined>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const one of typeof value === "string" ? [value] : value) form.append(name, one);
  }
  return form;
}

type Answer = { state?: unknown; redirect?: string; forbidden?: true };

/** What an action answered: its state, or the redirect or 403 it ended with (Next throws those). */
async function answerOf(run: () => Promise<unknown>): Promise<Answer> {
  try {
    return { state: await run() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return { forbidden: true };
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

/** Calls a form action (state, form) with the fields as a browser posts them. */
export async function callAction(action: FormAction, fields: Record<string, string | readonly string[] | undefined>): Promise<Answer> {
  return answerOf(() => action({ status: "idle" }, formData(fields)));
}

/** Any server action of the matrix: most take (state, form); a few take the form only, or nothing. */
export type EntryPointAction = (...args: never[]) => Promise<unknown>;

/** Calls an action by its arity, as its form posts it, and answers like callAction. */
export async function callEntryPoint(action: EntryPointAction, fields: Record<string, string | readonly string[] | undefined>): Promise<Answer> {
  const call = action as unknown as (...args: unknown[]) => Promise<unknown>;
  if (action.length >= 2) return callAction(call as FormAction, fields);
  return answerOf(() => (action.length === 1 ? call(formData(fields)) : call()));
}
