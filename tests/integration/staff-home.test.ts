import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { createRng, insertClientWithCase } from "@/demo/factories";
import { appointments, integrationPlans, residencePermits } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { createStaffUser } from "@/db/staff";
import { staffHomeSummary } from "@/db/staff-home";
import type { StaffActor } from "@/lib/auth/client-access";
import { addDays, marksDay, permitMark, reviewMark } from "@/lib/case-marks";
import { helsinkiLocalToUtc } from "@/lib/helsinki-time";
import { createTestDatabase, testBackend } from "../helpers/database";

/**
 * The staff home lists what the case page marks (lib/case-marks.ts), on Helsinki days: its queries
 * take the rule's bounds. Read half an hour after Helsinki midnight, when UTC still says yesterday.
 */

const SCENARIOS = [
  { season: "winter", now: "2026-03-10T22:30:00Z", today: "2026-03-11", seed: 701 },
  { season: "summer", now: "2026-07-01T21:30:00Z", today: "2026-07-02", seed: 702 },
] as const;

describe(`the staff home's lists follow the case marks on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let caseworker: StaffActor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    const user = await createStaffUser({ db, email: "home@staff-home.test", displayName: "Home", role: "caseworker", password: "staff-home-password-1" });
    caseworker = { userId: user.id, role: "caseworker", sessionId: "unused", requestId: null };
  });
  afterAll(async () => handle?.close());

  it.each(SCENARIOS)("at 00:30 in Helsinki ($season) the day is already $today", async ({ now, today, seed }) => {
    const at = new Date(now);
    expect(marksDay(at)).toBe(today);
    const { client } = await insertClientWithCase(db, createRng(seed), {
      stage: "new",
      assignedCaseworkerId: caseworker.userId,
      now: new Date(at.getTime() - 30 * 24 * 3600_000),
      overrides: { status: "active" },
    });

    const permitDays = [addDays(today, -1), today, addDays(today, 60), addDays(today, 61)];
    const permits = await db
      .insert(residencePermits)
      .values(permitDays.map((validUntil) => ({ clientId: client.id, permitType: "international_protection" as const, validUntil })))
      .returning({ id: residencePermits.id, validUntil: residencePermits.validUntil });
    const reviewDays = [addDays(today, -1), today, addDays(today, 14), addDays(today, 15)];
    const plans = await db
      .insert(integrationPlans)
      .values(reviewDays.map((reviewDueOn) => ({ clientId: client.id, planDate: addDays(today, -100), goals: "Suomen kieli", authors: "Ohjaaja", reviewDueOn })))
      .returning({ id: integrationPlans.id, reviewDueOn: integrationPlans.reviewDueOn });
    // Helsinki wall-clock times: the evening before, just after midnight, the seventh day's evening, the eighth day.
    const appointmentTimes = [`${addDays(today, -1)}T23:30`, `${today}T00:15`, `${addDays(today, 7)}T23:30`, `${addDays(today, 8)}T00:15`];
    const booked = await db
      .insert(appointments)
      .values(appointmentTimes.map((local) => ({ clientId: client.id, startsAt: helsinkiLocalToUtc(local), channel: "in_person" as const, staffId: caseworker.userId, status: "booked" as const })))
      .returning({ id: appointments.id });

    const summary = await staffHomeSummary({ db, actor: caseworker, now: at });
    const listed = (rows: { id: string }[], shown: string[]) => rows.filter((row) => shown.includes(row.id)).map((row) => row.id);

    // Permits: listed exactly when the case page marks them as expiring (yesterday's is expired, not listed).
    const shownPermits = listed(permits, summary.permitsExpiring.map((row) => row.permitId));
    expect(shownPermits).toEqual(permits.filter((p) => permitMark(p.validUntil, today) === "expiring").map((p) => p.id));
    expect(permits.filter((p) => shownPermits.includes(p.id)).map((p) => p.validUntil)).toEqual([today, addDays(today, 60)]);

    // Reviews: listed when due within 14 days or overdue.
    const shownPlans = listed(plans, summary.reviewsDue.map((row) => row.planId));
    expect(shownPlans).toEqual(plans.filter((p) => reviewMark(p.reviewDueOn, today) !== null).map((p) => p.id));
    expect(plans.filter((p) => shownPlans.includes(p.id)).map((p) => p.reviewDueOn)).toEqual([addDays(today, -1), today, addDays(today, 14)]);

    // Appointments: today and the next seven days, from Helsinki midnight.
    expect(listed(booked, summary.upcoming.map((row) => row.id))).toEqual([booked[1]!.id, booked[2]!.id]);
  });
});
