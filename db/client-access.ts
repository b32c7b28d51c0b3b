import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { StaffRole } from "@/lib/auth/roles";
import { decryptField } from "@/lib/crypto";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
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

/** Who is asking: enough of the signed-in staff member to decide object-level access. */
export interface StaffActor {
  userId: string;
  role: StaffRole;
  sessionId: string;
  requestId?: string | null;
}

export type ClientAccess =
  | { kind: "allowed"; basis: "assigned" | "unassigned" | "coordinator" }
  | { kind: "allowed"; basis: "reason_given"; reason: string | null }
  | { kind: "needs_reason" }
  | { kind: "not_found" };

/**
 * DESIGN.md rule 4: coordinators see every client; a caseworker sees their own caseload and
 * unassigned clients, and another caseworker's client only after stating a reason (audited, valid
 * for the rest of the session).
 */
export async function clientAccess({ db, actor, clientId }: { db: Executor; actor: StaffActor; clientId: string }): Promise<ClientAccess> {
  if (!/^[0-9a-f-]{36}$/i.test(clientId)) return { kind: "not_found" };
  const [client] = await db.select({ assigned: clients.assignedCaseworkerId }).from(clients).where(eq(clients.id, clientId));
  if (!client) return { kind: "not_found" };
  if (actor.role === "coordinator") return { kind: "allowed", basis: "coordinator" };
  if (actor.role !== "caseworker") return { kind: "not_found" };
  if (client.assigned === actor.userId) return { kind: "allowed", basis: "assigned" };
  if (client.assigned === null) return { kind: "allowed", basis: "unassigned" };
  const [reason] = await db
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
  return reason ? { kind: "allowed", basis: "reason_given", reason: reason.reason } : { kind: "needs_reason" };
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

/** The functional-capacity section: only the assigned caseworker and coordinators (special category). */
export function mayReadFunctionalCapacity(actor: StaffActor, assignedCaseworkerId: string | null): boolean {
  return actor.role === "coordinator" || (actor.role === "caseworker" && assignedCaseworkerId === actor.userId);
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
  const fc = mayReadFunctionalCapacity(actor, client.assignedCaseworkerId);
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
