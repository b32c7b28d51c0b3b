import { z } from "zod";
import { auditActions, type AuditAction } from "./audit-actions";
import { interpretSearchText } from "./client-search";
import { idField } from "./forms/fields";
import { helsinkiDate, helsinkiStartOfDay, isIsoDate } from "./helsinki-time";
import type { RegisterSettings } from "./register-settings";

/**
 * The data protection officer's audit view (DESIGN.md rule 5, Act 906/2019 §17: the log is there to
 * be read): the shape of its filters, its keyset paging on seq, how a client is looked up, and what
 * counts as unusual access worth a look. Pure; db/audit-view.ts runs the queries.
 */

// ---------------------------------------------------------------------------------------------
// Filters

export interface AuditTrailFilter {
  /** Events about the client, or that listed it among the clients a search or list showed. */
  clientId?: string;
  /** Events the staff member caused. */
  staffId?: string;
  action?: AuditAction;
  /** Helsinki calendar days, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
}

/** Keyset paging on seq, newest first: `before` reads older events, `after` newer ones. */
export type AuditCursor = { before: number } | { after: number } | null;

export const AUDIT_PAGE_SIZE = 50;
/** The CSV export's ceiling: years of a municipality's events for one client or staff member. */
export const AUDIT_EXPORT_LIMIT = 100_000;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((value) => first(value) || undefined, schema.optional());
const seqParam = optionalParam(z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER));

/**
 * The query string of the audit pages and of the CSV export. Codes are message keys. A date range
 * whose end comes before its start is refused rather than read as empty, so a typo is noticed.
 */
export const auditTrailQuerySchema = z
  .object({
    client: optionalParam(idField),
    staff: optionalParam(idField),
    action: optionalParam(z.enum(auditActions, { error: "chooseFromList" })),
    from: optionalParam(z.string().refine(isIsoDate, "invalidDate")),
    to: optionalParam(z.string().refine(isIsoDate, "invalidDate")),
    before: seqParam,
    after: seqParam,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "toBeforeFrom", path: ["to"] })
  .refine((query) => query.before === undefined || query.after === undefined, { message: "invalid", path: ["after"] });

export type AuditTrailQuery = z.output<typeof auditTrailQuerySchema>;

export function filterOfQuery(query: AuditTrailQuery): { filter: AuditTrailFilter; cursor: AuditCursor } {
  const filter: AuditTrailFilter = {};
  if (query.client) filter.clientId = query.client;
  if (query.staff) filter.staffId = query.staff;
  if (query.action) filter.action = query.action;
  if (query.from) filter.from = query.from;
  if (query.to) filter.to = query.to;
  const cursor = query.before !== undefined ? { before: query.before } : query.after !== undefined ? { after: query.after } : null;
  return { filter, cursor };
}

/** The filter as query-string pairs (no cursor): for the pager's links and the export link. */
export function queryOfFilter(filter: AuditTrailFilter): [string, string][] {
  const pairs: [string, string | undefined][] = [
    ["client", filter.clientId],
    ["staff", filter.staffId],
    ["action", filter.action],
    ["from", filter.from],
    ["to", filter.to],
  ];
  return pairs.filter((pair): pair is [string, string] => Boolean(pair[1]));
}

