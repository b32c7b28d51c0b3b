import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditTrailQuerySchema,
  clientLookupSchema,
  filterOfQuery,
  interpretClientLookup,
  isUnusualDayCount,
  keysetPage,
  minimumDayCount,
  nextDay,
  occurredWindow,
  queryOfFilter,
  unusualAccessKinds,
  unusualAccessList,
  unusualEventRules,
  unusualKindOfEvent,
  unusualWindowDays,
  viewBasisOf,
  type AuditCursor,
  type DayCount,
  type KeysetPage,
} from "./audit-view";
import { auditActions } from "./audit-actions";

const CLIENT = "5b0c1d9e-2f4a-4c1b-9b7e-0a1b2c3d4e5f";
const STAFF = "0f0e0d0c-0b0a-4908-8706-050403020100";

describe("the audit trail's filters", () => {
  it("read a full query string into a filter and a cursor", () => {
    const query = auditTrailQuerySchema.parse({ client: CLIENT, staff: STAFF, action: "client.viewed", from: "2026-03-01", to: "2026-03-31", before: "120" });
    expect(filterOfQuery(query)).toEqual({
      filter: { clientId: CLIENT, staffId: STAFF, action: "client.viewed", from: "2026-03-01", to: "2026-03-31" },
      cursor: { before: 120 },
    });
  });

  it("take an empty field for no filter, and the first of repeated parameters", () => {
    const query = auditTrailQuerySchema.parse({ client: "", staff: [STAFF, "x"], action: "", after: "7" });
    expect(filterOfQuery(query)).toEqual({ filter: { staffId: STAFF }, cursor: { after: 7 } });
    expect(filterOfQuery(auditTrailQuerySchema.parse({}))).toEqual({ filter: {}, cursor: null });
  });

  it.each([
    ["an action no one records", { action: "client.deleted" }, "action"],
    ["a client that is not an id", { client: "2026-000123" }, "client"],
    ["a date that does not exist", { from: "2026-02-30" }, "from"],
    ["a range ending before it starts", { from: "2026-03-02", to: "2026-03-01" }, "to"],
    ["a cursor that is not a seq", { before: "-1" }, "before"],
    ["both cursors", { before: "5", after: "3" }, "after"],
  ])("refuse %s", (_name, query, field) => {
    const parsed = auditTrailQuerySchema.safeParse(query);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it("accept every recorded action", () => {
    for (const action of auditActions) expect(auditTrailQuerySchema.safeParse({ action }).success, action).toBe(true);
  });

  it("round-trip through the query string the pager and the export link use", () => {
    const filter = { clientId: CLIENT, action: "client.viewed" as const, to: "2026-03-31" };
    const back = filterOfQuery(auditTrailQuerySchema.parse(Object.fromEntries(queryOfFilter(filter))));
    expect(back).toEqual({ filter, cursor: null });
  });

  it.each([
    // Winter: UTC+2; summer: UTC+3; the day the clocks go forward (29 March 2026) has 23 hours.
    ["a winter day", "2026-01-15", "2026-01-15", "2026-01-14T22:00:00.000Z", "2026-01-15T22:00:00.000Z"],
    ["a summer day", "2026-07-01", "2026-07-01", "2026-06-30T21:00:00.000Z", "2026-07-01T21:00:00.000Z"],
    ["the spring change", "2026-03-29", "2026-03-29", "2026-03-28T22:00:00.000Z", "2026-03-29T21:00:00.000Z"],
    ["the autumn change", "2026-10-25", "2026-10-25", "2026-10-24T21:00:00.000Z", "2026-10-25T22:00:00.000Z"],
    ["a year's end", "2026-12-31", "2026-12-31", "2026-12-30T22:00:00.000Z", "2026-12-31T22:00:00.000Z"],
  ])("cover whole Helsinki days: %s", (_name, from, to, start, end) => {
    const window = occurredWindow({ from, to });
    expect(window.from?.toISOString()).toBe(start);
    expect(window.until?.toISOString()).toBe(end);
  });

  it("leave an open end open", () => {
    expect(occurredWindow({})).toEqual({});
    expect(Object.keys(occurredWindow({ from: "2026-01-01" }))).toEqual(["from"]);
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
  });
});

describe("keyset paging on seq", () => {
  /** An independent oracle: the log as a sorted array, paged by index. */
  function oracle(all: number[], cursor: AuditCursor, size: number) {
    const newestFirst = [...all].sort((a, b) => b - a);
    let page: number[];
    if (!cursor) page = newestFirst.slice(0, size);
    else if ("before" in cursor) page = newestFirst.filter((seq) => seq < cursor.before).slice(0, size);
    else page = newestFirst.filter((seq) => seq > cursor.after).slice(-size);
    const newer = page.length > 0 && newestFirst.some((seq) => seq > page[0]!) ? page[0]! : null;
    const older = page.length > 0 && newestFirst.some((seq) => seq < page.at(-1)!) ? page.at(-1)! : null;
    return { page, newer, older };
  }

  /** What the database returns: `size + 1` in the cursor's direction. */
  function fetched(all: number[], cursor: AuditCursor, size: number): { seq: number }[] {
    if (cursor && "after" in cursor) return [...all].filter((seq) => seq > cursor.after).sort((a, b) => a - b).slice(0, size + 1).map((seq) => ({ seq }));
    const before = cursor && "before" in cursor ? cursor.before : Infinity;
    return [...all].filter((seq) => seq < before).sort((a, b) => b - a).slice(0, size + 1).map((seq) => ({ seq }));
  }

  it("walks the whole log older and back newer, each page agreeing with the oracle", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (all, size) => {
        const seen: number[] = [];
        let cursor: AuditCursor = null;
        const pages: AuditCursor[] = [];
        for (let guard = 0; guard < 100; guard += 1) {
          const page: KeysetPage<{ seq: number }> = keysetPage(fetched(all, cursor, size), cursor, size);
          const expected = oracle(all, cursor, size);
          expect(page.rows.map((row) => row.seq)).toEqual(expected.page);
          expect({ newer: page.newer, older: page.older }).toEqual({ newer: expected.newer, older: expected.older });
          seen.push(...page.rows.map((row) => row.seq));
          pages.push(cursor);
          if (page.older === null) break;
          cursor = { before: page.older };
        }
        expect(seen).toEqual([...all].sort((a, b) => b - a));
        // Back from the oldest page by "newer" links: the same pages in reverse.
        let back: AuditCursor = pages.at(-1) ?? null;
        let page: KeysetPage<{ seq: number }> = keysetPage(fetched(all, back, size), back, size);
        while (page.newer !== null) {
          back = { after: page.newer };
          page = keysetPage(fetched(all, back, size), back, size);
          expect(page.rows.map((row) => row.seq)).toEqual(oracle(all, back, size).page);
        }
        expect(page.rows.map((row) => row.seq)).toEqual([...all].sort((a, b) => b - a).slice(0, size));
      }),
    );
  });
});

