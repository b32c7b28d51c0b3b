import { date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { requestChannel, requestDecision, requestKind, requestStatus, requester } from "./enums";
import { clients, familyMembers } from "./clients";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Data subjects' requests (GDPR Arts 15–21; DESIGN.md rule 6), one row each from receipt to closing.
 * The dates are Helsinki calendar days; the rules on them (one calendar month, the extension, the
 * guardian) are lib/rights/deadlines.ts and lib/rights/requester.ts.
 */
export const dataSubjectRequests = pgTable(
  "data_subject_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "set null" }),
    kind: requestKind("kind").notNull(),
    channel: requestChannel("channel").notNull(),
    /** How the requester's identity was checked (lib/domain-values.ts identityVerificationMethods); null until verified. */
    identityVerification: text("identity_verification"),
    /** What the person showed or how it was checked, in a line (never an identity code). */
    identityVerificationNote: text("identity_verification_note"),
    identityVerifiedBy: uuid("identity_verified_by").references(() => staffUsers.id),
    identityVerifiedAt: ts("identity_verified_at"),
    requester: requester("requester").notNull(),
    /** The guardian's name when a guardian asks. */
    requesterName: text("requester_name"),
    /** The guardian, when the family records name them: the client whose family record says so. */
    guardianClientId: uuid("guardian_client_id").references(() => clients.id, { onDelete: "set null" }),
    /** The family record (of the guardian's case) that names the guardianship, shown with the request. */
    guardianFamilyMemberId: uuid("guardian_family_member_id").references(() => familyMembers.id, { onDelete: "set null" }),
    /** The language the answer is given in (one of the six public languages). */
    replyLanguage: text("reply_language").notNull().default("fi"),
    /** What the person asks, in their words (e.g. what to correct). */
    description: text("description"),
    receivedOn: date("received_on").notNull(),
    /** One calendar month from receipt, or earlier when the officer set it so. */
    dueOn: date("due_on").notNull(),
    /** Art 12(3): at most two further months; with its reasons and the day the person was told. */
    extendedDueOn: date("extended_due_on"),
    extensionReasons: text("extension_reasons"),
    extensionToldOn: date("extension_told_on"),
    extendedBy: uuid("extended_by").references(() => staffUsers.id),
    status: requestStatus("status").notNull().default("received"),
    decision: requestDecision("decision"),
    decisionReasons: text("decision_reasons"),
    decidedOn: date("decided_on"),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    /** When the request was closed (the answer given). */
    completedAt: ts("completed_at"),
    closedBy: uuid("closed_by").references(() => staffUsers.id),
    /** The officer who handles the request (the first to verify or decide it). */
    handledBy: uuid("handled_by").references(() => staffUsers.id),
    /** Who logged it: the officer, or a caseworker or coordinator who received it at a visit. */
    loggedBy: uuid("logged_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("data_subject_requests_client_idx").on(t.clientId),
    index("data_subject_requests_status_due_idx").on(t.status, t.dueOn),
  ],
);
