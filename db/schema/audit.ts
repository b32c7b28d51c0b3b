import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained (lib/audit-chain.ts). A trigger in the migrations refuses UPDATE,
 * DELETE and TRUNCATE; the app's role may only SELECT and INSERT here. No foreign keys: the log
 * must outlive the rows it speaks of.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    action: text("action").notNull(),
    clientId: uuid("client_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    reason: text("reason"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /**
     * 1: SHA-256, unkeyed (events written before the chain was keyed); 2: HMAC-SHA-256 with the
     * audit key. Unkeyed events may only precede the first keyed one (lib/audit-chain.ts).
     */
    hashVersion: smallint("hash_version").notNull(),
  },
  // The DPO's audit view (db/audit-view.ts) pages every filter newest first by seq: client and
  // actor lead a (…, seq) index, so a page is read in order and stops after one page; rows without
  // a client or an actor are never looked up by it and stay out. The date range has its own index,
  // and the clients a list or search showed (details.clientIds) theirs, for "who saw this client".
  (t) => [
    index("audit_events_client_seq_idx").on(t.clientId, t.seq).where(sql`${t.clientId} is not null`),
    index("audit_events_actor_seq_idx").on(t.actorId, t.seq).where(sql`${t.actorId} is not null`),
    index("audit_events_action_seq_idx").on(t.action, t.seq),
    index("audit_events_occurred_at_idx").on(t.occurredAt),
    index("audit_events_listed_clients_idx")
      .using("gin", sql`(${t.details} -> 'clientIds')`)
      .where(sql`${t.details} ? 'clientIds'`),
    check("audit_events_hash_version_known", sql`${t.hashVersion} in (1, 2)`),
  ],
);
