import { boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { consentChannel, consentKind, disclosureMethod } from "./enums";
import { clients } from "./clients";
import { agencies, consentTexts } from "./settings";
import { staffUsers } from "./staff";
import type { DisclosureBasisEntry } from "../../lib/disclosure-document";
import { intakeSubmissions } from "./intake";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A consent, or a recorded refusal of one. Never deleted: withdrawal fills the withdrawn_* columns.
 * Belongs to an intake submission until staff accept it, then to the client.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id").references(() => intakeSubmissions.id, { onDelete: "cascade" }),
    kind: consentKind("kind").notNull(),
    granted: boolean("granted").notNull(),
    /** The recipient of a disclosure or transfer consent. */
    agencyId: uuid("agency_id").references(() => agencies.id),
    /** The authority data may be obtained from (obtain_data consents), as named in the settings. */
    sourceAuthority: text("source_authority"),
    categories: text("categories").array().notNull().default([]),
    purpose: text("purpose"),
    validFrom: date("valid_from"),
    validUntil: date("valid_until"),
    givenAt: ts("given_at").notNull(),
    channel: consentChannel("channel").notNull(),
    consentTextId: uuid("consent_text_id").references(() => consentTexts.id),
    textSha256: text("text_sha256"),
    locale: text("locale"),
    paperReference: text("paper_reference"),
    recordedBy: uuid("recorded_by").references(() => staffUsers.id),
    withdrawnAt: ts("withdrawn_at"),
    withdrawalChannel: text("withdrawal_channel"),
    withdrawalRecordedBy: uuid("withdrawal_recorded_by").references(() => staffUsers.id),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("consents_client_idx").on(t.clientId), index("consents_submission_idx").on(t.submissionId)],
);

export type { DisclosureBasisEntry } from "../../lib/disclosure-document";

export const disclosures = pgTable(
  "disclosures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Kept (as null) when the client is erased: the log outlives the personal data. */
    clientId: uuid("client_id").references(() => clients.id, { onDelete: "set null" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    categories: text("categories").array().notNull(),
    basis: jsonb("basis").$type<DisclosureBasisEntry[]>().notNull(),
    purpose: text("purpose").notNull(),
    method: disclosureMethod("method").notNull(),
    requestReference: text("request_reference"),
    documentSha256: text("document_sha256"),
    /**
     * The document as disclosed, AES-256-GCM under the data key: the controller can show what left
     * the register. Personal data: cleared when the client's data is erased, while the row stays.
     */
    documentEncrypted: text("document_encrypted"),
    disclosedBy: uuid("disclosed_by")
      .notNull()
      .references(() => staffUsers.id),
    disclosedAt: ts("disclosed_at").notNull().defaultNow(),
  },
  (t) => [index("disclosures_client_idx").on(t.clientId), index("disclosures_agency_idx").on(t.agencyId)],
);
