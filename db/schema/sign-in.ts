import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Sign-in throttle counters (lib/sign-in-throttle.ts): one row per typed email and address
 * (`pair`), per typed email (`account`) and per address (`address`). The key is an HMAC
 * (lib/crypto.ts limiterHash), so neither a typed email nor an address is stored in clear;
 * `staff_id` is set only when the typed email is a staff account, so the administrator can see
 * who is held back. Shared by every app instance; expired rows are purged (db/limiter-housekeeping.ts).
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    key: text("key").primaryKey(),
    scope: text("scope").notNull(),
    staffId: uuid("staff_id").references(() => staffUsers.id, { onDelete: "cascade" }),
    failures: integer("failures").notNull().default(0),
    lastFailureAt: ts("last_failure_at"),
    blockedUntil: ts("blocked_until"),
    lastSuccessAt: ts("last_success_at"),
  },
  (t) => [
    check("sign_in_throttles_scope", sql`${t.scope} in ('pair', 'account', 'address')`),
    index("sign_in_throttles_blocked_staff").on(t.blockedUntil).where(sql`${t.staffId} is not null`),
  ],
);
