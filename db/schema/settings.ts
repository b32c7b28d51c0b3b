import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { consentKind, disclosureMethod } from "./enums";
import { staffUsers } from "./staff";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** One row: the deployment serves one controller. The JSON is validated by lib/register-settings.ts. */
export const registerSettings = pgTable("register_settings", {
  id: integer("id").primaryKey().default(1),
  settings: jsonb("settings").notNull(),
  /** HMAC of a constant under the data key: a different key at start-up is a clear error. */
  dataKeyCheck: text("data_key_check"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => staffUsers.id),
});

/**
 * Every saved version of the register settings: the settings before and after, who saved them and
 * when, and the top-level keys that changed. The settings hold no personal data (role addresses
 * only), so the whole document is kept; the audit event names the keys only. Read by the admin
 * and the data protection officer (/staff/admin/settings/history).
 */
export const registerSettingsHistory = pgTable(
  "register_settings_history",
  {
    /** Ascending in saving order, so "newest first" needs no clock. */
    id: bigserial("id", { mode: "number" }).primaryKey(),
    savedAt: ts("saved_at").notNull().defaultNow(),
    /** Null when the seed or a script saved them. */
    savedBy: uuid("saved_by").references(() => staffUsers.id),
    changedKeys: text("changed_keys").array().notNull(),
    /** Null for the first settings ever saved. */
    previousSettings: jsonb("previous_settings"),
    settings: jsonb("settings").notNull(),
  },
  (t) => [index("register_settings_history_saved_at").on(t.savedAt)],
);

export const agencies = pgTable("agencies", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stable code the register settings refer to (e.g. "ely", "migri"). */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  /** Localised names keyed by locale; the UI falls back to `name`. */
  names: jsonb("names").$type<Record<string, string>>().notNull().default({}),
  businessId: text("business_id"),
  insideEea: boolean("inside_eea").notNull().default(true),
  deliveryMethod: disclosureMethod("delivery_method").notNull().default("secure_email"),
  active: boolean("active").notNull().default(true),
  createdAt: ts("created_at").notNull().defaultNow(),
});

/** Consent texts are versioned and never edited: a consent record points at the exact text shown. */
export const consentTexts = pgTable(
  "consent_texts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: consentKind("kind").notNull(),
    version: integer("version").notNull(),
    locale: text("locale").notNull(),
    body: text("body").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [unique("consent_texts_kind_version_locale").on(t.kind, t.version, t.locale)],
);
