import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { addCaseNote } from "@/db/case-work";
import { updateIdentityContact } from "@/db/client-details";
import { recordWrittenConsent } from "@/db/consents";
import { recordDisclosure } from "@/db/disclosures";
import { correctionsForRequest, linkCorrections, recipientsFor, recordRecipientNotice } from "@/db/recipient-notices";
import { applyRestriction } from "@/db/restrictions";
import { letterFile } from "@/db/rights-letters";
import { auditEvents, clients, consents, dataSubjectRequests } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam } from "@/demo/factories/staff";
import { demoSettings } from "@/demo/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import type { DataCategory } from "@/lib/data-categories";
import { helsinkiDate } from "@/lib/helsinki-time";
import { isRefusal } from "@/lib/refusal";
import type { LetterFacts, LetterRenderer } from "@/lib/rights/letters";
import { caseNoteSchema } from "@/lib/validations/case-work";
import { identityContactSchema } from "@/lib/validations/client-details";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { recipientNoticeSchema } from "@/lib/validations/restriction";
import { accessReportFor } from "@/server/pdf/rights-documents";
import { renderRightsLetter } from "@/server/rights-letters";
import { createTestDatabase, testBackend } from "../helpers/database";
import { pdfText } from "./pdf-text";

/**
 * Issue 11, acceptance (integration): rectifying the contact details of a client whose contact
 * details went to two agencies and whose service plan went to a third lists exactly the first two
 * for notices (GDPR Art 19). Also: the corrections are linked from the case forms' audit events, a
 * notice is recorded with its letter, method and date, and erasure and restriction list every
 * agency that received anything before.
 */

const DAY = 86_400_000;

