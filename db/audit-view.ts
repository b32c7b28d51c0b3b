import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, like, lt, sql, type SQL } from "drizzle-orm";
import {
  AUDIT_EXPORT_LIMIT,
  AUDIT_PAGE_SIZE,
  interpretClientLookup,
  keysetPage,
  MAX_LOOKUP_RESULTS,
  occurredWindow,
  type AuditCursor,
  type AuditTrailFilter,
  type ClientLookupInput,
  type KeysetPage,
} from "@/lib/audit-view";
import { containsPattern } from "@/lib/client-search";
import { lookupHash } from "@/lib/crypto";
import { recordAuditEvent } from "./audit";
import type { StaffActor } from "./client-access";
import type { Executor } from "./connection";
import { auditEvents, clients, staffUsers } from "./schema";

/**
 * The data protection officer's audit view (issue 11, deliverable 7): the trail filtered and paged
 * newest first by seq (lib/audit-view.ts holds the filters' shape and the paging rule), the client
 * lookup, the per-client and per-staff pages and the CSV export. Every read the officer makes is
 * itself an audit event (`audit.viewed`, or `export.created` for the file), naming the clients it
 * showed by id, as every other list does. The unusual-access list and the chain check are in
 * db/audit-review.ts.
 */

export interface AuditEntry {
  seq: number;
  occurredAt: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  clientId: string | null;
  clientNumber: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  hash: string;
}

/** Events that listed the client among those a search or list showed (served by audit_events_listed_clients_idx). */
function listedClient(clientId: string): SQL {
  return sql`(${auditEvents.details} ? 'clientIds' and ${auditEvents.details} -> 'clientIds' ? ${clientId})`;
}

function commonConditions(filter: AuditTrailFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.staffId) conditions.push(eq(auditEvents.actorId, filter.staffId));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  const window = occurredWindow(filter);
  if (window.from) conditions.push(gte(auditEvents.occurredAt, window.from));
  if (window.until) conditions.push(lt(auditEvents.occurredAt, window.until));
  return conditions;
}

function keysetCondition(cursor: AuditCursor): SQL | undefined {
  if (!cursor) return undefined;
  return "before" in cursor ? lt(auditEvents.seq, cursor.before) : gt(auditEvents.seq, cursor.after);
}

/**
 * The seqs of one page (or of an export's chunk), `limit` of them in the cursor's direction. A client
 * filter is two lookups, each through its own index, merged here: one `or` made the planner walk the
 * whole log backwards. Where the rows sit is what the order has to follow: with a date range, or for
 * the listed-client lookup, the planner takes the rows to be spread evenly over seq and walks the
 * primary key from the newest event, which for a range in the past reads every newer event; ordering
 * by `seq + 0` (the same order, but no index's) makes it collect the matches through their index and
 * sort them (EXPLAIN on 1 000 000 events: 80–230 ms down to a few ms; see bench:access-report).
 */
async function pageSeqs(db: Executor, filter: AuditTrailFilter, cursor: AuditCursor, limit: number): Promise<number[]> {
  const ascending = Boolean(cursor && "after" in cursor);
  const dated = Boolean(filter.from || filter.to);
  const branches: { where: SQL | undefined; collect: boolean }[] = filter.clientId
    ? [
        { where: eq(auditEvents.clientId, filter.clientId), collect: dated },
        { where: listedClient(filter.clientId), collect: true },
      ]
    : [{ where: undefined, collect: dated }];
  const found = new Set<number>();
  for (const branch of branches) {
    const order = branch.collect ? sql`${auditEvents.seq} + 0` : auditEvents.seq;
    const rows = await db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(branch.where, ...commonConditions(filter), keysetCondition(cursor)))
      .orderBy(ascending ? asc(order) : desc(order))
      .limit(limit);
    for (const row of rows) found.add(row.seq);
  }
  return [...found].sort((a, b) => (ascending ? a - b : b - a)).slice(0, limit);
}

/** The events of these seqs with the staff member's name and the client's number, newest first. */
async function entriesOf(db: Executor, seqs: readonly number[]): Promise<AuditEntry[]> {
  if (seqs.length === 0) return [];
  return db
    .select({
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
    })
    .from(auditEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, auditEvents.actorId))
    .leftJoin(clients, eq(clients.id, auditEvents.clientId))
    .where(inArray(auditEvents.seq, [...seqs]))
    .orderBy(desc(auditEvents.seq));
}

/** One page of the trail, newest first. Not audited: the views below are; the benchmark times this. */
export async function readAuditTrail({
  db,
  filter,
  cursor = null,
  pageSize = AUDIT_PAGE_SIZE,
}: {
  db: Executor;
  filter: AuditTrailFilter;
  cursor?: AuditCursor;
  pageSize?: number;
}): Promise<KeysetPage<AuditEntry>> {
  const seqs = await pageSeqs(db, filter, cursor, pageSize + 1);
  const entries = await entriesOf(db, seqs);
  // entriesOf reads newest first; keysetPage expects the fetch order.
  return keysetPage(cursor && "after" in cursor ? entries.reverse() : entries, cursor, pageSize);
}

/** The clients an event list names: the event's own and those a search or list showed. */
export function clientIdsShown(entries: readonly AuditEntry[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    if (entry.clientId) ids.add(entry.clientId);
    const listed = entry.details.clientIds;
    if (Array.isArray(listed)) for (const id of listed) if (typeof id === "string") ids.add(id);
  }
  return [...ids];
}

type View = "trail" | "client" | "staff";

