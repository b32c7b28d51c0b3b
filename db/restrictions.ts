import "server-only";
import { asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { StaffActor } from "@/lib/auth/client-access";
import type { AuditAction } from "@/lib/audit-actions";
import { isUuid } from "@/lib/forms/uuid";
import { helsinkiDate } from "@/lib/helsinki-time";
import { refuse } from "@/lib/refusal";
import { letterSender, type LetterRenderer } from "@/lib/rights/letters";
import {
  applyRefusal,
  liftNoticeRefusal,
  liftRefusal,
  mayRestrictFrom,
  periodsWithCurrentMark,
  type RestrictionPeriod,
} from "@/lib/rights/restriction";
import type { ApplyRestrictionInput, LiftNoticeInput, LiftRestrictionInput } from "@/lib/validations/restriction";
import { recordAuditEvent } from "./audit";
import { inserted, type CaseWrite, type CaseWriteResult } from "./case-write";
import type { Executor, Transaction } from "./connection";
import { storeRightsDocument } from "./rights-documents";
import { clientRestrictions, clients, dataSubjectRequests, staffUsers } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * Restriction of processing (GDPR Art 18): applying it with its ground, recording that the person
 * was told before it is lifted (with the generated letter), and lifting it. The rules are
 * lib/rights/restriction.ts; each write follows the recipe of db/case-write.ts — the client's row
 * locked, the rule checked, the history row and clients.restricted_at (the current mark the rest of
 * the app reads) written together, one audit event. The officer applies and lifts (the action
 * checks request:manage); the officer does not hold a caseload, so the lock step here is the
 * client's row alone, not the caseworkers' access rule.
 */

export type RestrictionRow = typeof clientRestrictions.$inferSelect;

/** The client's restriction history, oldest first (the contract the gate's callers and the access report read). */
export async function restrictionsOf({ db, clientId }: { db: Executor; clientId: string }): Promise<RestrictionRow[]> {
  if (!isUuid(clientId)) return [];
  return db.select().from(clientRestrictions).where(eq(clientRestrictions.clientId, clientId)).orderBy(asc(clientRestrictions.appliedAt));
}

/** The periods the disclosure gate reads: the history, with the client's current mark (lib/rights/restriction.ts). */
export async function gateRestrictions(db: Executor, client: { id: string; restrictedAt: Date | null }): Promise<RestrictionPeriod[]> {
  return periodsWithCurrentMark(await restrictionsOf({ db, clientId: client.id }), client.restrictedAt);
}

// ---------------------------------------------------------------------------------------------
// The writes

type ClientRow = typeof clients.$inferSelect;

/** Step 1 of the recipe for the officer: the client's row, locked for the rest of the transaction. */
async function lockClient(tx: Transaction, clientId: string): Promise<ClientRow> {
  if (!isUuid(clientId)) throw refuse("restriction", "client_not_found", "No such client");
  const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
  if (!client) throw refuse("restriction", "client_not_found", "No such client");
  return client;
}

/** A restriction and its client, both locked (the client first, as every write does). */
async function lockRestriction(tx: Transaction, restrictionId: string): Promise<{ client: ClientRow; restriction: RestrictionRow }> {
  if (!isUuid(restrictionId)) throw refuse("restriction", "not_found", "No such restriction");
  const [found] = await tx.select({ clientId: clientRestrictions.clientId }).from(clientRestrictions).where(eq(clientRestrictions.id, restrictionId));
  if (!found) throw refuse("restriction", "not_found", "No such restriction");
  const client = await lockClient(tx, found.clientId);
  const [restriction] = await tx.select().from(clientRestrictions).where(eq(clientRestrictions.id, restrictionId)).for("update");
  if (!restriction) throw refuse("restriction", "not_found", "No such restriction", { clientId: client.id });
  return { client, restriction };
}

function event(tx: Transaction, actor: StaffActor, clientId: string, action: AuditAction, details: Record<string, unknown>) {
  return recordAuditEvent(tx, { actorId: actor.userId, action, clientId, details, requestId: actor.requestId });
}

/**
 * Applies a restriction with its ground, from a request about this client (a restriction,
 * rectification or objection request) or on the officer's own decision. The case turns read-only
 * except what the ground allows, and the gate refuses every disclosure from this moment.
 */
export async function applyRestriction({ db, actor, input, at = new Date() }: CaseWrite<ApplyRestrictionInput> & { at?: Date }): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const client = await lockClient(tx, input.clientId);
    if (input.requestId) {
      const [request] = await tx
        .select({ clientId: dataSubjectRequests.clientId, kind: dataSubjectRequests.kind })
        .from(dataSubjectRequests)
        .where(eq(dataSubjectRequests.id, input.requestId));
      if (!request || request.clientId !== client.id) throw refuse("restriction", "request_not_found", "No such request for this client", { clientId: client.id });
      if (!mayRestrictFrom(request.kind)) throw refuse("restriction", "request_kind", "This kind of request does not restrict processing", { clientId: client.id });
    }
    const refusal = applyRefusal(await gateRestrictions(tx, client));
    if (refusal) throw refuse("restriction", refusal, "The client is already restricted", { clientId: client.id });
    const [row] = await tx
      .insert(clientRestrictions)
      .values({ clientId: client.id, requestId: input.requestId ?? null, ground: input.ground, appliedBy: actor.userId, appliedAt: at })
      .returning({ id: clientRestrictions.id });
    const { id } = inserted(row, "restriction");
    await tx.update(clients).set({ restrictedAt: at, updatedAt: at }).where(eq(clients.id, client.id));
    await event(tx, actor, client.id, "restriction.applied", { restrictionId: id, ground: input.ground, requestId: input.requestId ?? null, fields: ["restrictedAt"] });
    return { clientId: client.id, id };
  });
}