/** The Helsinki calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const next = new Date(`${date}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The instants a filter's Helsinki days cover: from the start of `from` up to the start of the day after `to`. */
export function occurredWindow(filter: Pick<AuditTrailFilter, "from" | "to">): { from?: Date; until?: Date } {
  return {
    ...(filter.from ? { from: helsinkiStartOfDay(filter.from) } : {}),
    ...(filter.to ? { until: helsinkiStartOfDay(nextDay(filter.to)) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Keyset paging

export interface KeysetPage<T> {
  /** Newest first. */
  rows: T[];
  /** The cursor of the newer page (`after`), or null when this is the newest. */
  newer: number | null;
  /** The cursor of the older page (`before`), or null when this is the oldest. */
  older: number | null;
}

/**
 * One page from rows read with a limit of `pageSize + 1` in the cursor's direction (newest first
 * for `before` and for no cursor, oldest first for `after`): the extra row only tells that there is
 * more that way. A cursor came from a page that had rows on its other side, so that side is known.
 */
export function keysetPage<T extends { seq: number }>(fetched: readonly T[], cursor: AuditCursor, pageSize: number): KeysetPage<T> {
  const more = fetched.length > pageSize;
  const kept = fetched.slice(0, pageSize);
  const rows = cursor && "after" in cursor ? [...kept].reverse() : kept;
  const newest = rows[0]?.seq ?? null;
  const oldest = rows.at(-1)?.seq ?? null;
  if (!cursor) return { rows, newer: null, older: more ? oldest : null };
  if ("before" in cursor) return { rows, newer: newest, older: more ? oldest : null };
  return { rows, newer: more ? newest : null, older: oldest };
}

// ---------------------------------------------------------------------------------------------
// Finding the client the DPO asks about

export const MAX_LOOKUP_RESULTS = 20;

/**
 * The DPO's client lookup: an identity code (through its keyed hash), a client number, or a name
 * together with a date of birth, as client search reads them (lib/client-search.ts). A name alone
 * is refused: the officer looks up the person a request or a question is about, not browses.
 * Posted, never in a URL, because it may hold an identity code.
 */
export const clientLookupSchema = z
  .object({
    text: z.string().trim().min(1, "required").max(200, "too_long"),
    dateOfBirth: optionalParam(z.string().refine(isIsoDate, "invalidDate")),
  })
  .superRefine((input, ctx) => {
    const kind = interpretSearchText(input.text).kind;
    if (kind === "name" && !input.dateOfBirth) ctx.addIssue({ code: "custom", message: "nameNeedsDateOfBirth", path: ["dateOfBirth"] });
    if (kind === "dateOfBirth") ctx.addIssue({ code: "custom", message: "lookupNeedsName", path: ["text"] });
  });

export type ClientLookupInput = z.output<typeof clientLookupSchema>;

export type ClientLookup =
  | { kind: "identityCode"; code: string }
  | { kind: "clientNumber"; clientNumber: string }
  | { kind: "nameAndDateOfBirth"; words: string[]; dateOfBirth: string };

/** What a valid lookup asks for (the schema has refused the rest). */
export function interpretClientLookup(input: ClientLookupInput): ClientLookup | null {
  const text = interpretSearchText(input.text);
  if (text.kind === "identityCode") return { kind: "identityCode", code: text.code };
  if (text.kind === "clientNumber") return { kind: "clientNumber", clientNumber: text.clientNumber };
  if (text.kind === "name" && input.dateOfBirth) return { kind: "nameAndDateOfBirth", words: text.words, dateOfBirth: input.dateOfBirth };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Unusual access worth a look

export const unusualAccessKinds = [
  /** A caseworker opened a client outside their caseload, with the reason they gave. */
  "outside_caseload",
  /** One staff member viewed more distinct clients in a day than the settings' threshold. */
  "many_clients_in_a_day",
  "identity_code_revealed",
  "functional_capacity_viewed",
  /** Failed sign-ins of one account (or of unknown emails) in a day, at or above the threshold. */
  "repeated_failed_sign_ins",
  /** A role came into force or changed. */
  "role_granted",
] as const;

export type UnusualAccessKind = (typeof unusualAccessKinds)[number];

/**
 * The kinds that one event makes: its action and, where it matters, values its details must hold
 * (db/audit-view.ts turns the same rules into the query's conditions).
 */
export const unusualEventRules = [
  { kind: "outside_caseload", action: "client.viewed", details: { basis: "reason_given" } },
  { kind: "identity_code_revealed", action: "client.identity_code_revealed" },
  { kind: "functional_capacity_viewed", action: "client.functional_capacity_viewed" },
  // A client-data role comes into force only by a second person's approval; every change in force,
  // approved or direct, is one staff.role_changed, and an account made with its role in force
  // (the command line, or a role without client data) is a direct grant.
  { kind: "role_granted", action: "staff.role_changed" },
  { kind: "role_granted", action: "staff.created", details: { grant: "direct" } },
] as const satisfies readonly { kind: UnusualAccessKind; action: AuditAction; details?: Record<string, string> }[];

export type UnusualEventRule = (typeof unusualEventRules)[number];

/** The kind one event makes, or null when the event alone is not unusual. */
export function unusualKindOfEvent(event: { action: string; details: Record<string, unknown> | null }): UnusualAccessKind | null {
  for (const rule of unusualEventRules) {
    if (event.action !== rule.action) continue;
    if ("details" in rule && !Object.entries(rule.details).every(([key, value]) => event.details?.[key] === value)) continue;
    return rule.kind;
  }
  return null;
}

/** The actions of the day-count kinds. */
export const DAY_COUNT_ACTIONS = { many_clients_in_a_day: "client.viewed", repeated_failed_sign_ins: "auth.sign_in_failed" } as const satisfies Partial<Record<UnusualAccessKind, AuditAction>>;

export type DayCountKind = keyof typeof DAY_COUNT_ACTIONS;

export type UnusualAccessThresholds = RegisterSettings["auditReview"];

/**
 * The smallest count in one Helsinki day that is listed: more distinct clients viewed than the
 * threshold ("above"), and failed sign-ins from the threshold on ("repeated").
 */
export function minimumDayCount(kind: DayCountKind, thresholds: UnusualAccessThresholds): number {
  return kind === "many_clients_in_a_day" ? thresholds.distinctClientsViewedPerDay + 1 : thresholds.failedSignInsPerDay;
}

export function isUnusualDayCount(kind: DayCountKind, count: number, thresholds: UnusualAccessThresholds): boolean {
  return count >= minimumDayCount(kind, thresholds);
}

/** The list reads this many days back from today unless the officer chooses the days. */
export const UNUSUAL_DEFAULT_DAYS = 30;
/** Per single-event kind, the newest this many; the page says when there are more. */
export const UNUSUAL_EVENTS_PER_KIND = 200;

/** The days the unusual list covers: the filter's, or the last UNUSUAL_DEFAULT_DAYS days up to today. */
export function unusualWindowDays(filter: Pick<AuditTrailFilter, "from" | "to">, now: Date): { from: string; to: string } {
  const to = filter.to ?? helsinkiDate(now);
  if (filter.from) return { from: filter.from, to };
  const start = new Date(`${to}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (UNUSUAL_DEFAULT_DAYS - 1));
  return { from: start.toISOString().slice(0, 10), to };
}

interface UnusualEvent {
  seq: number;
  occurredAt: Date;
  action: string;
  details: Record<string, unknown> | null;
  actorId: string | null;
  clientId: string | null;
}

export interface DayCount {
  kind: DayCountKind;
  actorId: string | null;
  /** Helsinki calendar day. */
  day: string;
  count: number;
}

export type UnusualAccessItem<E extends UnusualEvent> =
  | { kind: Exclude<UnusualAccessKind, DayCountKind>; at: Date; event: E }
  | { kind: DayCountKind; at: Date; dayCount: DayCount };

/**
 * The list, newest first: each event under the kind it makes, each day count at or above its
 * threshold; events and counts the rules do not flag are left out, so the queries may read wider.
 */
export function unusualAccessList<E extends UnusualEvent>({
  events,
  dayCounts,
  thresholds,
}: {
  events: readonly E[];
  dayCounts: readonly DayCount[];
  thresholds: UnusualAccessThresholds;
}): UnusualAccessItem<E>[] {
  const items: UnusualAccessItem<E>[] = [];
  for (const event of events) {
    const kind = unusualKindOfEvent(event);
    if (kind && kind !== "many_clients_in_a_day" && kind !== "repeated_failed_sign_ins") items.push({ kind, at: event.occurredAt, event });
  }
  for (const dayCount of dayCounts) {
    // A day is listed at its start; within one day the bigger count first.
    if (isUnusualDayCount(dayCount.kind, dayCount.count, thresholds)) items.push({ kind: dayCount.kind, at: helsinkiStartOfDay(dayCount.day), dayCount });
  }
  const weight = (item: UnusualAccessItem<E>) => ("dayCount" in item ? item.dayCount.count : 0);
  return items.sort((a, b) => b.at.getTime() - a.at.getTime() || weight(b) - weight(a) || seqOf(b) - seqOf(a));
}

function seqOf(item: UnusualAccessItem<UnusualEvent>): number {
  return "event" in item ? item.event.seq : 0;
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Ways a client was opened (details.basis of client.viewed, lib/auth/client-access.ts). */
export const viewBases = ["assigned", "unassigned", "coordinator", "reason_given"] as const;
export type ViewBasis = (typeof viewBases)[number];

export function viewBasisOf(details: Record<string, unknown> | null): ViewBasis | null {
  const basis = details?.basis;
  return typeof basis === "string" && (viewBases as readonly string[]).includes(basis) ? (basis as ViewBasis) : null;
}
