import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccessReason } from "@/db/client-access";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { recordWrittenConsent } from "@/db/consents";
import { disclosedDocument, revealDocumentIdentityCode } from "@/db/disclosed-documents";
import { previewDisclosure, recordDisclosure, type DisclosureDocument } from "@/db/disclosures";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam } from "@/demo/factories/staff";
import { auditEvents, consents, functionalCapacityEntries } from "@/db/schema";
import { saveRegisterSettings } from "@/db/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { demoSettings } from "@/demo/settings";
import { helsinkiDate } from "@/lib/helsinki-time";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { createTestDatabase, testBackend } from "../helpers/database";

/**
 * Security review (issue 9), deliverable 3: a stored disclosure document obeys the case's read rules.
 * A caseworker who may not read a client's functional capacity (another caseworker's client) gets
 * neither it nor the unmasked identity code from the document page, and the exact file is refused
 * them; the reads that do happen are audited, naming the disclosure.
 */

const FUNCTIONAL_CAPACITY = `Työkyky rajoittunut selkävaivan vuoksi ${randomUUID().slice(0, 8)}`;

describe(`stored disclosure documents on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let own: StaffActor;
  let other: StaffActor;
  let clientId: string;
  let code: string;
  let disclosureId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await saveRegisterSettings({ db, settings: demoSettings, actor: null });
    const team = await createStaffTeam(db, { own: { role: "caseworker", displayName: "Oma ohjaaja" }, other: { role: "caseworker", displayName: "Toinen ohjaaja" } });
    own = actorOf(team.own, { sessionId: "s-own", requestId: "r-own" });
    other = actorOf(team.other, { sessionId: "s-other", requestId: "r-other" });

    // The client's own caseworker, who may read functional capacity, discloses it with the identity to ELY.
    const inserted = await insertClientWithCase(db, createRng(71), {
      assignedCaseworkerId: own.userId,
      basis: "consent_electronic",
      stage: "planned",
      now: new Date(),
      context: await loadCaseContext(db),
    });
    clientId = inserted.client.id;
    code = inserted.identityCode!;
    expect(code).toBeTruthy();
    await db.delete(consents).where(and(eq(consents.clientId, clientId), eq(consents.kind, "disclosure")));
    await db.insert(functionalCapacityEntries).values({ clientId, assessedOn: helsinkiDate(), content: FUNCTIONAL_CAPACITY, recordedBy: own.userId });
    await recordWrittenConsent({
      db,
      actor: own,
      input: writtenConsentSchema.parse({
        clientId,
        givenOn: helsinkiDate(),
        paperReference: "PAPER-FC-1",
        kind: "disclosure",
        agencyCode: "ely",
        categories: ["identity", "functionalCapacity"],
        purpose: "Työllistymistä edistävät palvelut",
        validUntil: helsinkiDate(new Date(Date.now() + 300 * 86_400_000)),
      }),
    });
    const outcome = await recordDisclosure({
      db,
      actor: own,
      input: disclosureFormSchema.parse({ clientId, agencyCode: "ely", categories: ["identity", "functionalCapacity"], purpose: "Palvelutarpeen arviointi", method: "secure_email" }),
    });
    if (outcome.kind !== "recorded") throw new Error(`refused: ${JSON.stringify(outcome)}`);
    disclosureId = outcome.disclosureId;
    // The other caseworker has a stated reason to open the client: the case is open to them, functional capacity is not.
    await recordAccessReason({ db, actor: other, clientId, reason: "Sijaisena asiakkaan asiassa" });
  });
  afterAll(async () => handle?.close());

  async function eventsOf(actor: StaffActor) {
    const rows = await db.select().from(auditEvents).where(and(eq(auditEvents.clientId, clientId), eq(auditEvents.actorId, actor.userId)));
    return rows.filter((row) => (row.details as { disclosureId?: string }).disclosureId === disclosureId);
  }

  it("the page shows a reader who may not read functional capacity neither it nor the identity code, and audits only the look", async () => {
    const stored = await disclosedDocument({ db, actor: other, clientId, disclosureId, read: "page" });
    if (stored.kind !== "document") throw new Error(stored.kind);
    const shown = JSON.stringify(stored.seen.document);
    expect(stored.seen.withheld).toEqual(["functionalCapacity"]);
    expect(shown).not.toContain(FUNCTIONAL_CAPACITY);
    expect(shown).not.toContain(code);
    expect(shown).toContain(maskPersonalIdentityCode(code));
    const actions = (await eventsOf(other)).map((event) => event.action);
    expect(actions).toEqual(["disclosure.document_viewed"]);
  });

  it("the exact file is refused to that reader, and the refusal is audited", async () => {
    const stored = await disclosedDocument({ db, actor: other, clientId, disclosureId, read: "download" });
    expect(stored).toEqual({ kind: "withheld", withheld: ["functionalCapacity"] });
    expect(JSON.stringify(stored)).not.toContain(code);
    const actions = (await eventsOf(other)).map((event) => event.action);
    expect(actions).toContain("disclosure.document_withheld");
    expect(actions).not.toContain("client.functional_capacity_viewed");
    expect(actions).not.toContain("client.identity_code_revealed");
    // The withheld look carries the reason the caseworker stated for the client.
    const [withheld] = (await eventsOf(other)).filter((event) => event.action === "disclosure.document_withheld");
    expect(withheld).toMatchObject({ reason: "Sijaisena asiakkaan asiassa", requestId: "r-other" });
  });

  it("the client's own caseworker reads functional capacity on the page (audited) with the code masked, and reveals it on request (audited)", async () => {
    const stored = await disclosedDocument({ db, actor: own, clientId, disclosureId, read: "page" });
    if (stored.kind !== "document") throw new Error(stored.kind);
    expect(stored.seen.withheld).toEqual([]);
    expect(JSON.stringify(stored.seen.document)).toContain(FUNCTIONAL_CAPACITY);
    expect(JSON.stringify(stored.seen.document)).not.toContain(code);
    let actions = (await eventsOf(own)).map((event) => event.action);
    expect(actions).toContain("client.functional_capacity_viewed");
    expect(actions).not.toContain("client.identity_code_revealed");

    expect(await revealDocumentIdentityCode({ db, actor: own, clientId, disclosureId })).toBe(code);
    actions = (await eventsOf(own)).map((event) => event.action);
    expect(actions).toContain("client.identity_code_revealed");
  });

  it("the exact file, served to a reader who may read all of it, is byte for byte the disclosed one and audited as a reveal", async () => {
    const before = (await eventsOf(own)).length;
    const stored = await disclosedDocument({ db, actor: own, clientId, disclosureId, read: "download" });
    if (stored.kind !== "document") throw new Error(stored.kind);
    const document = JSON.parse(stored.json) as DisclosureDocument;
    expect(stored.json).toContain(code);
    expect(document.categories).toEqual(["identity", "functionalCapacity"]);
    const added = (await eventsOf(own)).slice(before).map((event) => event.action).sort();
    expect(added).toEqual(["client.functional_capacity_viewed", "client.identity_code_revealed", "disclosure.document_viewed"]);
    for (const event of await eventsOf(own)) expect(JSON.stringify(event.details)).not.toContain(code);
  });

  it("the preview masks the identity code as the case does", async () => {
    const preview = await previewDisclosure({
      db,
      actor: own,
      input: disclosureFormSchema.parse({ clientId, agencyCode: "ely", categories: ["identity"], purpose: "Tarkistus", method: "secure_email" }),
    });
    if (preview.kind !== "preview") throw new Error(preview.kind);
    expect(JSON.stringify(preview.document)).not.toContain(code);
    expect(JSON.stringify(preview.document)).toContain(maskPersonalIdentityCode(code));
  });

  it("no event anywhere holds the code or the functional-capacity text", async () => {
    const events = await db.select().from(auditEvents).where(inArray(auditEvents.actorId, [own.userId, other.userId]));
    const text = JSON.stringify(events);
    expect(text).not.toContain(code);
    expect(text).not.toContain(FUNCTIONAL_CAPACITY);
  });
});
