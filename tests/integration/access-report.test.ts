import { and, asc, eq, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessReason, openClientCase, revealIdentityCode } from "@/db/client-access";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { recordWrittenConsent } from "@/db/consents";
import { recordDisclosure } from "@/db/disclosures";
import { readRightsDocument, releasedDocuments } from "@/db/rights-documents";
import { auditEvents, dataSubjectRequests, rightsDocuments } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam, type FactoryStaff } from "@/demo/factories/staff";
import { demoSettings } from "@/demo/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { helsinkiDate } from "@/lib/helsinki-time";
import { consultationPurposeOf } from "@/lib/rights/access-report";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { accessReportFor, releaseAccessReport } from "@/server/pdf/rights-documents";
import { createTestDatabase, testBackend } from "../helpers/database";
import { pdfText, wordsOf } from "./pdf-text";

/**
 * Issue 11, acceptance (integration): an access request for a demo client with consents, two
 * disclosures and several views yields a report listing exactly those recipients and those
 * consultations (dates and purposes, no staff names), and the PDF's text — extracted here with
 * pdf.js — holds the client's name, every recipient and the Ombudsman's address, in Finnish and
 * in Arabic. Releasing stores both files encrypted with their SHA-256, audited.
 */

describe(`the access report on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let team: Record<"own" | "other" | "dpo", FactoryStaff>;
  let own: StaffActor;
  let other: StaffActor;
  let dpo: StaffActor;
  let clientId: string;
  let name: string;
  let requestId: string;
  const disclosureIds: string[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await saveRegisterSettings({ db, settings: demoSettings, actor: null });
    team = await createStaffTeam(db, {
      own: { role: "caseworker", displayName: "Oona Omaohjaaja" },
      other: { role: "caseworker", displayName: "Toivo Toinenohjaaja" },
      dpo: { role: "dpo", displayName: "Tiina Tietosuoja" },
    });
    own = actorOf(team.own);
    other = actorOf(team.other);
    dpo = actorOf(team.dpo);
    const inserted = await insertClientWithCase(db, createRng(1101), { assignedCaseworkerId: own.userId, basis: "consent_electronic", stage: "planned", now: new Date(), context: await loadCaseContext(db) });
    clientId = inserted.client.id;
    name = `${inserted.client.firstNames} ${inserted.client.lastName}`;

    // Consents to two agencies, and one disclosure to each.
    for (const [agencyCode, categories] of [["ely", ["identity", "residence"]], ["te_office", ["identity", "contact", "skills"]]] as const) {
      await recordWrittenConsent({
        db,
        actor: own,
        input: writtenConsentSchema.parse({
          clientId,
          givenOn: helsinkiDate(),
          paperReference: `PAPER-${agencyCode}`,
          kind: "disclosure",
          agencyCode,
          categories,
          purpose: "Kotoutumispalvelut",
          validUntil: helsinkiDate(new Date(Date.now() + 300 * 86_400_000)),
        }),
      });
      const outcome = await recordDisclosure({ db, actor: own, input: disclosureFormSchema.parse({ clientId, agencyCode, categories: [...categories], purpose: "Kotoutumispalvelujen järjestäminen", method: "secure_email" }) });
      if (outcome.kind !== "recorded") throw new Error(`refused: ${JSON.stringify(outcome)}`);
      disclosureIds.push(outcome.disclosureId);
    }
    // Several looks: the own caseworker opens the case twice and reveals the code; another opens it with a reason.
    await openClientCase({ db, actor: own, clientId });
    await openClientCase({ db, actor: own, clientId });
    await revealIdentityCode({ db, actor: own, clientId });
    await recordAccessReason({ db, actor: other, clientId, reason: "Sijaisena asiakkaan asiassa" });
    await openClientCase({ db, actor: other, clientId });

    const [request] = await db
      .insert(dataSubjectRequests)
      .values({ clientId, kind: "access", channel: "visit", identityVerification: "identity_document", requester: "client", receivedOn: helsinkiDate(), dueOn: helsinkiDate(new Date(Date.now() + 28 * 86_400_000)), status: "verified", replyLanguage: "ar" })
      .returning({ id: dataSubjectRequests.id });
    requestId = request!.id;
  }, 60_000);
  afterAll(async () => handle?.close());

  it("lists exactly the recipients of the disclosure log, with date, categories and basis", async () => {
    const { report } = await accessReportFor({ db, actor: dpo, requestId, locale: "fi" });
    expect(report.recipients.map((recipient) => recipient.disclosureId).sort()).toEqual([...disclosureIds].sort());
    expect(report.recipients.map((recipient) => recipient.recipient.code).sort()).toEqual(["ely", "te_office"]);
    const te = report.recipients.find((recipient) => recipient.recipient.code === "te_office")!;
    expect(te.categories).toEqual(["identity", "contact", "skills"]);
    expect(te.basis.every((entry) => entry.kind === "consent")).toBe(true);
    expect(report.consents.filter((consent) => consent.kind === "disclosure").map((consent) => consent.evidence.paperReference)).toEqual(expect.arrayContaining(["PAPER-ely", "PAPER-te_office"]));
  });

  it("lists exactly the consultations in the audit trail, by date and purpose, without naming staff", async () => {
    const { report, json } = await accessReportFor({ db, actor: dpo, requestId, locale: "fi" });
    const trail = await db
      .select({ occurredAt: auditEvents.occurredAt, action: auditEvents.action })
      .from(auditEvents)
      .where(or(eq(auditEvents.clientId, clientId), and(sql`${auditEvents.details} ? 'clientIds'`, sql`(${auditEvents.details} -> 'clientIds') @> ${JSON.stringify([clientId])}::jsonb`)))
      .orderBy(asc(auditEvents.seq));
    expect(report.consultations.map(({ at, purpose }) => ({ at, purpose }))).toEqual(trail.map((event) => ({ at: event.occurredAt.toISOString(), purpose: consultationPurposeOf(event.action) })));
    expect(report.consultations.filter((consultation) => consultation.purpose === "case_view").length).toBeGreaterThanOrEqual(3);
    expect(report.consultations.some((consultation) => consultation.purpose === "identity_code")).toBe(true);
    expect(report.consultations.some((consultation) => consultation.statedReason === "Sijaisena asiakkaan asiassa")).toBe(true);
    // No one who looked is named or identified; an appointment's own staff reference is appointment data (DESIGN.md).
    const consultations = JSON.stringify(report.consultations);
    for (const staff of Object.values(team)) {
      expect(json).not.toContain(staff.displayName);
      expect(json).not.toContain(staff.email);
      expect(consultations).not.toContain(staff.id);
    }
  });

  it.each([
    ["fi", ["Kotolanmaan ELY-keskus", "Kotolanmaan TE-toimisto"], "Tietosuojavaltuutetun toimisto"],
    ["ar", ["مركز التنمية الاقتصادية والنقل والبيئة في Kotolanmaa (مركز ELY)", "مكتب العمل والتنمية الاقتصادية في Kotolanmaa (مكتب TE)"], "مكتب أمين حماية البيانات"],
  ] as const)("the %s PDF's text holds the client's name, every recipient and the Ombudsman's address", async (locale, recipients, ombudsman) => {
    const { pdf } = await accessReportFor({ db, actor: dpo, requestId, locale });
    const text = await pdfText(pdf);
    const words = wordsOf(text);
    expect(text).toContain(name);
    for (const recipient of recipients) for (const word of wordsOf(recipient)) expect(words, `${recipient}: ${word}`).toContain(word);
    for (const word of wordsOf(ombudsman)) expect(words, word).toContain(word);
    expect(text).toContain("PL 800");
    expect(text).toContain("00531 Helsinki");
  });

  it("releasing stores the PDF and the JSON encrypted with their SHA-256, audited, in the requested language", async () => {
    const released = await releaseAccessReport({ db, actor: dpo, requestId });
    const [row] = await db.select().from(rightsDocuments).where(eq(rightsDocuments.id, released.id));
    expect(row).toMatchObject({ kind: "access_report", requestId, clientId, locale: "ar", jsonSha256: released.jsonSha256, pdfSha256: released.pdfSha256 });
    expect(row!.jsonEncrypted).not.toContain(name);
    const listed = await releasedDocuments({ db, actor: dpo, requestId });
    expect(listed.map((document) => document.id)).toContain(released.id);
    const pdf = await readRightsDocument({ db, actor: dpo, requestId, documentId: released.id, format: "pdf" });
    const json = await readRightsDocument({ db, actor: dpo, requestId, documentId: released.id, format: "json" });
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(pdf.body).digest("hex")).toBe(released.pdfSha256);
    expect(createHash("sha256").update(json.body).digest("hex")).toBe(released.jsonSha256);
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.actorId, dpo.userId)));
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(["rights_document.released", "rights_document.downloaded"]));
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(name);
  });

  it("only the data protection officer builds a report", async () => {
    await expect(accessReportFor({ db, actor: own, requestId })).rejects.toMatchObject({ domain: "rights_document", code: "not_allowed" });
  });
});
