import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, count, desc, eq } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { verifyAuditChain } from "@/db/audit-verify";
import { bookAppointment } from "@/db/case-work";
import { recordAccessReason, type StaffActor } from "@/db/client-access";
import { consentsOfClient, recordWrittenConsent, withdrawConsent } from "@/db/consents";
import { disclosedDocument } from "@/db/disclosed-documents";
import { disclosureLog } from "@/db/disclosure-log";
import { disclosureOptions, previewDisclosure, recordDisclosure, type DisclosureDocument } from "@/db/disclosures";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam, type StaffSpec } from "@/demo/factories/staff";
import { appointments, auditEvents, clients, consents, disclosures } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import type { StaffRole } from "@/lib/auth/roles";
import { demoSettings, demoStatutorySettings } from "@/demo/settings";
import type { RegisterSettingsInput } from "@/lib/register-settings";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { writtenConsentSchema, withdrawConsentSchema } from "@/lib/validations/consent";
import { bookAppointmentSchema } from "@/lib/validations/case-work";
import { helsinkiDate, utcToHelsinkiLocal } from "@/lib/helsinki-time";
import { createTestDatabase } from "../helpers/database";

/**
 * Issue 5 on a real database (PGlite, and the PostgreSQL server with TEST_DB=postgres): consents
 * recorded and withdrawn on the case, and disclosures gated per recipient and category, recorded,
 * documented and logged — by the register's settings alone in both seeds' models.
 */

const DAY = 24 * 60 * 60 * 1000;
const dateIn = (days: number) => helsinkiDate(new Date(Date.now() + days * DAY));

let handle: DatabaseHandle;
let db: Executor;
let staff: Record<"caseworker" | "otherCaseworker" | "coordinator", StaffActor>;
let seed = 1;

async function useSettings(settings: RegisterSettingsInput) {
  await saveRegisterSettings({ db, settings, actor: null });
}

async function newClient(overrides: Partial<typeof clients.$inferInsert> = {}, basis: "consent_electronic" | "legal_obligation" = "consent_electronic") {
  const inserted = await insertClientWithCase(db, createRng(seed++), {
    assignedCaseworkerId: staff.caseworker.userId,
    basis,
    stage: "planned",
    now: new Date(),
    overrides,
    context: await loadCaseContext(db),
  });
  // The factory may give a TE-office consent; these tests set up each client's consents themselves.
  await db.delete(consents).where(and(eq(consents.clientId, inserted.client.id), eq(consents.kind, "disclosure")));
  return inserted.client;
}

function writtenConsent(clientId: string, values: Record<string, unknown>) {
  return writtenConsentSchema.parse({ clientId, givenOn: dateIn(0), paperReference: `PAPER-${randomUUID().slice(0, 8)}`, ...values });
}

function disclosureForm(clientId: string, values: Record<string, unknown>) {
  return disclosureFormSchema.parse({ clientId, purpose: "Kotoutumispalvelujen järjestäminen", method: "secure_email", ...values });
}

async function consentForEly(clientId: string, categories: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await recordWrittenConsent({
    db,
    actor: staff.caseworker,
    input: writtenConsent(clientId, { kind: "disclosure", agencyCode: "ely", categories, purpose: "Kotoutumispalvelut", validUntil: dateIn(365), ...extra }),
  });
  return id;
}

function decisionsOf(options: Awaited<ReturnType<typeof disclosureOptions>>) {
  if (!("decisions" in options) || !options.decisions) throw new Error(`no access: ${options.access.kind}`);
  return options.decisions;
}

function reasons(decisions: readonly { category: string; allowed: boolean; reason?: string }[]) {
  return Object.fromEntries(decisions.map((d) => [d.category, d.allowed ? "allowed" : d.reason]));
}

async function auditOf(clientId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, action)))
    .orderBy(desc(auditEvents.seq));
}

async function disclosureCount(clientId: string) {
  const [row] = await db.select({ n: count() }).from(disclosures).where(eq(disclosures.clientId, clientId));
  return row?.n ?? 0;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await useSettings(demoSettings);
  const roles: [keyof typeof staff, StaffRole][] = [
    ["caseworker", "caseworker"],
    ["otherCaseworker", "caseworker"],
    ["coordinator", "coordinator"],
  ];
  const team = await createStaffTeam(db, Object.fromEntries(roles.map(([who, role]) => [who, { role, displayName: who, email: `${who.toLowerCase()}@disclosures.test` }])) as Record<string, StaffSpec>);
  staff = Object.fromEntries(roles.map(([who]) => [who, actorOf(team[who]!, { sessionId: `s-${who}`, requestId: null })])) as typeof staff;
});

