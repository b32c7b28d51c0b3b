import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { saveAgency } from "@/db/agencies";
import { verifyAuditChain } from "@/db/audit-verify";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { createStaff } from "@/demo/factories/staff";
import { auditEvents, registerSettingsHistory } from "@/db/schema";
import { listSettingsHistory, saveRegisterSettings } from "@/db/settings";
import { demoSettings } from "@/demo/settings";
import { parseRegisterSettings, type RegisterSettings } from "@/lib/register-settings";
import { agencyFormSchema } from "@/lib/validations/agency";
import { createTestDatabase, testBackend } from "../helpers/database";
import type { StaffActor } from "@/lib/auth/client-access";

/**
 * Security issue 9, point 11: a settings change used to leave only the changed key names in the
 * audit log. Every saved version is now kept whole, before and after (the settings hold no
 * personal data), with who and when, for the admin and the data protection officer, and every
 * path that saves settings (the settings editor, the agencies admin, the seed) leaves one.
 */
describe(`settings history on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let adminId: string;
  const adminActor = (): StaffActor => ({ userId: adminId, role: "admin", sessionId: "history-test", requestId: "history-request" });

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    adminId = (await createStaff(db, { role: "admin", displayName: "Historia Ylläpitäjä" })).id;
  });
  afterAll(async () => handle?.close());

  const history = () => db.select().from(registerSettingsHistory).orderBy(asc(registerSettingsHistory.id));

  it("keeps the first settings, then each change with the settings before and after, who and when", async () => {
    const first = await saveRegisterSettings({ db, settings: demoSettings, actor: null });
    let rows = await history();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ savedBy: null, previousSettings: null, changedKeys: first.changedKeys });
    expect(parseRegisterSettings(rows[0]!.settings)).toEqual(first.settings);

    const changed: RegisterSettings = {
      ...first.settings,
      ombudsman: { ...first.settings.ombudsman, url: "https://tietosuoja.fi/en" },
      retention: { ...first.settings.retention, intakeDraftIdleMinutes: 30 },
    };
    const before = Date.now();
    const second = await saveRegisterSettings({ db, settings: changed, actor: adminActor() });
    expect(second.changedKeys).toEqual(["ombudsman", "retention"]);
    rows = await history();
    expect(rows).toHaveLength(2);
    const version = rows[1]!;
    expect(version.savedBy).toBe(adminId);
    expect(version.changedKeys).toEqual(["ombudsman", "retention"]);
    expect(version.savedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(parseRegisterSettings(version.previousSettings)).toEqual(first.settings);
    expect(parseRegisterSettings(version.settings).ombudsman.url).toBe("https://tietosuoja.fi/en");
    expect(parseRegisterSettings(version.settings).retention.intakeDraftIdleMinutes).toBe(30);

    // The audit event still names the keys only; the values are in the history.
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "settings.changed")).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    expect(event?.details).toMatchObject({ changedKeys: ["ombudsman", "retention"] });
    expect(JSON.stringify(event?.details)).not.toContain("tietosuoja.fi/en");
  });

  it("saving the same settings again, or invalid ones, adds no version", async () => {
    const count = (await history()).length;
    const current = parseRegisterSettings((await history()).at(-1)!.settings);
    await saveRegisterSettings({ db, settings: current, actor: adminActor() });
    await expect(
      saveRegisterSettings({ db, settings: { ...current, ombudsman: { ...current.ombudsman, url: "javascript:alert(1)" } } as never, actor: adminActor() }),
    ).rejects.toThrow();
    expect(await history()).toHaveLength(count);
  });

  it("the agencies admin, which saves into the settings, leaves a version too", async () => {
    const count = (await history()).length;
    const result = await saveAgency({
      db,
      actor: adminActor(),
      input: agencyFormSchema.parse({ mode: "new", code: "city_library", name: "Kotolan kaupunginkirjasto", businessId: "", insideEea: "yes", deliveryMethod: "paper" }),
    });
    expect(result).toEqual({ created: true, changed: true });
    const rows = await history();
    expect(rows).toHaveLength(count + 1);
    const version = rows.at(-1)!;
    expect(version).toMatchObject({ savedBy: adminId, changedKeys: ["agencies"] });
    const agenciesBefore = parseRegisterSettings(version.previousSettings).agencies.map((a) => a.code);
    const agenciesAfter = parseRegisterSettings(version.settings).agencies.map((a) => a.code);
    expect(agenciesBefore).not.toContain("city_library");
    expect(agenciesAfter).toEqual([...agenciesBefore, "city_library"]);
  });

  it("lists the versions newest first with the name of who saved them", async () => {
    const { versions, total } = await listSettingsHistory({ db });
    expect(total).toBe((await history()).length);
    expect(versions.map((v) => v.id)).toEqual([...versions.map((v) => v.id)].sort((a, b) => b - a));
    expect(versions[0]).toMatchObject({ savedBy: "Historia Ylläpitäjä", changedKeys: ["agencies"] });
    expect(versions.at(-1)).toMatchObject({ savedBy: null, previousSettings: null });
    expect((await listSettingsHistory({ db, page: 2 })).versions).toEqual([]);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true });
  });

  it("the app's database role may add and read versions but never rewrite or remove one", async () => {
    const [row] = await history();
    const asAppRole = (statement: ReturnType<typeof sql>) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local role kotona_app`);
        await tx.execute(statement);
      });
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error: unknown = await asAppRole(statement).then(() => null, (caught: unknown) => caught);
      // The database's own refusal (42501 insufficient_privilege), wherever the driver put it.
      const codes = [error, (error as { cause?: unknown } | null)?.cause].map((e) => (e as { code?: string } | null)?.code);
      return codes.includes("42501");
    };
    expect(await refusal(sql`update register_settings_history set changed_keys = '{}' where id = ${row!.id}`)).toBe(true);
    expect(await refusal(sql`delete from register_settings_history where id = ${row!.id}`)).toBe(true);
    expect(await refusal(sql`truncate register_settings_history`)).toBe(true);
    await expect(asAppRole(sql`select count(*) from register_settings_history`)).resolves.toBeUndefined();
    expect((await history())[0]).toEqual(row);
  });
});
