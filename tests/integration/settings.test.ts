import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq, sql, type SQL } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { verifyAuditChain } from "@/db/audit-verify";
import { nextClientNumber } from "@/db/client-numbers";
import { DEMO_SEED, seedDemo } from "@/demo/seed";
import {
  agencies,
  auditEvents,
  clients,
  consentTexts,
  consents,
  disclosures,
  integrationPlans,
  registerSettings,
  staffUsers,
} from "@/db/schema";
import {
  currentConsentText,
  ensureConsentTexts,
  ensureDataKeyCheck,
  getRegisterSettings,
  RegisterSettingsError,
  saveRegisterSettings,
  sha256Hex,
} from "@/db/settings";
import { DataKeyError, decryptField, lookupHash } from "@/lib/crypto";
import { demoAccounts } from "@/demo/accounts";
import { demoConsentTexts } from "@/demo/consent-texts";
import { demoSettings, demoStatutorySettings } from "@/demo/settings";
import { parsePersonalIdentityCode } from "@/lib/personal-identity-code";
import { parseRegisterSettings } from "@/lib/register-settings";
import { staffRoles } from "@/lib/auth/roles";
import { createRng, FACTORY_NOW, insertClientWithCase } from "@/demo/factories";
import { createStaff } from "@/demo/factories/staff";
import { createTestDatabase, testBackend } from "../helpers/database";

/** Rows of a raw query on either driver (PGlite answers { rows }, postgres.js an array). */
async function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

async function tableCounts(db: Executor): Promise<Record<string, number>> {
  const tables = await rawRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table_name)}`);
    counts[table_name] = Number(row?.n);
  }
  return counts;
}

/** How many rows of any table hold `needle` in any column, as text. */
async function occurrencesAnywhere(db: Executor, needle: string): Promise<Record<string, number>> {
  const columns = await rawRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  }
  const found: Record<string, number> = {};
  for (const [table, names] of byTable) {
    const anyColumn = sql.join(
      names.map((name) => sql`strpos(${sql.identifier(name)}::text, ${needle}) > 0`),
      sql` or `,
    );
    const [row] = await rawRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${anyColumn}`,
    );
    if (Number(row?.n) > 0) found[table] = Number(row?.n);
  }
  return found;
}

