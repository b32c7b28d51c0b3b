import "server-only";
import { and, asc, count, eq, gte, isNotNull, lt, lte, sql } from "drizzle-orm";
import { markBounds } from "@/lib/case-marks";
import type { Executor } from "./connection";
import type { StaffActor } from "./client-access";
import { recordAuditEvent } from "./audit";
import { appointments, clients, intakeSubmissions, integrationPlans, residencePermits } from "./schema";

/**
 * What the staff home page shows a caseworker or coordinator: a caseworker's own caseload, a
 * coordinator's whole register. The lists are what the case page marks (lib/case-marks.ts), on
 * Helsinki days: the queries take the rule's bounds.
 */
export async function staffHomeSummary({ db, actor, now = new Date() }: { db: Executor; actor: StaffActor; now?: Date }) {
  const own = actor.role === "caseworker" ? eq(clients.assignedCaseworkerId, actor.userId) : undefined;
  const active = eq(clients.status, "active");
  const [pending] = await db.select({ n: count() }).from(intakeSubmissions).where(eq(intakeSubmissions.status, "pending"));
  const [caseload] = await db.select({ n: count() }).from(clients).where(and(active, own ?? isNotNull(clients.assignedCaseworkerId)));
  const bounds = markBounds(now);
  const upcoming = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      channel: appointments.channel,
      clientId: clients.id,
      clientNumber: clients.clientNumber,
      firstNames: clients.firstNames,
      lastName: clients.lastName,
    })
    .from(appointments)
    .innerJoin(clients, eq(clients.id, appointments.clientId))
    .where(
      and(
        eq(appointments.status, "booked"),
        gte(appointments.startsAt, bounds.appointmentsFrom),
        lt(appointments.startsAt, bounds.appointmentsBefore),
        actor.role === "caseworker" ? sql`(${appointments.staffId} = ${actor.userId} or ${clients.assignedCaseworkerId} = ${actor.userId})` : undefined,
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(20);

  const reviewsDue = await db
    .select({
      planId: integrationPlans.id,
      reviewDueOn: integrationPlans.reviewDueOn,
      clientId: clients.id,
      clientNumber: clients.clientNumber,
      firstNames: clients.firstNames,
      lastName: clients.lastName,
    })
    .from(integrationPlans)
    .innerJoin(clients, eq(clients.id, integrationPlans.clientId))
    .where(and(active, own, isNotNull(integrationPlans.reviewDueOn), lte(integrationPlans.reviewDueOn, bounds.reviewsDueUntil)))
    .orderBy(asc(integrationPlans.reviewDueOn))
    .limit(20);

  const permitsExpiring = await db
    .select({
      permitId: residencePermits.id,
      validUntil: residencePermits.validUntil,
      clientId: clients.id,
      clientNumber: clients.clientNumber,
      firstNames: clients.firstNames,
      lastName: clients.lastName,
    })
    .from(residencePermits)
    .innerJoin(clients, eq(clients.id, residencePermits.clientId))
    .where(
      and(
        active,
        own,
        gte(residencePermits.validUntil, bounds.permitsExpiringFrom),
        lte(residencePermits.validUntil, bounds.permitsExpiringUntil),
      ),
    )
    .orderBy(asc(residencePermits.validUntil))
    .limit(20);

  return { pendingIntake: pending?.n ?? 0, caseload: caseload?.n ?? 0, upcoming, reviewsDue, permitsExpiring };
}

/**
 * The staff home page's summary for one look: it names clients (appointments, reviews, permits), so
 * the look is audited with the ids of the clients shown (security issue 9), never their data.
 */
export async function viewStaffHome({ db, actor, now = new Date() }: { db: Executor; actor: StaffActor; now?: Date }) {
  return db.transaction(async (tx) => {
    const summary = await staffHomeSummary({ db: tx, actor, now });
    const clientIds = [...new Set([...summary.upcoming, ...summary.reviewsDue, ...summary.permitsExpiring].map((row) => row.clientId))];
    await recordAuditEvent(tx, { actorId: actor.userId, action: "client.list_viewed", details: { list: "staff_home", clientIds }, requestId: actor.requestId });
    return summary;
  });
}
