import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { accessNeedsReasonLookup, decideClientAccess, mayReadFunctionalCapacity, type ClientAccess, type StaffActor } from "@/lib/auth/client-access";
import { decryptField } from "@/lib/crypto";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import {
  appointments,
  auditEvents,
  caseNotes,
  clients,
  consents,
  educations,
  familyMembers,
  functionalCapacityEntries,
  initialAssessments,
  integrationPlanMeasures,
  integrationPlanReviews,
  integrationPlans,
  outcomes,
  residencePermits,
  skills,
  visits,
  workExperiences,
} from "./schema";

export type { ClientAccess, StaffActor } from "@/lib/auth/client-access";

/**
 * The access `actor` has to the client (the rule: lib/auth/client-access.ts). Only when the rule
 * needs it is the reason this actor stated for this client in this session looked up.
 */
export async function clientAccess({ db, actor, clientId }: { db: Executor; actor: StaffActor; clientId: string }): Promise<ClientAccess> {
  if (!isUuid(clientId)) return { kind: "not_found" };
  const [client] = await db.select({ assignedCaseworkerId: clients.assignedCaseworkerId }).from(clients).where(eq(clients.id, clientId));
  if (!client) return { kind: "not_found" };
  if (!accessNeedsReasonLookup(actor, client)) return decideClientAccess(actor, client);
  return decideClientAccess(actor, client, await statedReason(db, actor, clientId));
}

/** The reason the actor stated for opening this client in this session; undefined when none. */
async function statedReason(db: Executor, actor: StaffActor, clientId: string): Promise<string | null | undefined> {
  const [row] = await db
    .select({ reason: auditEvents.reason })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.clientId, clientId),
        eq(auditEvents.actorId, actor.userId),
        eq(auditEvents.action, "client.access_reason_given"),
        sql`${auditEvents.details}->>'sessionId' = ${actor.sessionId}`,
      ),
    )
    .limit(1);
  return row ? row.reason : undefined;
}

export async function recordAccessReason({ db, actor, clientId, reason }: { db: Executor; actor: StaffActor; clientId: string; reason: string }) {
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "client.access_reason_given",
    clientId,
    reason,
    details: { sessionId: actor.sessionId },
    requestId: actor.requestId,
  });
}

/**
 * The whole case for one view, audited. The identity code comes back masked; revealing it is a
 * separate, audited step.
 */
export async function openClientCase({ db, actor, clientId }: { db: Executor; actor: StaffActor; clientId: string }) {
  const access = await clientAccess({ db, actor, clientId });
  if (access.kind !== "allowed") return { access } as const;
  const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
  if (!client) return { access: { kind: "not_found" } } as const;
  const { personalIdentityCodeEncrypted, personalIdentityCodeHash: _hash, ...rest } = client;
  const maskedIdentityCode = personalIdentityCodeEncrypted ? maskPersonalIdentityCode(decryptField(personalIdentityCodeEncrypted)) : null;
  const byClient = <T extends { clientId: unknown }>(table: T) => eq(table.clientId as never, clientId);
  const plans = await db.select().from(integrationPlans).where(byClient(integrationPlans)).orderBy(desc(integrationPlans.planDate));
  const planIds = plans.map((p) => p.id);
  const fc = mayReadFunctionalCapacity(actor, client);
  const result = {
    access,
    client: { ...rest, maskedIdentityCode, hasIdentityCode: Boolean(personalIdentityCodeEncrypted) },
    permits: await db.select().from(residencePermits).where(byClient(residencePermits)).orderBy(desc(residencePermits.validUntil)),
    family: await db.select().from(familyMembers).where(byClient(familyMembers)).orderBy(asc(familyMembers.fullName)),
    skills: await db.select().from(skills).where(byClient(skills)),
    work: await db.select().from(workExperiences).where(byClient(workExperiences)),
    education: await db.select().from(educations).where(byClient(educations)),
    appointments: await db.select().from(appointments).where(byClient(appointments)).orderBy(desc(appointments.startsAt)),
    visits: await db.select().from(visits).where(byClient(visits)).orderBy(desc(visits.occurredAt)),
    assessments: await db.select().from(initialAssessments).where(byClient(initialAssessments)).orderBy(desc(initialAssessments.assessedOn)),
    plans,
    measures: planIds.length ? await db.select().from(integrationPlanMeasures).where(inArray(integrationPlanMeasures.planId, planIds)) : [],
    reviews: planIds.length ? await db.select().from(integrationPlanReviews).where(inArray(integrationPlanReviews.planId, planIds)) : [],
    outcomes: await db.select().from(outcomes).where(byClient(outcomes)),
    notes: await db.select().from(caseNotes).where(byClient(caseNotes)).orderBy(desc(caseNotes.createdAt)),
    consents: await db.select().from(consents).where(byClient(consents)).orderBy(desc(consents.givenAt)),
    functionalCapacity: fc
      ? await db.select().from(functionalCapacityEntries).where(byClient(functionalCapacityEntries)).orderBy(desc(functionalCapacityEntries.assessedOn))
      : null,
  };
  await db.transaction(async (tx) => {
    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "client.viewed",
      clientId,
      // A view of someone else's client carries the reason stated for it.
      reason: access.basis === "reason_given" ? access.reason : null,
      details: { basis: access.basis },
      requestId: actor.requestId,
    });
    if (fc) {
      await recordAuditEvent(tx, { actorId: actor.userId, action: "client.functional_capacity_viewed", clientId, requestId: actor.requestId });
    }
  });
  return result;
}

export type ClientCase = Exclude<Awaited<ReturnType<typeof openClientCase>>, { client?: undefined }>;

/** The plain identity code for one look, audited; null when there is none or no access. */
export async function revealIdentityCode({ db, actor, clientId }: { db: Executor; actor: StaffActor; clientId: string }): Promise<string | null> {
  const access = await clientAccess({ db, actor, clientId });
  if (access.kind !== "allowed") return null;
  const [row] = await db.select({ code: clients.personalIdentityCodeEncrypted }).from(clients).where(eq(clients.id, clientId));
  if (!row?.code) return null;
  await recordAuditEvent(db, { actorId: actor.userId, action: "client.identity_code_revealed", clientId, requestId: actor.requestId });
  return decryptField(row.code);
}