async function viewTrail(db: Executor, actor: StaffActor, view: View, filter: AuditTrailFilter, cursor: AuditCursor) {
  const page = await readAuditTrail({ db, filter, cursor });
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "audit.viewed",
    // The per-client page is itself a look at that client: it shows in their own history.
    clientId: view === "client" ? (filter.clientId ?? null) : null,
    details: { view, filter: { ...filter }, cursor, rows: page.rows.length, clientIds: clientIdsShown(page.rows) },
    requestId: actor.requestId,
  });
  return page;
}

/** The register's trail for the DPO, filtered and paged; the look is audited. */
export async function viewAuditTrail({ db, actor, filter, cursor }: { db: Executor; actor: StaffActor; filter: AuditTrailFilter; cursor: AuditCursor }) {
  return viewTrail(db, actor, "trail", filter, cursor);
}

export interface AuditedClient {
  id: string;
  clientNumber: string;
  firstNames: string;
  lastName: string;
  dateOfBirth: string | null;
  status: string;
}

const auditedClientColumns = {
  id: clients.id,
  clientNumber: clients.clientNumber,
  firstNames: clients.firstNames,
  lastName: clients.lastName,
  dateOfBirth: clients.dateOfBirth,
  status: clients.status,
};

/** The client as the audit pages name it, or null when it is no longer in the register. */
export async function auditedClient({ db, clientId }: { db: Executor; clientId: string }): Promise<AuditedClient | null> {
  const [client] = await db.select(auditedClientColumns).from(clients).where(eq(clients.id, clientId));
  return client ?? null;
}

/**
 * "Who looked, when and why" for one client: every event about the client or that showed it in a
 * list, with the staff member, the way the case was opened and the reason stated. The client may be
 * gone from the register (erased): the log outlives it, and the page shows the id.
 */
export async function viewClientAuditHistory({
  db,
  actor,
  clientId,
  filter,
  cursor,
}: {
  db: Executor;
  actor: StaffActor;
  clientId: string;
  filter: Omit<AuditTrailFilter, "clientId">;
  cursor: AuditCursor;
}): Promise<{ client: AuditedClient | null; page: KeysetPage<AuditEntry> }> {
  const client = await auditedClient({ db, clientId });
  const page = await viewTrail(db, actor, "client", { ...filter, clientId }, cursor);
  return { client, page };
}

export interface AuditedStaffMember {
  id: string;
  displayName: string;
  email: string;
  role: string | null;
  disabledAt: Date | null;
}

/** One staff member's activity: every event they caused, filtered and paged; the look is audited. */
export async function viewStaffActivity({
  db,
  actor,
  staffId,
  filter,
  cursor,
}: {
  db: Executor;
  actor: StaffActor;
  staffId: string;
  filter: Omit<AuditTrailFilter, "staffId">;
  cursor: AuditCursor;
}): Promise<{ member: AuditedStaffMember | null; page: KeysetPage<AuditEntry> }> {
  const [member] = await db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName, email: staffUsers.email, role: staffUsers.role, disabledAt: staffUsers.disabledAt })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  const page = await viewTrail(db, actor, "staff", { ...filter, staffId }, cursor);
  return { member: member ?? null, page };
}

/** Rows read per query while exporting: bounded memory and parameters per query. */
const EXPORT_CHUNK = 5_000;

/**
 * Every event the filter matches, newest first, up to AUDIT_EXPORT_LIMIT (read in chunks by the
 * same keyset as the pages), for the CSV export; audited as an export with the filter and the count.
 */
export async function exportAuditTrail({ db, actor, filter }: { db: Executor; actor: StaffActor; filter: AuditTrailFilter }): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: AuditCursor = null;
  while (entries.length < AUDIT_EXPORT_LIMIT) {
    const seqs = await pageSeqs(db, filter, cursor, Math.min(EXPORT_CHUNK, AUDIT_EXPORT_LIMIT - entries.length));
    entries.push(...(await entriesOf(db, seqs)));
    const last = seqs.at(-1);
    if (last === undefined || seqs.length < EXPORT_CHUNK) break;
    cursor = { before: last };
  }
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "export.created",
    details: { kind: "audit_trail", filter: { ...filter }, rows: entries.length, truncated: entries.length >= AUDIT_EXPORT_LIMIT },
    requestId: actor.requestId,
  });
  return entries;
}

/**
 * The DPO's client lookup (lib/audit-view.ts clientLookupSchema): an identity code through its
 * keyed hash, a client number, or name words with a date of birth, as client search matches them.
 * The look is audited with the kind of lookup and the clients found, never the text.
 */
export async function findClientsForAudit({ db, actor, input }: { db: Executor; actor: StaffActor; input: ClientLookupInput }): Promise<AuditedClient[]> {
  const lookup = interpretClientLookup(input);
  if (!lookup) return [];
  const conditions: SQL[] =
    lookup.kind === "identityCode"
      ? [eq(clients.personalIdentityCodeHash, lookupHash(lookup.code))]
      : lookup.kind === "clientNumber"
        ? [eq(clients.clientNumber, lookup.clientNumber)]
        : [eq(clients.dateOfBirth, lookup.dateOfBirth), ...lookup.words.map((word) => like(clients.searchName, containsPattern(word)))];
  const found = await db
    .select(auditedClientColumns)
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(clients.lastName), asc(clients.firstNames), asc(clients.id))
    .limit(MAX_LOOKUP_RESULTS);
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "audit.viewed",
    details: { view: "client_lookup", kind: lookup.kind, total: found.length, clientIds: found.map((client) => client.id) },
    requestId: actor.requestId,
  });
  return found;
}

/** Everyone who may appear as the actor of an event, for the staff filter: every account, disabled ones too. */
export async function staffForAuditFilter({ db }: { db: Executor }) {
  return db
    .select({ id: staffUsers.id, displayName: staffUsers.displayName, role: staffUsers.role })
    .from(staffUsers)
    .orderBy(asc(staffUsers.displayName), asc(staffUsers.id));
}
