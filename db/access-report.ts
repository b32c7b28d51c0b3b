import "server-only";
import { and, asc, eq, getTableColumns, getTableName, is, isNotNull, or, sql } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import type { StaffActor } from "@/lib/auth/client-access";
import { roleHasPermission } from "@/lib/auth/permissions";
import { decryptField } from "@/lib/crypto";
import { clientLinks, type ClassifiedTable } from "@/lib/data-categories";
import type { PublicLocale } from "@/lib/i18n/locales";
import { isUuid } from "@/lib/forms/uuid";
import { refuse } from "@/lib/refusal";
import { buildAccessReport, type AccessReport, type RegisterRows } from "@/lib/rights/access-report";
import type { Executor } from "./connection";
import * as schema from "./schema";
import { agencies, auditEvents, consents, consentTexts, dataSubjectRequests, disclosures, intakeSubmissions, recipientNotices } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * Reads what the access report is built from (lib/rights/access-report.ts buildAccessReport): the
 * client's rows in every personal-data table the classification links to a client, the register's
 * records of the client (consents with their text versions, the disclosure log, the intake
 * decisions) and the audit trail's events about the client, read without who did them. Only the
 * data protection officer (request:manage) builds a report; the caller audits the preview or release.
 */

const tablesByName = new Map<string, PgTable>();
for (const value of Object.values(schema) as unknown[]) {
  if (is(value, PgTable)) tablesByName.set(getTableName(value), value);
}

function tableNamed(name: string): PgTable {
  const found = tablesByName.get(name);
  if (!found) throw new Error(`No table ${name} in db/schema`);
  return found;
}

function column(of: PgTable, sqlName: string): PgColumn {
  const found = (Object.values(getTableColumns(of)) as PgColumn[]).find((candidate) => candidate.name === sqlName);
  if (!found) throw new Error(`No column ${sqlName} in ${getTableName(of)}`);
  return found;
}

/** Every column of a table selected under its SQL name, so rows speak the classification's names. */
function sqlSelection(of: PgTable): Record<string, PgColumn> {
  return Object.fromEntries((Object.values(getTableColumns(of)) as PgColumn[]).map((candidate) => [candidate.name, candidate]));
}

/** The client's rows in every table lib/data-categories.ts links to a client. */
export async function clientRows(db: Executor, clientId: string): Promise<RegisterRows> {
  const rows: RegisterRows = {};
  for (const [name, link] of Object.entries(clientLinks) as [ClassifiedTable, NonNullable<(typeof clientLinks)[ClassifiedTable]>][]) {
    const source = tableNamed(name);
    if (link.kind === "direct") {
      rows[name] = (await db.select(sqlSelection(source)).from(source).where(eq(column(source, link.column), clientId))) as Record<string, unknown>[];
    } else {
      const parent = tableNamed(link.parentTable);
      rows[name] = (await db
        .select(sqlSelection(source))
        .from(source)
        .innerJoin(parent, eq(column(source, link.column), column(parent, link.parentKey)))
        .where(eq(column(parent, link.parentClientColumn), clientId))) as Record<string, unknown>[];
    }
  }
  return rows;
}

/**
 * The audit trail's events about the client: those naming it, and lists and searches that showed it
 * (details.clientIds, under the index drizzle/0017 made for it). Never the actor.
 */
export async function consultationsOf(db: Executor, clientId: string) {
  return db
    .select({ occurredAt: auditEvents.occurredAt, action: auditEvents.action, reason: auditEvents.reason })
    .from(auditEvents)
    .where(
      or(
        eq(auditEvents.clientId, clientId),
        and(sql`${auditEvents.details} ? 'clientIds'`, sql`(${auditEvents.details} -> 'clientIds') @> ${JSON.stringify([clientId])}::jsonb`),
      ),
    )
    .orderBy(asc(auditEvents.seq));
}

/** The request a document answers, as the documents need it (the page has audited its view). */
export async function requestForDocuments(db: Executor, requestId: string) {
  if (!isUuid(requestId)) return null;
  const [row] = await db
    .select({
      id: dataSubjectRequests.id,
      clientId: dataSubjectRequests.clientId,
      kind: dataSubjectRequests.kind,
      receivedOn: dataSubjectRequests.receivedOn,
      status: dataSubjectRequests.status,
      decision: dataSubjectRequests.decision,
      replyLanguage: dataSubjectRequests.replyLanguage,
    })
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.id, requestId));
  return row ?? null;
}

export function requireDocumentHandler(actor: StaffActor) {
  if (!roleHasPermission(actor.role, "request:manage")) throw refuse("rights_document", "not_allowed", "Only the data protection officer makes documents for data subjects");
}

/** The access report of one client, built now in `locale`. */
export async function buildClientAccessReport({
  db,
  actor,
  clientId,
  requestId = null,
  locale,
  now = new Date(),
  dataKey,
}: {
  db: Executor;
  actor: StaffActor;
  clientId: string;
  requestId?: string | null;
  locale: PublicLocale;
  now?: Date;
  dataKey?: Buffer;
}): Promise<AccessReport> {
  requireDocumentHandler(actor);
  if (!isUuid(clientId)) throw refuse("rights_document", "no_client", "No such client");
  const rows = await clientRows(db, clientId);
  if (!rows.clients?.length) throw refuse("rights_document", "no_client", "No such client", { clientId: null });
  const [settings, decisions, consentRows, disclosureRows, noticeRows, agencyRows, consultations] = await Promise.all([
    getRegisterSettings({ db }),
    db.select({ decidedAt: intakeSubmissions.decidedAt }).from(intakeSubmissions).where(and(eq(intakeSubmissions.acceptedClientId, clientId), isNotNull(intakeSubmissions.decidedAt))),
    db
      .select({ consent: consents, textVersion: consentTexts.version })
      .from(consents)
      .leftJoin(consentTexts, eq(consentTexts.id, consents.consentTextId))
      .where(eq(consents.clientId, clientId))
      .orderBy(asc(consents.givenAt)),
    db.select().from(disclosures).where(eq(disclosures.clientId, clientId)).orderBy(asc(disclosures.disclosedAt)),
    db
      .select({ cause: recipientNotices.cause, agencyId: recipientNotices.agencyId, categories: recipientNotices.categories, method: recipientNotices.method, sentOn: recipientNotices.sentOn })
      .from(recipientNotices)
      .where(eq(recipientNotices.clientId, clientId)),
    db.select({ id: agencies.id, code: agencies.code, name: agencies.name, insideEea: agencies.insideEea }).from(agencies),
    consultationsOf(db, clientId),
  ]);
  return buildAccessReport({
    clientId,
    locale,
    generatedAt: now,
    requestId,
    settings,
    rows,
    decrypt: (stored) => decryptField(stored, dataKey),
    intakeDecidedAt: decisions.flatMap((decision) => (decision.decidedAt ? [decision.decidedAt] : [])),
    consents: consentRows.map(({ consent, textVersion }) => ({ ...consent, textVersion })),
    disclosures: disclosureRows,
    notices: noticeRows,
    agencies: agencyRows,
    consultations,
  });
}
