import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleGrantStatus, staffRole } from "./enums";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const staffUsers = pgTable("staff_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Always stored lower-cased, so lookups need no function index. */
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  /**
   * The role in force. Null while an account's first role waits for a second person's approval
   * (staff_role_grants): code that reads this column (assignees, the session) sees only granted roles.
   */
  role: staffRole("role"),
  passwordHash: text("password_hash").notNull(),
  /** Set when an administrator chose the password: the person sets their own before anything else opens. */
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  locale: text("locale").notNull().default("fi"),
  isDemo: boolean("is_demo").notNull().default(false),
  disabledAt: ts("disabled_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * Auth.js keeps a signed JWT in the cookie; the token only carries this row's id, so signing out,
 * disabling an account and the idle/absolute timeouts are enforced here on every request.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    revokedReason: text("revoked_reason"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);

/** Counters of rate-limiter-flexible's RateLimiterDrizzle: shared by every app instance. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true, precision: 3 }),
});

/**
 * Every change of an account's role, and every request for one (lib/auth/role-grants.ts): a role
 * that reads client data waits here as `pending` until a coordinator or the DPO other than the
 * requester and the account approves it; roles without client data, and accounts made by the
 * command line or the demo seed (requested_by null), are `direct`. Kept for the DPO's history.
 */
export const staffRoleGrants = pgTable(
  "staff_role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => staffUsers.id),
    role: staffRole("role").notNull(),
    /** The role in force when asked; null for an account that had none. */
    previousRole: staffRole("previous_role"),
    status: roleGrantStatus("status").notNull(),
    requestedBy: uuid("requested_by").references(() => staffUsers.id),
    requestedAt: ts("requested_at").notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: ts("decided_at"),
  },
  (t) => [
    index("staff_role_grants_staff_idx").on(t.staffId),
    // One open request per account: a new request replaces (cancels) the old one.
    uniqueIndex("staff_role_grants_one_pending_idx").on(t.staffId).where(sql`${t.status} = 'pending'`),
    // The database's own guard behind the rule: an approval is never by the account or its requester.
    check(
      "staff_role_grants_four_eyes",
      sql`${t.status} <> 'approved' OR (${t.decidedBy} IS NOT NULL AND ${t.decidedBy} <> ${t.staffId} AND ${t.decidedBy} IS DISTINCT FROM ${t.requestedBy})`,
    ),
  ],
);