afterAll(async () => {
  await handle?.close();
});

describe("consent model (seed 000): disclosure only with the client's consent", () => {
  beforeEach(async () => {
    await useSettings(demoSettings);
  });

  it("without a consent every category is refused with the reason, and a request is refused, audited and not recorded", async () => {
    const client = await newClient();
    const options = await disclosureOptions({ db, actor: staff.caseworker, clientId: client.id, agencyCode: "ely" });
    expect(new Set(Object.values(reasons(decisionsOf(options))))).toEqual(new Set(["no_consent"]));

    const outcome = await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity"] }) });
    expect(outcome).toEqual({ kind: "refused", refusals: [{ category: "identity", reason: "no_consent" }] });
    expect(await disclosureCount(client.id)).toBe(0);
    const [refusal] = await auditOf(client.id, "disclosure.refused");
    expect(refusal?.details).toMatchObject({ stage: "record", agencyCode: "ely", refused: [{ category: "identity", reason: "no_consent" }] });
  });

  it("a consent for ELY covering identity and service plan puts exactly those two categories in the document", async () => {
    const client = await newClient();
    const consentId = await consentForEly(client.id, ["identity", "servicePlan"]);
    const options = await disclosureOptions({ db, actor: staff.caseworker, clientId: client.id, agencyCode: "ely" });
    expect(reasons(decisionsOf(options))).toMatchObject({ identity: "allowed", servicePlan: "allowed", contact: "category_not_covered", notes: "category_not_covered" });

    const input = disclosureForm(client.id, { agencyCode: "ely", categories: ["identity", "servicePlan"], requestReference: "ELY/123/2026" });
    const preview = await previewDisclosure({ db, actor: staff.caseworker, input });
    if (preview.kind !== "preview") throw new Error(`refused: ${JSON.stringify(preview)}`);
    expect(Object.keys(preview.document.data).sort()).toEqual(["identity", "servicePlan"]);
    expect(preview.document.disclosureId).toBeNull();

    const outcome = await recordDisclosure({ db, actor: staff.caseworker, input });
    if (outcome.kind !== "recorded") throw new Error(`refused: ${JSON.stringify(outcome)}`);
    const stored = await disclosedDocument({ db, actor: staff.caseworker, clientId: client.id, disclosureId: outcome.disclosureId, read: "download" });
    if (stored.kind !== "document") throw new Error("the document was withheld");
    const { json, sha256 } = stored;
    const document = JSON.parse(json) as DisclosureDocument;
    expect(document.disclosureId).toBe(outcome.disclosureId);
    expect(Object.keys(document.data).sort()).toEqual(["identity", "servicePlan"]);
    expect(document.categories).toEqual(["identity", "servicePlan"]);
    expect(document.basis).toEqual([
      { category: "identity", kind: "consent", consentId },
      { category: "servicePlan", kind: "consent", consentId },
    ]);
    // The data itself: the client's name is there, their contact details and notes are not.
    expect(json).toContain(client.lastName);
    expect(json).toContain("integration_plans");
    if (client.phone) expect(json).not.toContain(client.phone);
    if (client.email) expect(json).not.toContain(client.email);
    expect(json).not.toContain("case_notes");
    expect(json).not.toContain("search_name");
    expect(json).not.toContain("personal_identity_code_hash");
    expect(sha256).toBe(outcome.documentSha256);

    const [row] = await db.select().from(disclosures).where(eq(disclosures.id, outcome.disclosureId));
    expect(row).toMatchObject({ categories: ["identity", "servicePlan"], method: "secure_email", requestReference: "ELY/123/2026", disclosedBy: staff.caseworker.userId });
    const [event] = await auditOf(client.id, "disclosure.recorded");
    expect(event?.details).toMatchObject({ disclosureId: outcome.disclosureId, agencyCode: "ely", categories: ["identity", "servicePlan"], basis: ["consent", "consent"] });
    // The log on the case and across the register.
    expect((await disclosureLog({ db, filter: { clientId: client.id } })).map((e) => e.id)).toEqual([outcome.disclosureId]);
  });

  it("after the consent is withdrawn the categories are refused; the consent stays, with when, how and who", async () => {
    const client = await newClient();
    const consentId = await consentForEly(client.id, ["identity"]);
    await withdrawConsent({ db, actor: staff.caseworker, input: withdrawConsentSchema.parse({ clientId: client.id, consentId, channel: "phone" }) });
    const outcome = await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity"] }) });
    expect(outcome).toEqual({ kind: "refused", refusals: [{ category: "identity", reason: "consent_withdrawn" }] });
    const listed = (await consentsOfClient({ db, clientId: client.id })).find((c) => c.consent.id === consentId);
    expect(listed?.status).toBe("withdrawn");
    expect(listed?.consent).toMatchObject({ withdrawalChannel: "phone", withdrawalRecordedBy: staff.caseworker.userId });
    expect(listed?.consent.withdrawnAt).toBeInstanceOf(Date);
    expect((await auditOf(client.id, "consent.withdrawn"))[0]?.details).toMatchObject({ consentId, kind: "disclosure", channel: "phone" });
    // Withdrawing twice is refused; the row is never deleted.
    await expect(
      withdrawConsent({ db, actor: staff.caseworker, input: withdrawConsentSchema.parse({ clientId: client.id, consentId, channel: "visit" }) }),
    ).rejects.toMatchObject({ code: "not_withdrawable" });
  });

  it("after the consent expires the categories are refused", async () => {
    const client = await newClient();
    await consentForEly(client.id, ["identity"], { givenOn: dateIn(-400), validUntil: dateIn(-1) });
    const outcome = await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity"] }) });
    expect(outcome).toEqual({ kind: "refused", refusals: [{ category: "identity", reason: "consent_expired" }] });
    // The same consent was valid on a day inside its validity.
    const earlier = await disclosureOptions({ db, actor: staff.caseworker, clientId: client.id, agencyCode: "ely", at: new Date(Date.now() - 10 * DAY) });
    expect(reasons(decisionsOf(earlier)).identity).toBe("allowed");
  });

  it("a client under restriction of processing is refused whatever the consent", async () => {
    const client = await newClient();
    await consentForEly(client.id, ["identity", "servicePlan"]);
    await db.update(clients).set({ restrictedAt: new Date() }).where(eq(clients.id, client.id));
    const outcome = await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity", "servicePlan"] }) });
    expect(outcome).toEqual({
      kind: "refused",
      refusals: [
        { category: "identity", reason: "client_restricted" },
        { category: "servicePlan", reason: "client_restricted" },
      ],
    });
    expect(await disclosureCount(client.id)).toBe(0);
  });

  it("an agency outside the EU/EEA needs a transfer consent where the settings allow transfers, and is refused where they forbid them", async () => {
    const client = await newClient();
    await recordWrittenConsent({
      db,
      actor: staff.caseworker,
      input: writtenConsent(client.id, { kind: "disclosure", agencyCode: "farland_resettlement", categories: ["identity", "family"], purpose: "Uudelleensijoitus", validUntil: dateIn(90) }),
    });
    const form = disclosureForm(client.id, { agencyCode: "farland_resettlement", categories: ["identity", "family"] });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: form })).toMatchObject({
      kind: "refused",
      refusals: [
        { category: "identity", reason: "no_transfer_consent" },
        { category: "family", reason: "no_transfer_consent" },
      ],
    });
    // A transfer consent is for recipients outside the EU/EEA only.
    await expect(
      recordWrittenConsent({ db, actor: staff.caseworker, input: writtenConsent(client.id, { kind: "transfer", agencyCode: "ely", validUntil: dateIn(90) }) }),
    ).rejects.toMatchObject({ name: "Refusal", domain: "consent" });
    await recordWrittenConsent({ db, actor: staff.caseworker, input: writtenConsent(client.id, { kind: "transfer", agencyCode: "farland_resettlement", validUntil: dateIn(90) }) });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: form })).toMatchObject({ kind: "recorded" });

    // The same consents under settings that forbid transfers.
    await useSettings({ ...demoSettings, transfersOutsideEea: "forbidden" });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: form })).toMatchObject({
      kind: "refused",
      refusals: [
        { category: "identity", reason: "transfer_forbidden" },
        { category: "family", reason: "transfer_forbidden" },
      ],
    });
    await expect(
      recordWrittenConsent({ db, actor: staff.caseworker, input: writtenConsent(client.id, { kind: "transfer", agencyCode: "farland_resettlement", validUntil: dateIn(90) }) }),
    ).rejects.toMatchObject({ code: "transfers_forbidden" });
  });

  it("a forged request for a refused category is refused by the server as a whole, audited, and nothing is disclosed", async () => {
    const client = await newClient();
    await consentForEly(client.id, ["identity"]);
    // The form offered identity only; the request adds notes and functional capacity.
    const forged = disclosureForm(client.id, { agencyCode: "ely", categories: ["identity", "notes", "functionalCapacity"] });
    for (const attempt of [previewDisclosure, recordDisclosure]) {
      const outcome = await attempt({ db, actor: staff.caseworker, input: forged });
      expect(outcome).toEqual({
        kind: "refused",
        refusals: [
          { category: "functionalCapacity", reason: "functional_capacity_not_named" },
          { category: "notes", reason: "category_not_covered" },
        ],
      });
    }
    expect(await disclosureCount(client.id)).toBe(0);
    const events = await auditOf(client.id, "disclosure.refused");
    expect(events.map((e) => (e.details as { stage: string }).stage).sort()).toEqual(["preview", "record"]);
    expect(events[0]?.details).toMatchObject({ requested: ["identity", "notes", "functionalCapacity"] });
    expect(await auditOf(client.id, "disclosure.previewed")).toHaveLength(0);
    expect(await verifyAuditChain({ db })).toMatchObject({ ok: true });
  });

  it("functional capacity goes only on a consent naming it, and only from staff who may read it", async () => {
    const client = await newClient();
    await consentForEly(client.id, ["identity", "functionalCapacity"]);
    const input = disclosureForm(client.id, { agencyCode: "ely", categories: ["functionalCapacity"] });
    // The other caseworker, who opened the case with a reason, may not read functional capacity.
    await recordAccessReason({ db, actor: staff.otherCaseworker, clientId: client.id, reason: "Sijaisuus lomien ajan" });
    expect(await recordDisclosure({ db, actor: staff.otherCaseworker, input })).toEqual({
      kind: "refused",
      refusals: [{ category: "functionalCapacity", reason: "staff_not_permitted" }],
    });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input })).toMatchObject({ kind: "recorded" });
  });

  it("withdrawing the storage consent marks the client for erasure and stops processing", async () => {
    const client = await newClient();
    await consentForEly(client.id, ["identity"]);
    await bookAppointment({
      db,
      actor: staff.caseworker,
      input: bookAppointmentSchema.parse({ clientId: client.id, startsAt: utcToHelsinkiLocal(new Date(Date.now() + 3 * DAY)), channel: "in_person" }),
    });
    const [storage] = await db.select().from(consents).where(and(eq(consents.clientId, client.id), eq(consents.kind, "storage")));
    if (!storage) throw new Error("the factory gives a storage consent on the consent basis");
    const result = await withdrawConsent({ db, actor: staff.caseworker, input: withdrawConsentSchema.parse({ clientId: client.id, consentId: storage.id, channel: "signed_document" }) });
    expect(result).toMatchObject({ markedForErasure: true });
    const [after] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(after?.status).toBe("erasure_pending");
    const future = await db.select().from(appointments).where(and(eq(appointments.clientId, client.id), eq(appointments.status, "booked")));
    expect(future.filter((a) => a.startsAt.getTime() > Date.now())).toHaveLength(0);
    expect(await auditOf(client.id, "client.marked_for_erasure")).toHaveLength(1);
    // No more writes and no disclosures.
    await expect(consentForEly(client.id, ["contact"])).rejects.toMatchObject({ name: "Refusal", domain: "case" });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity"] }) })).toEqual({
      kind: "refused",
      refusals: [{ category: "identity", reason: "client_erasure_pending" }],
    });
  });

  it("withdrawing the storage consent of a client on the legal-obligation basis does not mark them for erasure", async () => {
    const client = await newClient({}, "legal_obligation");
    const { id: id } = await recordWrittenConsent({ db, actor: staff.caseworker, input: writtenConsent(client.id, { kind: "storage" }) });
    expect(await withdrawConsent({ db, actor: staff.caseworker, input: withdrawConsentSchema.parse({ clientId: client.id, consentId: id, channel: "visit" }) })).toMatchObject({
      markedForErasure: false,
    });
    const [after] = await db.select().from(clients).where(eq(clients.id, client.id));
    expect(after?.status).toBe("active");
  });

  it("the register-wide log filters by agency, staff member and date", async () => {
    const client = await newClient({}, "consent_electronic");
    await consentForEly(client.id, ["identity"]);
    const outcome = await recordDisclosure({ db, actor: staff.coordinator, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity"], method: "paper" }) });
    if (outcome.kind !== "recorded") throw new Error("refused");
    const ids = async (filter: Parameters<typeof disclosureLog>[0]["filter"]) => (await disclosureLog({ db, filter })).map((e) => e.id);
    expect(await ids({ staffId: staff.coordinator.userId })).toContain(outcome.disclosureId);
    expect(await ids({ staffId: staff.caseworker.userId })).not.toContain(outcome.disclosureId);
    expect(await ids({ agencyCode: "ely" })).toContain(outcome.disclosureId);
    expect(await ids({ agencyCode: "migri" })).not.toContain(outcome.disclosureId);
    expect(await ids({ from: dateIn(0), to: dateIn(0) })).toContain(outcome.disclosureId);
    expect(await ids({ from: dateIn(1) })).not.toContain(outcome.disclosureId);
    expect(await ids({ to: dateIn(-1) })).not.toContain(outcome.disclosureId);
    const [entry] = await disclosureLog({ db, filter: { clientId: client.id } });
    expect(entry).toMatchObject({ agencyCode: "ely", method: "paper", disclosedBy: "coordinator", clientNumber: client.clientNumber });
  });
});

