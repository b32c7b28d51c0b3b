import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { listAgencyAdmin, saveAgency } from "@/db/agencies";
import { verifyAuditChain } from "@/db/audit-verify";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { createStaff } from "@/demo/factories/staff";
import { agencies, auditEvents, registerSettings } from "@/db/schema";
import { getRegisterSettings, saveRegisterSettings } from "@/db/settings";
import { demoStatutorySettings } from "@/demo/settings";
import { parseRegisterSettings } from "@/lib/register-settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { isRefusal } from "@/lib/refusal";
import { agencyFormSchema, type AgencyFormValues, type AgencyInput } from "@/lib/validations/agency";
import { createTestDatabase, testBackend } from "../helpers/database";

/** What the form posts, parsed as the action parses it. */
function form(values: Partial<AgencyFormValues> & Pick<AgencyFormValues, "mode" | "code">) {
  return agencyFormSchema.parse({ name: "Kotolan kaupunginkirjasto", businessId: "", insideEea: "yes", deliveryMethod: "secure_email", ...values });
}

/** Everything an agency change could touch, to check that a refusal changed nothing. */
async function snapshot(db: Executor) {
  return {
    settings: (await db.select().from(registerSettings))[0],
    agencies: await db.select().from(agencies).orderBy(asc(agencies.code)),
    audit: await db.$count(auditEvents),
  };
}

/** The staff member saving, as the action wrapper hands them over. */
let adminActorId = "";
const adminActor = (): StaffActor => ({ userId: adminActorId, role: "admin", sessionId: "agencies-test", requestId: "agencies-request" });

/** saveAgency's answer as the form gets it: saved, or refused with the refusal's code. */
async function saveAs(db: Executor, input: AgencyInput) {
  try {
    return { ok: true as const, ...(await saveAgency({ db, actor: adminActor(), input })) };
  } catch (error) {
    if (isRefusal(error)) return { ok: false as const, error: error.code };
    throw error;
  }
}

