import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { staffRole } from "./enums";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const staffUsers = pgTable("staff_users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Always stored lower-cased, so lookups need no function index. */
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  role: staffRole("role").notNull(),
  passwordHash: text("password_hash").notNull(),
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
