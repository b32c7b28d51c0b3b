import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { verifyAuditChain } from "@/db/audit-verify";
import { createRng } from "@/demo/factories/random";
import { insertClientWithCase } from "@/demo/factories/clients";
import { createStaff, createStaffTeam } from "@/demo/factories/staff";
import { acceptOffer, acceptSubmission, rejectSubmission } from "@/db/intake-decisions";
import { mergeOffer, mergeSubmission } from "@/db/intake-merge";
import { countPendingSubmissions, findPossibleDuplicates, listPendingSubmissions, viewSubmission } from "@/db/intake-queue";
import { Refusal, type RefusalCode } from "@/lib/refusal";
import type { StaffActor } from "@/lib/auth/client-access";
import type { StaffRole } from "@/lib/auth/roles";
import { registerYear } from "@/lib/helsinki-time";
import { readIntakeDecisionNote } from "@/lib/intake/decision-note";
import {
  auditEvents,
  caseNotes,
  clients,
  consents,
  deletionRecords,
  educations,
  familyMembers,
  intakeSubmissions,
  residencePermits,
  skills,
  workExperiences,
} from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import { decryptField, lookupHash } from "@/lib/crypto";
import { demoStatutorySettings } from "@/demo/settings";
import { formatPersonalIdentityCode, maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import type { RegisterSettings } from "@/lib/register-settings";
import { toSearchName } from "@/lib/search-name";
import { createTestDatabase, testBackend } from "../helpers/database";
import {
  occurrencesAnywhere,
  publicTableCount,
  rawIntakeAnswers,
  submitCompleteIntake,
  type RawIntakeAnswers,
} from "../helpers/intake";

/** Letters only, unique per call: names and searches that no other row can contain by chance. */
function tag(): string {
  return [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

/** A person with unique names and a valid identity code (individual number 900–999: never a real person's). */
function person(i: number, { withCode = true }: { withCode?: boolean } = {}) {
  const t = tag();
  const raw: RawIntakeAnswers = rawIntakeAnswers(i);
  const firstNames = `Zulqa${t} Marwa${t}`;
  const lastName = `Obuya${t}`;
  const code = withCode ? formatPersonalIdentityCode({ dateOfBirth: raw.about.dateOfBirth as string, individualNumber: 900 + (i % 100) }) : null;
  raw.about = { ...raw.about, firstNames, lastName, hasIdentityCode: withCode ? "yes" : "no", personalIdentityCode: code ?? "" };
  raw.contact = { ...raw.contact, email: `z${t}@example.org` };
  return { raw, firstNames, lastName, dateOfBirth: raw.about.dateOfBirth as string, code, email: `z${t}@example.org`, tag: t };
}

async function expectReviewError(promise: Promise<unknown>, code: RefusalCode<"intake">): Promise<Refusal> {
  const error = await promise.then(
    () => {
      throw new Error(`expected Refusal ${code}, but it succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refusal);
  expect((error as Refusal).code).toBe(code);
  return error as Refusal;
}

describe(`intake review on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  let consentsPerSubmission: number;
  let caseworkerId: string;
  let coordinatorId: string;
  let adminId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    settings = await getRegisterSettings({ db });
    expect(settings.legalBasis.kind).toBe("consent");
    consentsPerSubmission = 1 + settings.obtainFromAuthorities.length + settings.agencies.filter((agency) => agency.intakeConsent).length;
    const staff = await createStaffTeam(db, {
      caseworker: { role: "caseworker", displayName: "Ohjaaja" },
      coordinator: { role: "coordinator", displayName: "Koordinaattori" },
      admin: { role: "admin", displayName: "Ylläpitäjä" },
    });
    caseworkerId = staff.caseworker.id;
    coordinatorId = staff.coordinator.id;
    adminId = staff.admin.id;
  });
  afterAll(async () => handle?.close());

  const actor = (userId: string, role: StaffRole = "caseworker", requestId: string | null = null): StaffActor => ({ userId, role, sessionId: "review-session", requestId });
  const caseworker = () => actor(caseworkerId);
  const coordinator = () => actor(coordinatorId, "coordinator");
  /** Accepting with every family link on offer confirmed, as staff who checked them would. */
  async function everyLink(submissionId: string): Promise<string[]> {
    const offer = await acceptOffer({ db, actor: caseworker(), submissionId });
    return [...offer.familyLinks, ...offer.memberOf].map((link) => link.key);
  }
  /** Merging with everything on offer confirmed after an identity check, the submitter confirmed as the client. */
  async function confirmingEverything(submissionId: string, clientId: string) {
    const offer = await mergeOffer({ db, actor: caseworker(), submissionId, clientId });
    if (offer.kind !== "offer") throw new Error(`no merge offer: ${offer.kind}`);
    const keys = [...offer.proposal.fields, ...offer.proposal.rows, ...offer.proposal.familyLinks].map((p) => p.key);
    return { submissionId, clientId, apply: keys, identityCheck: "identity_document" as const, submitter: "client" as const };
  }

  const submit = (raw: RawIntakeAnswers, options: { locale?: string; now?: Date } = {}) => submitCompleteIntake({ db, settings, raw, ...options });

  async function clientCount(): Promise<number> {
    const [row] = await db.select({ n: count() }).from(clients);
    return Number(row?.n);
  }

  async function auditText(): Promise<string> {
    const rows = await db.select({ details: auditEvents.details, reason: auditEvents.reason, requestId: auditEvents.requestId }).from(auditEvents);
    return JSON.stringify(rows).toUpperCase();
  }

  // -------------------------------------------------------------------------------------------
  // The queue and the view

  it("lists pending submissions newest first with language and age in days, a page at a time, and counts them", async () => {
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 60 * 60 * 1000);
    const oldest = person(1);
    const middle = person(2);
    const newest = person(3);
    const a = await submit(oldest.raw, { locale: "ar", now: hoursAgo(3 * 24 + 1) });
    const b = await submit(middle.raw, { locale: "en", now: hoursAgo(25) });
    const c = await submit(newest.raw, { locale: "uk", now: hoursAgo(2) });

    const all = await listPendingSubmissions({ db, page: 1, pageSize: 100, now });
    expect(all.length).toBe(await countPendingSubmissions({ db }));
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.submittedAt.getTime()).toBeGreaterThanOrEqual(all[i]!.submittedAt.getTime());
    const ours = all.filter((row) => [a, b, c].some((s) => s.submissionId === row.id));
    expect(ours.map((row) => row.id)).toEqual([c.submissionId, b.submissionId, a.submissionId]);
    expect(ours.map((row) => row.locale)).toEqual(["uk", "en", "ar"]);
    expect(ours.map((row) => row.ageDays)).toEqual([0, 1, 3]);
    expect(ours[0]).toMatchObject({ reference: c.reference, firstNames: newest.firstNames, lastName: newest.lastName });
    // The queue carries no identity code.
    expect(JSON.stringify(all).toUpperCase()).not.toContain(oldest.code);

    // Pages join up to the whole list; sizes are clamped.
    const first = await listPendingSubmissions({ db, page: 1, pageSize: 2, now });
    const second = await listPendingSubmissions({ db, page: 2, pageSize: 2, now });
    expect([...first, ...second].map((row) => row.id)).toEqual(all.slice(0, 4).map((row) => row.id));
    expect(await listPendingSubmissions({ db, page: 0, pageSize: 0, now })).toHaveLength(1);
    expect(await listPendingSubmissions({ db, page: 10_000, pageSize: 100, now })).toEqual([]);

    // A decided submission leaves the queue.
    const before = await countPendingSubmissions({ db });
    await rejectSubmission({ db, actor: caseworker(), input: { submissionId: b.submissionId, reason: "other" } });
    expect(await countPendingSubmissions({ db })).toBe(before - 1);
    expect((await listPendingSubmissions({ db, pageSize: 100, now })).some((row) => row.id === b.submissionId)).toBe(false);
  });

  it("viewing a submission is audited with its id only, and shows the identity code masked", async () => {
    const p = person(4);
    const { submissionId, reference } = await submit(p.raw);
    const requestId = `req-${tag()}`;
    const view = await viewSubmission({ db, actor: actor(caseworkerId, "caseworker", requestId), submissionId });
    expect(view).toMatchObject({ id: submissionId, reference, locale: "fi", status: "pending", hasIdentityCode: true });
    expect(view!.maskedIdentityCode).toBe(maskPersonalIdentityCode(p.code!));
    expect(view!.maskedIdentityCode).not.toBe(p.code);
    expect(view!.answers?.about).toMatchObject({ firstNames: p.firstNames, lastName: p.lastName, dateOfBirth: p.dateOfBirth });
    expect(view!.answers?.about).not.toHaveProperty("personalIdentityCode");
    expect(view!.consents).toHaveLength(consentsPerSubmission);
    expect(view!.consents.find((c) => c.kind === "disclosure" && c.granted)?.agencyCode).toBe("te_office");
    expect(JSON.stringify(view).toUpperCase()).not.toContain(p.code);

    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
    expect(event).toMatchObject({ action: "intake.viewed", actorId: caseworkerId, clientId: null, details: { submissionId } });
    expect(Object.keys(event!.details)).toEqual(["submissionId"]);

    // Nothing to see, nothing recorded.
    const events = (await db.select({ n: count() }).from(auditEvents))[0]!.n;
    expect(await viewSubmission({ db, actor: caseworker(), submissionId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
    expect(await viewSubmission({ db, actor: caseworker(), submissionId: "'; drop table clients; --" })).toBeNull();
    expect((await db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(events);

    // Without a code: no mask.
    const noCode = person(5, { withCode: false });
    const other = await viewSubmission({ db, actor: caseworker(), submissionId: (await submit(noCode.raw)).submissionId });
    expect(other).toMatchObject({ hasIdentityCode: false, maskedIdentityCode: null });
  });

  // -------------------------------------------------------------------------------------------
  // Accept

  it("accepts: a client numbered in the year's sequence, its data copied, consents moved, family linked, the submission emptied", async () => {
    // A spouse who is a client already, whose own record names the applicant (not yet linked).
    const p = person(6);
    const spouseTag = tag();
    const spouseFirst = `Yusuf${spouseTag}`;
    const spouseLast = `Hassan${spouseTag}`;
    const spouse = await insertClientWithCase(db, createRng(6), {
      stage: "new",
      identityCode: null,
      overrides: { firstNames: spouseFirst, lastName: spouseLast, searchName: toSearchName(spouseFirst, spouseLast), dateOfBirth: "1988-03-02" },
    });
    const [spouseRecordOfApplicant] = await db
      .insert(familyMembers)
      .values({ clientId: spouse.client.id, relation: "spouse", fullName: `${p.firstNames.toUpperCase()}  ${p.lastName}`, dateOfBirth: p.dateOfBirth })
      .returning();
    p.raw.family = {
      ...p.raw.family,
      members: [
        { fullName: `${spouseFirst.toLowerCase()}  ${spouseLast.toUpperCase()}`, relation: "spouse", dateOfBirth: "1988-03-02", livesInFinland: "yes" },
        { fullName: `Child${tag()} Obuya`, relation: "child", dateOfBirth: "2019-05-05", livesInFinland: "no" },
      ],
    };

    const { submissionId, reference } = await submit(p.raw, { locale: "so" });
    const now = new Date("2029-06-01T10:00:00.000Z");
    const result = await acceptSubmission({ db, actor: caseworker(), input: { submissionId, assignToCaseworkerId: caseworkerId, apply: await everyLink(submissionId) }, now });
    expect(result).toMatchObject({ clientNumber: "2029-000001", consentsMoved: consentsPerSubmission, familyMembersLinked: 1, linkedAsFamilyMember: 1 });

    const [client] = await db.select().from(clients).where(eq(clients.id, result.clientId));
    expect(client).toMatchObject({
      clientNumber: "2029-000001",
      firstNames: p.firstNames,
      lastName: p.lastName,
      searchName: toSearchName(p.firstNames, p.lastName),
      dateOfBirth: p.dateOfBirth,
      gender: "female",
      phone: "+358401234567",
      email: p.email,
      streetAddress: "Kotolantie 1 A 2",
      postalCode: "99990",
      postOffice: "Kotola",
      homeMunicipality: "Kotola",
      preferredLanguage: "so",
      interpreterNeeded: true,
      interpreterLanguage: "somali",
      preferredContactMethod: "text_message",
      citizenships: ["Somalia"],
      arrivalDate: "2023-12-01",
      clientGroup: "settlement_services",
      maritalStatus: "married",
      basis: "consent_electronic",
      status: "active",
      assignedCaseworkerId: caseworkerId,
    });
    expect(client!.createdAt.getTime()).toBe(now.getTime());
    expect(decryptField(client!.personalIdentityCodeEncrypted!)).toBe(p.code);
    expect(client!.personalIdentityCodeHash).toBe(lookupHash(p.code!));

    // Residence, family, education, work, languages, the first note.
    expect(await db.select().from(residencePermits).where(eq(residencePermits.clientId, client!.id))).toMatchObject([
      { permitType: "international_protection", validFrom: "2024-01-01", validUntil: "2028-01-01" },
    ]);
    const family = await db.select().from(familyMembers).where(eq(familyMembers.clientId, client!.id));
    expect(family).toHaveLength(2);
    expect(family.find((m) => m.relation === "spouse")).toMatchObject({ relatedClientId: spouse.client.id, dateOfBirth: "1988-03-02", livesInFinland: true });
    expect(family.find((m) => m.relation === "child")).toMatchObject({ relatedClientId: null, livesInFinland: false });
    const [linkedBack] = await db.select().from(familyMembers).where(eq(familyMembers.id, spouseRecordOfApplicant!.id));
    expect(linkedBack!.relatedClientId).toBe(client!.id);
    expect(await db.select().from(educations).where(eq(educations.clientId, client!.id))).toMatchObject([
      // Issue 10: stored as the level's code (was its Finnish label "Lukio tai vastaava").
      { level: "secondary", field: "Kauppa", country: "Somalia", endYear: 2008 },
    ]);
    // The stated years in their own column (were the sentence "Kokemusta 5 v (ilmoitettu lomakkeella)").
    expect(await db.select().from(workExperiences).where(eq(workExperiences.clientId, client!.id))).toMatchObject([
      { jobTitle: "Räätäli", country: "Kenia", years: 5, description: null },
    ]);
    const languages = await db.select().from(skills).where(eq(skills.clientId, client!.id));
    expect(languages.map((l) => [l.kind, l.name, l.level]).sort()).toEqual(
      [
        // Codes for what the form names (Finnish as "fi", levels by code); the languages typed stay as typed.
        ["language", "somali", "native"],
        ["language", "englanti", null],
        ["language", "fi", "beginner"],
      ].sort(),
    );
    const notes = await db.select().from(caseNotes).where(eq(caseNotes.clientId, client!.id));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.authorId).toBe(caseworkerId);
    // The note is the decision's facts (the needs as codes, the person's words as written), rendered when shown.
    expect(notes[0]!.body).toBe("");
    expect(readIntakeDecisionNote(notes[0]!.intakeDecision)).toEqual({
      decision: "accepted",
      reference,
      decidedOn: "2029-06-01",
      serviceNeeds: ["language_course", "job_search"],
      details: "Apua pankkiasioissa",
      childcareNeeds: "Päivähoitopaikka nuorimmalle",
    });

    // The consents are the client's now, and still say where they came from.
    const moved = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
    expect(moved).toHaveLength(consentsPerSubmission);
    expect(moved.every((c) => c.clientId === client!.id)).toBe(true);
    expect(moved.filter((c) => c.kind === "storage" && c.granted)).toHaveLength(1);

    // The submission is decided and holds no personal data.
    const [submission] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    expect(submission).toMatchObject({
      status: "accepted",
      acceptedClientId: client!.id,
      decidedBy: caseworkerId,
      personalIdentityCodeEncrypted: null,
      personalIdentityCodeHash: null,
    });
    expect(submission!.answers).toEqual({});
    expect(submission!.decidedAt!.getTime()).toBe(now.getTime());

    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "intake.accepted"), eq(auditEvents.clientId, client!.id)));
    expect(event).toMatchObject({ actorId: caseworkerId, details: { submissionId } });

    // The next one of the year gets the next number; the year is Finland's.
    const second = await acceptSubmission({ db, actor: coordinator(), input: { submissionId: (await submit(person(7).raw)).submissionId }, now });
    expect(second.clientNumber).toBe("2029-000002");
    const newYearsEve = new Date("2030-12-31T22:30:00.000Z");
    expect(registerYear(newYearsEve)).toBe(2031);
    const third = await acceptSubmission({ db, actor: coordinator(), input: { submissionId: (await submit(person(8).raw)).submissionId }, now: newYearsEve });
    expect(third.clientNumber).toBe("2031-000001");
    const [unassigned] = await db.select().from(clients).where(eq(clients.id, second.clientId));
    expect(unassigned!.assignedCaseworkerId).toBeNull();

    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("after acceptance the plain identity code is in no column of any table, and the audit log holds neither code nor name", async () => {
    const p = person(9);
    const { submissionId } = await submit(p.raw);
    await viewSubmission({ db, actor: caseworker(), submissionId });
    await findPossibleDuplicates({ db, submissionId, actor: caseworker() });
    const { clientId } = await acceptSubmission({ db, actor: caseworker(), input: { submissionId } });

    expect(await occurrencesAnywhere(db, p.code!)).toEqual({});
    // Also without the century sign and check character's surroundings (a code split or reformatted).
    expect(await occurrencesAnywhere(db, p.code!.slice(0, 6) + p.code!.slice(7))).toEqual({});
    const audit = await auditText();
    for (const needle of [p.code!, p.lastName, ...p.firstNames.split(" "), p.email]) expect(audit).not.toContain(needle.toUpperCase());

    // The names are where the client's data is, and nowhere else.
    const where = await occurrencesAnywhere(db, p.lastName);
    expect(Object.keys(where).sort()).toEqual(["clients"]);
    expect(where.clients).toEqual({ last_name: 1, search_name: 1 });
    const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.lastName, p.lastName));
    expect(client!.id).toBe(clientId);
  });

  it("a client who refused storage consent (withdrawn before review) is not accepted, and nothing is written", async () => {
    const p = person(10);
    const { submissionId } = await submit(p.raw);
    await db.update(consents).set({ withdrawnAt: new Date() }).where(and(eq(consents.submissionId, submissionId), eq(consents.kind, "storage")));
    const before = await clientCount();
    await expectReviewError(acceptSubmission({ db, actor: caseworker(), input: { submissionId } }), "no_storage_consent");
    expect(await clientCount()).toBe(before);
    const [submission] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    expect(submission!.status).toBe("pending");
  });

  it("assigns only to an active caseworker or coordinator", async () => {
    const { submissionId } = await submit(person(11).raw);
    const before = await clientCount();
    await expectReviewError(acceptSubmission({ db, actor: caseworker(), input: { submissionId, assignToCaseworkerId: adminId } }), "invalid_assignee");
    await expectReviewError(
      acceptSubmission({ db, actor: caseworker(), input: { submissionId, assignToCaseworkerId: "00000000-0000-4000-8000-000000000000" } }),
      "invalid_assignee",
    );
    expect(await clientCount()).toBe(before);
    const { clientId } = await acceptSubmission({ db, actor: caseworker(), input: { submissionId, assignToCaseworkerId: coordinatorId } });
    expect((await db.select().from(clients).where(eq(clients.id, clientId)))[0]!.assignedCaseworkerId).toBe(coordinatorId);
  });

  // -------------------------------------------------------------------------------------------
  // Duplicates and merge

  it("finds possible duplicates by identity code and by name and date of birth, and audits the look-up", async () => {
    // Same code, different spelling of the name.
    const p = person(12);
    const byCode = await insertClientWithCase(db, createRng(12), {
      stage: "new",
      identityCode: p.code,
      overrides: { firstNames: "Other", lastName: `Name${tag()}`, searchName: toSearchName("Other", "Name"), dateOfBirth: p.dateOfBirth },
    });
    // Same name (other case and diacritics) and date of birth, no code.
    const nameFirst = `Äyşe${p.tag}`;
    const byName = await insertClientWithCase(db, createRng(13), {
      stage: "new",
      identityCode: null,
      overrides: { firstNames: nameFirst, lastName: `Mäkelä${p.tag}`, searchName: toSearchName(nameFirst, `Mäkelä${p.tag}`), dateOfBirth: "1981-02-03" },
    });
    // Same name, other date of birth: not a duplicate.
    await insertClientWithCase(db, createRng(14), {
      stage: "new",
      identityCode: null,
      overrides: { firstNames: nameFirst, lastName: `Mäkelä${p.tag}`, searchName: toSearchName(nameFirst, `Mäkelä${p.tag}`), dateOfBirth: "1981-02-04" },
    });

    const { submissionId } = await submit(p.raw);
    const found = await findPossibleDuplicates({ db, submissionId });
    expect(found).toEqual([
      expect.objectContaining({ id: byCode.client.id, clientNumber: byCode.client.clientNumber, reason: "identity_code", reasons: ["identity_code"] }),
    ]);
    expect(JSON.stringify(found).toUpperCase()).not.toContain(p.code);

    const raw = rawIntakeAnswers(13);
    raw.about = { ...raw.about, firstNames: `AYSE${p.tag.toUpperCase()}`, lastName: ` makela${p.tag} `, dateOfBirth: "1981-02-03", hasIdentityCode: "no", personalIdentityCode: "" };
    const second = await submit(raw);
    const events = (await db.select({ n: count() }).from(auditEvents))[0]!.n;
    const byNameFound = await findPossibleDuplicates({ db, submissionId: second.submissionId, actor: actor(caseworkerId, "caseworker", "dup-check") });
    expect(byNameFound).toEqual([
      expect.objectContaining({ id: byName.client.id, reason: "name_and_birth_date", reasons: ["name_and_birth_date"], firstNames: nameFirst }),
    ]);
    expect((await db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(events + 1);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.requestId, "dup-check"));
    expect(event).toMatchObject({ action: "intake.duplicates_viewed", actorId: caseworkerId, details: { submissionId: second.submissionId, clientIds: [byName.client.id] } });

    // Both reasons at once are reported once, identity code first.
    const both = person(15);
    const bothClient = await insertClientWithCase(db, createRng(15), {
      stage: "new",
      identityCode: both.code,
      overrides: { firstNames: both.firstNames, lastName: both.lastName, searchName: toSearchName(both.firstNames, both.lastName), dateOfBirth: both.dateOfBirth },
    });
    const third = await submit(both.raw);
    expect(await findPossibleDuplicates({ db, submissionId: third.submissionId })).toEqual([
      expect.objectContaining({ id: bothClient.client.id, reason: "identity_code", reasons: ["identity_code", "name_and_birth_date"] }),
    ]);

    // A person nobody resembles; an unknown submission.
    expect(await findPossibleDuplicates({ db, submissionId: (await submit(person(16).raw)).submissionId })).toEqual([]);
    expect(await findPossibleDuplicates({ db, submissionId: "00000000-0000-4000-8000-000000000000" })).toEqual([]);
  });

  it("accepting a duplicate by identity code offers the existing client; merging keeps both histories", async () => {
    const p = person(17);
    const existing = await insertClientWithCase(db, createRng(17), {
      stage: "assessed",
      basis: "consent_electronic",
      identityCode: p.code,
      overrides: {
        firstNames: p.firstNames,
        lastName: p.lastName,
        searchName: toSearchName(p.firstNames, p.lastName),
        dateOfBirth: p.dateOfBirth,
        phone: "+358400000017",
        email: `old.${p.tag}@example.invalid`,
        interpreterNeeded: false,
        interpreterLanguage: null,
        citizenships: ["Kenia"],
      },
    });
    const clientId = existing.client.id;
    const countRows = async () => ({
      consents: (await db.select({ id: consents.id }).from(consents).where(eq(consents.clientId, clientId))).map((r) => r.id),
      notes: (await db.select({ id: caseNotes.id }).from(caseNotes).where(eq(caseNotes.clientId, clientId))).map((r) => r.id),
      permits: (await db.select({ id: residencePermits.id }).from(residencePermits).where(eq(residencePermits.clientId, clientId))).map((r) => r.id),
      family: (await db.select({ id: familyMembers.id }).from(familyMembers).where(eq(familyMembers.clientId, clientId))).map((r) => r.id),
      educations: (await db.select({ id: educations.id }).from(educations).where(eq(educations.clientId, clientId))).map((r) => r.id),
      work: (await db.select({ id: workExperiences.id }).from(workExperiences).where(eq(workExperiences.clientId, clientId))).map((r) => r.id),
    });
    const before = await countRows();
    expect(before.consents.length).toBeGreaterThan(0);
    expect(before.notes.length).toBeGreaterThan(0);
    expect(before.permits.length).toBeGreaterThan(0);

    p.raw.contact = { ...p.raw.contact, phone: "040 765 4321" };
    p.raw.residence = { ...p.raw.residence, permitValidFrom: "2025-02-01", permitValidUntil: "2027-02-01" };
    const { submissionId, reference } = await submit(p.raw);

    // Accepting is refused and names the client to merge into.
    const duplicates = await findPossibleDuplicates({ db, submissionId });
    expect(duplicates.map((d) => [d.id, d.reason])).toEqual([[clientId, "identity_code"]]);
    const clientsBefore = await clientCount();
    const refused = await expectReviewError(acceptSubmission({ db, actor: caseworker(), input: { submissionId } }), "duplicate_identity_code");
    expect(refused.clientIds).toEqual([clientId]);
    expect(refused.message.toUpperCase()).not.toContain(p.code);
    expect(await clientCount()).toBe(clientsBefore);

    const now = new Date("2029-07-01T09:00:00.000Z");
    const result = await mergeSubmission({ db, actor: caseworker(), input: await confirmingEverything(submissionId, clientId), now });
    expect(result.consentsMoved).toBe(consentsPerSubmission);
    expect(result.updatedFields).toEqual(expect.arrayContaining(["phone", "email", "interpreterNeeded", "citizenships"]));
    expect(result.updatedFields).not.toContain("personalIdentityCode");
    expect(result.added).toMatchObject({ residencePermits: 1 });
    expect(await clientCount()).toBe(clientsBefore);

    // Both histories: every earlier row is still there, and the submission's rows joined them.
    const after = await countRows();
    expect(after.consents).toEqual(expect.arrayContaining(before.consents));
    expect(after.consents).toHaveLength(before.consents.length + consentsPerSubmission);
    expect(after.notes).toEqual(expect.arrayContaining(before.notes));
    expect(after.notes).toHaveLength(before.notes.length + 1);
    expect(after.permits).toEqual(expect.arrayContaining(before.permits));
    expect(after.permits).toHaveLength(before.permits.length + 1);
    expect(after.family).toEqual(expect.arrayContaining(before.family));
    expect(after.family.length).toBeGreaterThan(before.family.length);
    expect(after.educations).toEqual(expect.arrayContaining(before.educations));
    expect(after.work).toEqual(expect.arrayContaining(before.work));
    const moved = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
    expect(moved).toHaveLength(consentsPerSubmission);
    expect(moved.every((c) => c.clientId === clientId)).toBe(true);
    const earlierConsents = await db.select().from(consents).where(inArray(consents.id, before.consents));
    expect(earlierConsents.every((c) => c.clientId === clientId && c.submissionId === null)).toBe(true);

    // The contact details are the new ones; the note keeps the earlier ones; identity is untouched.
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(client).toMatchObject({
      phone: "+358407654321",
      email: p.email,
      interpreterNeeded: true,
      interpreterLanguage: "somali",
      citizenships: ["Kenia", "Somalia"],
      firstNames: p.firstNames,
      clientNumber: existing.client.clientNumber,
      personalIdentityCodeHash: lookupHash(p.code!),
    });
    expect(client!.updatedAt.getTime()).toBe(now.getTime());
    const [note] = await db.select().from(caseNotes).where(and(eq(caseNotes.clientId, clientId), eq(caseNotes.createdAt, now)));
    const merged = readIntakeDecisionNote(note!.intakeDecision);
    expect(merged).toMatchObject({ decision: "merged", reference, decidedOn: "2029-07-01" });
    expect(merged!.updated).toEqual(
      expect.arrayContaining([
        { field: "phone", previous: "+358400000017" },
        { field: "email", previous: `old.${p.tag}@example.invalid` },
      ]),
    );

    // The audit names fields, never values.
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "intake.merged"), eq(auditEvents.clientId, clientId)));
    expect(event).toMatchObject({ actorId: caseworkerId, details: { submissionId, updatedFields: result.updatedFields } });
    const details = JSON.stringify(event!.details);
    for (const value of ["+358400000017", "+358407654321", p.tag, p.code!]) expect(details).not.toContain(value);

    // The submission is decided into this client and empty.
    const [submission] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    expect(submission).toMatchObject({ status: "accepted", acceptedClientId: clientId, decidedBy: caseworkerId, personalIdentityCodeEncrypted: null, personalIdentityCodeHash: null });
    expect(submission!.answers).toEqual({});
    expect(await occurrencesAnywhere(db, p.code!)).toEqual({});

    // Once is enough.
    await expectReviewError(mergeSubmission({ db, actor: caseworker(), input: { submissionId, clientId, apply: [], identityCheck: "identity_document", submitter: "client" } }), "not_pending");
    await expectReviewError(acceptSubmission({ db, actor: caseworker(), input: { submissionId } }), "not_pending");
    await expectReviewError(rejectSubmission({ db, actor: caseworker(), input: { submissionId, reason: "duplicate" } }), "not_pending");

    // Merging the same answers again (a second identical submission) appends nothing twice.
    const again = await submit(p.raw);
    const repeat = await mergeSubmission({ db, actor: caseworker(), input: await confirmingEverything(again.submissionId, clientId) });
    expect(repeat.added).toEqual({ residencePermits: 0, familyMembers: 0, educations: 0, workExperiences: 0, languages: 0 });
    expect(repeat.updatedFields).toEqual([]);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  it("merging by name and date of birth adds the code the client lacked; a different code refuses the merge and writes nothing", async () => {
    const p = person(18);
    const withoutCode = await insertClientWithCase(db, createRng(18), {
      stage: "new",
      identityCode: null,
      overrides: { firstNames: p.firstNames, lastName: p.lastName, searchName: toSearchName(p.firstNames, p.lastName), dateOfBirth: p.dateOfBirth },
    });
    const { submissionId } = await submit(p.raw);
    expect((await findPossibleDuplicates({ db, submissionId })).map((d) => [d.id, d.reason])).toEqual([[withoutCode.client.id, "name_and_birth_date"]]);
    const merged = await mergeSubmission({ db, actor: caseworker(), input: await confirmingEverything(submissionId, withoutCode.client.id) });
    expect(merged.filledFields).toContain("personalIdentityCode");
    const [client] = await db.select().from(clients).where(eq(clients.id, withoutCode.client.id));
    expect(decryptField(client!.personalIdentityCodeEncrypted!)).toBe(p.code);
    expect(client!.personalIdentityCodeHash).toBe(lookupHash(p.code!));

    // Same name and birth date, another code: not the same person (or a wrong code) — refuse.
    const q = person(19);
    const otherCode = formatPersonalIdentityCode({ dateOfBirth: q.dateOfBirth, individualNumber: 998 });
    expect(otherCode).not.toBe(q.code);
    const differentCode = await insertClientWithCase(db, createRng(19), {
      stage: "new",
      identityCode: otherCode,
      overrides: { firstNames: q.firstNames, lastName: q.lastName, searchName: toSearchName(q.firstNames, q.lastName), dateOfBirth: q.dateOfBirth },
    });
    const second = await submit(q.raw);
    const [before] = await db.select().from(clients).where(eq(clients.id, differentCode.client.id));
    const consentsBefore = await db.select({ id: consents.id }).from(consents).where(eq(consents.clientId, differentCode.client.id));
    await expectReviewError(mergeSubmission({ db, actor: caseworker(), input: { submissionId: second.submissionId, clientId: differentCode.client.id, apply: [], identityCheck: "identity_document", submitter: "client" } }), "identity_code_conflict");
    expect((await db.select().from(clients).where(eq(clients.id, differentCode.client.id)))[0]).toEqual(before);
    expect(await db.select({ id: consents.id }).from(consents).where(eq(consents.clientId, differentCode.client.id))).toEqual(consentsBefore);
    expect((await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, second.submissionId)))[0]!.status).toBe("pending");
    // An unknown client.
    // An unknown client: the merge takes the case's own access step, which finds no such client.
    const unknown = await mergeSubmission({
      db,
      actor: caseworker(),
      input: { submissionId: second.submissionId, clientId: "00000000-0000-4000-8000-000000000000", apply: [], identityCheck: "identity_document", submitter: "client" },
    }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(Refusal);
    expect((unknown as Refusal).code).toBe("not_found");
  });

  // -------------------------------------------------------------------------------------------
  // Reject

  it("rejecting leaves no personal data in any column of any table, and a deletion record without any", async () => {
    const p = person(20);
    const { submissionId, reference } = await submit(p.raw);
    await viewSubmission({ db, actor: caseworker(), submissionId });
    await findPossibleDuplicates({ db, submissionId, actor: caseworker() });
    const needles = [p.lastName, ...p.firstNames.split(" "), p.code!, p.email];

    // The search does find the person before (so finding nothing after means something).
    for (const needle of needles.filter((n) => n !== p.code)) expect(Object.keys(await occurrencesAnywhere(db, needle)), needle).toEqual(["intake_submissions"]);
    const submissionConsents = await db.select({ id: consents.id }).from(consents).where(eq(consents.submissionId, submissionId));
    expect(submissionConsents).toHaveLength(consentsPerSubmission);

    await expectReviewError(rejectSubmission({ db, actor: caseworker(), input: { submissionId, reason: "free text: Obuya" as never } }), "invalid_reason");
    const { deletionRecordId } = await rejectSubmission({ db, actor: caseworker(), input: { submissionId, reason: "invalid_or_unreliable" } });

    expect(await publicTableCount(db)).toBeGreaterThan(20);
    for (const needle of needles) expect(await occurrencesAnywhere(db, needle), needle).toEqual({});
    expect(await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId))).toEqual([]);
    expect(await db.select().from(consents).where(inArray(consents.id, submissionConsents.map((c) => c.id)))).toEqual([]);

    const [record] = await db.select().from(deletionRecords).where(eq(deletionRecords.id, deletionRecordId));
    expect(record).toMatchObject({ subjectKind: "intake_submission", subjectReference: submissionId, reason: "invalid_or_unreliable", deletedBy: caseworkerId });
    expect(JSON.stringify(record)).not.toContain(reference);

    const events = await db.select().from(auditEvents).where(eq(auditEvents.action, "intake.rejected"));
    const ours = events.find((e) => e.details.submissionId === submissionId);
    expect(ours).toMatchObject({ actorId: caseworkerId, clientId: null, details: { submissionId }, reason: "invalid_or_unreliable" });
    expect(Object.keys(ours!.details)).toEqual(["submissionId"]);

    // Gone is gone.
    await expectReviewError(rejectSubmission({ db, actor: caseworker(), input: { submissionId, reason: "other" } }), "not_found");
    await expectReviewError(acceptSubmission({ db, actor: caseworker(), input: { submissionId } }), "not_found");
    expect(await viewSubmission({ db, actor: caseworker(), submissionId })).toBeNull();
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  // -------------------------------------------------------------------------------------------
  // Concurrency

  it("a submission accepted twice at once makes exactly one client; accept and reject at once, exactly one wins", async () => {
    const p = person(21);
    const { submissionId } = await submit(p.raw);
    const before = await clientCount();
    const results = await Promise.allSettled([
      acceptSubmission({ db, actor: caseworker(), input: { submissionId } }),
      acceptSubmission({ db, actor: coordinator(), input: { submissionId } }),
      acceptSubmission({ db, actor: caseworker(), input: { submissionId } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(Refusal);
      expect((r.reason as Refusal).code).toBe("not_pending");
    }
    expect(await clientCount()).toBe(before + 1);
    expect(await db.select({ id: clients.id }).from(clients).where(eq(clients.personalIdentityCodeHash, lookupHash(p.code!)))).toHaveLength(1);
    const accepted = await db.select().from(auditEvents).where(eq(auditEvents.action, "intake.accepted"));
    expect(accepted.filter((e) => e.details.submissionId === submissionId)).toHaveLength(1);

    // Accept against reject.
    const q = person(22);
    const second = await submit(q.raw);
    const race = await Promise.allSettled([
      acceptSubmission({ db, actor: caseworker(), input: { submissionId: second.submissionId } }),
      rejectSubmission({ db, actor: coordinator(), input: { submissionId: second.submissionId, reason: "other" } }),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const clientsWithCode = await db.select({ id: clients.id }).from(clients).where(eq(clients.personalIdentityCodeHash, lookupHash(q.code!)));
    const records = await db.select().from(deletionRecords).where(eq(deletionRecords.subjectReference, second.submissionId));
    expect(clientsWithCode.length + records.length).toBe(1);

    // Two submissions of one person (one code) accepted at once: one client, the other is offered the merge.
    const r = person(23);
    const [one, two] = [await submit(r.raw), await submit(r.raw)];
    const pair = await Promise.allSettled([
      acceptSubmission({ db, actor: caseworker(), input: { submissionId: one.submissionId } }),
      acceptSubmission({ db, actor: coordinator(), input: { submissionId: two.submissionId } }),
    ]);
    expect(pair.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const loser = pair.find((x): x is PromiseRejectedResult => x.status === "rejected")!;
    expect((loser.reason as Refusal).code).toBe("duplicate_identity_code");
    expect(await db.select({ id: clients.id }).from(clients).where(eq(clients.personalIdentityCodeHash, lookupHash(r.code!)))).toHaveLength(1);
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });
});

describe(`intake review under the legal-obligation basis on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await seedDemo({ db: handle.db, demoAccounts: false, clients: 0, settings: demoStatutorySettings });
  });
  afterAll(async () => handle?.close());

  it("accepts on the legal-obligation basis, without a storage consent", async () => {
    const db = handle.db;
    const settings = await getRegisterSettings({ db });
    expect(settings.legalBasis.kind).toBe("legal_obligation");
    const actor = await createStaff(db, { role: "caseworker", displayName: "Ohjaaja" });
    const p = person(30);
    const { submissionId } = await submitCompleteIntake({ db, settings, raw: p.raw, consentForm: {} });
    expect(await db.select().from(consents).where(and(eq(consents.submissionId, submissionId), eq(consents.kind, "storage")))).toEqual([]);
    const { clientId } = await acceptSubmission({ db, actor: { userId: actor.id, role: "caseworker", sessionId: "statutory-session", requestId: null }, input: { submissionId } });
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(client!.basis).toBe("legal_obligation");
    expect(await db.select({ clientId: consents.clientId }).from(consents).where(eq(consents.submissionId, submissionId))).toEqual(
      expect.arrayContaining([{ clientId }]),
    );
  });
});