describe(`agencies administration on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let adminId: string;
  const save = ({ input }: { input: AgencyInput }) => saveAs(db, input);
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    adminId = (await createStaff(db, { role: "admin", displayName: "Test admin" })).id;
    adminActorId = adminId;
  });
  afterAll(async () => handle?.close());

  it("has nothing to list or save before the register has settings", async () => {
    expect(await listAgencyAdmin({ db })).toBeNull();
    expect(await save({ input: form({ mode: "new", code: "city_library" }) })).toEqual({
      ok: false,
      error: "no_settings",
    });
    expect(await db.$count(agencies)).toBe(0);
    expect(await db.$count(registerSettings)).toBe(0);
  });

  it("lists the agencies of the settings with their statutory bases and the transfer rule", async () => {
    await saveRegisterSettings({ db, settings: demoStatutorySettings, actor: null });
    const admin = await listAgencyAdmin({ db });
    expect(admin?.transfersOutsideEea).toBe("forbidden");
    expect(admin?.legalBasis).toBe("legal_obligation");
    expect(admin?.retired).toEqual([]);
    expect(admin?.agencies.map((agency) => agency.code)).toEqual(demoStatutorySettings.agencies.map((agency) => agency.code));
    expect(admin?.agencies.every((agency) => agency.active)).toBe(true);

    const education = admin?.agencies.find((agency) => agency.code === "education_services");
    expect(education?.statutory).toHaveLength(1);
    expect(education?.statutory[0]).toMatchObject({ condition: "minors_only", categories: ["identity", "contact", "family", "education"] });
    expect(education?.statutory[0]?.provision.fi).toMatch(/perusopetuslaki/);
    expect(education?.statutory[0]?.purpose?.en).toBe("Organising early childhood education and basic education");
    expect(education?.deliveryMethod).toBe("in_person");

    const wellbeing = admin?.agencies.find((agency) => agency.code === "wellbeing_county");
    expect(wellbeing?.statutory[0]?.condition).toBe("purpose_limited");
    expect(wellbeing?.offeredInIntake).toBe(true);

    const farland = admin?.agencies.find((agency) => agency.code === "farland_resettlement");
    expect(farland).toMatchObject({ insideEea: false, statutory: [], deliveryMethod: "paper", offeredInIntake: false });
    expect(farland?.names.en).toMatch(/Farland/);
  });

  it("adds an agency to the settings and the agencies table, audited as settings.changed", async () => {
    const auditBefore = await db.$count(auditEvents);
    const result = await save({
      input: form({ mode: "new", code: "city_library", businessId: "1234567-8", deliveryMethod: "suomi_fi_messages" }),
    });
    expect(result).toEqual({ ok: true, created: true, changed: true });

    const settings = await getRegisterSettings({ db });
    expect(settings.agencies.at(-1)).toEqual({
      code: "city_library",
      name: "Kotolan kaupunginkirjasto",
      businessId: "1234567-8",
      insideEea: true,
      deliveryMethod: "suomi_fi_messages",
    });
    expect(settings.agencies).toHaveLength(demoStatutorySettings.agencies.length + 1);
    // Nothing else in the settings moved.
    const demo = parseRegisterSettings(demoStatutorySettings);
    expect(settings.statutoryDisclosures).toEqual(demo.statutoryDisclosures);
    expect(settings.agencies.slice(0, -1)).toEqual(demo.agencies);
    expect(settings.transfersOutsideEea).toBe("forbidden");

    const [row] = await db.select().from(agencies).where(eq(agencies.code, "city_library"));
    expect(row).toMatchObject({
      name: "Kotolan kaupunginkirjasto",
      names: { fi: "Kotolan kaupunginkirjasto" },
      businessId: "1234567-8",
      insideEea: true,
      deliveryMethod: "suomi_fi_messages",
      active: true,
    });

    const events = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(events).toHaveLength(auditBefore + 1);
    expect(events.at(-1)).toMatchObject({ action: "settings.changed", actorId: adminId, details: { changedKeys: ["agencies"], created: false } });
    expect((await verifyAuditChain({ db })).ok).toBe(true);

    const [settingsRow] = await db.select().from(registerSettings);
    expect(settingsRow?.updatedBy).toBe(adminId);
    expect((await listAgencyAdmin({ db }))?.agencies.find((agency) => agency.code === "city_library")).toMatchObject({
      active: true,
      statutory: [],
      businessId: "1234567-8",
    });
  });

  it("edits the name, business id and delivery method, keeping the other names and the intake consent", async () => {
    const before = (await getRegisterSettings({ db })).agencies.find((agency) => agency.code === "te_office")!;
    expect(before.intakeConsent).toBeDefined();
    const result = await save({
      input: form({ mode: "edit", code: "te_office", name: "Kotolanmaan TE-palvelut", businessId: "7654321-0", deliveryMethod: "paper" }),
    });
    expect(result).toEqual({ ok: true, created: false, changed: true });

    const settings = await getRegisterSettings({ db });
    const index = settings.agencies.findIndex((agency) => agency.code === "te_office");
    // It stays where it was.
    expect(index).toBe(demoStatutorySettings.agencies.findIndex((agency) => agency.code === "te_office"));
    expect(settings.agencies[index]).toEqual({
      ...before,
      name: "Kotolanmaan TE-palvelut",
      businessId: "7654321-0",
      deliveryMethod: "paper",
    });
    const [row] = await db.select().from(agencies).where(eq(agencies.code, "te_office"));
    expect(row).toMatchObject({ name: "Kotolanmaan TE-palvelut", businessId: "7654321-0", deliveryMethod: "paper", active: true });
    expect(row?.names).toMatchObject({ fi: "Kotolanmaan TE-palvelut", en: before.names?.en });

    // A blank business id removes it.
    expect(await save({ input: form({ mode: "edit", code: "te_office", name: "Kotolanmaan TE-palvelut", deliveryMethod: "paper" }) })).toMatchObject({ ok: true });
    expect((await getRegisterSettings({ db })).agencies[index]).not.toHaveProperty("businessId");
    const [cleared] = await db.select().from(agencies).where(eq(agencies.code, "te_office"));
    expect(cleared?.businessId).toBeNull();
  });

  it("changes and audits nothing when the form is saved unchanged", async () => {
    const before = await snapshot(db);
    const result = await save({ input: form({ mode: "edit", code: "te_office", name: "Kotolanmaan TE-palvelut", deliveryMethod: "paper" }) });
    expect(result).toEqual({ ok: true, created: false, changed: false });
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses a new agency with a code that exists, and an edit of one that does not, changing nothing", async () => {
    const before = await snapshot(db);
    expect(await save({ input: form({ mode: "new", code: "migri", name: "Toinen Migri" }) })).toEqual({
      ok: false,
      error: "code_taken",
    });
    expect(await save({ input: form({ mode: "new", code: "city_library" }) })).toEqual({
      ok: false,
      error: "code_taken",
    });
    expect(await save({ input: form({ mode: "edit", code: "no_such_agency" }) })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it("refuses to move an agency with a statutory basis outside the EU/EEA, changing nothing", async () => {
    const before = await snapshot(db);
    const result = await save({
      input: form({ mode: "edit", code: "ely", name: "Kotolanmaan ELY-keskus", insideEea: "no" }),
    });
    expect(result).toEqual({ ok: false, error: "statutory_outside_eea" });
    expect(await snapshot(db)).toEqual(before);
    const [ely] = await db.select().from(agencies).where(eq(agencies.code, "ely"));
    expect(ely?.insideEea).toBe(true);
    expect((await getRegisterSettings({ db })).agencies.find((agency) => agency.code === "ely")?.insideEea).toBe(true);
  });

  it("lets an agency without a statutory basis be outside the EU/EEA", async () => {
    const result = await save({
      input: form({ mode: "new", code: "farland_embassy", name: "Kaukomaan suurlähetystö", insideEea: "no", deliveryMethod: "paper" }),
    });
    expect(result).toMatchObject({ ok: true, created: true });
    const [row] = await db.select().from(agencies).where(eq(agencies.code, "farland_embassy"));
    expect(row?.insideEea).toBe(false);
    // And back inside.
    expect(await save({ input: form({ mode: "edit", code: "farland_embassy", name: "Kaukomaan suurlähetystö" }) })).toMatchObject({ ok: true, changed: true });
    const [moved] = await db.select().from(agencies).where(eq(agencies.code, "farland_embassy"));
    expect(moved?.insideEea).toBe(true);
  });

  it("keeps two administrators' additions when they save at the same time", async () => {
    const results = await Promise.all([
      save({ input: form({ mode: "new", code: "youth_services", name: "Nuorisopalvelut" }) }),
      save({ input: form({ mode: "new", code: "adult_education", name: "Aikuisopisto" }) }),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    const codes = (await getRegisterSettings({ db })).agencies.map((agency) => agency.code);
    expect(codes).toEqual(expect.arrayContaining(["youth_services", "adult_education", "city_library", "farland_embassy"]));
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("lists agencies that left the settings as retired, and makes one active again when it is added back", async () => {
    const settings = await getRegisterSettings({ db });
    await saveRegisterSettings({
      db,
      settings: { ...settings, agencies: settings.agencies.filter((agency) => agency.code !== "city_library") },
      actor: adminActor(),
    });
    const [retiredRow] = await db.select().from(agencies).where(eq(agencies.code, "city_library"));
    expect(retiredRow?.active).toBe(false);
    const admin = await listAgencyAdmin({ db });
    expect(admin?.retired).toEqual([{ code: "city_library", name: "Kotolan kaupunginkirjasto" }]);
    expect(admin?.agencies.some((agency) => agency.code === "city_library")).toBe(false);

    expect(await save({ input: form({ mode: "new", code: "city_library" }) })).toMatchObject({ ok: true, created: true });
    const [again] = await db.select().from(agencies).where(eq(agencies.code, "city_library"));
    expect(again?.active).toBe(true);
    expect(again?.id).toBe(retiredRow?.id);
    expect((await listAgencyAdmin({ db }))?.retired).toEqual([]);
  });
});