describe("statutory model (seed 004): regular disclosures by the settings' provisions", () => {
  beforeAll(async () => {
    await useSettings(demoStatutorySettings);
  });
  afterAll(async () => {
    await useSettings(demoSettings);
  });

  it("allows a provision's categories without consent, and only those", async () => {
    const client = await newClient({}, "legal_obligation");
    const options = await disclosureOptions({ db, actor: staff.caseworker, clientId: client.id, agencyCode: "ely" });
    expect(reasons(decisionsOf(options))).toEqual({
      identity: "allowed",
      contact: "category_not_covered",
      residence: "allowed",
      family: "allowed",
      skills: "category_not_covered",
      education: "category_not_covered",
      appointments: "category_not_covered",
      servicePlan: "allowed",
      outcomes: "category_not_covered",
      functionalCapacity: "functional_capacity_not_named",
      notes: "category_not_covered",
    });
    const outcome = await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity", "residence"] }) });
    if (outcome.kind !== "recorded") throw new Error(`refused: ${JSON.stringify(outcome)}`);
    const stored = await disclosedDocument({ db, actor: staff.caseworker, clientId: client.id, disclosureId: outcome.disclosureId, read: "download" });
    if (stored.kind !== "document") throw new Error("the document was withheld");
    const document = JSON.parse(stored.json) as DisclosureDocument;
    expect(document.basis.map((b) => b.kind)).toEqual(["statutory", "statutory"]);
    expect(document.basis[0]).toMatchObject({ provision: expect.stringContaining("681/2023") });
    expect(Object.keys(document.data).sort()).toEqual(["identity", "residence"]);
  });

  it("holds the provision's conditions: minors only, and a confirmed purpose", async () => {
    const adult = await newClient({ dateOfBirth: "1990-05-05" }, "legal_obligation");
    const minor = await newClient({ dateOfBirth: dateIn(-10 * 365) }, "legal_obligation");
    const education = (clientId: string) => disclosureForm(clientId, { agencyCode: "education_services", categories: ["identity", "education"] });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: education(adult.id) })).toEqual({
      kind: "refused",
      refusals: [
        { category: "identity", reason: "statutory_condition_not_met" },
        { category: "education", reason: "statutory_condition_not_met" },
      ],
    });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: education(minor.id) })).toMatchObject({ kind: "recorded" });

    const wellbeing = (confirmed: boolean) =>
      disclosureForm(adult.id, { agencyCode: "wellbeing_county", categories: ["identity"], statutoryPurposeConfirmed: confirmed ? "yes" : undefined });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: wellbeing(false) })).toEqual({
      kind: "refused",
      refusals: [{ category: "identity", reason: "statutory_condition_not_met" }],
    });
    expect(await recordDisclosure({ db, actor: staff.caseworker, input: wellbeing(true) })).toMatchObject({ kind: "recorded" });
  });

  it("the same register with the consent settings refuses what the statutory ones allowed", async () => {
    const client = await newClient({}, "legal_obligation");
    await useSettings(demoSettings);
    try {
      const outcome = await recordDisclosure({ db, actor: staff.caseworker, input: disclosureForm(client.id, { agencyCode: "ely", categories: ["identity"] }) });
      expect(outcome).toEqual({ kind: "refused", refusals: [{ category: "identity", reason: "no_consent" }] });
    } finally {
      await useSettings(demoStatutorySettings);
    }
  });
});