describe("the client lookup", () => {
  it.each([
    ["an identity code, found through its keyed hash", { text: "131052-308T" }, { kind: "identityCode", code: "131052-308T" }],
    ["a client number", { text: "2026-000123" }, { kind: "clientNumber", clientNumber: "2026-000123" }],
    ["a name with a date of birth", { text: "Ahmed Hassan", dateOfBirth: "1990-05-01" }, { kind: "nameAndDateOfBirth", words: ["ahmed", "hassan"], dateOfBirth: "1990-05-01" }],
  ])("reads %s", (_name, input, expected) => {
    expect(interpretClientLookup(clientLookupSchema.parse(input))).toEqual(expected);
  });

  it.each([
    ["a name alone: the officer looks a person up, never browses", { text: "Hassan" }, "dateOfBirth", "nameNeedsDateOfBirth"],
    ["a date of birth alone", { text: "1.5.1990" }, "text", "lookupNeedsName"],
    ["nothing", { text: " " }, "text", "required"],
    ["a bad date", { text: "Hassan", dateOfBirth: "1990-02-30" }, "dateOfBirth", "invalidDate"],
  ])("refuses %s", (_name, input, field, message) => {
    const parsed = clientLookupSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(expect.objectContaining({ path: [field], message }));
  });
});

describe("unusual access worth a look", () => {
  const thresholds = { distinctClientsViewedPerDay: 25, failedSignInsPerDay: 5 };
  let seq = 0;
  const event = (action: string, details: Record<string, unknown> = {}, at = "2026-03-10T10:00:00Z") => ({
    seq: (seq += 1),
    occurredAt: new Date(at),
    action,
    details,
    actorId: STAFF,
    clientId: CLIENT,
  });

  it.each([
    ["a view of another caseworker's client, with the reason", event("client.viewed", { basis: "reason_given" }), "outside_caseload"],
    ["an identity-code reveal", event("client.identity_code_revealed"), "identity_code_revealed"],
    ["a reveal from a stored document", event("client.identity_code_revealed", { via: "disclosure_document" }), "identity_code_revealed"],
    ["a functional-capacity view", event("client.functional_capacity_viewed"), "functional_capacity_viewed"],
    ["a role coming into force", event("staff.role_changed", { from: "caseworker", to: "coordinator" }), "role_granted"],
    ["an account made with its role in force", event("staff.created", { grant: "direct", role: "admin" }), "role_granted"],
    ["a view of one's own client", event("client.viewed", { basis: "assigned" }), null],
    ["a coordinator's view", event("client.viewed", { basis: "coordinator" }), null],
    ["an account whose role waits for approval", event("staff.created", { grant: "pending" }), null],
    ["a request for a role, not yet in force", event("staff.role_grant_requested"), null],
    ["a note recorded", event("case.note_added"), null],
  ])("%s", (_name, candidate, kind) => {
    expect(unusualKindOfEvent(candidate)).toBe(kind);
  });

  it("every rule names a kind the list knows and an action that is recorded", () => {
    for (const rule of unusualEventRules) {
      expect(unusualAccessKinds).toContain(rule.kind);
      expect(auditActions).toContain(rule.action);
    }
  });

  it.each([
    ["many_clients_in_a_day", 25, false],
    ["many_clients_in_a_day", 26, true],
    ["repeated_failed_sign_ins", 4, false],
    ["repeated_failed_sign_ins", 5, true],
  ] as const)("a day of %s with %i is listed: %s", (kind, count, listed) => {
    expect(isUnusualDayCount(kind, count, thresholds)).toBe(listed);
    expect(count >= minimumDayCount(kind, thresholds)).toBe(listed);
  });

  it("lists flagged events and days newest first, and leaves out what the rules do not flag", () => {
    const events = [
      event("client.viewed", { basis: "reason_given" }, "2026-03-09T08:00:00Z"),
      event("client.viewed", { basis: "assigned" }, "2026-03-11T08:00:00Z"),
      event("client.identity_code_revealed", {}, "2026-03-12T08:00:00Z"),
    ];
    const dayCounts: DayCount[] = [
      { kind: "many_clients_in_a_day", actorId: STAFF, day: "2026-03-10", count: 40 },
      { kind: "many_clients_in_a_day", actorId: null, day: "2026-03-10", count: 20 },
      { kind: "repeated_failed_sign_ins", actorId: null, day: "2026-03-10", count: 9 },
    ];
    const list = unusualAccessList({ events, dayCounts, thresholds });
    expect(list.map((item) => [item.kind, item.at.toISOString()])).toEqual([
      ["identity_code_revealed", "2026-03-12T08:00:00.000Z"],
      ["many_clients_in_a_day", "2026-03-09T22:00:00.000Z"],
      ["repeated_failed_sign_ins", "2026-03-09T22:00:00.000Z"],
      ["outside_caseload", "2026-03-09T08:00:00.000Z"],
    ]);
  });

  it("reads the last 30 Helsinki days unless told which days", () => {
    expect(unusualWindowDays({}, new Date("2026-03-31T22:30:00Z"))).toEqual({ from: "2026-03-03", to: "2026-04-01" });
    expect(unusualWindowDays({ to: "2026-03-01" }, new Date())).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(unusualWindowDays({ from: "2026-01-01", to: "2026-01-02" }, new Date())).toEqual({ from: "2026-01-01", to: "2026-01-02" });
  });

  it("names the way a case was opened only when it is one of the known ones", () => {
    expect(viewBasisOf({ basis: "reason_given" })).toBe("reason_given");
    expect(viewBasisOf({ basis: "<script>" })).toBeNull();
    expect(viewBasisOf(null)).toBeNull();
  });
});
