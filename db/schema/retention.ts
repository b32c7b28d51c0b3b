import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { staffUsers } from "./staff";

/** What remains after personal data is deleted: no personal data, only that a deletion happened. */
export const deletionRecords = pgTable("deletion_records", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** "client" or "intake_submission". */
  subjectKind: text("subject_kind").notNull(),
  /** A non-personal reference: the client number or the submission's internal id. */
  subjectReference: text("subject_reference").notNull(),
  reason: text("reason").notNull(),
  archiveReference: text("archive_reference"),
  deletedBy: uuid("deleted_by").references(() => staffUsers.id),
  deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
