import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { readRightsDocument } from "@/db/rights-documents";
import { auditEvents, dataSubjectRequests } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam } from "@/demo/factories/staff";
import { demoStatutorySettings } from "@/demo/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { helsinkiDate } from "@/lib/helsinki-time";
import { parseRegisterSettings } from "@/lib/register-settings";
import type { RefusalCertificate } from "@/lib/rights/refusal-certificate";
import { issueRefusalCertificate } from "@/server/pdf/rights-documents";
import { createTestDatabase, testBackend } from "../helpers/database";
import { pdfText, wordsOf } from "./pdf-text";

/**
 * Issue 11, acceptance (integration): a refusal certificate holds the reasons and the Data
 * Protection Ombudsman's address from the settings. Under the legal-obligation basis the grounds
 * include the statutory duty; the certificate is a PDF and a JSON, stored and audited like the report.
 */

const settings = parseRegisterSettings(demoStatutorySettings);

describe(`the refusal certificate on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let dpo: StaffActor;
  let clientId: string;

  async function request(values: Partial<typeof dataSubjectRequests.$inferInsert> = {}) {
    const [row] = await db
      .insert(dataSubjectRequests)
      .values({ clientId, kind: "erasure", channel: "signed_document", identityVerification: "verified_signature", requester: "client", receivedOn: helsinkiDate(), dueOn: helsinkiDate(), status: "verified", replyLanguage: "fi", ...values })
      .returning({ id: dataSubjectRequests.id });
    return row!.id;
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await saveRegisterSettings({ db, settings: demoStatutorySettings, actor: null });
    const team = await createStaffTeam(db, { dpo: "dpo", caseworker: "caseworker" });
    dpo = actorOf(team.dpo);
    clientId = (await insertClientWithCase(db, createRng(1201), { basis: "legal_obligation", stage: "planned", now: new Date(), context: await loadCaseContext(db) })).client.id;
  }, 60_000);
  afterAll(async () => handle?.close());

  it("under the legal-obligation basis the settings' grounds include the statutory duty", () => {
    expect(settings.refusalGrounds.filter((ground) => ground.statutoryDuty).map((ground) => ground.code)).toEqual(["statutory_duty", "integration_documents_kept"]);
  });

  it.each(["fi", "ar"] as const)("holds the reasons with their provisions and the Ombudsman's address from the settings (%s)", async (locale) => {
    const requestId = await request({ decision: "refused", replyLanguage: locale });
    const issued = await issueRefusalCertificate({
      db,
      actor: dpo,
      input: { requestId, scope: "whole", grounds: ["integration_documents_kept", "statutory_duty"], refusedWhat: "Asiakastietojen poistaminen", justification: "Kotoutumissuunnitelma on säilytettävä pysyvästi." },
    });
    const json = (await readRightsDocument({ db, actor: dpo, requestId, documentId: issued.id, format: "json" })).body.toString("utf8");
    const certificate = JSON.parse(json) as RefusalCertificate;
    const ground = settings.refusalGrounds.find((candidate) => candidate.code === "integration_documents_kept")!;
    expect(certificate.grounds.map((entry) => entry.code)).toEqual(["integration_documents_kept", "statutory_duty"]);
    expect(certificate.grounds[0]).toMatchObject({ provision: ground.provision[locale], text: ground.text[locale], statutoryDuty: true });
    expect(certificate.ombudsman.addressLines).toEqual(settings.ombudsman.addressLines);
    expect(certificate).toMatchObject({ scope: "whole", refusedWhat: "Asiakastietojen poistaminen", locale, request: { kind: "erasure" } });

    const text = await pdfText(issued.pdf);
    const words = wordsOf(text);
    for (const word of wordsOf(ground.text[locale]!)) expect(words, word).toContain(word);
    for (const word of wordsOf(ground.provision[locale]!)) expect(words, word).toContain(word);
    expect(text).toContain("PL 800");
    expect(text).toContain("00531 Helsinki");
    for (const word of wordsOf(settings.ombudsman.name[locale] ?? settings.ombudsman.name.fi)) expect(words, word).toContain(word);

    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "rights_document.released"), eq(auditEvents.clientId, clientId)));
    expect(events.some((event) => (event.details as { documentId?: string }).documentId === issued.id)).toBe(true);
  });

  it("refuses a ground the settings do not hold, and a request that was accepted", async () => {
    const requestId = await request({ decision: "refused" });
    await expect(
      issueRefusalCertificate({ db, actor: dpo, input: { requestId, scope: "partial", grounds: ["made_up"], refusedWhat: "x", justification: "y" } }),
    ).rejects.toMatchObject({ domain: "rights_document", code: "unknown_ground" });
    const accepted = await request({ decision: "accepted", status: "decided" });
    await expect(
      issueRefusalCertificate({ db, actor: dpo, input: { requestId: accepted, scope: "whole", grounds: ["statutory_duty"], refusedWhat: "x", justification: "y" } }),
    ).rejects.toMatchObject({ domain: "rights_document", code: "not_allowed" });
  });
});
