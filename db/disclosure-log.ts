import "server-only";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { helsinkiStartOfDay } from "@/lib/helsinki-time";
import { recordAuditEvent } from "./audit";
import type { StaffActor } from "./client-access";
import type { Executor } from "./connection";
import { agencies, clients, disclosures, staffUsers } from "./schema";

/**
 * The disclosure log (DESIGN.md rule 3: every disclosure is logged): on the case, register-wide for
 * coordinators and the DPO, and its CSV export (lib/disclosure-csv.ts writes the file).
 */

export interface DisclosureLogFilter {
  clientId?: string;
  agencyCode?: string;
  staffId?: string;
  /** Helsinki calendar days, inclusive. */
  from?: string;
  to?: string;
}

function filterConditions(filter: DisclosureLogFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.clientId) conditions.push(eq(disclosures.clientId, filter.clientId));
  if (filter.agencyCode) conditions.push(eq(agencies.code, filter.agencyCode));
  if (filter.staffId) conditions.push(eq(disclosures.disclosedBy, filter.staffId));
  if (filter.from) conditions.push(gte(disclosures.disclosedAt, helsinkiStartOfDay(filter.from)));
  if (filter.to) {
    const next = new Date(`${filter.to}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    conditions.push(lt(disclosures.disclosedAt, helsinkiStartOfDay(next.toISOString().slice(0, 10))));
  }
  return conditions;
}

/** Disclosures, newest first: who disclosed what to whom, when, on what basis. */
export async function disclosureLog({ db, filter = {}, limit = 100, offset = 0 }: { db: Executor; filter?: DisclosureLogFilter; limit?: number; offset?: number }) {
  return db
    .select({
      id: disclosures.id,
      disclosedAt: disclosures.disclosedAt,
      clientId: disclosures.clientId,
      clientNumber: clients.clientNumber,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      categories: disclosures.categories,
      basis: disclosures.basis,
      purpose: disclosures.purpose,
      method: disclosures.method,
      requestReference: disclosures.requestReference,
      documentSha256: disclosures.documentSha256,
      disclosedBy: staffUsers.displayName,
      disclosedById: disclosures.disclosedBy,
    })
    .from(disclosures)
    .innerJoin(agencies, eq(agencies.id, disclosures.agencyId))
    .innerJoin(staffUsers, eq(staffUsers.id, disclosures.disclosedBy))
    .leftJoin(clients, eq(clients.id, disclosures.clientId))
    .where(and(...filterConditions(filter)))
    .orderBy(desc(disclosures.disclosedAt), desc(disclosures.id))
    .limit(limit)
    .offset(offset);
}

export type DisclosureLogEntry = Awaited<ReturnType<typeof disclosureLog>>[number];

/** Who may be named in the log's staff filter: everyone who has disclosed. */
export async function disclosingStaff({ db }: { db: Executor }) {
  return db
    .selectDistinct({ id: staffUsers.id, name: staffUsers.displayName })
    .from(disclosures)
    .innerJoin(staffUsers, eq(staffUsers.id, disclosures.disclosedBy))
    .orderBy(staffUsers.displayName);
}

export const DISCLOSURE_LOG_PAGE_SIZE = 50;
/** The CSV export's ceiling: a year of disclosures in a large municipality, several times over. */
export const DISCLOSURE_EXPORT_LIMIT = 100_000;

/** One page of the register-wide log, for the coordinator or the DPO. The look is audited (it names clients). */
export async function viewDisclosureLog({ db, actor, filter, page }: { db: Executor; actor: StaffActor; filter: DisclosureLogFilter; page: number }) {
  const entries = await disclosureLog({ db, filter, limit: DISCLOSURE_LOG_PAGE_SIZE + 1, offset: (page - 1) * DISCLOSURE_LOG_PAGE_SIZE });
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "disclosure.log_viewed",
    details: { filter, page, rows: Math.min(entries.length, DISCLOSURE_LOG_PAGE_SIZE) },
    requestId: actor.requestId,
  });
  return { entries: entries.slice(0, DISCLOSURE_LOG_PAGE_SIZE), hasMore: entries.length > DISCLOSURE_LOG_PAGE_SIZE };
}

/** Every entry the filter matches, for the CSV export; audited as an export with the filter and the row count. */
export async function exportDisclosureLog({ db, actor, filter }: { db: Executor; actor: StaffActor; filter: DisclosureLogFilter }) {
  const entries = await disclosureLog({ db, filter, limit: DISCLOSURE_EXPORT_LIMIT });
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "export.created",
    details: { kind: "disclosure_log", filter, rows: entries.length },
    requestId: actor.requestId,
  });
  return entries;
}