describe(`recipients' notices on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let caseworker: StaffActor;
  let dpo: StaffActor;
  let seed = 3100;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await saveRegisterSettings({ db, settings: demoSettings, actor: null });
    const team = await createStaffTeam(db, {
      caseworker: { role: "caseworker", displayName: "Kalle Korjaaja" },
      dpo: { role: "dpo", displayName: "Tiina Tietosuoja" },
    });
    caseworker = actorOf(team.caseworker!);
    dpo = actorOf(team.dpo!);
  }, 120_000);
  afterAll(async () => handle?.close());

  /** A client whose contact details went to ELY and Migri, and whose service plan went to the TE office. */
  async function clientWithDisclosures() {
    const { client } = await insertClientWithCase(db, createRng(seed++), {
      assignedCaseworkerId: caseworker.userId,
      basis: "consent_electronic",
      stage: "planned",
      now: new Date(),
      context: await loadCaseContext(db),
    });
    await db.delete(consents).where(and(eq(consents.clientId, client.id), eq(consents.kind, "disclosure")));
    const disclosed: Record<string, string> = {};
    const plan: [string, DataCategory[]][] = [
      ["ely", ["identity", "contact"]],
      ["migri", ["contact", "residence"]],
      ["te_office", ["identity", "servicePlan"]],
    ];
    for (const [agencyCode, categories] of plan) {
      await recordWrittenConsent({
        db,
        actor: caseworker,
        input: writtenConsentSchema.parse({
          clientId: client.id,
          kind: "disclosure",
          agencyCode,
          categories,
          purpose: "Kotoutumispalvelut",
          givenOn: helsinkiDate(),
          validUntil: helsinkiDate(new Date(Date.now() + 300 * DAY)),
          paperReference: `PAPER-${randomUUID().slice(0, 8)}`,
        }),
      });
      const outcome = await recordDisclosure({
        db,
        actor: caseworker,
        input: disclosureFormSchema.parse({ clientId: client.id, agencyCode, categories, purpose: "Kotoutumispalvelujen järjestäminen", method: "secure_email" }),
      });
      if (outcome.kind !== "recorded") throw new Error(`refused: ${JSON.stringify(outcome)}`);
      disclosed[agencyCode] = outcome.disclosureId;
    }
    return { client, disclosed };
  }

  async function request(clientId: string, kind: "rectification" | "erasure" | "restriction") {
    const [row] = await db
      .insert(dataSubjectRequests)
      .values({ clientId, kind, channel: "visit", identityVerification: "identity_document", requester: "client", receivedOn: helsinkiDate(), dueOn: helsinkiDate(new Date(Date.now() + 28 * DAY)) })
      .returning({ id: dataSubjectRequests.id });
    return row!.id;
  }

  async function correctContact(clientId: string, change: { phone?: string; email?: string }) {
    const [current] = await db.select().from(clients).where(eq(clients.id, clientId));
    const c = current!;
    return updateIdentityContact({
      db,
      actor: caseworker,
      input: identityContactSchema.parse({
        clientId,
        firstNames: c.firstNames,
        lastName: c.lastName,
        dateOfBirth: c.dateOfBirth,
        personalIdentityCode: "",
        gender: c.gender ?? "",
        phone: change.phone ?? c.phone ?? "",
        email: change.email ?? c.email ?? "",
        streetAddress: c.streetAddress ?? "",
        postalCode: c.postalCode ?? "",
        postOffice: c.postOffice ?? "",
        homeMunicipality: c.homeMunicipality ?? "",
        preferredLanguage: c.preferredLanguage ?? "",
        interpreterNeeded: c.interpreterNeeded ? "yes" : "no",
        interpreterLanguage: c.interpreterLanguage ?? "",
        citizenship: c.citizenships[0] ?? "",
        otherCitizenship: c.citizenships[1] ?? "",
      }),
    });
  }

  async function lastSeq(clientId: string, action: string): Promise<number> {
    const [event] = await db
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.action, action)))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    if (!event) throw new Error(`no ${action} event`);
    return event.seq;
  }

  async function refusalOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (isRefusal(error)) return `${error.domain}:${error.code}`;
      throw error;
    }
    throw new Error("expected a refusal");
  }

  function recordingRenderer(): { render: LetterRenderer; facts: LetterFacts[] } {
    const facts: LetterFacts[] = [];
    return { facts, render: async (f) => (facts.push(f), { json: JSON.stringify(f), pdf: Buffer.from("%PDF-1.7 test") }) };
  }

  const notice = (values: Record<string, unknown>) => recipientNoticeSchema.parse({ sentOn: helsinkiDate(), method: "secure_email", locale: "fi", ...values });

  it("rectified contact details: exactly the two agencies that received contact details are listed, not the one that got the service plan", async () => {
    const { client, disclosed } = await clientWithDisclosures();
    const requestId = await request(client.id, "rectification");
    await correctContact(client.id, { phone: "+358409876543" });
    const phoneFix = await lastSeq(client.id, "client.updated");
    await addCaseNote({ db, actor: caseworker, input: caseNoteSchema.parse({ clientId: client.id, body: "Puhelinnumero korjattu asiakkaan pyynnöstä" }) });
    const note = await lastSeq(client.id, "case.note_added");

    // The case forms' writes since the request was received are offered; none linked yet, so nobody is listed.
    const { candidates, linked } = await correctionsForRequest({ db, requestId });
    expect(candidates.map((c) => [c.seq, c.categories])).toEqual([
      [phoneFix, ["contact"]],
      [note, ["notes"]],
    ]);
    expect(candidates[0]?.fields).toEqual(["phone"]);
    expect(linked).toEqual([]);
    expect((await recipientsFor({ db, actor: dpo, subject: { cause: "rectification", requestId } })).recipients).toEqual([]);

    await linkCorrections({ db, actor: dpo, input: { requestId, auditSeq: [phoneFix] } });
    const { recipients } = await recipientsFor({ db, actor: dpo, subject: { cause: "rectification", requestId } });
    expect(recipients.map((r) => [r.agencyCode, r.categories, r.disclosureIds, r.told])).toEqual([
      ["ely", ["contact"], [disclosed.ely], false],
      ["migri", ["contact"], [disclosed.migri], false],
    ]);
    const viewed = await db.select().from(auditEvents).where(and(eq(auditEvents.clientId, client.id), eq(auditEvents.action, "notice.recipients_viewed"))).orderBy(desc(auditEvents.seq)).limit(1);
    expect(viewed[0]?.details).toMatchObject({ cause: "rectification", requestId, agencyCodes: ["ely", "migri"] });
  });

  it("records a notice with its letter, method and date; the third agency is no recipient, a second notice is refused until a new correction is linked", async () => {
    const { client } = await clientWithDisclosures();
    const requestId = await request(client.id, "rectification");
    await correctContact(client.id, { phone: "+358401111111" });
    await linkCorrections({ db, actor: dpo, input: { requestId, auditSeq: [await lastSeq(client.id, "client.updated")] } });

    await recordRecipientNotice({ db, actor: dpo, input: notice({ cause: "rectification", requestId, agencyCode: "ely" }), renderLetter: renderRightsLetter });
    const { recipients } = await recipientsFor({ db, actor: dpo, subject: { cause: "rectification", requestId } });
    const ely = recipients.find((r) => r.agencyCode === "ely")!;
    expect(ely.told).toBe(true);
    expect(ely.notices[0]).toMatchObject({ method: "secure_email", sentOn: helsinkiDate(), locale: "fi", categories: ["contact"], cause: "rectification" });
    expect(recipients.find((r) => r.agencyCode === "migri")?.told).toBe(false);

    // The person's access report lists who was told (Art 19, second sentence), in their words.
    const { report, model } = await accessReportFor({ db, actor: dpo, clientId: client.id, locale: "fi" });
    expect(report.notices).toEqual([{ cause: "rectification", sentOn: helsinkiDate(), recipient: { code: "ely", name: "Kotolanmaan ELY-keskus" }, categories: ["contact"], method: "secure_email" }]);
    expect(JSON.stringify(model)).toContain("Kotolanmaan ELY-keskus");

    // The letter: in Finnish, naming the agency, the person and the rectified category.
    const letter = await letterFile({ db, actor: dpo, owner: { kind: "notice", noticeId: ely.notices[0]!.id } });
    const text = await pdfText(letter!.pdf);
    for (const expected of ["Kotolanmaan ELY-keskus", client.lastName, client.clientNumber, "Yhteystiedot", "19 artiklan"]) expect(text).toContain(expected);

    expect(await refusalOf(recordRecipientNotice({ db, actor: dpo, input: notice({ cause: "rectification", requestId, agencyCode: "te_office" }), renderLetter: recordingRenderer().render }))).toBe(
      "notice:not_a_recipient",
    );
    expect(await refusalOf(recordRecipientNotice({ db, actor: dpo, input: notice({ cause: "rectification", requestId, agencyCode: "ely" }), renderLetter: recordingRenderer().render }))).toBe(
      "notice:already_told",
    );

    // A further correction linked later: ELY has not been told of it.
    await correctContact(client.id, { email: `korjattu.${randomUUID().slice(0, 6)}@example.invalid` });
    await linkCorrections({ db, actor: dpo, input: { requestId, auditSeq: [await lastSeq(client.id, "client.updated")] } });
    expect((await recipientsFor({ db, actor: dpo, subject: { cause: "rectification", requestId } })).recipients.find((r) => r.agencyCode === "ely")?.told).toBe(false);
    const { render, facts } = recordingRenderer();
    await recordRecipientNotice({ db, actor: dpo, input: notice({ cause: "rectification", requestId, agencyCode: "ely", locale: "sv", method: "paper" }), renderLetter: render });
    expect(facts[0]).toMatchObject({ kind: "recipient_notice", cause: "rectification", locale: "sv", agency: { name: "Kotolanmaan ELY-keskus" }, categories: ["contact"] });

    expect((await accessReportFor({ db, actor: dpo, clientId: client.id, locale: "fi" })).report.notices.map((n) => [n.recipient.code, n.cause, n.method])).toEqual([
      ["ely", "rectification", "secure_email"],
      ["ely", "rectification", "paper"],
    ]);
  });

  it("links only this client's writes made while the request was open, to a rectification request", async () => {
    const { client } = await clientWithDisclosures();
    const other = await clientWithDisclosures();
    const requestId = await request(client.id, "rectification");
    await correctContact(other.client.id, { phone: "+358402222222" });
    const foreign = await lastSeq(other.client.id, "client.updated");
    expect(await refusalOf(linkCorrections({ db, actor: dpo, input: { requestId, auditSeq: [foreign] } }))).toBe("notice:correction_not_found");
    const erasure = await request(client.id, "erasure");
    await correctContact(client.id, { phone: "+358403333333" });
    expect(await refusalOf(linkCorrections({ db, actor: dpo, input: { requestId: erasure, auditSeq: [await lastSeq(client.id, "client.updated")] } }))).toBe("notice:request_kind");
  });

  it("an erasure concerns everything: every agency that received any data is listed", async () => {
    const { client } = await clientWithDisclosures();
    const requestId = await request(client.id, "erasure");
    const { recipients } = await recipientsFor({ db, actor: dpo, subject: { cause: "erasure", requestId } });
    expect(recipients.map((r) => [r.agencyCode, r.categories])).toEqual([
      ["ely", ["identity", "contact"]],
      ["migri", ["contact", "residence"]],
      ["te_office", ["identity", "servicePlan"]],
    ]);
  });

  it("a restriction applied on a request: every agency that received data before it, told with the restriction's ground", async () => {
    const { client } = await clientWithDisclosures();
    const requestId = await request(client.id, "restriction");
    const { id: restrictionId } = await applyRestriction({ db, actor: dpo, input: { clientId: client.id, requestId, ground: "accuracy_contested" } });
    const { recipients } = await recipientsFor({ db, actor: dpo, subject: { cause: "restriction", requestId, restrictionId } });
    expect(recipients.map((r) => r.agencyCode)).toEqual(["ely", "migri", "te_office"]);
    const { render, facts } = recordingRenderer();
    await recordRecipientNotice({ db, actor: dpo, input: notice({ cause: "restriction", requestId, restrictionId, agencyCode: "migri", locale: "en" }), renderLetter: render });
    expect(facts[0]).toMatchObject({ cause: "restriction", ground: "accuracy_contested", changedOn: helsinkiDate() });
    const after = await recipientsFor({ db, actor: dpo, subject: { cause: "restriction", restrictionId } });
    expect(after.recipients.map((r) => [r.agencyCode, r.told])).toEqual([
      ["ely", false],
      ["migri", true],
      ["te_office", false],
    ]);
    expect(await refusalOf(recipientsFor({ db, actor: dpo, subject: { cause: "restriction", requestId: await request(client.id, "restriction"), restrictionId } }))).toBe(
      "notice:restriction_not_found",
    );
  });
});
