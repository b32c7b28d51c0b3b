import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { submissionStatus } from "./enums";
import { clients } from "./clients";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A form in progress: its id lives only in an HttpOnly cookie; deleted after 24 h, at submit or refusal. */
export const intakeDrafts = pgTable(
  "intake_drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    locale: text("locale").notNull(),
    /** Answers by step, without the identity code (kept encrypted below). */
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    personalIdentityCodeEncrypted: text("personal_identity_code_encrypted"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("intake_drafts_expires_idx").on(t.expiresAt)],
);

export const intakeSubmissions = pgTable(
  "intake_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Read-aloud-friendly reference shown to the newcomer. */
    reference: text("reference").notNull().unique(),
    locale: text("locale").notNull(),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
    personalIdentityCodeEncrypted: text("personal_identity_code_encrypted"),
    personalIdentityCodeHash: text("personal_identity_code_hash"),
    status: submissionStatus("status").notNull().default("pending"),
    acceptedClientId: uuid("accepted_client_id").references(() => clients.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: ts("decided_at"),
    submittedAt: ts("submitted_at").notNull().defaultNow(),
  },
  (t) => [index("intake_submissions_status_idx").on(t.status, t.submittedAt)],
);
