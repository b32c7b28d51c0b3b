import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { consentStatus, type ConsentStatus } from "@/lib/consent-status";
import { instantOfDay } from "@/lib/helsinki-time";
import { agencyByCode } from "@/lib/register-settings";
import type { WithdrawConsentInput, WrittenConsentInput } from "@/lib/validations/consent";
import { recordAuditEvent } from "./audit";
import { refuse } from "@/lib/refusal";
import { audit, cancelFutureAppointments, inserted, lockClientForCase, openForWrite, type CaseWrite, type CaseWriteResult } from "./case-write";
import type { Executor, Transaction } from "./connection";
import { agencies, clients, consents, consentTexts, staffUsers } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * Consents on a client's case (DESIGN.md rules 1–2): listing them with their status, recording a
 * written consent given at a visit, and withdrawing any consent. A consent row is never deleted;
 * withdrawal fills in when, how and who. Withdrawing the storage consent of a client whose basis is
 * consent marks the client for erasure and stops further processing.
 */

const recorder = alias(staffUsers, "recorder");
const withdrawer = alias(staffUsers, "withdrawer");

/** The client's consents, newest first, each with its status now and its evidence. */
export async function consentsOfClient({ db, clientId, at = new Date() }: { db: Executor; clientId: string; at?: Date }) {
  const rows = await db
    .select({
      consent: consents,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      agencyNames: agencies.names,
      textVersion: consentTexts.version,
      recordedByName: recorder.displayName,
      withdrawalRecordedByName: withdrawer.displayName,
    })
    .from(consents)
    .leftJoin(agencies, eq(agencies.id, consents.agencyId))
    .leftJoin(consentTexts, eq(consentTexts.id, consents.consentTextId))
    .leftJoin(recorder, eq(recorder.id, consents.recordedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, consents.withdrawalRecordedBy))
    .where(eq(consents.clientId, clientId))
    .orderBy(desc(consents.givenAt), asc(consents.kind));
  return rows.map((row) => ({ ...row, status: consentStatus(row.consent, at) as ConsentStatus }));
}

export type ClientConsent = Awaited<ReturnType<typeof consentsOfClient>>[number];

async function agencyId(tx: Transaction, code: string): Promise<string> {
  const [row] = await tx.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.code, code), eq(agencies.active, true)));
  if (!row) throw refuse("consent", "unknown_agency", `No active agency ${code}`);
  return row.id;
}

/**
 * Records a written consent given at a visit: the signed paper's reference and who recorded it are
 * the evidence. Scope by kind: a disclosure consent names its recipient, categories, purpose and
 * validity; a transfer consent its recipient outside the EU/EEA; obtain_data its source authority.
 */
export async function recordWrittenConsent({ db, actor, input }: CaseWrite<WrittenConsentInput>): Promise<CaseWriteResult> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId);
    const settings = await getRegisterSettings({ db: tx });
    const now = new Date();
    let recipientId: string | null = null;
    if (input.kind === "disclosure" || input.kind === "transfer") {
      const agency = input.agencyCode ? agencyByCode(settings, input.agencyCode) : undefined;
      if (!agency || !input.agencyCode) throw refuse("consent", "unknown_agency", "The agency is not in the register's settings");
      if (input.kind === "transfer") {
        if (agency.insideEea) throw refuse("consent", "transfer_inside_eea", "A transfer consent is for a recipient outside the EU/EEA");
        if (settings.transfersOutsideEea === "forbidden") throw refuse("consent", "transfers_forbidden", "The register's settings forbid transfers outside the EU/EEA");
      }
      recipientId = await agencyId(tx, input.agencyCode);
    }
    if (input.kind === "obtain_data" && !settings.obtainFromAuthorities.some((authority) => authority.code === input.sourceAuthority)) {
      throw refuse("consent", "unknown_authority", "The authority is not in the register's settings");
    }
    const [row] = await tx
      .insert(consents)
      .values({
        clientId: target.clientId,
        kind: input.kind,
        granted: true,
        agencyId: recipientId,
        sourceAuthority: input.kind === "obtain_data" ? (input.sourceAuthority ?? null) : null,
        categories: input.kind === "disclosure" || input.kind === "transfer" ? input.categories : [],
        purpose: input.purpose ?? null,
        validFrom: input.givenOn,
        validUntil: input.validUntil ?? null,
        givenAt: instantOfDay(input.givenOn, now),
        channel: "written",
        paperReference: input.paperReference,
        recordedBy: actor.userId,
      })
      .returning({ id: consents.id });
    const { id } = inserted(row, "consent");
    await audit(tx, actor, target, "consent.recorded", {
      consentId: id,
      kind: input.kind,
      channel: "written",
      agencyCode: input.agencyCode ?? null,
      sourceAuthority: input.kind === "obtain_data" ? input.sourceAuthority : null,
      categories: input.categories,
    });
    return { clientId: target.clientId, id };
  });
}

/**
 * Withdraws a consent: when (now), how, and who recorded it. Possible whatever state the case is in
 * (restricted, closed): withdrawing must be as easy as giving. Returns whether the client was marked
 * for erasure, which happens when the storage consent goes and consent was the client's basis.
 */
export async function withdrawConsent({ db, actor, input }: CaseWrite<WithdrawConsentInput>): Promise<CaseWriteResult & { markedForErasure: boolean }> {
  return db.transaction(async (tx) => {
    const target = await lockClientForCase(tx, actor, input.clientId);
    const client = target.row;
    const [consent] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.id, input.consentId), eq(consents.clientId, client.id)))
      .for("update");
    if (!consent) throw refuse("consent", "consent_not_found", "No such consent for this client");
    if (!consent.granted || consent.withdrawnAt) throw refuse("consent", "not_withdrawable", "The consent is withdrawn already or was refused");
    const now = new Date();
    await tx
      .update(consents)
      .set({ withdrawnAt: now, withdrawalChannel: input.channel, withdrawalRecordedBy: actor.userId })
      .where(eq(consents.id, consent.id));

    await audit(tx, actor, target, "consent.withdrawn", { consentId: consent.id, kind: consent.kind, channel: input.channel });

    const consentIsBasis = client.basis === "consent_electronic" || client.basis === "consent_written";
    if (consent.kind !== "storage" || !consentIsBasis || client.status === "erasure_pending") return { clientId: target.clientId, id: consent.id, markedForErasure: false };
    // Another storage consent still valid (e.g. a renewed paper one) keeps the basis.
    const others = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.clientId, client.id), eq(consents.kind, "storage"), eq(consents.granted, true)));
    if (others.some((other) => other.id !== consent.id && consentStatus(other, now) === "valid")) return { clientId: target.clientId, id: consent.id, markedForErasure: false };

    await tx.update(clients).set({ status: "erasure_pending", updatedAt: now }).where(eq(clients.id, client.id));
    // Processing stops: nothing more is booked for someone whose data is to be erased.
    const cancelled = await cancelFutureAppointments(tx, client.id, now);
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "client.marked_for_erasure",
      clientId: client.id,
      details: { consentId: consent.id, cancelledAppointments: cancelled.length },
      requestId: actor.requestId,
    });
    return { clientId: target.clientId, id: consent.id, markedForErasure: true };
  });
}

