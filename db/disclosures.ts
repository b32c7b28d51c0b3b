import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { decryptField, encryptField } from "@/lib/crypto";
import { dataCategories, type DataCategory } from "@/lib/data-categories";
import {
  disclosableCategories,
  evaluateDisclosure,
  type CategoryDecision,
  type DisclosureBasis,
  type DisclosureEvaluation,
  type GateConsent,
  type RefusalReason,
} from "@/lib/disclosure-gate";
import { helsinkiStartOfDay } from "@/lib/helsinki-time";
import { agencyByCode, localised, statutoryDisclosuresFor, type AgencySettings, type RegisterSettings } from "@/lib/register-settings";
import { documentAsSeenBy, identityCodesOf, type DisclosureBasisEntry, type DisclosureDocument, type DocumentAsSeen } from "@/lib/disclosure-document";
import type { AuditAction } from "@/lib/audit-actions";
import { roleHasPermission } from "@/lib/auth/permissions";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import type { DisclosureFormInput } from "@/lib/validations/disclosure";
import { recordAuditEvent } from "./audit";
import { refuse } from "@/lib/refusal";
import { inserted, lockClientForCase, requireClientAccess } from "./case-write";
import { auditReasonOf, mayReadFunctionalCapacity } from "@/lib/auth/client-access";
import { clientAccess, type StaffActor } from "./client-access";
import type { Executor, Transaction } from "./connection";
import { collectDisclosedData } from "./disclosure-document";
import { agencies, clients, consents, disclosures, staffUsers } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * Disclosing a client's data to an agency (DESIGN.md rule 3, Act 906/2019 §17): the tool's
 * per-category decision, the preview, recording (the gate evaluated again inside the transaction
 * that writes the log row, never trusting the form), the document as disclosed, and the log.
 */

/** Why the tool refuses a category: the gate's reasons, and a staff member who may not read it. */
export type ToolRefusalReason = RefusalReason | "staff_not_permitted";
export type ToolDecision = CategoryDecision | { category: DataCategory; allowed: false; reason: "staff_not_permitted" };

export interface DisclosureRefusal {
  category: DataCategory;
  reason: ToolRefusalReason;
}

export type { DisclosureDocument };



// ---------------------------------------------------------------------------------------------
// The gate's inputs, read from the database

async function gateConsents(db: Executor, clientId: string): Promise<GateConsent[]> {
  const rows = await db
    .select({ consent: consents, agencyCode: agencies.code })
    .from(consents)
    .leftJoin(agencies, eq(agencies.id, consents.agencyId))
    .where(eq(consents.clientId, clientId));
  return rows.map(({ consent, agencyCode }) => ({
    id: consent.id,
    kind: consent.kind,
    agencyCode,
    categories: consent.categories,
    granted: consent.granted,
    givenAt: consent.givenAt,
    validFrom: consent.validFrom,
    validUntil: consent.validUntil,
    withdrawnAt: consent.withdrawnAt,
  }));
}

async function activeAgency(db: Executor, settings: RegisterSettings, code: string) {
  const configured = agencyByCode(settings, code);
  const [row] = await db.select().from(agencies).where(and(eq(agencies.code, code), eq(agencies.active, true)));
  if (!configured || !row) throw refuse("disclosure", "unknown_agency", `No active agency ${code}`);
  return { settings: configured, row };
}

type ClientRow = typeof clients.$inferSelect;

/**
 * The gate's decision for every category, plus the tool's own rule: a staff member who may not read
 * functional capacity may not disclose it either.
 */
function decide({
  actor,
  client,
  consentsOfClient,
  settings,
  agency,
  categories,
  at,
  statutoryPurposeConfirmed,
}: {
  actor: StaffActor;
  client: ClientRow;
  consentsOfClient: GateConsent[];
  settings: RegisterSettings;
  agency: AgencySettings;
  categories: readonly DataCategory[];
  at: Date;
  statutoryPurposeConfirmed: boolean;
}): { evaluation: DisclosureEvaluation; decisions: ToolDecision[] } {
  const evaluation = evaluateDisclosure({
    client: { dateOfBirth: client.dateOfBirth, restrictedAt: client.restrictedAt, status: client.status },
    consents: consentsOfClient,
    settings,
    recipient: { code: agency.code, insideEea: agency.insideEea },
    categories,
    at,
    statutoryPurposeConfirmed,
  });
  const mayReadFc = mayReadFunctionalCapacity(actor, client);
  const decisions: ToolDecision[] = evaluation.decisions.map((decision) =>
    decision.category === "functionalCapacity" && !mayReadFc ? { category: decision.category, allowed: false, reason: "staff_not_permitted" } : decision,
  );
  const allowed = decisions.filter((d) => d.allowed).map((d) => d.category);
  return {
    evaluation: { decisions: evaluation.decisions, allowed, refused: decisions.filter((d) => !d.allowed).map((d) => d.category) },
    decisions,
  };
}

