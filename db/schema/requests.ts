import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { requestChannel, requestKind, requestStatus, requester } from "./enums";
import { clients } from "./clients";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Data subjects' requests (GDPR arts. 15–21); due one month after receipt. */
export const dataSubjectRequests = pgTable(
  "data_subject_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "set null" }),
    kind: requestKind("kind").notNull(),
    channel: requestChannel("channel").notNull(),
    identityVerification: text("identity_verification").notNull(),
    requester: requester("requester").notNull(),
    requesterName: text("requester_name"),
    receivedOn: date("received_on").notNull(),
    dueOn: date("due_on").notNull(),
    status: requestStatus("status").notNull().default("open"),
    decisionReasons: text("decision_reasons"),
    completedAt: ts("completed_at"),
    handledBy: uuid("handled_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("data_subject_requests_client_idx").on(t.clientId)],
);
