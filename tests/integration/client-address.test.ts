import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { inArray } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/connection";
import { createDraft } from "@/db/intake";
import { consumeIntakeSubmission } from "@/db/intake-rate-limit";
import { signInThrottles } from "@/db/schema";
import { attemptSignIn, signInKeys } from "@/db/sign-in";
import { createStaff } from "@/demo/factories/staff";
import { ADDRESS_SERVER_MARKER, clientAddressFrom } from "@/lib/client-address";
import { SIGN_IN_LIMITS } from "@/lib/sign-in-throttle";
import { createAddressAwareServer, type AddressOptions } from "@/server/http";
import { createTestDatabase } from "../helpers/database";

/**
 * Real HTTP requests through the server Kotona runs in front of Next (server/http.ts), to a
 * handler that reads the client address the way the sign-in and the intake submit route do
 * (clientAddressFrom) and calls the same database functions, on a real database.
 */
let handle: DatabaseHandle;
const servers: Server[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await handle?.close();
});

const INTAKE_LIMIT = 3;

async function body(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, string>;
}

async function handler(request: IncomingMessage, response: ServerResponse) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
  const address = clientAddressFrom(headers, { [ADDRESS_SERVER_MARKER]: "1" });
  const input = await body(request);
  let result: unknown;
  if (request.url === "/sign-in") {
    result = await attemptSignIn({ db: handle.db, email: input.email!, password: input.password!, address });
  } else {
    const previous = process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR;
    process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = String(INTAKE_LIMIT);
    try {
      result = await consumeIntakeSubmission({ db: handle.db, address, draftId: input.draftId });
    } finally {
      process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = previous;
    }
  }
  response.setHeader("content-type", "application/json");
  response.end(JSON.stringify({ address, result }));
}

