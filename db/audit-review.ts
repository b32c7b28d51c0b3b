import "server-only";
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { ChainVerdict } from "@/lib/audit-chain";
import {
  DAY_COUNT_ACTIONS,
  minimumDayCount,
  occurredWindow,
  UNUSUAL_EVENTS_PER_KIND,
  unusualAccessList,
  unusualEventRules,
  type DayCount,
  type DayCountKind,
  type UnusualAccessKind,
  type UnusualAccessThresholds,
} from "@/lib/audit-view";
import { HELSINKI_TIME_ZONE } from "@/lib/helsinki-time";
import { recordAuditEvent } from "./audit";
import { verifyAuditChain } from "./audit-verify";
import { clientIdsShown, type AuditEntry } from "./audit-view";
import type { StaffActor } from "./client-access";
import type { Executor } from "./connection";
import { auditEvents, clients, staffUsers } from "./schema";

/**
 * The DPO's review of the trail (issue 11, deliverable 7): the unusual access worth a look, by the
 * rules in lib/audit-view.ts, and the chain's verification from the page. Both are audited.
 */

/** One rule of lib/audit-view.ts as a condition: its action, and each detail it requires. */
function ruleCondition(rule: (typeof unusualEventRules)[number]): SQL {
  const details = "details" in rule ? Object.entries(rule.details) : [];
  return and(eq(auditEvents.action, rule.action), ...details.map(([key, value]) => sql`${auditEvents.details} ->> ${key} = ${value}`))!;
}

const eventColumns = {
  seq: auditEvents.seq,
  occurredAt: auditEvents.occurredAt,
  action: auditEvents.action,
  actorId: auditEvents.actorId,
  actorName: staffUsers.displayName,
  actorRole: staffUsers.role,
  clientId: auditEvents.clientId,
  clientNumber: clients.clientNumber,
  reason: auditEvents.reason,
  details: auditEvents.details,
  requestId: auditEvents.requestId,
  hash: auditEvents.hash,
};

/**
 * The Helsinki calendar day of an event, as the lib's day counts name it. The zone is written into
 * the SQL (a constant, never input): as a parameter, the select's and the group's expressions would
 * differ and PostgreSQL refuses the grouping.
 */
const helsinkiDay = sql<string>`to_char(${auditEvents.occurredAt} at time zone ${sql.raw(`'${HELSINKI_TIME_ZONE}'`)}, 'YYYY-MM-DD')`;

async function dayCounts(db: Executor, kind: DayCountKind, within: SQL[], thresholds: UnusualAccessThresholds): Promise<DayCount[]> {
  // Distinct clients for the many-clients rule; every failure for the sign-in rule.
  const counted = kind === "many_clients_in_a_day" ? sql<number>`count(distinct ${auditEvents.clientId})` : sql<number>`count(*)`;
  const rows = await db
    .select({ actorId: auditEvents.actorId, day: helsinkiDay, count: counted.mapWith(Number) })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, DAY_COUNT_ACTIONS[kind]), ...within))
    .groupBy(auditEvents.actorId, helsinkiDay)
    .having(sql`${counted} >= ${minimumDayCount(kind, thresholds)}`);
  return rows.map((row) => ({ kind, ...row }));
}

export interface UnusualAccessReview {
  items: ReturnType<typeof unusualAccessList<AuditEntry>>;
  /** Kinds with more events than listed (the newest UNUSUAL_EVENTS_PER_KIND are). */
  truncated: UnusualAccessKind[];
  /** Names of the staff the day counts name. */
  staffNames: Record<string, string>;
}

/**
 * Unusual access in the given Helsinki days (optionally one staff member's): the events the rules
 * flag, newest first per kind, and the day counts at or above the settings' thresholds.
 */