function basisEntry(category: DataCategory, basis: DisclosureBasis): DisclosureBasisEntry {
  return basis.kind === "consent"
    ? { category, kind: "consent", consentId: basis.consentId }
    : { category, kind: "statutory", provision: localised(basis.provision, "fi") };
}

// ---------------------------------------------------------------------------------------------
// The tool

/**
 * What the tool shows: the client, the agencies to choose from and, once one is chosen, the decision
 * for every category with its basis or reason, and the statutory entries that apply to the agency.
 * Audited as "disclosure.tool_viewed".
 */
export async function disclosureOptions({
  db,
  actor,
  clientId,
  agencyCode,
  at = new Date(),
}: {
  db: Executor;
  actor: StaffActor;
  clientId: string;
  agencyCode?: string;
  at?: Date;
}) {
  const access = await clientAccess({ db, actor, clientId });
  if (access.kind !== "allowed") return { access } as const;
  const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
  if (!client) return { access: { kind: "not_found" } } as const;
  const settings = await getRegisterSettings({ db });
  const activeCodes = new Set((await db.select({ code: agencies.code }).from(agencies).where(eq(agencies.active, true))).map((row) => row.code));
  const agencyChoices = settings.agencies.filter((agency) => activeCodes.has(agency.code));
  const chosen = agencyCode ? agencyChoices.find((agency) => agency.code === agencyCode) : undefined;
  const consentsOfClient = await gateConsents(db, clientId);
  const decisionFor = (statutoryPurposeConfirmed: boolean) =>
    chosen
      ? decide({ actor, client, consentsOfClient, settings, agency: chosen, categories: dataCategories, at, statutoryPurposeConfirmed }).decisions
      : [];
  // The tool shows the client's name and what their consents allow: a look at their data, audited.
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "disclosure.tool_viewed",
    clientId,
    reason: auditReasonOf(access),
    details: { agencyCode: chosen?.code ?? null },
    requestId: actor.requestId,
  });
  return {
    access,
    client: { id: client.id, clientNumber: client.clientNumber, firstNames: client.firstNames, lastName: client.lastName, restrictedAt: client.restrictedAt, status: client.status },
    agencies: agencyChoices,
    chosen: chosen ?? null,
    /** Decisions without and with the purpose of a purpose-limited statutory entry confirmed. */
    decisions: decisionFor(false),
    decisionsWithPurposeConfirmed: decisionFor(true),
    statutoryEntries: chosen ? statutoryDisclosuresFor(settings, chosen.code) : [],
  } as const;
}

type Outcome<T> = ({ kind: "refused"; refusals: DisclosureRefusal[] } | T);

/**
 * Evaluates a request from the form. A category the gate refuses, or one the form never offered,
 * refuses the whole request: the form offers only allowed ones, so such a request is forged or stale.
 */
async function evaluateRequest(db: Transaction, actor: StaffActor, input: DisclosureFormInput, at: Date, stage: "preview" | "record") {
  const settings = await getRegisterSettings({ db });
  const agency = await activeAgency(db, settings, input.agencyCode);
  const { row: client, access } = await lockClientForCase(db, actor, input.clientId);
  const { decisions } = decide({
    actor,
    client,
    consentsOfClient: await gateConsents(db, client.id),
    settings,
    agency: agency.settings,
    categories: input.categories,
    at,
    statutoryPurposeConfirmed: input.statutoryPurposeConfirmed,
  });
  const refusals: DisclosureRefusal[] = decisions.flatMap((d) => (d.allowed ? [] : [{ category: d.category, reason: d.reason }]));
  if (refusals.length > 0) {
    await recordAuditEvent(db, {
      actorId: actor.userId,
      action: "disclosure.refused",
      clientId: client.id,
      reason: access.basis === "reason_given" ? access.reason : null,
      details: { stage, agencyCode: agency.settings.code, requested: input.categories, refused: refusals },
      requestId: actor.requestId,
    });
  }
  const allowedDecisions = decisions.filter((d): d is Extract<CategoryDecision, { allowed: true }> => d.allowed);
  const categories = disclosableCategories(
    { decisions: allowedDecisions, allowed: allowedDecisions.map((d) => d.category), refused: [] },
    input.categories,
  );
  return { settings, agency, client, access, refusals, categories, allowedDecisions };
}

