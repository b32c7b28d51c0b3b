import "server-only";
import type { StaffActor } from "@/lib/auth/client-access";
import { createHash } from "node:crypto";
import { and, count, desc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { z } from "zod";
import { DataKeyError, dataKeyCheck, dataKeyMatches } from "@/lib/crypto";
import { registerSettingsSchema, type RegisterSettings, type RegisterSettingsInput } from "@/lib/register-settings";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { agencies, consentTexts, registerSettings, registerSettingsHistory, staffUsers } from "./schema";

/** The register_settings row is a singleton with this id. */
export const SETTINGS_ROW_ID = 1;

export class RegisterSettingsError extends Error {
  override name = "RegisterSettingsError";
}

/**
 * The register's settings, validated. Throws RegisterSettingsError when there are none yet (run
 * `npm run db:seed` or save them in the admin UI) or when the stored JSON no longer passes the schema.
 */
export async function getRegisterSettings({ db }: { db: Executor }): Promise<RegisterSettings> {
  const [row] = await db
    .select({ settings: registerSettings.settings })
    .from(registerSettings)
    .where(eq(registerSettings.id, SETTINGS_ROW_ID))
    .limit(1);
  if (!row) {
    throw new RegisterSettingsError(
      "The register has no settings yet: run `npm run db:seed` or save them in the administration pages.",
    );
  }
  const parsed = registerSettingsSchema.safeParse(row.settings);
  if (!parsed.success) {
    throw new RegisterSettingsError(`The stored register settings are invalid:\n${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Whether settings have been saved: the seed and start-up check this before anything else. */
export async function hasRegisterSettings({ db }: { db: Executor }): Promise<boolean> {
  const [row] = await db
    .select({ id: registerSettings.id })
    .from(registerSettings)
    .where(eq(registerSettings.id, SETTINGS_ROW_ID))
    .limit(1);
  return row !== undefined;
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare in a canonical form. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return inner;
  });
}

function changedTopLevelKeys(before: unknown, after: RegisterSettings): string[] {
  const old = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const keys = new Set([...Object.keys(old), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => canonical(old[key]) !== canonical((after as Record<string, unknown>)[key]))
    .sort();
}

/**
 * Validates and saves the settings in one transaction: the singleton row, the agencies table
 * (upserted by code; agencies no longer in the settings are deactivated, never deleted, since the
 * disclosure log refers to them), a version in the settings history (the settings before and
 * after: they hold no personal data) and a "settings.changed" audit event naming the top-level
 * keys that changed. Invalid settings throw the ZodError before anything is written. Every write
 * of the settings (the settings editor, the agencies admin, the seed) goes through here.
 */
export async function saveRegisterSettings({
  db,
  settings,
  actor,
  dataKey,
}: {
  db: Executor;
  settings: RegisterSettingsInput | RegisterSettings;
  /** The staff member saving, or null for the seed and scripts. */
  actor: StaffActor | null;
  /** For the key check stored with the first settings; defaults to the process's key. */
  dataKey?: Buffer;
}): Promise<{ settings: RegisterSettings; changedKeys: string[]; created: boolean }> {
  const valid = registerSettingsSchema.parse(settings);
  const actorId = actor?.userId ?? null;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ settings: registerSettings.settings })
      .from(registerSettings)
      .where(eq(registerSettings.id, SETTINGS_ROW_ID))
      .limit(1)
      .for("update");
    const changedKeys = changedTopLevelKeys(existing?.settings, valid);
    const now = new Date();

    if (!existing) {
      await tx.insert(registerSettings).values({
        id: SETTINGS_ROW_ID,
        settings: valid,
        dataKeyCheck: dataKeyCheck(dataKey),
        updatedAt: now,
        updatedBy: actorId,
      });
    } else if (changedKeys.length > 0) {
      await tx
        .update(registerSettings)
        .set({ settings: valid, updatedAt: now, updatedBy: actorId })
        .where(eq(registerSettings.id, SETTINGS_ROW_ID));
    }

    await syncAgencies(tx, valid);

    if (changedKeys.length > 0) {
      await tx.insert(registerSettingsHistory).values({
        savedAt: now,
        savedBy: actorId,
        changedKeys,
        previousSettings: existing?.settings ?? null,
        settings: valid,
      });
      await recordAuditEvent(tx, {
        actorId,
        action: "settings.changed",
        details: { changedKeys, created: !existing, legalBasis: valid.legalBasis.kind },
        requestId: actor?.requestId ?? null,
      });
    }
    return { settings: valid, changedKeys, created: !existing };
  });
}

export interface SettingsVersion {
  id: number;
  savedAt: Date;
  /** The staff member's name, or null when the seed or a script saved them. */
  savedBy: string | null;
  changedKeys: string[];
  previousSettings: unknown;
  settings: unknown;
}

export const SETTINGS_HISTORY_PAGE_SIZE = 20;

/** The saved versions of the settings, newest first, a page at a time. */
export async function listSettingsHistory({ db, page = 1 }: { db: Executor; page?: number }): Promise<{ versions: SettingsVersion[]; total: number }> {
  const [total] = await db.select({ n: count() }).from(registerSettingsHistory);
  const versions = await db
    .select({
      id: registerSettingsHistory.id,
      savedAt: registerSettingsHistory.savedAt,
      savedBy: staffUsers.displayName,
      changedKeys: registerSettingsHistory.changedKeys,
      previousSettings: registerSettingsHistory.previousSettings,
      settings: registerSettingsHistory.settings,
    })
    .from(registerSettingsHistory)
    .leftJoin(staffUsers, eq(staffUsers.id, registerSettingsHistory.savedBy))
    .orderBy(desc(registerSettingsHistory.id))
    .limit(SETTINGS_HISTORY_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * SETTINGS_HISTORY_PAGE_SIZE);
  return { versions, total: Number(total?.n ?? 0) };
}

/** Makes the agencies table match the settings' agencies. */
async function syncAgencies(tx: Executor, settings: RegisterSettings): Promise<void> {
  for (const agency of settings.agencies) {
    const values = {
      name: agency.name,
      names: { fi: agency.name, ...agency.names },
      businessId: agency.businessId ?? null,
      insideEea: agency.insideEea,
      deliveryMethod: agency.deliveryMethod,
      active: true,
    };
    await tx
      .insert(agencies)
      .values({ code: agency.code, ...values })
      .onConflictDoUpdate({ target: agencies.code, set: values });
  }
  const codes = settings.agencies.map((agency) => agency.code);
  await tx
    .update(agencies)
    .set({ active: false })
    .where(codes.length > 0 ? and(eq(agencies.active, true), notInArray(agencies.code, codes)) : eq(agencies.active, true));
}

/**
 * Checks at start-up that KOTONA_DATA_KEY is the key the database was written with. Stores the
 * check value when the settings row has none yet; throws DataKeyError when it differs.
 * Returns "no_settings" when there is no settings row (saveRegisterSettings stores the check).
 */
export async function ensureDataKeyCheck({
  db,
  dataKey,
}: {
  db: Executor;
  dataKey?: Buffer;
}): Promise<"stored" | "matches" | "no_settings"> {
  const [row] = await db
    .select({ check: registerSettings.dataKeyCheck })
    .from(registerSettings)
    .where(eq(registerSettings.id, SETTINGS_ROW_ID))
    .limit(1);
  if (!row) return "no_settings";
  if (row.check === null) {
    const stored = await db
      .update(registerSettings)
      .set({ dataKeyCheck: dataKeyCheck(dataKey) })
      .where(and(eq(registerSettings.id, SETTINGS_ROW_ID), isNull(registerSettings.dataKeyCheck)))
      .returning({ id: registerSettings.id });
    // Another process stored one first: check against it.
    if (stored.length === 0) return ensureDataKeyCheck({ db, dataKey });
    return "stored";
  }
  if (!dataKeyMatches(row.check, dataKey)) {
    throw new DataKeyError(
      "KOTONA_DATA_KEY is not the key this database was created with. Start with the original key: with a different one the encrypted identity codes cannot be read.",
    );
  }
  return "matches";
}

// ---------------------------------------------------------------------------------------------
// Consent texts

export type ConsentText = typeof consentTexts.$inferSelect;
export type ConsentKind = ConsentText["kind"];

/** A consent text to seed (the demo's are in demo/consent-texts.ts): versioned, never edited (a change is a new version). */
export interface ConsentTextInput {
  kind: ConsentKind;
  version: number;
  locale: string;
  body: string;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export class ConsentTextConflictError extends Error {
  override name = "ConsentTextConflictError";
}

/**
 * Inserts the consent texts that are not there yet (by kind, version and locale) with the SHA-256
 * of their body. Texts are never edited: a stored version whose body differs is an error (a
 * changed text needs a new version). Returns the texts inserted.
 */
export async function ensureConsentTexts({
  db,
  texts,
}: {
  db: Executor;
  texts: readonly ConsentTextInput[];
}): Promise<ConsentText[]> {
  if (texts.length === 0) return [];
  return db.transaction(async (tx) => {
    const kinds = [...new Set(texts.map((text) => text.kind))];
    const existing = await tx.select().from(consentTexts).where(inArray(consentTexts.kind, kinds));
    const inserted: ConsentText[] = [];
    for (const text of texts) {
      const sha256 = sha256Hex(text.body);
      const found = existing.find(
        (row) => row.kind === text.kind && row.version === text.version && row.locale === text.locale,
      );
      if (found) {
        if (found.sha256 !== sha256) {
          throw new ConsentTextConflictError(
            `Consent text ${text.kind} v${text.version} (${text.locale}) is stored with a different body; give the changed text a new version.`,
          );
        }
        continue;
      }
      const rows = await tx
        .insert(consentTexts)
        .values({ kind: text.kind, version: text.version, locale: text.locale, body: text.body, sha256 })
        .onConflictDoNothing()
        .returning();
      inserted.push(...rows);
      existing.push(...rows);
    }
    return inserted;
  });
}

/** The newest version of a consent text in a locale, or undefined when there is none in it. */
export async function currentConsentText({
  db,
  kind,
  locale,
}: {
  db: Executor;
  kind: ConsentKind;
  locale: string;
}): Promise<ConsentText | undefined> {
  const [row] = await db
    .select()
    .from(consentTexts)
    .where(and(eq(consentTexts.kind, kind), eq(consentTexts.locale, locale)))
    .orderBy(desc(consentTexts.version))
    .limit(1);
  return row;
}