export async function reviewUnusualAccess({
  db,
  days,
  staffId,
  thresholds,
}: {
  db: Executor;
  days: { from: string; to: string };
  staffId?: string;
  thresholds: UnusualAccessThresholds;
}): Promise<UnusualAccessReview> {
  const window = occurredWindow(days);
  const within: SQL[] = [gte(auditEvents.occurredAt, window.from!), lt(auditEvents.occurredAt, window.until!)];
  if (staffId) within.push(eq(auditEvents.actorId, staffId));

  const kinds = [...new Set(unusualEventRules.map((rule) => rule.kind))];
  const truncated: UnusualAccessKind[] = [];
  const events: AuditEntry[] = [];
  for (const kind of kinds) {
    const rules = unusualEventRules.filter((rule) => rule.kind === kind).map(ruleCondition);
    const rows = await db
      .select(eventColumns)
      .from(auditEvents)
      .leftJoin(staffUsers, eq(staffUsers.id, auditEvents.actorId))
      .leftJoin(clients, eq(clients.id, auditEvents.clientId))
      .where(and(or(...rules), ...within))
      // seq + 0: collect the window through its index, then sort (see db/audit-view.ts pageSeqs).
      .orderBy(desc(sql`${auditEvents.seq} + 0`))
      .limit(UNUSUAL_EVENTS_PER_KIND + 1);
    if (rows.length > UNUSUAL_EVENTS_PER_KIND) truncated.push(kind);
    events.push(...rows.slice(0, UNUSUAL_EVENTS_PER_KIND));
  }
  const counts = [
    ...(await dayCounts(db, "many_clients_in_a_day", within, thresholds)),
    ...(await dayCounts(db, "repeated_failed_sign_ins", within, thresholds)),
  ];
  const actorIds = [...new Set(counts.map((count) => count.actorId).filter((id): id is string => id !== null))];
  const names = actorIds.length
    ? await db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(inArray(staffUsers.id, actorIds))
    : [];
  return {
    items: unusualAccessList({ events, dayCounts: counts, thresholds }),
    truncated,
    staffNames: Object.fromEntries(names.map((row) => [row.id, row.name])),
  };
}

/** The list for the DPO's page; the look is audited with the days and the clients it showed. */
export async function viewUnusualAccess({
  db,
  actor,
  days,
  staffId,
  thresholds,
}: {
  db: Executor;
  actor: StaffActor;
  days: { from: string; to: string };
  staffId?: string;
  thresholds: UnusualAccessThresholds;
}): Promise<UnusualAccessReview> {
  const review = await reviewUnusualAccess({ db, days, staffId, thresholds });
  const events = review.items.flatMap((item) => ("event" in item ? [item.event] : []));
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "audit.viewed",
    details: { view: "unusual", days, ...(staffId ? { staffId } : {}), rows: review.items.length, clientIds: clientIdsShown(events) },
    requestId: actor.requestId,
  });
  return review;
}

/** The newest event of the chain: its seq, time and hash, read without verifying. */
export async function auditChainHead({ db }: { db: Executor }): Promise<{ seq: number; occurredAt: Date; hash: string } | null> {
  const [head] = await db
    .select({ seq: auditEvents.seq, occurredAt: auditEvents.occurredAt, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return head ?? null;
}

/**
 * Verifies the whole chain for the DPO (db/audit-verify.ts, as `npm run audit:verify` does) and
 * records that it was done, with the verdict: how many events, the head's seq and hash, or where the
 * chain breaks. The event comes after the head it reports, so the next check covers it too.
 */
export async function verifyAuditChainForDpo({ db, actor }: { db: Executor; actor: StaffActor }): Promise<ChainVerdict> {
  const verdict = await verifyAuditChain({ db });
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "audit.chain_verified",
    details: verdict.ok
      ? { ok: true, count: verdict.count, headHash: verdict.lastHash }
      : { ok: false, count: verdict.count, brokenSeq: verdict.brokenSeq, problem: verdict.problem },
    requestId: actor.requestId,
  });
  return verdict;
}