async function buildDocument(
  db: Executor,
  actor: StaffActor,
  request: Awaited<ReturnType<typeof evaluateRequest>>,
  input: DisclosureFormInput,
  disclosureId: string | null,
  at: Date,
  dataKey?: Buffer,
): Promise<DisclosureDocument> {
  const [staff] = await db.select({ name: staffUsers.displayName }).from(staffUsers).where(eq(staffUsers.id, actor.userId));
  return {
    disclosureId,
    disclosedAt: at.toISOString(),
    controller: localised(request.settings.controller.name, "fi"),
    register: localised(request.settings.register.name, "fi"),
    recipient: {
      code: request.agency.row.code,
      name: request.agency.row.name,
      businessId: request.agency.row.businessId,
      insideEea: request.agency.row.insideEea,
    },
    disclosedBy: staff?.name ?? "",
    purpose: input.purpose,
    method: input.method,
    requestReference: input.requestReference ?? null,
    categories: request.categories,
    basis: request.allowedDecisions.filter((d) => request.categories.includes(d.category)).map((d) => basisEntry(d.category, d.basis)),
    data: await collectDisclosedData({ db, clientId: request.client.id, categories: request.categories, dataKey }),
  };
}

/** The document the disclosure would produce, for the staff member to check before recording. A look at personal data: audited. */
export async function previewDisclosure({ db, actor, input, at = new Date() }: { db: Executor; actor: StaffActor; input: DisclosureFormInput; at?: Date }): Promise<
  Outcome<{ kind: "preview"; document: DisclosureDocument }>
> {
  return db.transaction(async (tx) => {
    const request = await evaluateRequest(tx, actor, input, at, "preview");
    if (request.refusals.length > 0) return { kind: "refused", refusals: request.refusals };
    const built = await buildDocument(tx, actor, request, input, null, at);
    // The gate has already left out what this staff member may not read; the identity code is
    // masked as on the case (the recorded file carries it whole).
    const seen = documentAsSeenBy(built, { mayReadFunctionalCapacity: true, identityCodeRevealed: false }, maskPersonalIdentityCode);
    const event = (action: AuditAction, details: Record<string, unknown>) =>
      recordAuditEvent(tx, { actorId: actor.userId, action, clientId: request.client.id, reason: auditReasonOf(request.access), details, requestId: actor.requestId });
    await event("disclosure.previewed", { agencyCode: input.agencyCode, categories: request.categories });
    if (seen.contains.functionalCapacity) await event("client.functional_capacity_viewed", { via: "disclosure_preview" });
    return { kind: "preview", document: seen.document };
  });
}

/**
 * Records a disclosure in one transaction: the client row locked (so a withdrawal or restriction
 * cannot slip in between), the gate evaluated again at this moment, the document built from the
 * allowed categories only and stored encrypted with its SHA-256, the log row, and the audit event.
 * A refused request writes only its audit event.
 */
export async function recordDisclosure({
  db,
  actor,
  input,
  at = new Date(),
  dataKey,
}: {
  db: Executor;
  actor: StaffActor;
  input: DisclosureFormInput;
  at?: Date;
  /** For the demo seed, which may run under a key other than the process's. */
  dataKey?: Buffer;
}): Promise<
  Outcome<{ kind: "recorded"; disclosureId: string; documentSha256: string }>
> {
  return db.transaction(async (tx) => {
    const request = await evaluateRequest(tx, actor, input, at, "record");
    if (request.refusals.length > 0) return { kind: "refused", refusals: request.refusals };
    const disclosureId = randomUUID();
    const document = await buildDocument(tx, actor, request, input, disclosureId, at, dataKey);
    const json = JSON.stringify(document, null, 2);
    const documentSha256 = createHash("sha256").update(json, "utf8").digest("hex");
    const [row] = await tx
      .insert(disclosures)
      .values({
        id: disclosureId,
        clientId: request.client.id,
        agencyId: request.agency.row.id,
        categories: request.categories,
        basis: document.basis,
        purpose: input.purpose,
        method: input.method,
        requestReference: input.requestReference ?? null,
        documentSha256,
        documentEncrypted: encryptField(json, dataKey),
        disclosedBy: actor.userId,
        disclosedAt: at,
      })
      .returning({ id: disclosures.id });
    inserted(row, "disclosure");
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "disclosure.recorded",
      clientId: request.client.id,
      reason: request.access.basis === "reason_given" ? request.access.reason : null,
      details: {
        disclosureId,
        agencyCode: input.agencyCode,
        categories: request.categories,
        basis: document.basis.map((entry) => entry.kind),
        method: input.method,
        documentSha256,
      },
      requestId: actor.requestId,
    });
    return { kind: "recorded", disclosureId, documentSha256 };
  });
}