async function start(options: AddressOptions, host = "127.0.0.1"): Promise<string> {
  const server = createAddressAwareServer((request, response) => {
    handler(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  }, options);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `http://${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
}

async function post(base: string, path: string, data: Record<string, string | undefined>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(data) });
  expect(response.status).toBe(200);
  return (await response.json()) as { address: string | null; result: { outcome?: string; allowed?: boolean; reason?: string } };
}

const forged = (i: number) => ({ "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": `198.51.100.${i + 101}`, "x-kotona-client-address": `203.0.113.${i + 1}` });

describe("client addresses with no trusted proxy (the default)", () => {
  it("sign-in attempts with forged X-Forwarded-For values share the socket's limit", async () => {
    const base = await start({ trustedProxies: 0, publicOrigin: null });
    const { email } = await createStaff(handle.db, { role: "caseworker", email: "forged@kotola.example", displayName: "F", password: "the-right-password-1" });
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await post(base, "/sign-in", { email, password: `wrong-password-${i}` }, forged(i));
      expect(answer.address).toBe("127.0.0.1");
      outcomes.push(answer.result.outcome!);
    }
    const free = SIGN_IN_LIMITS.pair.freeFailures;
    expect(outcomes).toEqual([...Array<string>(free).fill("invalid"), ...Array<string>(8 - free).fill("throttled")]);
    // The counters are the socket's, under keyed hashes; none for any forged address.
    const socketKeys = signInKeys(email, "127.0.0.1");
    const rows = await handle.db.select().from(signInThrottles).where(inArray(signInThrottles.key, [socketKeys.pair, socketKeys.address]));
    expect(rows.map((r) => [r.scope, r.failures]).sort()).toEqual([["address", free], ["pair", free]]);
    const forgedKeys = signInKeys(email, "198.51.100.1");
    expect(await handle.db.select().from(signInThrottles).where(inArray(signInThrottles.key, [forgedKeys.pair, forgedKeys.address]))).toEqual([]);
  });

  it("intake submissions with forged X-Forwarded-For values share the socket's limit, and a victim's quota is untouched", async () => {
    const base = await start({ trustedProxies: 0, publicOrigin: null });
    const draftId = await createDraft({ db: handle.db, locale: "fi" });
    const victim = "198.51.100.250";
    const answers = [];
    for (let i = 0; i < INTAKE_LIMIT + 2; i++) answers.push((await post(base, "/intake", { draftId }, { "x-forwarded-for": i % 2 ? victim : `198.51.100.${i + 1}` })).result);
    expect(answers.filter((a) => a.allowed)).toHaveLength(INTAKE_LIMIT);
    expect(answers.at(-1)).toMatchObject({ allowed: false, reason: "rate_limited" });
    // The victim's own allowance is whole.
    process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR = String(INTAKE_LIMIT);
    try {
      for (let i = 0; i < INTAKE_LIMIT; i++) expect(await consumeIntakeSubmission({ db: handle.db, address: victim, draftId })).toEqual({ allowed: true });
    } finally {
      delete process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR;
    }
  });

  it("a request without a draft uses no intake quota", async () => {
    // 127.0.0.1's quota is spent above: this client comes over the IPv6 loopback.
    const ipv6 = await start({ trustedProxies: 0, publicOrigin: null }, "::1");
    for (let i = 0; i < INTAKE_LIMIT * 3; i++) {
      const answer = await post(ipv6, "/intake", { draftId: i % 2 ? "not-a-draft" : undefined });
      expect(answer.address).toBe("::1");
      expect(answer.result).toEqual({ allowed: false, reason: "no_draft" });
    }
    const draftId = await createDraft({ db: handle.db, locale: "fi" });
    for (let i = 0; i < INTAKE_LIMIT; i++) expect((await post(ipv6, "/intake", { draftId })).result).toEqual({ allowed: true });
    expect((await post(ipv6, "/intake", { draftId })).result).toMatchObject({ allowed: false, reason: "rate_limited" });
  });
});

describe("client addresses behind one trusted proxy", () => {
  it("the hop the proxy appended is the client: rotating the entries left of it does not help, another client has its own limit", async () => {
    const base = await start({ trustedProxies: 1, publicOrigin: null });
    const { email } = await createStaff(handle.db, { role: "caseworker", email: "proxied@kotola.example", displayName: "P", password: "the-right-password-1" });
    const client = "192.0.2.44";
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      // What a client sent, then what the proxy appended.
      const answer = await post(base, "/sign-in", { email, password: `wrong-password-${i}` }, { "x-forwarded-for": `198.51.100.${i + 1}, ${client}` });
      expect(answer.address).toBe(client);
      outcomes.push(answer.result.outcome!);
    }
    expect(outcomes.filter((o) => o === "invalid")).toHaveLength(SIGN_IN_LIMITS.pair.freeFailures);
    expect(outcomes.at(-1)).toBe("throttled");
    // A person behind the same proxy at another address is not held back.
    const other = await post(base, "/sign-in", { email, password: "the-right-password-1" }, { "x-forwarded-for": "192.0.2.45" });
    expect(other).toMatchObject({ address: "192.0.2.45", result: { outcome: "signed_in" } });
    // Without X-Forwarded-For the request did not come through the proxy: the socket is the client.
    expect((await post(base, "/intake", {})).address).toBe("127.0.0.1");
  });

  it("intake submissions count per client behind the proxy", async () => {
    const base = await start({ trustedProxies: 1, publicOrigin: null });
    const draftId = await createDraft({ db: handle.db, locale: "fi" });
    const send = (client: string, i: number) => post(base, "/intake", { draftId }, { "x-forwarded-for": `203.0.113.${i}, ${client}` });
    for (let i = 0; i < INTAKE_LIMIT; i++) expect((await send("192.0.2.60", i)).result).toEqual({ allowed: true });
    expect((await send("192.0.2.60", 99)).result).toMatchObject({ allowed: false, reason: "rate_limited" });
    expect((await send("192.0.2.61", 1)).result).toEqual({ allowed: true });
  });
});
