import { sql } from "drizzle-orm";
import { bigint, check, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { disclosureMethod, noticeCause, restrictionGround } from "./enums";
import { clients } from "./clients";
import { dataSubjectRequests } from "./requests";
import { agencies } from "./settings";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Restriction of processing (GDPR Art 18), one row per period: applied, then lifted. The history is
 * what the disclosure gate reads to decide a past moment; clients.restricted_at is the current state
 * the rest of the app reads, kept in step by db/restrictions.ts in the same transaction.
 */
export const clientRestrictions = pgTable(
  "client_restrictions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The history goes with the client's data when it is erased; the audit trail keeps the events. */
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    /** The data subject's request it was applied from; null when the DPO applied it on their own. */
    requestId: uuid("request_id").references(() => dataSubjectRequests.id, { onDelete: "set null" }),
    /** Null only for a restriction carried over from before grounds were recorded (migration 0012). */
    ground: restrictionGround("ground"),
    appliedBy: uuid("applied_by").references(() => staffUsers.id),
    appliedAt: ts("applied_at").notNull(),
    /** Art 18(3): the person told before the restriction is lifted — when, how, in which language. */
    liftNoticeToldOn: date("lift_notice_told_on"),
    liftNoticeMethod: disclosureMethod("lift_notice_method"),
    liftNoticeLocale: text("lift_notice_locale"),
    /** The generated letter (rights_documents, db/rights-documents.ts). */
    liftNoticeDocumentId: uuid("lift_notice_document_id"),
    liftNoticeRecordedBy: uuid("lift_notice_recorded_by").references(() => staffUsers.id),
    liftNoticeRecordedAt: ts("lift_notice_recorded_at"),
    liftedBy: uuid("lifted_by").references(() => staffUsers.id),
    liftedAt: ts("lifted_at"),
  },
  (t) => [
    index("client_restrictions_client_idx").on(t.clientId, t.appliedAt),
    // One restriction in force at a time.
    uniqueIndex("client_restrictions_one_in_force").on(t.clientId).where(sql`${t.liftedAt} is null`),
    // Art 18(3) held by the database too: no lifting without the recorded notice.
    check("client_restrictions_lift_needs_notice", sql`${t.liftedAt} is null or ${t.liftNoticeToldOn} is not null`),
    check("client_restrictions_lifted_after_applied", sql`${t.liftedAt} is null or ${t.liftedAt} >= ${t.appliedAt}`),
  ],
);

/**
 * A notice to a recipient of the client's data (GDPR Art 19): of a rectification, an erasure or a
 * restriction, with the generated letter, the method and the date. Kept when the client is erased
 * (client_id set null): the register must still show that the recipients were told.
 */
export const recipientNotices = pgTable(
  "recipient_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "set null" }),
    cause: noticeCause("cause").notNull(),
    requestId: uuid("request_id").references(() => dataSubjectRequests.id, { onDelete: "set null" }),
    restrictionId: uuid("restriction_id").references(() => clientRestrictions.id, { onDelete: "set null" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The categories the notice is about that the agency had received (codes of lib/data-categories.ts). */
    categories: text("categories").array().notNull(),
    /** The disclosures that made the agency a recipient of them. */
    disclosureIds: uuid("disclosure_ids").array().notNull(),
    /** For a rectification: the audit events of the corrections told of (their seq). */
    correctionSeqs: bigint("correction_seqs", { mode: "number" }).array().notNull().default(sql`'{}'::bigint[]`),
    method: disclosureMethod("method").notNull(),
    sentOn: date("sent_on").notNull(),
    locale: text("locale").notNull(),
    /** The generated letter (rights_documents). */
    documentId: uuid("document_id"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => staffUsers.id),
    recordedAt: ts("recorded_at").notNull().defaultNow(),
  },
  (t) => [
    index("recipient_notices_client_idx").on(t.clientId),
    index("recipient_notices_request_idx").on(t.requestId),
    index("recipient_notices_restriction_idx").on(t.restrictionId),
  ],
);

/**
 * The corrections a rectification request led to (Art 16): the DPO links the case forms' writes on
 * the client (their audit events, which name the fields) to the request. The link, not a copy: the
 * audit trail is append-only and already holds who changed which fields when.
 */
export const requestCorrections = pgTable(
  "request_corrections",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: "cascade" }),
    auditSeq: bigint("audit_seq", { mode: "number" }).notNull(),
    linkedBy: uuid("linked_by")
      .notNull()
      .references(() => staffUsers.id),
    linkedAt: ts("linked_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.auditSeq] })],
);
