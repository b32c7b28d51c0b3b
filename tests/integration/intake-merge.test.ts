import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/db/audit-verify";
import { Refusal } from "@/lib/refusal";
import { recordAccessReason } from "@/db/client-access";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { disclosureOptions } from "@/db/disclosures";
import { createRng, insertClientWithCase } from "@/demo/factories";
import { actorOf, createStaffTeam } from "@/demo/factories/staff";
import { mergeOffer, mergeSubmission, type MergeInput } from "@/db/intake-merge";
import { auditEvents, clients, consents, familyMembers, intakeSubmissions } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";
import type { RegisterSettings } from "@/lib/register-settings";
import { toSearchName } from "@/lib/search-name";
import { createTestDatabase, testBackend } from "../helpers/database";
import { rawIntakeAnswers, submitCompleteIntake, type RawIntakeAnswers } from "../helpers/intake";

/**
 * Security review (issue 9), deliverables 1 and 2: merging a public submission into a client is a
 * write to that client's case, and it applies only what staff confirmed after an identity check.
 * Someone who knows a person's identity code can send the form with their own contact details.
 */

function tag(): string {
  return [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

describe(`merging an intake submission on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  let me: StaffActor;
  let colleague: StaffActor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    settings = await getRegisterSettings({ db });
    const team = await createStaffTeam(db, { me: { role: "caseworker", displayName: "Ohjaaja A" }, colleague: { role: "caseworker", displayName: "Ohjaaja B" } });
    me = actorOf(team.me, { sessionId: "session-me", requestId: "merge-request" });
    colleague = actorOf(team.colleague, { sessionId: "session-b", requestId: null });
  });
  afterAll(async () => handle?.close());

  /** A registered client and a submission claiming to be them: same identity code, another phone, email and address. */
  async function claimant(i: number, client: { assignedCaseworkerId?: string | null; status?: "active" | "closed" | "erasure_pending"; restricted?: boolean } = {}) {
    const t = tag();
    const raw: RawIntakeAnswers = rawIntakeAnswers(i);
    const firstNames = `Amina${t}`;
    const lastName = `Hassan${t}`;
    const dateOfBirth = raw.about.dateOfBirth as string;
    const code = formatPersonalIdentityCode({ dateOfBirth, individualNumber: 900 + (i % 100) });
    raw.about = { ...raw.about, firstNames, lastName, personalIdentityCode: code };
    raw.contact = { ...raw.contact, phone: "040 999 0000", email: `attacker.${t}@example.org`, streetAddress: "Muukatu 9" };
    const inserted = await insertClientWithCase(db, createRng(i), {
      stage: "new",
      basis: "consent_electronic",
      identityCode: code,
      assignedCaseworkerId: client.assignedCaseworkerId ?? null,
      overrides: {
        firstNames,
        lastName,
        searchName: toSearchName(firstNames, lastName),
        dateOfBirth,
        phone: "+358401110000",
        email: `real.${t}@example.invalid`,
        streetAddress: "Kotikatu 1",
        status: client.status ?? "active",
        restrictedAt: client.restricted ? new Date() : null,
        closedAt: client.status === "closed" ? new Date() : null,
      },
    });
    const { submissionId } = await submitCompleteIntake({ db, settings, raw });
    return { clientId: inserted.client.id, submissionId, code, t };
  }

  const merge = (actor: StaffActor, input: Partial<MergeInput> & Pick<MergeInput, "submissionId" | "clientId">) =>
    mergeSubmission({ db, actor, input: { apply: [], identityCheck: "identity_document", submitter: "client", ...input } });

  async function snapshot(clientId: string, submissionId: string) {
    return {
      client: (await db.select().from(clients).where(eq(clients.id, clientId)))[0],
      consents: await db.select().from(consents).where(eq(consents.clientId, clientId)),
      submission: (await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId)))[0],
      merged: await db.select().from(auditEvents).where(and(eq(auditEvents.action, "intake.merged"), eq(auditEvents.clientId, clientId))),
    };
  }

  async function refusal(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error("the merge went through");
      },
      (error: unknown) => error,
    );
  }

  it("into another caseworker's client without a stated reason is refused and changes nothing", async () => {
    const { clientId, submissionId } = await claimant(1, { assignedCaseworkerId: colleague.userId });
    const before = await snapshot(clientId, submissionId);
    const error = await refusal(merge(me, { submissionId, clientId, apply: ["field:phone", "field:email"] }));
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe("needs_reason");
    expect(await snapshot(clientId, submissionId)).toEqual(before);
    expect(before.submission!.status).toBe("pending");
    // The merge page does not show the client either.
    expect(await mergeOffer({ db, actor: me, submissionId, clientId })).toEqual({ kind: "needs_reason" });
  });

  it.each([
    ["restricted", { restricted: true }],
    ["closed", { status: "closed" as const }],
    ["erasure_pending", { status: "erasure_pending" as const }],
  ])("into a %s client is refused and changes nothing", async (state, client) => {
    const { clientId, submissionId } = await claimant(2 + ["restricted", "closed", "erasure_pending"].indexOf(state), client);
    const before = await snapshot(clientId, submissionId);
    const error = await refusal(merge(me, { submissionId, clientId, apply: ["field:phone"], submitter: "client" }));
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).code).toBe(state);
    expect(await snapshot(clientId, submissionId)).toEqual(before);
    // Above all: no consent from the public form lands on a client marked for erasure or restricted.
    expect(before.consents.some((c) => c.submissionId === submissionId)).toBe(false);
    expect(await mergeOffer({ db, actor: me, submissionId, clientId })).toEqual({ kind: "read_only", reason: state });
  });

  it("with a stated reason goes through, and the audit event carries the reason and the request id", async () => {
    const { clientId, submissionId } = await claimant(5, { assignedCaseworkerId: colleague.userId });
    await recordAccessReason({ db, actor: me, clientId, reason: "Sijaistan kollegaa lomalla" });
    const result = await merge(me, { submissionId, clientId, apply: ["field:phone"] });
    expect(result.updatedFields).toEqual(["phone"]);
    const after = await snapshot(clientId, submissionId);
    expect(after.merged).toHaveLength(1);
    expect(after.merged[0]).toMatchObject({ actorId: me.userId, reason: "Sijaistan kollegaa lomalla", requestId: "merge-request" });
    expect(after.submission!.status).toBe("accepted");
  });

  it("applies only the confirmed fields: an unconfirmed phone, email or address stays as the register holds it", async () => {
    const { clientId, submissionId, t } = await claimant(6);
    const offer = await mergeOffer({ db, actor: me, submissionId, clientId });
    if (offer.kind !== "offer") throw new Error(offer.kind);
    // Everything differing is offered, nothing is applied by itself.
    expect(offer.proposal.fields.map((p) => p.field)).toEqual(expect.arrayContaining(["phone", "email", "streetAddress"]));

    const result = await merge(me, { submissionId, clientId, apply: ["field:phone"], submitter: "not_confirmed" });
    expect(result).toMatchObject({ updatedFields: ["phone"], filledFields: [] });
    expect(result.declined).toBeGreaterThan(0);
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(client).toMatchObject({ phone: "+358409990000", email: `real.${t}@example.invalid`, streetAddress: "Kotikatu 1" });
    const [event] = (await snapshot(clientId, submissionId)).merged;
    expect(event!.details).toMatchObject({ updatedFields: ["phone"], identityCheck: "identity_document", submitter: "not_confirmed", consentsMoved: 0 });
    expect(JSON.stringify(event!.details)).not.toContain("attacker");
  });

  it("without an identity check applies nothing, even what was ticked", async () => {
    const { clientId, submissionId, t } = await claimant(7);
    const result = await merge(me, { submissionId, clientId, apply: ["field:phone", "field:email"], identityCheck: "none", submitter: "client" });
    expect(result).toMatchObject({ updatedFields: [], filledFields: [], consentsMoved: 0 });
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(client).toMatchObject({ phone: "+358401110000", email: `real.${t}@example.invalid` });
  });

  it("does not attach the submission's consents unless staff confirm who submitted it, so the gate cannot use them", async () => {
    const { clientId, submissionId } = await claimant(8);
    const ofSubmission = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
    expect(ofSubmission.some((c) => c.kind === "disclosure" && c.granted)).toBe(true);

    await merge(me, { submissionId, clientId, submitter: "not_confirmed" });
    const after = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
    expect(after.every((c) => c.clientId === null)).toBe(true);
    // The disclosure tool reads the client's consents: no decision cites one from the form.
    const options = await disclosureOptions({ db, actor: me, clientId, agencyCode: "ely" });
    if (!("decisions" in options) || !options.decisions) throw new Error("the tool refused the client");
    const cited = options.decisions.flatMap((d) => (d.allowed && d.basis.kind === "consent" ? [d.basis.consentId] : []));
    for (const consent of ofSubmission) expect(cited).not.toContain(consent.id);
  });

  it("attaches the consents when staff confirm the client (or their guardian) submitted it", async () => {
    for (const [i, submitter] of [[9, "client"], [10, "guardian"]] as const) {
      const { clientId, submissionId } = await claimant(i);
      const result = await merge(me, { submissionId, clientId, submitter });
      const after = await db.select().from(consents).where(eq(consents.submissionId, submissionId));
      expect(after.length).toBeGreaterThan(0);
      expect(result.consentsMoved).toBe(after.length);
      expect(after.every((c) => c.clientId === clientId)).toBe(true);
    }
  });

  it("flags a name that does not match the client", async () => {
    const { clientId, submissionId } = await claimant(11);
    await db.update(intakeSubmissions).set({ answers: { ...(await formAnswers(submissionId)), about: { ...(await formAnswers(submissionId)).about, firstNames: "Toinen" } } }).where(eq(intakeSubmissions.id, submissionId));
    const offer = await mergeOffer({ db, actor: me, submissionId, clientId });
    if (offer.kind !== "offer") throw new Error(offer.kind);
    expect(offer.proposal.nameMatches).toBe(false);
    const result = await merge(me, { submissionId, clientId });
    expect(result.nameMatches).toBe(false);
    const [event] = (await snapshot(clientId, submissionId)).merged;
    expect(event!.details).toMatchObject({ nameMatches: false });
  });

  it("links a family member to another client only when staff confirm it, and audits the ids linked", async () => {
    const t = tag();
    const spouse = await insertClientWithCase(db, createRng(12), {
      stage: "new",
      identityCode: null,
      overrides: { firstNames: `Yusuf${t}`, lastName: `Hassan${t}`, searchName: toSearchName(`Yusuf${t}`, `Hassan${t}`), dateOfBirth: "1988-03-02" },
    });
    const memberRaw = { fullName: `Yusuf${t} Hassan${t}`, relation: "spouse", dateOfBirth: "1988-03-02", livesInFinland: "yes" };

    // Not confirmed: the row may be added, but it points at no one.
    const first = await claimant(13);
    await setMembers(first.submissionId, [memberRaw]);
    const offered = await mergeOffer({ db, actor: me, submissionId: first.submissionId, clientId: first.clientId });
    if (offered.kind !== "offer") throw new Error(offered.kind);
    expect(offered.proposal.familyLinks).toEqual([{ key: "link:0", memberIndex: 0, relatedClientId: spouse.client.id }]);
    const unlinked = await merge(me, { submissionId: first.submissionId, clientId: first.clientId, apply: ["row:family:0"] });
    expect(unlinked.familyLinks).toEqual([]);
    expect(await db.select().from(familyMembers).where(and(eq(familyMembers.clientId, first.clientId), eq(familyMembers.relatedClientId, spouse.client.id)))).toEqual([]);

    // Confirmed: linked, and the audit names the ids.
    const second = await claimant(14);
    await setMembers(second.submissionId, [memberRaw]);
    const linked = await merge(me, { submissionId: second.submissionId, clientId: second.clientId, apply: ["row:family:0", "link:0"] });
    expect(linked.familyLinks).toEqual([{ memberIndex: 0, relatedClientId: spouse.client.id }]);
    const rows = await db.select().from(familyMembers).where(eq(familyMembers.clientId, second.clientId));
    expect(rows.filter((row) => row.relatedClientId === spouse.client.id)).toHaveLength(1);
    const [event] = (await snapshot(second.clientId, second.submissionId)).merged;
    expect(event!.details).toMatchObject({ familyLinks: [{ memberIndex: 0, relatedClientId: spouse.client.id }] });
    expect(await db.select().from(familyMembers).where(and(eq(familyMembers.clientId, second.clientId), isNull(familyMembers.relatedClientId)))).not.toContainEqual(
      expect.objectContaining({ fullName: memberRaw.fullName }),
    );
    expect((await verifyAuditChain({ db })).ok).toBe(true);
  });

  async function formAnswers(submissionId: string) {
    const [row] = await db.select({ answers: intakeSubmissions.answers }).from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    return row!.answers as { about: Record<string, unknown>; family: Record<string, unknown> } & Record<string, unknown>;
  }

  async function setMembers(submissionId: string, members: Record<string, string>[]) {
    const answers = await formAnswers(submissionId);
    await db.update(intakeSubmissions).set({ answers: { ...answers, family: { ...answers.family, members } } }).where(eq(intakeSubmissions.id, submissionId));
  }
});
