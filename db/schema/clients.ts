import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import {
  clientGroup,
  clientStatus,
  familyRelation,
  permitType,
  registerBasis,
} from "./enums";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Search also relies on indexes drizzle cannot declare (a pg_trgm GIN index on search_name) and a
 * few added with it; they live in drizzle/0002_client_search_trigram.sql.
 */
export const clients = pgTable(
  "clients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Yearly sequence, e.g. 2026-000123; see client_number_counters. */
    clientNumber: text("client_number").notNull().unique(),
    // identity
    firstNames: text("first_names").notNull(),
    lastName: text("last_name").notNull(),
    /** Lower-cased, diacritics removed: what name search matches against. */
    searchName: text("search_name").notNull(),
    dateOfBirth: date("date_of_birth"),
    /** AES-256-GCM ciphertext (lib/crypto); never the plain code. */
    personalIdentityCodeEncrypted: text("personal_identity_code_encrypted"),
    /** HMAC-SHA-256 under the lookup key: exact search without decrypting. */
    personalIdentityCodeHash: text("personal_identity_code_hash"),
    gender: text("gender"),
    unhcrId: text("unhcr_id"),
    // contact
    streetAddress: text("street_address"),
    postalCode: text("postal_code"),
    postOffice: text("post_office"),
    phone: text("phone"),
    email: text("email"),
    homeMunicipality: text("home_municipality"),
    preferredLanguage: text("preferred_language"),
    interpreterNeeded: boolean("interpreter_needed").notNull().default(false),
    interpreterLanguage: text("interpreter_language"),
    preferredContactMethod: text("preferred_contact_method"),
    // residence
    citizenships: text("citizenships").array().notNull().default([]),
    arrivalDate: date("arrival_date"),
    clientGroup: clientGroup("client_group").notNull().default("resident"),
    // family
    maritalStatus: text("marital_status"),
    // register bookkeeping
    basis: registerBasis("basis").notNull(),
    status: clientStatus("status").notNull().default("active"),
    assignedCaseworkerId: uuid("assigned_caseworker_id").references(() => staffUsers.id),
    restrictedAt: ts("restricted_at"),
    closedAt: ts("closed_at"),
    closeReason: text("close_reason"),
    isSynthetic: boolean("is_synthetic").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("clients_pic_hash_idx").on(t.personalIdentityCodeHash),
    index("clients_search_name_idx").on(t.searchName),
    index("clients_dob_idx").on(t.dateOfBirth),
    index("clients_caseworker_idx").on(t.assignedCaseworkerId),
  ],
);

export const clientNumberCounters = pgTable("client_number_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull().default(0),
});

export const residencePermits = pgTable(
  "residence_permits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    permitType: permitType("permit_type").notNull(),
    validFrom: date("valid_from"),
    validUntil: date("valid_until"),
    notes: text("notes"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("residence_permits_client_idx").on(t.clientId), index("residence_permits_until_idx").on(t.validUntil)],
);

export const familyMembers = pgTable(
  "family_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    /** Set when the family member is a client too. */
    relatedClientId: uuid("related_client_id").references(() => clients.id, { onDelete: "set null" }),
    relation: familyRelation("relation").notNull(),
    fullName: text("full_name").notNull(),
    dateOfBirth: date("date_of_birth"),
    livesInFinland: boolean("lives_in_finland").notNull().default(true),
    /** The client is this (minor) member's guardian. */
    clientIsGuardian: boolean("client_is_guardian").notNull().default(false),
    daycareOrSchoolNeed: text("daycare_or_school_need"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("family_members_client_idx").on(t.clientId)],
);