/**
 * Records that the person was told the restriction will be lifted (Art 18(3)): the day, the method
 * and the letter, generated here in the chosen language and stored with the request's documents.
 * Recording again (a new letter) replaces the notice; the earlier letter stays stored.
 */
export async function recordLiftNotice({
  db,
  actor,
  input,
  renderLetter,
  now = new Date(),
}: CaseWrite<LiftNoticeInput> & { renderLetter: LetterRenderer; now?: Date }): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const { client, restriction } = await lockRestriction(tx, input.restrictionId);
    const refusal = liftNoticeRefusal(restriction, input.toldOn, now);
    if (refusal) throw refuse("restriction", refusal, `The notice cannot be recorded (${refusal})`, { clientId: client.id });
    const settings = await getRegisterSettings({ db: tx });
    const letter = await renderLetter({
      kind: "restriction_lift_notice",
      locale: input.locale,
      date: input.toldOn,
      ...letterSender(settings, input.locale),
      person: {
        name: `${client.firstNames} ${client.lastName}`,
        clientNumber: client.clientNumber,
        addressLines: [client.streetAddress, [client.postalCode, client.postOffice].filter(Boolean).join(" ")].filter((line): line is string => Boolean(line)),
      },
      ground: restriction.ground,
      appliedOn: helsinkiDate(restriction.appliedAt),
    });
    const document = await storeRightsDocument({
      tx,
      actor,
      kind: "restriction_lift_notice",
      requestId: restriction.requestId ?? undefined,
      clientId: client.id,
      locale: input.locale,
      json: letter.json,
      pdf: Buffer.from(letter.pdf),
    });
    await tx
      .update(clientRestrictions)
      .set({
        liftNoticeToldOn: input.toldOn,
        liftNoticeMethod: input.method,
        liftNoticeLocale: input.locale,
        liftNoticeDocumentId: document.id,
        liftNoticeRecordedBy: actor.userId,
        liftNoticeRecordedAt: now,
      })
      .where(eq(clientRestrictions.id, restriction.id));
    await event(tx, actor, client.id, "restriction.lift_notice_recorded", {
      restrictionId: restriction.id,
      toldOn: input.toldOn,
      method: input.method,
      locale: input.locale,
      documentId: document.id,
    });
    return { clientId: client.id, id: restriction.id };
  });
}