/**
 * How a stored document is read: "page" (the print-friendly view, identity code masked), "download"
 * (the exact file whose SHA-256 the log keeps: it carries the identity code, so it is a reveal) or
 * "reveal" (the identity code on the page, on request).
 */
export type DocumentRead = "page" | "download" | "reveal";

export type StoredDocument =
  | { kind: "document"; json: string; sha256: string | null; seen: DocumentAsSeen }
  /** The exact file holds a category this reader may not see: it is not served. */
  | { kind: "withheld"; withheld: DataCategory[] };

/**
 * A stored disclosure document under the case's read rules (security issue 9): the client's access
 * checked as for the case; functional capacity only for those who may read it on the case (left out
 * of the page, and the exact file refused, for anyone else); the identity code masked on the page
 * until revealed. The look is audited, and so are the reads of special data it amounts to: a
 * functional-capacity view and an identity-code reveal, each naming the disclosure.
 */
export async function disclosedDocument({
  db,
  actor,
  clientId,
  disclosureId,
  read = "page",
}: {
  db: Executor;
  actor: StaffActor;
  clientId: string;
  disclosureId: string;
  read?: DocumentRead;
}): Promise<StoredDocument> {
  return db.transaction(async (tx): Promise<StoredDocument> => {
    const access = await requireClientAccess(tx, actor, clientId);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(disclosureId)) throw refuse("disclosure", "document_not_found", "No such disclosure");
    const [row] = await tx
      .select({ encrypted: disclosures.documentEncrypted, sha256: disclosures.documentSha256, assignedCaseworkerId: clients.assignedCaseworkerId })
      .from(disclosures)
      .innerJoin(clients, eq(clients.id, disclosures.clientId))
      .where(and(eq(disclosures.id, disclosureId), eq(disclosures.clientId, clientId)));
    if (!row?.encrypted) throw refuse("disclosure", "document_not_found", "No such disclosure, or its document is erased");
    const json = decryptField(row.encrypted);
    const reader = {
      mayReadFunctionalCapacity: roleHasPermission(actor.role, "client:readFunctionalCapacity") && mayReadFunctionalCapacity(actor, row),
      identityCodeRevealed: read !== "page",
    };
    const seen = documentAsSeenBy(JSON.parse(json) as DisclosureDocument, reader, maskPersonalIdentityCode);
    const event = (action: AuditAction, details: Record<string, unknown>) =>
      recordAuditEvent(tx, { actorId: actor.userId, action, clientId, reason: auditReasonOf(access), details: { disclosureId, ...details }, requestId: actor.requestId });
    if (read === "download" && seen.withheld.length > 0) {
      await event("disclosure.document_withheld", { read, withheld: seen.withheld });
      return { kind: "withheld", withheld: seen.withheld };
    }
    await event("disclosure.document_viewed", { read, ...(seen.withheld.length > 0 ? { withheld: seen.withheld } : {}) });
    if (seen.contains.functionalCapacity && seen.withheld.length === 0 && read !== "reveal") {
      await event("client.functional_capacity_viewed", { via: "disclosure_document" });
    }
    if (seen.identityCodeShown) await event("client.identity_code_revealed", { via: "disclosure_document" });
    return { kind: "document", json, sha256: row.sha256, seen };
  });
}

/** The identity code a stored document carries, for one look on its page; audited as a reveal. Null when it holds none. */
export async function revealDocumentIdentityCode({ db, actor, clientId, disclosureId }: { db: Executor; actor: StaffActor; clientId: string; disclosureId: string }): Promise<string | null> {
  const stored = await disclosedDocument({ db, actor, clientId, disclosureId, read: "reveal" });
  if (stored.kind !== "document") return null;
  return identityCodesOf(stored.seen.document)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// The log

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
