import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { addCaseNote, bookAppointment } from "@/db/case-work";
import { updateIdentityContact } from "@/db/client-details";
import { recordWrittenConsent } from "@/db/consents";
import { disclosureOptions, recordDisclosure } from "@/db/disclosures";
import { applyRestriction, liftRestriction, recordLiftNotice, restrictionHistory, restrictionsOf } from "@/db/restrictions";
import { letterFile } from "@/db/rights-letters";
import { auditEvents, clients, consents, dataSubjectRequests, rightsDocuments } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam } from "@/demo/factories/staff";
import { demoSettings } from "@/demo/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import type { RestrictionGround } from "@/lib/domain-values";
import { helsinkiDate } from "@/lib/helsinki-time";
import { isRefusal } from "@/lib/refusal";
import type { LetterFacts, LetterRenderer } from "@/lib/rights/letters";
import { bookAppointmentSchema, caseNoteSchema } from "@/lib/validations/case-work";
import { identityContactSchema } from "@/lib/validations/client-details";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { renderRightsLetter } from "@/server/rights-letters";
import { createTestDatabase, testBackend, type TestDatabaseHandle } from "../helpers/database";
import { pdfText, wordsOf } from "./pdf-text";

/**
 * Issue 11, acceptance (integration): a restriction refuses disclosure and writes, and lifting it
 * without the recorded notice is refused; an evaluation of the gate at a moment before the
 * restriction allows what was allowed then. Also: what each ground still allows on the case, the
 * history and clients.restricted_at kept in step, the lift notice's letter, and every step audited.
 */

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`restriction of processing on ${testBackend()}`, () => {
  let handle: TestDatabaseHandle;
  let db: Executor;
  let caseworker: StaffActor;
  let dpo: StaffActor;
  let seed = 2100;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await saveRegisterSettings({ db, settings: demoSettings, actor: null });
    const team = await createStaffTeam(db, {
      caseworker: { role: "caseworker", displayName: "Riikka Rajoitus" },
      dpo: { role: "dpo", displayName: "Tiina Tietosuoja" },
    });
    caseworker = actorOf(team.caseworker!);
    dpo = actorOf(team.dpo!);
  }, 120_000);
  afterAll(async () => (handle as DatabaseHandle | undefined)?.close());

  /** A client of the caseworker with a valid consent to disclose identity and service plan to ELY. */
  async function clientWithConsent() {
    const { client } = await insertClientWithCase(db, createRng(seed++), {
      assignedCaseworkerId: caseworker.userId,
      basis: "consent_electronic",
      stage: "planned",
      now: new Date(),
      context: await loadCaseContext(db),
    });
    await db.delete(consents).where(and(eq(consents.clientId, client.id), eq(consents.kind, "disclosure")));
    await recordWrittenConsent({
      db,
      actor: caseworker,
      input: writtenConsentSchema.parse({
        clientId: client.id,
        kind: "disclosure",
        agencyCode: "ely",
        categories: ["identity", "servicePlan"],
        purpose: "Kotoutumispalvelut",
        givenOn: helsinkiDate(),
        validUntil: helsinkiDate(new Date(Date.now() + 300 * DAY)),
        paperReference: `PAPER-${randomUUID().slice(0, 8)}`,
      }),
    });
    return client;
  }

  const disclosure = (clientId: string) =>
    disclosureFormSchema.parse({ clientId, agencyCode: "ely", categories: ["identity", "servicePlan"], purpose: "Kotoutumispalvelujen järjestäminen", method: "secure_email" });

  async function refusalOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (isRefusal(error)) return `${error.domain}:${error.code}`;
      throw error;
    }
    throw new Error("expected a refusal");
  }

  async function restrict(clientId: string, ground: RestrictionGround, at?: Date) {
    return applyRestriction({ db, actor: dpo, input: { clientId, ground }, ...(at ? { at } : {}) });
  }

  async function decisionsAt(clientId: string, at: Date) {
    const options = await disclosureOptions({ db, actor: caseworker, clientId, agencyCode: "ely", at });
    if (!("decisions" in options) || !options.decisions) throw new Error("no access");
    return Object.fromEntries(options.decisions.filter((d) => d.category === "identity" || d.category === "servicePlan").map((d) => [d.category, d.allowed ? "allowed" : d.reason]));
  }

  async function lastEvent(clientId: string, action: string) {
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, action)))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return event;
  }

  /** A letter renderer that records what it was asked to write (the real one is tested below). */
  function recordingRenderer(): { render: LetterRenderer; facts: LetterFacts[] } {
    const facts: LetterFacts[] = [];
    return { facts, render: async (f) => (facts.push(f), { json: JSON.stringify(f), pdf: Buffer.from("%PDF-1.7 test") }) };
  }

  it("refuses disclosure and the case's writes, keeping the history and clients.restricted_at in step, audited", async () => {
    const client = await clientWithConsent();
    expect((await recordDisclosure({ db, actor: caseworker, input: disclosure(client.id) })).kind).toBe("recorded");

    const { id } = await restrict(client.id, "objection_pending");
    const [row] = await db.select({ restrictedAt: clients.restrictedAt }).from(clients).where(eq(clients.id, client.id));
    const history = await restrictionsOf({ db, clientId: client.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id, ground: "objection_pending", appliedBy: dpo.userId, liftedAt: null, requestId: null });
    expect(row?.restrictedAt?.getTime()).toBe(history[0]!.appliedAt.getTime());
    expect((await lastEvent(client.id, "restriction.applied"))?.details).toMatchObject({ restrictionId: id, ground: "objection_pending", fields: ["restrictedAt"] });

    const outcome = await recordDisclosure({ db, actor: caseworker, input: disclosure(client.id) });
    expect(outcome).toEqual({
      kind: "refused",
      refusals: [
        { category: "identity", reason: "client_restricted" },
        { category: "servicePlan", reason: "client_restricted" },
      ],
    });
    const note = caseNoteSchema.parse({ clientId: client.id, body: "Ei saa kirjata rajoituksen aikana" });
    expect(await refusalOf(addCaseNote({ db, actor: caseworker, input: note }))).toBe("case:restricted");
    const booking = bookAppointmentSchema.parse({
      clientId: client.id,
      startsAt: helsinkiDate(new Date(Date.now() + 7 * DAY)) + "T10:00",
      durationMinutes: "60",
      channel: "in_person",
    });
    expect(await refusalOf(bookAppointment({ db, actor: caseworker, input: booking }))).toBe("case:restricted");
    expect(await refusalOf(restrict(client.id, "legal_claims"))).toBe("restriction:already_restricted");
  });

  it("the ground decides what still goes on: corrections under contested accuracy, a note for a legal claim", async () => {
    const contested = await clientWithConsent();
    await restrict(contested.id, "accuracy_contested");
    const [current] = await db.select().from(clients).where(eq(clients.id, contested.id));
    const correction = identityContactSchema.parse({
      clientId: contested.id,
      firstNames: current!.firstNames,
      lastName: current!.lastName,
      dateOfBirth: current!.dateOfBirth,
      personalIdentityCode: "",
      gender: current!.gender ?? "",
      phone: "+358401234567",
      email: current!.email ?? "",
      streetAddress: current!.streetAddress ?? "",
      postalCode: current!.postalCode ?? "",
      postOffice: current!.postOffice ?? "",
      homeMunicipality: current!.homeMunicipality ?? "",
      preferredLanguage: current!.preferredLanguage ?? "",
      interpreterNeeded: current!.interpreterNeeded ? "yes" : "no",
      interpreterLanguage: current!.interpreterLanguage ?? "",
      citizenship: current!.citizenships[0] ?? "",
      otherCitizenship: current!.citizenships[1] ?? "",
    });
    expect((await updateIdentityContact({ db, actor: caseworker, input: correction })).changedFields).toContain("phone");
    expect(await refusalOf(addCaseNote({ db, actor: caseworker, input: caseNoteSchema.parse({ clientId: contested.id, body: "Huomio" }) }))).toBe("case:restricted");

    const claim = await clientWithConsent();
    await restrict(claim.id, "legal_claims");
    expect((await addCaseNote({ db, actor: caseworker, input: caseNoteSchema.parse({ clientId: claim.id, body: "Asiakirjat annettu avustajalle" }) })).clientId).toBe(claim.id);
    expect(await refusalOf(updateIdentityContact({ db, actor: caseworker, input: { ...correction, clientId: claim.id } }))).toBe("case:restricted");
    // Whatever the ground, nothing is disclosed.
    expect(Object.values(await decisionsAt(claim.id, new Date()))).toEqual(["client_restricted", "client_restricted"]);
  });

  it("lifting without the recorded notice is refused and leaves the restriction in force; with it, the restriction ends", async () => {
    const client = await clientWithConsent();
    const { id } = await restrict(client.id, "accuracy_contested");
    expect(await refusalOf(liftRestriction({ db, actor: dpo, input: { restrictionId: id } }))).toBe("restriction:notice_missing");
    const [still] = await db.select({ restrictedAt: clients.restrictedAt }).from(clients).where(eq(clients.id, client.id));
    expect(still?.restrictedAt).not.toBeNull();
    expect((await restrictionsOf({ db, clientId: client.id }))[0]?.liftedAt).toBeNull();
    const refused = await lastEvent(client.id, "restriction.lifted");
    expect(refused).toBeUndefined();

    // The database holds the rule too: no lifted row without a notice.
    await expect(handle.owner.execute(sql`update client_restrictions set lifted_at = now() where id = ${id}`)).rejects.toThrow();

    // A notice dated in the future, or before the restriction, is refused.
    const { render, facts } = recordingRenderer();
    const tomorrow = helsinkiDate(new Date(Date.now() + DAY));
    expect(await refusalOf(recordLiftNotice({ db, actor: dpo, input: { restrictionId: id, toldOn: tomorrow, method: "paper", locale: "fi" }, renderLetter: render }))).toBe(
      "restriction:notice_in_future",
    );
    expect(await refusalOf(recordLiftNotice({ db, actor: dpo, input: { restrictionId: id, toldOn: "2020-01-01", method: "paper", locale: "fi" }, renderLetter: render }))).toBe(
      "restriction:notice_before_restriction",
    );
    expect(facts).toEqual([]);

    await recordLiftNotice({ db, actor: dpo, input: { restrictionId: id, toldOn: helsinkiDate(), method: "suomi_fi_messages", locale: "ar" }, renderLetter: render });
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ kind: "restriction_lift_notice", locale: "ar", ground: "accuracy_contested", person: { clientNumber: client.clientNumber } });
    expect((await lastEvent(client.id, "restriction.lift_notice_recorded"))?.details).toMatchObject({ restrictionId: id, method: "suomi_fi_messages", locale: "ar" });

    await liftRestriction({ db, actor: dpo, input: { restrictionId: id } });
    const [after] = await db.select({ restrictedAt: clients.restrictedAt }).from(clients).where(eq(clients.id, client.id));
    expect(after?.restrictedAt).toBeNull();
    const [lifted] = await restrictionHistory({ db, clientId: client.id });
    expect(lifted).toMatchObject({ liftedBy: dpo.userId, liftNoticeToldOn: helsinkiDate(), liftNoticeMethod: "suomi_fi_messages", liftedByName: "Tiina Tietosuoja" });
    expect(await refusalOf(liftRestriction({ db, actor: dpo, input: { restrictionId: id } }))).toBe("restriction:already_lifted");
    expect((await recordDisclosure({ db, actor: caseworker, input: disclosure(client.id) })).kind).toBe("recorded");
  });

  it("an evaluation of the gate at a moment before the restriction allows what was allowed then; within a lifted period it refuses", async () => {
    const client = await clientWithConsent();
    await sleep(20);
    const appliedAt = new Date();
    const { id } = await restrict(client.id, "unlawful_processing", appliedAt);
    const before = new Date(appliedAt.getTime() - 5);
    expect(await decisionsAt(client.id, before)).toEqual({ identity: "allowed", servicePlan: "allowed" });
    expect(await decisionsAt(client.id, appliedAt)).toEqual({ identity: "client_restricted", servicePlan: "client_restricted" });

    const { render } = recordingRenderer();
    await recordLiftNotice({ db, actor: dpo, input: { restrictionId: id, toldOn: helsinkiDate(), method: "paper", locale: "fi" }, renderLetter: render });
    await sleep(20);
    const liftedAt = new Date();
    await liftRestriction({ db, actor: dpo, input: { restrictionId: id }, at: liftedAt });
    // Now lifted: the restricted period still answers as it stood then, the moments around it as before.
    expect(await decisionsAt(client.id, new Date(appliedAt.getTime() + 5))).toEqual({ identity: "client_restricted", servicePlan: "client_restricted" });
    expect(await decisionsAt(client.id, before)).toEqual({ identity: "allowed", servicePlan: "allowed" });
    expect(await decisionsAt(client.id, new Date(liftedAt.getTime() + 1))).toEqual({ identity: "allowed", servicePlan: "allowed" });
  });

  it("a restriction marked before the history existed still refuses (the carried-over mark counts)", async () => {
    const client = await clientWithConsent();
    await db.update(clients).set({ restrictedAt: new Date(Date.now() - DAY) }).where(eq(clients.id, client.id));
    expect(await decisionsAt(client.id, new Date())).toEqual({ identity: "client_restricted", servicePlan: "client_restricted" });
    expect(await refusalOf(restrict(client.id, "legal_claims"))).toBe("restriction:already_restricted");
  });

  it("from a request: only one about this client and of a restricting kind", async () => {
    const client = await clientWithConsent();
    const other = await clientWithConsent();
    const request = async (clientId: string, kind: "restriction" | "access") => {
      const [row] = await db
        .insert(dataSubjectRequests)
        .values({ clientId, kind, channel: "visit", identityVerification: "identity_document", requester: "client", receivedOn: helsinkiDate(), dueOn: helsinkiDate(new Date(Date.now() + 28 * DAY)) })
        .returning({ id: dataSubjectRequests.id });
      return row!.id;
    };
    const forOther = await request(other.id, "restriction");
    const access = await request(client.id, "access");
    expect(await refusalOf(applyRestriction({ db, actor: dpo, input: { clientId: client.id, requestId: forOther, ground: "accuracy_contested" } }))).toBe("restriction:request_not_found");
    expect(await refusalOf(applyRestriction({ db, actor: dpo, input: { clientId: client.id, requestId: access, ground: "accuracy_contested" } }))).toBe("restriction:request_kind");
    const own = await request(client.id, "restriction");
    const { id } = await applyRestriction({ db, actor: dpo, input: { clientId: client.id, requestId: own, ground: "accuracy_contested" } });
    expect((await restrictionsOf({ db, clientId: client.id }))[0]).toMatchObject({ id, requestId: own });
  });

  it("the lift notice's letter: a PDF in the person's language, stored encrypted with its hash, downloadable by the officer only", async () => {
    const client = await clientWithConsent();
    const { id } = await restrict(client.id, "accuracy_contested");
    await recordLiftNotice({ db, actor: dpo, input: { restrictionId: id, toldOn: helsinkiDate(), method: "paper", locale: "ar" }, renderLetter: renderRightsLetter });
    const [restriction] = await restrictionsOf({ db, clientId: client.id });
    const [stored] = await db.select().from(rightsDocuments).where(eq(rightsDocuments.id, restriction!.liftNoticeDocumentId!));
    expect(stored).toMatchObject({ kind: "restriction_lift_notice", locale: "ar", clientId: client.id });
    expect(stored!.pdfEncrypted).not.toContain(client.lastName);

    expect(await letterFile({ db, actor: caseworker, owner: { kind: "restriction", restrictionId: id } })).toBeNull();
    const file = await letterFile({ db, actor: dpo, owner: { kind: "restriction", restrictionId: id } });
    expect(file?.pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(file!.pdf);
    // A right-to-left line comes out in visual order: the number and the name are checked word by word.
    expect(wordsOf(text)).toEqual(expect.arrayContaining([...client.clientNumber.split("-"), ...wordsOf(`${client.firstNames} ${client.lastName}`)]));
    expect(text).toContain("تقييد");
    expect(text).toContain("00531");
    expect((await lastEvent(client.id, "notice.letter_downloaded"))?.details).toMatchObject({ restrictionId: id, kind: "restriction_lift_notice" });
  });
});