/** Lifts a restriction whose notice is recorded (Art 18(3)); refused, and left in force, without one. */
export async function liftRestriction({ db, actor, input, at = new Date() }: CaseWrite<LiftRestrictionInput> & { at?: Date }): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const { client, restriction } = await lockRestriction(tx, input.restrictionId);
    const refusal = liftRefusal(restriction, at);
    if (refusal) throw refuse("restriction", refusal, `The restriction cannot be lifted (${refusal})`, { clientId: client.id });
    await tx.update(clientRestrictions).set({ liftedAt: at, liftedBy: actor.userId }).where(eq(clientRestrictions.id, restriction.id));
    await tx.update(clients).set({ restrictedAt: null, updatedAt: at }).where(eq(clients.id, client.id));
    await event(tx, actor, client.id, "restriction.lifted", {
      restrictionId: restriction.id,
      liftNoticeToldOn: restriction.liftNoticeToldOn,
      fields: ["restrictedAt"],
    });
    return { clientId: client.id, id: restriction.id };
  });
}

// ---------------------------------------------------------------------------------------------
// The officer's views (audited: they show who the client is)

const staffName = (id: string | null, names: Map<string, string>) => (id ? (names.get(id) ?? null) : null);

async function staffNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(inArray(staffUsers.id, wanted));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A restriction as shown: with the names of the staff who applied, told and lifted. */
export function describeRestrictions(rows: RestrictionRow[], names: Map<string, string>) {
  return rows.map((row) => ({
    ...row,
    appliedByName: staffName(row.appliedBy, names),
    liftNoticeRecordedByName: staffName(row.liftNoticeRecordedBy, names),
    liftedByName: staffName(row.liftedBy, names),
  }));
}

export type DescribedRestriction = ReturnType<typeof describeRestrictions>[number];

/** The client's history with names, for the case (whose view is audited by the case itself). */
export async function restrictionHistory({ db, clientId }: { db: Executor; clientId: string }): Promise<DescribedRestriction[]> {
  const rows = await restrictionsOf({ db, clientId });
  return describeRestrictions(rows, await staffNames(db, rows.flatMap((r) => [r.appliedBy, r.liftNoticeRecordedBy, r.liftedBy])));
}

/** One restriction for the officer's page, with its client and the client's whole history; audited. */
export async function restrictionForOfficer({ db, actor, restrictionId }: { db: Executor; actor: StaffActor; restrictionId: string }) {
  if (!isUuid(restrictionId)) return null;
  const [row] = await db
    .select({
      restriction: clientRestrictions,
      client: { id: clients.id, clientNumber: clients.clientNumber, firstNames: clients.firstNames, lastName: clients.lastName, preferredLanguage: clients.preferredLanguage },
    })
    .from(clientRestrictions)
    .innerJoin(clients, eq(clients.id, clientRestrictions.clientId))
    .where(eq(clientRestrictions.id, restrictionId));
  if (!row) return null;
  const history = await restrictionHistory({ db, clientId: row.client.id });
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "restriction.viewed",
    clientId: row.client.id,
    details: { restrictionId },
    requestId: actor.requestId,
  });
  const restriction = history.find((entry) => entry.id === restrictionId);
  if (!restriction) return null;
  return { client: row.client, restriction, history };
}

/** The restrictions in force across the register (client numbers only), newest first; audited as a list view. */
export async function restrictionsInForce({ db, actor }: { db: Executor; actor: StaffActor }) {
  const rows = await db
    .select({ id: clientRestrictions.id, clientId: clients.id, clientNumber: clients.clientNumber, ground: clientRestrictions.ground, appliedAt: clientRestrictions.appliedAt, requestId: clientRestrictions.requestId })
    .from(clientRestrictions)
    .innerJoin(clients, eq(clients.id, clientRestrictions.clientId))
    .where(isNull(clientRestrictions.liftedAt))
    .orderBy(desc(clientRestrictions.appliedAt));
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "restriction.viewed",
    details: { list: "restrictions_in_force", clientIds: rows.map((row) => row.clientId) },
    requestId: actor.requestId,
  });
  return rows;
}

/** The client a client number names, for the officer applying a restriction on their own decision. */
export async function clientIdByNumber({ db, clientNumber }: { db: Executor; clientNumber: string }): Promise<string | null> {
  const [row] = await db.select({ id: clients.id }).from(clients).where(eq(clients.clientNumber, clientNumber.trim()));
  return row?.id ?? null;
}
