import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appointmentStatus, contactChannel, outcomeKind } from "./enums";
import { clients } from "./clients";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const clientRef = () =>
  uuid("client_id")
    .notNull()
    .references(() => clients.id, { onDelete: "cascade" });

export const skills = pgTable(
  "skills",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    /** "skill" or "language". */
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    level: text("level"),
    notes: text("notes"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("skills_client_idx").on(t.clientId)],
);

export const workExperiences = pgTable(
  "work_experiences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    jobTitle: text("job_title").notNull(),
    employer: text("employer"),
    country: text("country"),
    startYear: integer("start_year"),
    endYear: integer("end_year"),
    /** Years of experience as the person stated them on the intake form (staff record start and end years). */
    years: integer("years"),
    description: text("description"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("work_experiences_client_idx").on(t.clientId)],
);

export const educations = pgTable(
  "educations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    level: text("level").notNull(),
    field: text("field"),
    institution: text("institution"),
    country: text("country"),
    startYear: integer("start_year"),
    endYear: integer("end_year"),
    degree: text("degree"),
    recognisedInFinland: boolean("recognised_in_finland"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("educations_client_idx").on(t.clientId)],
);

export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    startsAt: ts("starts_at").notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    channel: contactChannel("channel").notNull(),
    interpreterLanguage: text("interpreter_language"),
    staffId: uuid("staff_id").references(() => staffUsers.id),
    status: appointmentStatus("status").notNull().default("booked"),
    purpose: text("purpose"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("appointments_client_idx").on(t.clientId), index("appointments_starts_idx").on(t.startsAt)],
);

export const visits = pgTable(
  "visits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    appointmentId: uuid("appointment_id").references(() => appointments.id, { onDelete: "set null" }),
    occurredAt: ts("occurred_at").notNull(),
    channel: contactChannel("channel").notNull(),
    interpreterLanguage: text("interpreter_language"),
    staffId: uuid("staff_id").references(() => staffUsers.id),
    notes: text("notes"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("visits_client_idx").on(t.clientId)],
);

/** Osaamisen ja kotoutumisen palvelutarpeen arviointi (before 2025: alkukartoitus): Integration Act 681/2023 §14, decree 874/2024 §1. */
export const initialAssessments = pgTable(
  "initial_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    assessedOn: date("assessed_on").notNull(),
    content: text("content").notNull(),
    furtherMeasures: text("further_measures"),
    plannedPlanDate: date("planned_plan_date"),
    otherReferral: text("other_referral"),
    authors: text("authors").notNull(),
    sources: text("sources"),
    serviceNeeds: text("service_needs").array().notNull().default([]),
    createdBy: uuid("created_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("initial_assessments_client_idx").on(t.clientId)],
);

/** Kotoutumissuunnitelma: Integration Act 681/2023 §16, decree 874/2024 §2. */
export const integrationPlans = pgTable(
  "integration_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    planDate: date("plan_date").notNull(),
    validUntil: date("valid_until"),
    goals: text("goals").notNull(),
    jobSearch: text("job_search"),
    studies: text("studies"),
    skillsAcquisition: text("skills_acquisition"),
    authors: text("authors").notNull(),
    reviewDueOn: date("review_due_on"),
    sources: text("sources"),
    createdBy: uuid("created_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("integration_plans_client_idx").on(t.clientId), index("integration_plans_review_idx").on(t.reviewDueOn)],
);

export const integrationPlanMeasures = pgTable(
  "integration_plan_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => integrationPlans.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    provider: text("provider"),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("integration_plan_measures_plan_idx").on(t.planId)],
);

export const integrationPlanReviews = pgTable(
  "integration_plan_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => integrationPlans.id, { onDelete: "cascade" }),
    reviewedOn: date("reviewed_on").notNull(),
    summary: text("summary").notNull(),
    nextReviewOn: date("next_review_on"),
    reviewedBy: uuid("reviewed_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("integration_plan_reviews_plan_idx").on(t.planId)],
);

export const outcomes = pgTable(
  "outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    kind: outcomeKind("kind").notNull(),
    description: text("description").notNull(),
    startedOn: date("started_on"),
    endedOn: date("ended_on"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("outcomes_client_idx").on(t.clientId)],
);

/** Special category: only the assigned caseworker and coordinators; every view audited. */
export const functionalCapacityEntries = pgTable(
  "functional_capacity_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    assessedOn: date("assessed_on").notNull(),
    content: text("content").notNull(),
    recordedBy: uuid("recorded_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("functional_capacity_client_idx").on(t.clientId)],
);

export const caseNotes = pgTable(
  "case_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: clientRef(),
    /** What staff wrote; empty on a note an intake decision left (its facts are in intake_decision). */
    body: text("body").notNull(),
    /**
     * The facts of an intake decision (lib/intake/decision-note.ts): codes and the person's own words,
     * rendered in the reader's language. Null on a note staff wrote.
     */
    intakeDecision: jsonb("intake_decision"),
    authorId: uuid("author_id").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("case_notes_client_idx").on(t.clientId)],
);