describe(`register settings on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it("say clearly that there are no settings yet", async () => {
    await expect(getRegisterSettings({ db })).rejects.toThrow(RegisterSettingsError);
    await expect(getRegisterSettings({ db })).rejects.toThrow(/no settings yet/);
    expect(await ensureDataKeyCheck({ db })).toBe("no_settings");
  });

  it("refuse invalid settings with the zod error and write nothing", async () => {
    const before = await tableCounts(db);
    const invalid = {
      ...structuredClone(demoStatutorySettings),
      statutoryDisclosures: [{ agencyCode: "te_office", provision: { fi: "Laki" }, categories: ["functionalCapacity"] }],
    };
    await expect(saveRegisterSettings({ db, settings: invalid as never, actor: null })).rejects.toBeInstanceOf(ZodError);
    await expect(
      saveRegisterSettings({ db, settings: { ...structuredClone(demoSettings), contact: { role: { fi: "x" }, email: "nope" } } as never, actor: null }),
    ).rejects.toThrow(/email/i);
    expect(await tableCounts(db)).toEqual(before);
  });

  it("round-trip the consent-basis settings and create the agencies", async () => {
    const result = await saveRegisterSettings({ db, settings: demoSettings, actor: null });
    expect(result.created).toBe(true);
    const stored = await getRegisterSettings({ db });
    expect(stored).toEqual(parseRegisterSettings(demoSettings));
    expect(stored.legalBasis.kind).toBe("consent");
    expect(stored.statutoryDisclosures).toEqual([]);
    expect(stored.transfersOutsideEea).toBe("written_consent");

    const rows = await db.select().from(agencies).orderBy(asc(agencies.code));
    expect(rows.map((row) => row.code)).toEqual(
      ["education_services", "ely", "farland_resettlement", "iom", "migri", "te_office", "wellbeing_county"],
    );
    expect(rows.filter((row) => !row.insideEea).map((row) => row.code)).toEqual(["farland_resettlement"]);
    const migri = rows.find((row) => row.code === "migri");
    expect(migri?.names.en).toBe("Finnish Immigration Service (Migri)");
    expect(migri?.names.fi).toBe(migri?.name);
    expect(rows.every((row) => row.active)).toBe(true);

    // The key check is stored with the first settings.
    expect(await ensureDataKeyCheck({ db })).toBe("matches");
  });

  it("round-trip the legal-obligation settings and audit which keys changed", async () => {
    const staff = await createStaff(db, { role: "admin", displayName: "Test admin" });
    const result = await saveRegisterSettings({ db, settings: demoStatutorySettings, actor: { userId: staff.id, role: "admin", sessionId: "settings-test", requestId: null } });
    expect(result.created).toBe(false);
    expect(result.changedKeys).toEqual(
      // refusalGrounds: the legal-obligation register adds its statutory duty to the grounds (issue 11).
      ["dataSources", "legalBasis", "refusalGrounds", "register", "retention", "statutoryDisclosures", "transfersOutsideEea"].sort(),
    );
    const stored = await getRegisterSettings({ db });
    expect(stored).toEqual(parseRegisterSettings(demoStatutorySettings));
    expect(stored.legalBasis.provisions.length).toBe(2);
    expect(stored.statutoryDisclosures.find((entry) => entry.agencyCode === "education_services")?.condition).toBe("minors_only");
    expect(stored.retention.permanentDocuments).toEqual(["initialAssessment", "integrationPlan"]);

    const [row] = await db.select().from(registerSettings);
    expect(row?.updatedBy).toBe(staff.id);

    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "settings.changed")).orderBy(asc(auditEvents.seq));
    expect(events).toHaveLength(2);
    expect(events[0]?.actorId).toBeNull();
    expect(events[1]?.actorId).toBe(staff.id);
    expect(events[1]?.details).toMatchObject({ changedKeys: result.changedKeys, created: false, legalBasis: "legal_obligation" });
    // Only key names: no addresses, names or other content of the settings.
    expect(JSON.stringify(events.map((event) => event.details))).not.toMatch(/@|Kotola|Laki/);
    expect((await verifyAuditChain({ db })).ok).toBe(true);

    expect(await db.$count(agencies)).toBe(7);
  });

  it("audit nothing when nothing changed, and deactivate agencies dropped from the settings", async () => {
    const before = await db.$count(auditEvents);
    const same = await saveRegisterSettings({ db, settings: demoStatutorySettings, actor: null });
    expect(same.changedKeys).toEqual([]);
    expect(await db.$count(auditEvents)).toBe(before);

    const withoutFarland = {
      ...demoStatutorySettings,
      agencies: demoStatutorySettings.agencies.filter((agency) => agency.code !== "farland_resettlement"),
    };
    const changed = await saveRegisterSettings({ db, settings: withoutFarland, actor: null });
    expect(changed.changedKeys).toEqual(["agencies"]);
    const [farland] = await db.select().from(agencies).where(eq(agencies.code, "farland_resettlement"));
    expect(farland?.active).toBe(false);

    await saveRegisterSettings({ db, settings: demoStatutorySettings, actor: null });
    const [again] = await db.select().from(agencies).where(eq(agencies.code, "farland_resettlement"));
    expect(again?.active).toBe(true);
    expect(again?.id).toBe(farland?.id);
  });

  it("store the data key check, then refuse a different key", async () => {
    await db.update(registerSettings).set({ dataKeyCheck: null });
    expect(await ensureDataKeyCheck({ db })).toBe("stored");
    expect(await ensureDataKeyCheck({ db })).toBe("matches");
    const otherKey = Buffer.alloc(32, 9);
    await expect(ensureDataKeyCheck({ db, dataKey: otherKey })).rejects.toBeInstanceOf(DataKeyError);
    await expect(ensureDataKeyCheck({ db, dataKey: otherKey })).rejects.toThrow(
      "KOTONA_DATA_KEY is not the key this database was created with",
    );
  });

  it("keep versioned consent texts with their SHA-256, and refuse an edited body", async () => {
    const inserted = await ensureConsentTexts({ db, texts: demoConsentTexts });
    expect(inserted).toHaveLength(demoConsentTexts.length);
    expect(await ensureConsentTexts({ db, texts: demoConsentTexts })).toEqual([]);
    const latest = (locale: string) =>
      demoConsentTexts.filter((text) => text.kind === "storage" && text.locale === locale).sort((a, b) => b.version - a.version)[0]!;
    const storageFi = latest("fi");
    const current = await currentConsentText({ db, kind: "storage", locale: "fi" });
    expect(current?.version).toBe(storageFi.version);
    expect(current?.sha256).toBe(sha256Hex(storageFi.body));
    expect(current?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const next = storageFi.version + 1;
    await ensureConsentTexts({ db, texts: [{ ...storageFi, version: next, body: `${storageFi.body}\nVersio ${next}.` }] });
    expect((await currentConsentText({ db, kind: "storage", locale: "fi" }))?.version).toBe(next);
    expect((await currentConsentText({ db, kind: "storage", locale: "en" }))?.version).toBe(latest("en").version);
    expect(await currentConsentText({ db, kind: "storage", locale: "ti" })).toBeUndefined();

    await expect(ensureConsentTexts({ db, texts: [{ ...storageFi, body: "Muutettu teksti" }] })).rejects.toThrow(/new version/);
    expect(await db.$count(consentTexts)).toBe(demoConsentTexts.length + 1);
  });

  it("number clients per year and insert legal-obligation clients without a storage consent", async () => {
    const numbers = await db.transaction(async (tx) => [await nextClientNumber(tx, 2031), await nextClientNumber(tx, 2031)]);
    expect(numbers).toEqual(["2031-000001", "2031-000002"]);
    const inserted = await insertClientWithCase(db, createRng(7), {
      basis: "legal_obligation",
      stage: "planned",
      now: FACTORY_NOW,
    });
    expect(inserted.client.basis).toBe("legal_obligation");
    expect(inserted.client.clientNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(inserted.integrationPlanId).not.toBeNull();
    const [plan] = await db.select().from(integrationPlans).where(eq(integrationPlans.clientId, inserted.client.id));
    expect(plan?.reviewDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const storage = await db.select().from(consents).where(eq(consents.clientId, inserted.client.id));
    expect(storage.filter((consent) => consent.kind === "storage")).toEqual([]);
  });
});

describe(`the demo seed on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  it("creates the settings, 50 synthetic clients and one account per role", async () => {
    const report = await seedDemo({ db, demoAccounts: true, now: FACTORY_NOW });
    expect(report.settings).toBe("created");
    expect(report.clientsCreated).toBe(50);
    expect(report.accountsCreated).toHaveLength(demoAccounts.length);
    expect(report.consentTextsInserted).toBe(demoConsentTexts.length);

    expect(await getRegisterSettings({ db })).toEqual(parseRegisterSettings(demoSettings));
    expect(await db.$count(clients)).toBe(50);
    expect(await db.$count(clients, eq(clients.isSynthetic, false))).toBe(0);

    const staff = await db.select().from(staffUsers);
    expect(new Set(staff.map((user) => user.role))).toEqual(new Set(staffRoles));
    expect(staff.every((user) => user.isDemo)).toBe(true);
    expect(staff.map((user) => user.email).sort()).toEqual(demoAccounts.map((account) => account.email).sort());

    const byCaseworker = await db
      .select({ caseworker: clients.assignedCaseworkerId, n: count() })
      .from(clients)
      .groupBy(clients.assignedCaseworkerId);
    const caseworkerIds = staff.filter((user) => user.role === "caseworker").map((user) => user.id);
    expect(byCaseworker.find((row) => row.caseworker === null)?.n).toBeGreaterThan(0);
    for (const id of caseworkerIds) expect(byCaseworker.find((row) => row.caseworker === id)?.n).toBeGreaterThan(0);

    const numbers = (await db.select({ n: clients.clientNumber }).from(clients)).map((row) => row.n);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.every((n) => /^\d{4}-\d{6}$/.test(n))).toBe(true);

    // Every consent-basis client has its storage consent with the exact text's hash.
    const storage = await db.select().from(consents).where(eq(consents.kind, "storage"));
    expect(storage).toHaveLength(50);
    expect(storage.every((consent) => consent.granted && consent.textSha256?.length === 64)).toBe(true);

    // A few disclosures to the TE office, each through the gate on the client's consent to it.
    expect(report.disclosuresCreated).toBeGreaterThan(0);
    const logged = await db.select().from(disclosures);
    expect(logged).toHaveLength(report.disclosuresCreated);
    for (const entry of logged) {
      expect(entry.basis.length).toBeGreaterThan(0);
      expect(entry.basis.every((basis) => basis.kind === "consent")).toBe(true);
      expect(entry.documentEncrypted).not.toBeNull();
    }
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("changes nothing when run again", async () => {
    const before = await tableCounts(db);
    const [settingsBefore] = await db.select().from(registerSettings);
    const report = await seedDemo({ db, demoAccounts: true, now: FACTORY_NOW });
    expect(report.settings).toBe("existing");
    expect(report.clientsCreated).toBe(0);
    expect(report.accountsCreated).toEqual([]);
    expect(report.accountsExisting).toHaveLength(demoAccounts.length);
    expect(await tableCounts(db)).toEqual(before);
    const [settingsAfter] = await db.select().from(registerSettings);
    expect(settingsAfter).toEqual(settingsBefore);
  });

  it("refuses to seed under a different data key", async () => {
    await expect(seedDemo({ db, demoAccounts: false, dataKey: Buffer.alloc(32, 3) })).rejects.toBeInstanceOf(DataKeyError);
  });

  it("keeps no identity code in plain text anywhere, and finds the client by its keyed hash", async () => {
    const withCodes = await db
      .select({ id: clients.id, encrypted: clients.personalIdentityCodeEncrypted, dob: clients.dateOfBirth })
      .from(clients)
      .where(sql`${clients.personalIdentityCodeEncrypted} is not null`);
    expect(withCodes.length).toBeGreaterThan(25);
    // The search itself finds what is there.
    const [named] = await db.select({ name: clients.searchName }).from(clients).limit(1);
    expect(await occurrencesAnywhere(db, named!.name)).toHaveProperty("clients");

    for (const client of withCodes.slice(0, 3)) {
      const code = decryptField(client.encrypted!);
      const parsed = parsePersonalIdentityCode(code);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) {
        expect(parsed.temporary).toBe(true); // individual number 900–999: synthetic
        expect(parsed.dateOfBirth).toBe(client.dob);
      }

      expect(await occurrencesAnywhere(db, code)).toEqual({});
      // Nor the code without its century sign.
      expect(await occurrencesAnywhere(db, code.slice(0, 6) + code.slice(7))).toEqual({});

      const found = await db
        .select({ id: clients.id })
        .from(clients)
        .where(eq(clients.personalIdentityCodeHash, lookupHash(code)));
      expect(found).toEqual([{ id: client.id }]);

      expect(() => decryptField(client.encrypted!, Buffer.alloc(32, 1))).toThrow(DataKeyError);
    }
  });

  it("builds the same clients from the same seed", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo({ db: other.db, demoAccounts: false, clients: 5, now: FACTORY_NOW, seed: DEMO_SEED });
      const small = await other.db
        .select({ name: clients.searchName, dob: clients.dateOfBirth, caseworker: clients.assignedCaseworkerId })
        .from(clients);
      expect(small).toHaveLength(5);
      expect(small.every((row) => row.caseworker === null)).toBe(true);
      expect(await other.db.$count(staffUsers)).toBe(0);
      // The first five of the 50 are the same five people.
      const all = await db.select({ name: clients.searchName, dob: clients.dateOfBirth }).from(clients);
      for (const row of small) expect(all).toContainEqual({ name: row.name, dob: row.dob });
    } finally {
      await other.close();
    }
  });
});
