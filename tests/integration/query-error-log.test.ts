import { randomBytes, randomUUID } from "node:crypto";
import { Console } from "node:console";
import { Writable } from "node:stream";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/connection";
import { createWalkInClient } from "@/db/client-details";
import type { StaffActor } from "@/db/client-access";
import { QueryError } from "@/db/query-error";
import { actorOf, createStaff } from "@/demo/factories/staff";
import { clientNumberCounters } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { helsinkiDate } from "@/lib/helsinki-time";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";
import { walkInClientSchema } from "@/lib/validations/client-details";
import { createTestDatabase, testBackend, type TestDatabaseHandle } from "../helpers/database";

/**
 * A failed query is logged with its error code and the query's name, never with its parameters
 * (security review, issue 9 point 11). Next.js writes an uncaught error from a server action with
 * console.error; these tests write the error the data layer throws the same way (and in the other
 * ways loggers render errors) and look for every value the query carried.
 */

/** Letters only, unique per call, so a hit in the log can only come from this test's input. */
function tag(): string {
  return [...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

/** Every rendering of `error` a log could hold. */
function renderings(error: unknown): string[] {
  let written = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString("utf8");
      done();
    },
  });
  // The same formatting as console.error, which Next.js uses for an uncaught server action error.
  new Console({ stdout: sink, stderr: sink }).error(error);
  new Console({ stdout: sink, stderr: sink }).error("Error: %s", error);
  const chain: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push(e.message, e.stack ?? "", JSON.stringify(e), String(e));
  return [written, inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error), ...chain];
}

function leaks(error: unknown, values: string[]): string[] {
  const text = renderings(error).join("\n");
  return values.filter((value) => text.includes(value));
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the write to fail");
    },
    (error: unknown) => error,
  );
}

describe(`a failed query's log on ${testBackend()}`, () => {
  let handle: TestDatabaseHandle;
  let db: Database;
  let caseworker: StaffActor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    caseworker = actorOf(await createStaff(db, { role: "caseworker", displayName: "Caseworker" }), { sessionId: `session-${randomUUID()}`, requestId: `req-${tag()}` });
  });
  afterAll(async () => handle?.close());

  it("a unique violation in the walk-in registration (a server action's data path) names its code, query and constraint, and no value", async () => {
    const walkIn = (marker: string, individualNumber: number) =>
      walkInClientSchema.parse({
        firstNames: `Amina ${marker}`,
        lastName: `Esimerkki${marker}`,
        dateOfBirth: "1987-06-15",
        personalIdentityCode: formatPersonalIdentityCode({ dateOfBirth: "1987-06-15", individualNumber }),
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
        writtenConsentDate: helsinkiDate(new Date(Date.now() - 2 * 86_400_000)),
        paperReference: `PAPERI-${marker}`,
      });
    await createWalkInClient({ db, actor: caseworker, input: walkIn(tag(), 271) });
    // The year's counter falls back by one, so the next client gets a number already taken.
    await db.update(clientNumberCounters).set({ last: sql`${clientNumberCounters.last} - 1` });

    const marker = tag();
    const input = walkIn(marker, 272);
    const error = await rejectionOf(createWalkInClient({ db, actor: caseworker, input }));

    expect(error).toBeInstanceOf(QueryError);
    // The code that handles a unique violation still finds its code and constraint.
    expect(error).toMatchObject({ code: "23505", constraint: "clients_client_number_unique", table: "clients" });
    expect((error as QueryError).queryName).toMatch(/^insert clients#[0-9a-f]{8}$/);
    expect((error as Error).cause).toMatchObject({ code: "23505", constraint: "clients_client_number_unique" });
    const logged = renderings(error)[0]!;
    expect(logged).toContain("23505 unique_violation");
    expect(logged).toMatch(/insert clients#[0-9a-f]{8}/);
    expect(logged).toContain("clients_client_number_unique");
    expect(logged).toMatch(/\n\s+at /); // the stack (frames) is still there to find the caller

    const values = [
      marker,
      input.firstNames,
      input.lastName,
      input.email!,
      input.phone!,
      input.streetAddress!,
      input.personalIdentityCode!,
      input.paperReference!,
      "1987-06-15",
    ];
    expect(leaks(error, values)).toEqual([]);
    // Neither the row (detail) nor the number already taken (the key's value) is logged.
    expect(renderings(error).join("\n")).not.toMatch(/Key \(|Failing row|params:/);
  });

  it("a check violation drops the failing row; a data exception withholds the message that quotes the input", async () => {
    const secret = `Henkilö ${tag()}`;
    // The audit table's check on the hash version; the row it refuses carries a reason.
    const failed = await rejectionOf(
      db.execute(sql`insert into audit_events (seq, occurred_at, action, details, reason, prev_hash, hash, hash_version)
        values (999999, now(), 'client.viewed', '{}'::jsonb, ${secret}, 'x', 'y', 7)`),
    );
    expect(failed).toBeInstanceOf(QueryError);
    expect(failed).toMatchObject({ code: "23514", constraint: "audit_events_hash_version_known" });
    expect(renderings(failed)[0]).toContain("23514 check_violation");
    expect(leaks(failed, [secret])).toEqual([]);

    const notAUuid = `${tag()}-not-a-uuid`;
    const invalid = await rejectionOf(db.execute(sql`select ${notAUuid}::uuid`));
    expect(invalid).toMatchObject({ code: "22P02" });
    expect(renderings(invalid)[0]).toContain("22P02 invalid_text_representation");
    expect(renderings(invalid)[0]).toContain('invalid input syntax for type uuid: "…" (value withheld)');
    expect(leaks(invalid, [notAUuid])).toEqual([]);
  });
});
