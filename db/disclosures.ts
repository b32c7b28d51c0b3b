import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { AuditAction } from "@/lib/audit-actions";
import { auditReasonOf, mayReadFunctionalCapacity } from "@/lib/auth/client-access";
import { encryptField } from "@/lib/crypto";
import { dataCategories, type DataCategory } from "@/lib/data-categories";
import { documentAsSeenBy, type DisclosureBasisEntry, type DisclosureDocument } from "@/lib/disclosure-document";
import {
  disclosableCategories,
  evaluateDisclosure,
  type CategoryDecision,
  type DisclosureBasis,
  type DisclosureEvaluation,
  type GateConsent,
  type RefusalReason,
} from "@/lib/disclosure-gate";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import type { RestrictionPeriod } from "@/lib/rights/restriction";
import { refuse } from "@/lib/refusal";
import { agencyByCode, localised, statutoryDisclosuresFor, type AgencySettings, type RegisterSettings } from "@/lib/register-settings";
import type { DisclosureFormInput } from "@/lib/validations/disclosure";
import { recordAuditEvent } from "./audit";
import { inserted, lockClientForCase } from "./case-write";
import { clientAccess, type StaffActor } from "./client-access";
import type { Executor, Transaction } from "./connection";
import { collectDisclosedData } from "./disclosure-document";
import { agencies, clients, consents, disclosures, staffUsers } from "./schema";
import { gateRestrictions } from "./restrictions";
import { getRegisterSettings } from "./settings";

/**
 * The disclosure tool (DESIGN.md rule 3, Act 906/2019 §17): the gate's decision for every category,
 * the preview, and recording (the gate evaluated again inside the transaction that writes the log
 * row, never trusting the form). The log is db/disclosure-log.ts; reading a recorded document back,
 * db/disclosed-documents.ts.
 */

export interface DisclosureRefusal {
  category: DataCategory;
  reason: RefusalReason;
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

/** The gate's decision for every category, for this staff member (lib/disclosure-gate.ts). */
function decide({
  actor,
  client,
  restrictions,
  consentsOfClient,
  settings,
  agency,
  categories,
  at,
  statutoryPurposeConfirmed,
}: {
  actor: StaffActor;
  client: ClientRow;
  /** The client's restriction history (db/restrictions.ts), so the gate decides `at` as it stood then. */
  restrictions: readonly RestrictionPeriod[];
  consentsOfClient: GateConsent[];
  settings: RegisterSettings;
  agency: AgencySettings;
  categories: readonly DataCategory[];
  at: Date;
  statutoryPurposeConfirmed: boolean;
}): DisclosureEvaluation {
  return evaluateDisclosure({
    client: { dateOfBirth: client.dateOfBirth, restrictions, status: client.status },
    staff: { mayReadFunctionalCapacity: mayReadFunctionalCapacity(actor, client) },
    consents: consentsOfClient,
    settings,
    recipient: { code: agency.code, insideEea: agency.insideEea },
    categories,
    at,
    statutoryPurposeConfirmed,
  });
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
  const restrictions = await gateRestrictions(db, client);
  const decisionFor = (statutoryPurposeConfirmed: boolean) =>
    chosen
      ? decide({ actor, client, restrictions, consentsOfClient, settings, agency: chosen, categories: dataCategories, at, statutoryPurposeConfirmed }).decisions
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
  const evaluation = decide({
    actor,
    client,
    restrictions: await gateRestrictions(db, client),
    consentsOfClient: await gateConsents(db, client.id),
    settings,
    agency: agency.settings,
    categories: input.categories,
    at,
    statutoryPurposeConfirmed: input.statutoryPurposeConfirmed,
  });
  const refusals: DisclosureRefusal[] = evaluation.decisions.flatMap((d) => (d.allowed ? [] : [{ category: d.category, reason: d.reason }]));
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
  const allowedDecisions = evaluation.decisions.filter((d): d is Extract<CategoryDecision, { allowed: true }> => d.allowed);
  const categories = disclosableCategories(evaluation, input.categories);
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
