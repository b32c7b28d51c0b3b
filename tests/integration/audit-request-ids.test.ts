import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useDatabase } from "@/db";
import { bookAppointment, recordIntegrationPlan } from "@/db/case-work";
import { recordSkill } from "@/db/client-records";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { recordWrittenConsent } from "@/db/consents";
import { recordDisclosure } from "@/db/disclosures";
import { updateIdentityContact } from "@/db/client-details";
import { applyRestriction, recordLiftNotice } from "@/db/restrictions";
import { renderRightsLetter } from "@/server/rights-letters";
import { createRng, insertClientWithCase, type NewClient } from "@/demo/factories";
import { rawIntakeAnswers } from "@/demo/factories/intake-answers";
import { actorOf, createStaff, createStaffTeam, type FactoryStaff } from "@/demo/factories/staff";
import { createStaffAccount } from "@/db/role-grants";
import { auditEvents, clients, consents, dataSubjectRequests } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import { decideRequest, logRequest, verifyRequestIdentity } from "@/db/requests";
import { changeOwnPassword, createStaffSession } from "@/db/staff";
import type { AuditAction } from "@/lib/audit-actions";
import { actionRequirements } from "@/lib/auth/entry-points";
import { roleHasPermission } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/auth/roles";
import { helsinkiDate, utcToHelsinkiLocal } from "@/lib/helsinki-time";
import { refusalCodes, type RefusalDomain } from "@/lib/refusal";
import type { RegisterSettings } from "@/lib/register-settings";
import { bookAppointmentSchema, integrationPlanSchema } from "@/lib/validations/case-work";
import { identityContactSchema, skillSchema } from "@/lib/validations/client-details";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { latestExtendedDueOn } from "@/lib/rights/deadlines";
import { decideRequestSchema, logRequestSchema, verifyRequestIdentitySchema } from "@/lib/validations/requests";
import { createTestDatabase, testBackend } from "../helpers/database";
import { submitCompleteIntake } from "../helpers/intake";
import { callEntryPoint, request, type EntryPointAction } from "../helpers/server-action";

vi.mock("@/auth", async () => (await import("../helpers/server-action")).authModule);
vi.mock("next/headers", async () => (await import("../helpers/server-action")).headersModule);
vi.mock("next/cache", async () => (await import("../helpers/server-action")).cacheModule);

/**
 * Issue 10's acceptance line: every audit event a staff action writes carries the request id of the
 * request that caused it (CONVENTIONS.md habit 2: every write takes the staff actor). Every protected
 * action of the authorization matrix is called once, as a role the matrix allows, with a valid input
 * built from the factories, through a real session whose request carries a known id; every event the
 * call appended must carry that id and that staff member, and a write must have appended at least
 * one, so the test cannot pass by writing nothing. An action that writes no event is listed below
 * with the reason. Then one refused write per refusal domain: its "write.refused" carries the id too.
 */

const DAY = 24 * 60 * 60 * 1000;
const dateIn = (days: number) => helsinkiDate(new Date(Date.now() + days * DAY));
const localIn = (ms: number) => utcToHelsinkiLocal(new Date(Date.now() + ms));
const tag = () => randomBytes(5).toString("hex");

type Fields = Record<string, string | readonly string[] | undefined>;
type Who = "caseworker" | "otherCaseworker" | "coordinator" | "dpo" | "admin" | "reporting";

/** How one action is called: who calls it and with what form, built fresh for the call. */
type Call = { as: Who; fields: () => Promise<Fields> };
/** An action that writes: the events it appends, in order. */
type Writes = Call & { events: [AuditAction, ...AuditAction[]] };
/** An action the table expects no audit event from, and why. */
type WritesNoEvent = Call & { writesNoEvent: string };
type Entry = Writes | WritesNoEvent;

describe(`every audit event a staff action writes carries its request id, on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  let staff: Record<Who, FactoryStaff>;
  const rng = createRng(10_2026);
  let submissions = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    useDatabase(handle);
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    settings = await getRegisterSettings({ db });
    staff = await createStaffTeam(db, {
      caseworker: "caseworker",
      otherCaseworker: "caseworker",
      coordinator: "coordinator",
      dpo: "dpo",
      admin: "admin",
      reporting: "reporting",
    });
  });
  afterAll(async () => handle?.close());

  // ---------------------------------------------------------------------------------------------
  // Fixtures, made through the factories and the data layer as a different request ("fixture")

  const fixture = (who: Who) => actorOf(staff[who], { requestId: "fixture" });

  /** A client of the caseworker's, with an identity code of its own, unless told otherwise. */
  async function clientOf(assignedTo: Who | null = "caseworker", overrides: Partial<NewClient> = {}) {
    const inserted = await insertClientWithCase(db, rng, {
      stage: "new",
      basis: "consent_electronic",
      assignedCaseworkerId: assignedTo ? staff[assignedTo].id : null,
      now: new Date(),
      overrides: { status: "active", restrictedAt: null, ...overrides },
    });
    return inserted.client;
  }

  async function appointmentOf(clientId: string): Promise<string> {
    const input = bookAppointmentSchema.parse({ clientId, startsAt: localIn(3 * DAY), durationMinutes: "30", channel: "phone" });
    return (await bookAppointment({ db, actor: fixture("caseworker"), input })).id;
  }

  async function planOf(clientId: string): Promise<string> {
    const input = integrationPlanSchema.parse({ clientId, planDate: dateIn(0), goals: "Suomen kieli A2", "measures.0.description": "Kotoutumiskoulutus", authors: "Ohjaaja", reviewDueOn: dateIn(90) });
    return (await recordIntegrationPlan({ db, actor: fixture("caseworker"), input })).id;
  }

  /** A written consent to disclose identity and the service plan to ELY, valid from today. */
  async function elyConsentOf(clientId: string): Promise<void> {
    const input = writtenConsentSchema.parse({
      clientId,
      kind: "disclosure",
      agencyCode: "ely",
      categories: ["identity", "servicePlan"],
      purpose: "Kotoutumispalvelut",
      givenOn: dateIn(0),
      validUntil: dateIn(300),
      paperReference: `SUOST-${tag()}`,
    });
    await recordWrittenConsent({ db, actor: fixture("caseworker"), input });
  }

  const disclosureFields = (clientId: string): Fields => ({
    clientId,
    agencyCode: "ely",
    categories: ["identity", "servicePlan"],
    purpose: "Kotoutumissuunnitelman seuranta",
    method: "secure_email",
    requestReference: `ELY/${tag()}`,
  });

  async function pendingSubmission(): Promise<string> {
    submissions += 1;
    const raw = rawIntakeAnswers(300 + submissions);
    raw.about = { ...raw.about, lastName: `Hassan${tag()}` };
    return (await submitCompleteIntake({ db, settings, raw })).submissionId;
  }

  /** An account whose caseworker role waits for a second person, its own password already set. */
  async function pendingGrant(): Promise<string> {
    const password = `initial-${tag()}-password`;
    const created = await createStaffAccount({ db, email: `granted.${tag()}@staff.kotona.test`, displayName: "Odottava", role: "caseworker", password, actor: fixture("admin") });
    const session = await createStaffSession({ db, userId: created.user.id, ipAddress: null, userAgent: null });
    await changeOwnPassword({ db, staffId: created.user.id, sessionId: session, currentPassword: password, newPassword: `own-${tag()}-password`, requestId: "fixture" });
    return created.grantId;
  }

  /** The identity and contact form of `client` as the case page fills it, with the last name changed. */
  function identityContactFields(client: typeof clients.$inferSelect): Fields {
    return {
      clientId: client.id,
      firstNames: client.firstNames,
      lastName: `Uusi${tag()}`,
      dateOfBirth: client.dateOfBirth ?? "",
      personalIdentityCode: "",
      gender: client.gender ?? "",
      phone: client.phone ?? "",
      email: client.email ?? "",
      streetAddress: client.streetAddress ?? "",
      postalCode: client.postalCode ?? "",
      postOffice: client.postOffice ?? "",
      homeMunicipality: client.homeMunicipality ?? "",
      preferredLanguage: client.preferredLanguage ?? "",
      interpreterNeeded: client.interpreterNeeded ? "yes" : "no",
      interpreterLanguage: client.interpreterLanguage ?? "",
      citizenship: client.citizenships[0] ?? "",
      otherCitizenship: client.citizenships[1] ?? "",
    };
  }

  /** A data subject's request about a client of the caseworker's, logged today by the officer and taken as far as `stage`. */
  async function requestOf(kind: "access" | "erasure" | "restriction" | "rectification", stage: "received" | "verified" | "decided" = "received"): Promise<{ id: string; receivedOn: string; dueOn: string }> {
    const clientId = (await clientOf()).id;
    const receivedOn = dateIn(0);
    const input = logRequestSchema.parse({ clientId, kind, channel: "signed_document", receivedOn, requester: "client", replyLanguage: "fi" });
    const { id } = await logRequest({ db, actor: fixture("dpo"), input });
    if (stage !== "received") await verifyRequestIdentity({ db, actor: fixture("dpo"), input: verifyRequestIdentitySchema.parse({ requestId: id, identityVerification: "verified_signature" }) });
    if (stage === "decided") {
      await decideRequest({ db, actor: fixture("dpo"), input: decideRequestSchema.parse({ requestId: id, kind, decision: "accepted", decidedOn: receivedOn, decisionReasons: "Pyyntö on perusteltu." }) });
    }
    const [logged] = await db.select({ dueOn: dataSubjectRequests.dueOn }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id));
    return { id, receivedOn, dueOn: logged!.dueOn };
  }

  /** The client a request is about. */
  async function clientOfRequest(requestId: string): Promise<typeof clients.$inferSelect> {
    const [row] = await db.select({ clientId: dataSubjectRequests.clientId }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId));
    const [client] = await db.select().from(clients).where(eq(clients.id, row!.clientId!));
    return client!;
  }

  /** A restriction applied by the officer on a restriction request, with the person told when `told`. */
  async function restrictionOf(told = false): Promise<string> {
    const request = await requestOf("restriction");
    const input = { clientId: (await clientOfRequest(request.id)).id, requestId: request.id, ground: "accuracy_contested" as const };
    const { id } = await applyRestriction({ db, actor: fixture("dpo"), input });
    if (told) await recordLiftNotice({ db, actor: fixture("dpo"), input: { restrictionId: id, toldOn: dateIn(0), method: "paper", locale: "fi" }, renderLetter: renderRightsLetter });
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // The table: every protected action of the matrix, keyed as the matrix keys it

  const caseWork = "app/staff/clients/[clientId]/case-work-actions.ts";
  const details = "app/staff/clients/[clientId]/client-details-actions.ts";

  const table: Record<string, Entry> = {
    "app/staff/actions.ts#signOutAction": { as: "reporting", events: ["auth.sign_out"], fields: async () => ({}) },
    "app/staff/actions.ts#setStaffLocaleAction": {
      as: "reporting",
      fields: async () => ({ locale: "sv", returnTo: "/staff" }),
      writesNoEvent: "the staff member's own display language: not client data, a role or a setting, so not audited (DESIGN.md rule 5)",
    },
    "app/staff/password/actions.ts#changePasswordAction": {
      as: "dpo", events: ["staff.password_changed"],
      fields: async () => ({ currentPassword: staff.dpo.password, newPassword: "a-new-password-1", repeatPassword: "a-new-password-1" }),
    },
    "app/staff/role-grants/actions.ts#decideRoleGrantAction": { as: "coordinator", events: ["staff.role_grant_approved", "staff.role_changed"], fields: async () => ({ grantId: await pendingGrant(), decision: "approve" }) },
    "app/staff/admin/staff/actions.ts#createStaffAction": {
      as: "admin", events: ["staff.created", "staff.role_grant_requested"],
      fields: async () => ({ email: `new.${tag()}@staff.kotona.test`, displayName: "Uusi ohjaaja", role: "caseworker", password: "initial-password-1" }),
    },
    "app/staff/admin/staff/actions.ts#changeStaffRoleAction": {
      as: "admin", events: ["staff.role_changed"],
      fields: async () => ({ staffId: (await createStaff(db, { role: "caseworker" })).id, role: "reporting" }),
    },
    "app/staff/admin/staff/actions.ts#setStaffDisabledAction": {
      as: "admin", events: ["staff.disabled"],
      fields: async () => ({ staffId: (await createStaff(db, { role: "caseworker" })).id, disabled: "true" }),
    },
    "app/staff/admin/settings/actions.ts#saveSettingsAction": {
      as: "admin", events: ["settings.changed"],
      fields: async () => {
        const current = await getRegisterSettings({ db });
        const idle = current.retention.intakeDraftIdleMinutes === 30 ? 25 : 30;
        return { settingsJson: JSON.stringify({ ...current, retention: { ...current.retention, intakeDraftIdleMinutes: idle } }) };
      },
    },
    "app/staff/admin/agencies/actions.ts#saveAgencyAction": {
      as: "admin", events: ["settings.changed"],
      fields: async () => ({ mode: "new", code: `agency_${tag()}`, name: "Kotolan kirjasto", businessId: "", insideEea: "yes", deliveryMethod: "paper" }),
    },
    "app/staff/clients/actions.ts#giveAccessReasonAction": {
      as: "otherCaseworker", events: ["client.access_reason_given"],
      fields: async () => ({ clientId: (await clientOf("caseworker")).id, reason: "Sijaistan kollegaa lomalla" }),
    },
    "app/staff/clients/actions.ts#revealIdentityCodeAction": { as: "caseworker", events: ["client.identity_code_revealed"], fields: async () => ({ clientId: (await clientOf()).id }) },
    "app/staff/clients/actions.ts#searchClientsAction": { as: "coordinator", events: ["client.searched"], fields: async () => ({ text: "Hassan" }) },
    "app/staff/clients/new/actions.ts#createWalkInClientAction": {
      as: "caseworker", events: ["client.created"],
      fields: async () => ({
        firstNames: "Olena",
        lastName: `Käyntiasiakas${tag()}`,
        dateOfBirth: "1988-04-12",
        interpreterNeeded: "no",
        clientGroup: "resident",
        basis: "consent_written",
        writtenConsentDate: dateIn(-1),
        paperReference: `SUOST-${tag()}`,
      }),
    },
    [`${caseWork}#bookAppointmentAction`]: {
      as: "caseworker", events: ["case.appointment_booked"],
      fields: async () => ({ clientId: (await clientOf()).id, startsAt: localIn(2 * DAY), durationMinutes: "45", channel: "in_person", purpose: "Alkukartoitus" }),
    },
    [`${caseWork}#rescheduleAppointmentAction`]: {
      as: "caseworker", events: ["case.appointment_rescheduled"],
      fields: async () => ({ appointmentId: await appointmentOf((await clientOf()).id), startsAt: localIn(5 * DAY) }),
    },
    [`${caseWork}#cancelAppointmentAction`]: { as: "caseworker", events: ["case.appointment_cancelled"], fields: async () => ({ appointmentId: await appointmentOf((await clientOf()).id) }) },
    [`${caseWork}#recordVisitAction`]: {
      as: "caseworker", events: ["case.visit_recorded"],
      fields: async () => {
        const clientId = (await clientOf()).id;
        return { clientId, appointmentId: await appointmentOf(clientId), occurredAt: localIn(-60 * 60 * 1000), channel: "phone", notes: "Puhelu" };
      },
    },
    [`${caseWork}#recordAssessmentAction`]: {
      as: "caseworker", events: ["case.assessment_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, assessedOn: dateIn(0), content: "Kielitaito A1", plannedPlanDate: dateIn(14), authors: "Ohjaaja", sources: "Haastattelu" }),
    },
    [`${caseWork}#recordPlanAction`]: {
      as: "caseworker", events: ["case.plan_recorded"],
      fields: async () => ({
        clientId: (await clientOf()).id,
        planDate: dateIn(0),
        validUntil: dateIn(365),
        goals: "Suomen kieli B1",
        "measures.0.description": "Kotoutumiskoulutus",
        "measures.0.startsOn": dateIn(20),
        authors: "Ohjaaja ja asiakas",
        reviewDueOn: dateIn(180),
      }),
    },
    [`${caseWork}#reviewPlanAction`]: {
      as: "caseworker", events: ["case.plan_reviewed"],
      fields: async () => ({ planId: await planOf((await clientOf()).id), reviewedOn: dateIn(0), summary: "Edistynyt", nextReviewOn: dateIn(90) }),
    },
    [`${caseWork}#recordOutcomeAction`]: {
      as: "caseworker", events: ["case.outcome_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, kind: "work", description: "Varastotyö", startedOn: dateIn(30), endedOn: "" }),
    },
    [`${caseWork}#recordFunctionalCapacityAction`]: {
      as: "caseworker", events: ["case.functional_capacity_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, assessedOn: dateIn(0), content: "Työkykyinen" }),
    },
    [`${caseWork}#addCaseNoteAction`]: { as: "caseworker", events: ["case.note_added"], fields: async () => ({ clientId: (await clientOf()).id, body: "Muistiinpano" }) },
    [`${caseWork}#assignClientAction`]: {
      as: "coordinator", events: ["client.assigned"],
      fields: async () => ({ clientId: (await clientOf(null)).id, caseworkerId: staff.caseworker.id }),
    },
    [`${caseWork}#closeCaseAction`]: { as: "caseworker", events: ["client.closed"], fields: async () => ({ clientId: (await clientOf()).id, closedOn: dateIn(0), reason: "Muutti pois" }) },
    [`${details}#updateIdentityContactAction`]: { as: "caseworker", events: ["client.updated"], fields: async () => identityContactFields(await clientOf()) },
    [`${details}#recordResidencePermitAction`]: {
      as: "caseworker", events: ["case.permit_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, permitType: "international_protection", validFrom: dateIn(-100), validUntil: dateIn(300), notes: "" }),
    },
    [`${details}#recordFamilyMemberAction`]: {
      as: "caseworker", events: ["case.family_member_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, fullName: "Lapsi Testinen", relation: "child", dateOfBirth: "2019-03-04", livesInFinland: "yes", clientIsGuardian: "yes" }),
    },
    [`${details}#recordSkillAction`]: { as: "caseworker", events: ["case.skill_recorded"], fields: async () => ({ clientId: (await clientOf()).id, kind: "language", name: "arabia", level: "" }) },
    [`${details}#recordWorkExperienceAction`]: {
      as: "caseworker", events: ["case.work_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, jobTitle: "Kokki", employer: "", country: "Syyria", startYear: "2008", endYear: "2014" }),
    },
    [`${details}#recordEducationAction`]: {
      as: "caseworker", events: ["case.education_recorded"],
      fields: async () => ({ clientId: (await clientOf()).id, level: "vocational", field: "Ravintola-ala", country: "Syyria", endYear: "2007", recognisedInFinland: "no" }),
    },
    [`${details}#removeCaseRecordAction`]: {
      as: "caseworker", events: ["case.record_removed"],
      fields: async () => {
        const clientId = (await clientOf()).id;
        const { id } = await recordSkill({ db, actor: fixture("caseworker"), input: skillSchema.parse({ clientId, kind: "skill", name: "hitsaus" }) });
        return { clientId, kind: "skill", recordId: id };
      },
    },
    "app/staff/clients/[clientId]/consent-actions.ts#recordWrittenConsentAction": {
      as: "caseworker", events: ["consent.recorded"],
      fields: async () => ({
        clientId: (await clientOf()).id,
        kind: "disclosure",
        agencyCode: "ely",
        categories: ["identity", "servicePlan"],
        purpose: "Kotoutumispalvelut",
        givenOn: dateIn(0),
        validUntil: dateIn(300),
        paperReference: `SUOST-${tag()}`,
      }),
    },
    // The storage consent: the client is then marked for erasure and its bookings ahead cancelled, in the same request.
    "app/staff/clients/[clientId]/consent-actions.ts#withdrawConsentAction": {
      as: "caseworker", events: ["consent.withdrawn", "client.marked_for_erasure"],
      fields: async () => {
        const client = await clientOf();
        await appointmentOf(client.id);
        const [storage] = await db.select({ id: consents.id }).from(consents).where(and(eq(consents.clientId, client.id), eq(consents.kind, "storage")));
        return { clientId: client.id, consentId: storage!.id, channel: "signed_document" };
      },
    },
    "app/staff/clients/[clientId]/disclosures/new/actions.ts#previewDisclosureAction": {
      as: "caseworker", events: ["disclosure.previewed"],
      fields: async () => {
        const clientId = (await clientOf()).id;
        await elyConsentOf(clientId);
        return disclosureFields(clientId);
      },
    },
    "app/staff/clients/[clientId]/disclosures/new/actions.ts#recordDisclosureAction": {
      as: "caseworker", events: ["disclosure.recorded"],
      fields: async () => {
        const clientId = (await clientOf()).id;
        await elyConsentOf(clientId);
        return disclosureFields(clientId);
      },
    },
    "app/staff/clients/[clientId]/disclosures/[disclosureId]/actions.ts#revealDocumentIdentityCodeAction": {
      as: "caseworker", events: ["disclosure.document_viewed", "client.identity_code_revealed"],
      fields: async () => {
        const clientId = (await clientOf()).id;
        await elyConsentOf(clientId);
        const outcome = await recordDisclosure({ db, actor: fixture("caseworker"), input: disclosureFormSchema.parse(disclosureFields(clientId)) });
        if (outcome.kind !== "recorded") throw new Error(`the fixture's disclosure was refused: ${JSON.stringify(outcome)}`);
        return { clientId, disclosureId: outcome.disclosureId };
      },
    },
    "app/staff/intake/actions.ts#acceptSubmissionAction": { as: "caseworker", events: ["intake.accepted"], fields: async () => ({ submissionId: await pendingSubmission(), assignToMe: "yes" }) },
    "app/staff/intake/actions.ts#mergeSubmissionAction": {
      as: "caseworker", events: ["intake.merged"],
      fields: async () => {
        const submissionId = await pendingSubmission();
        // A client with no identity code yet: the submission's code conflicts with nobody's.
        const client = await clientOf("caseworker", { personalIdentityCodeEncrypted: null, personalIdentityCodeHash: null });
        return { submissionId, clientId: client.id, identityCheck: "identity_document", submitter: "client" };
      },
    },
    "app/staff/intake/actions.ts#rejectSubmissionAction": { as: "caseworker", events: ["intake.rejected"], fields: async () => ({ submissionId: await pendingSubmission(), reason: "duplicate" }) },
    // The DPO's audit view: a lookup by client number, and the chain's verification.
    "app/staff/audit/actions.ts#findAuditClientAction": { as: "dpo", events: ["audit.viewed"], fields: async () => ({ text: (await clientOf()).clientNumber }) },
    "app/staff/audit/actions.ts#verifyAuditChainAction": { as: "dpo", events: ["audit.chain_verified"], fields: async () => ({}) },
    // Found by name and date of birth (a name of its own, so exactly one client matches); the action then redirects to the form.
    "app/staff/requests/actions.ts#findRequestClientAction": {
      as: "dpo", events: ["request.client_searched"],
      fields: async () => {
        const unique = `Pyytaja${tag()}`;
        const client = await clientOf("caseworker", { lastName: unique, searchName: unique.toLowerCase() });
        return { lastName: unique, dateOfBirth: client.dateOfBirth ?? "" };
      },
    },
    "app/staff/requests/actions.ts#logRequestAction": {
      as: "caseworker", events: ["request.logged"],
      fields: async () => ({ clientId: (await clientOf()).id, kind: "access", channel: "visit", receivedOn: dateIn(0), requester: "client", replyLanguage: "fi", identityVerification: "identity_document" }),
    },
    "app/staff/requests/[requestId]/actions.ts#verifyRequestIdentityAction": {
      as: "dpo", events: ["request.identity_verified"],
      fields: async () => ({ requestId: (await requestOf("access")).id, identityVerification: "strong_electronic_identification" }),
    },
    "app/staff/requests/[requestId]/actions.ts#extendRequestAction": {
      as: "dpo", events: ["request.extended"],
      fields: async () => {
        const { id, receivedOn, dueOn } = await requestOf("access", "verified");
        return { requestId: id, receivedOn, dueOn, extendedDueOn: latestExtendedDueOn(receivedOn), extensionReasons: "Pyyntöjä on useita.", toldOn: receivedOn };
      },
    },
    // An accepted erasure marks the client for erasure in the same request.
    "app/staff/requests/[requestId]/actions.ts#decideRequestAction": {
      as: "dpo", events: ["request.decided", "client.marked_for_erasure"],
      fields: async () => ({ requestId: (await requestOf("erasure", "verified")).id, kind: "erasure", decision: "accepted", decidedOn: dateIn(0), decisionReasons: "Säilytysperuste on päättynyt." }),
    },
    "app/staff/requests/[requestId]/actions.ts#closeRequestAction": { as: "dpo", events: ["request.closed"], fields: async () => ({ requestId: (await requestOf("access", "decided")).id }) },
    // The officer releases the access report and issues a refusal certificate (db/rights-documents.ts).
    "app/staff/requests/[requestId]/document-actions.ts#releaseAccessReportAction": {
      as: "dpo", events: ["rights_document.released"],
      fields: async () => ({ requestId: (await requestOf("access", "verified")).id, locale: "ar" }),
    },
    "app/staff/requests/[requestId]/document-actions.ts#issueRefusalCertificateAction": {
      as: "dpo", events: ["rights_document.released"],
      fields: async () => ({ requestId: (await requestOf("erasure", "verified")).id, scope: "whole", grounds: "legal_claims", refusedWhat: "Tietojen poistaminen", justification: "Tietoja tarvitaan vireillä olevassa asiassa." }),
    },
    // Restriction of processing (db/restrictions.ts): from a request, on the officer's own decision, the lift notice with its letter, lifting.
    "app/staff/restrictions/actions.ts#applyRestrictionAction": {
      as: "dpo", events: ["restriction.applied"],
      fields: async () => {
        const request = await requestOf("restriction");
        return { clientId: (await clientOfRequest(request.id)).id, requestId: request.id, ground: "objection_pending" };
      },
    },
    "app/staff/restrictions/actions.ts#applyRestrictionByNumberAction": {
      as: "dpo", events: ["restriction.applied"],
      fields: async () => ({ clientNumber: (await clientOf()).clientNumber, ground: "unlawful_processing" }),
    },
    "app/staff/restrictions/actions.ts#recordLiftNoticeAction": {
      as: "dpo", events: ["rights_document.released", "restriction.lift_notice_recorded"],
      fields: async () => ({ restrictionId: await restrictionOf(), toldOn: dateIn(0), method: "paper", locale: "uk" }),
    },
    "app/staff/restrictions/actions.ts#liftRestrictionAction": { as: "dpo", events: ["restriction.lifted"], fields: async () => ({ restrictionId: await restrictionOf(true) }) },
    // The recipients' notices (db/recipient-notices.ts): a correction linked to a rectification request, a notice of an erasure with its letter.
    "app/staff/restrictions/notice-actions.ts#linkCorrectionsAction": {
      as: "dpo", events: ["notice.corrections_linked"],
      fields: async () => {
        const request = await requestOf("rectification");
        const client = await clientOfRequest(request.id);
        await updateIdentityContact({ db, actor: fixture("caseworker"), input: identityContactSchema.parse(identityContactFields(client)) });
        const [correction] = await db.select({ seq: auditEvents.seq }).from(auditEvents).where(and(eq(auditEvents.clientId, client.id), eq(auditEvents.action, "client.updated")));
        return { requestId: request.id, auditSeq: String(correction!.seq) };
      },
    },
    "app/staff/restrictions/notice-actions.ts#recordRecipientNoticeAction": {
      as: "dpo", events: ["rights_document.released", "notice.recorded"],
      fields: async () => {
        const request = await requestOf("erasure");
        const clientId = (await clientOfRequest(request.id)).id;
        await elyConsentOf(clientId);
        await recordDisclosure({ db, actor: fixture("caseworker"), input: disclosureFormSchema.parse(disclosureFields(clientId)) });
        return { cause: "erasure", requestId: request.id, agencyCode: "ely", sentOn: dateIn(0), method: "secure_email", locale: "ar" };
      },
    },
  };

  const protectedActions = Object.entries(actionRequirements).filter(([, requirement]) => requirement !== "public");

  it("the table lists exactly the matrix's protected actions (a new action is added here, with a valid input, or the test fails)", () => {
    expect(Object.keys(table).sort()).toEqual(protectedActions.map(([key]) => key).sort());
  });

  it("the actions that write no event are these, each with its reason", () => {
    const silent = Object.entries(table).flatMap(([key, entry]) => ("writesNoEvent" in entry ? [[key, entry.writesNoEvent] as const] : []));
    expect(silent.map(([key]) => key)).toEqual(["app/staff/actions.ts#setStaffLocaleAction"]);
    for (const [, reason] of silent) expect(reason.length).toBeGreaterThan(20);
  });

  async function loadAction(key: string): Promise<EntryPointAction> {
    const [file, name] = key.split("#") as [string, string];
    const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<string, EntryPointAction>;
    const action = mod[name];
    if (typeof action !== "function") throw new Error(`${key} is not exported`);
    return action;
  }

  async function lastSeq(): Promise<number> {
    const [row] = await db.select({ seq: auditEvents.seq }).from(auditEvents).orderBy(sql`${auditEvents.seq} desc`).limit(1);
    return row?.seq ?? 0;
  }

  /** Calls `key` as `who` through a fresh session with a request id of its own; answers what it returned and the events it appended. */
  async function callAs(who: Who, key: string, fields: Fields) {
    const before = await lastSeq();
    request.sessionId = await createStaffSession({ db, userId: staff[who].id, ipAddress: null, userAgent: null });
    request.requestId = `req-${randomUUID()}`;
    const answer = await callEntryPoint(await loadAction(key), fields);
    const events = await db.select().from(auditEvents).where(gt(auditEvents.seq, before)).orderBy(asc(auditEvents.seq));
    return { answer, events, requestId: request.requestId };
  }

  it.each(protectedActions)("%s: as a role the matrix allows, with a valid input, every event it writes carries the request id", async (key, requirement) => {
    const entry = table[key];
    if (!entry) throw new Error(`${key} is not in the table`);
    expect(requirement !== "public" && roleHasPermission(staff[entry.as].role as StaffRole, requirement), `${entry.as} may call ${key}`).toBe(true);
    const fields = await entry.fields();
    const { answer, events, requestId } = await callAs(entry.as, key, fields);

    // The call went through: not refused, not an error answer (an invalid input would be one).
    expect(answer.forbidden, key).toBeUndefined();
    expect((answer.state as { status?: string } | undefined)?.status, `${key}: ${JSON.stringify(answer.state)}`).not.toBe("error");

    if ("writesNoEvent" in entry) {
      expect(events, key).toEqual([]);
      return;
    }
    // Written at all, and what the action is about (not, say, a refusal): the test cannot pass by writing nothing.
    expect(events.map((event) => event.action), key).toEqual(entry.events);
    for (const event of events) {
      expect({ action: event.action, requestId: event.requestId, actorId: event.actorId }, key).toEqual({ action: event.action, requestId, actorId: staff[entry.as].id });
    }
  });

  // ---------------------------------------------------------------------------------------------
  // The refusal path: one refused write per domain

  const refusals: Record<RefusalDomain, { key: string; as: Who; code: string; fields: () => Promise<Fields> }> = {
    case: {
      key: `${caseWork}#addCaseNoteAction`,
      as: "caseworker",
      code: "restricted",
      fields: async () => ({ clientId: (await clientOf("caseworker", { restrictedAt: new Date() })).id, body: "Ei saa kirjata" }),
    },
    client: {
      key: "app/staff/clients/new/actions.ts#createWalkInClientAction",
      as: "caseworker",
      code: "basis_not_allowed",
      // The demo settings' basis is consent: a walk-in on the legal obligation is refused.
      fields: async () => ({ firstNames: "Testi", lastName: `Henkilö${tag()}`, dateOfBirth: "1990-01-01", interpreterNeeded: "no", clientGroup: "resident", basis: "legal_obligation" }),
    },
    consent: {
      key: "app/staff/clients/[clientId]/consent-actions.ts#withdrawConsentAction",
      as: "caseworker",
      code: "consent_not_found",
      fields: async () => ({ clientId: (await clientOf()).id, consentId: randomUUID(), channel: "visit" }),
    },
    disclosure: {
      key: "app/staff/clients/[clientId]/disclosures/new/actions.ts#recordDisclosureAction",
      as: "caseworker",
      code: "unknown_agency",
      fields: async () => ({ ...disclosureFields((await clientOf()).id), agencyCode: "no_such_agency" }),
    },
    intake: {
      key: "app/staff/intake/actions.ts#rejectSubmissionAction",
      as: "coordinator",
      code: "not_found",
      fields: async () => ({ submissionId: randomUUID(), reason: "duplicate" }),
    },
    agency: {
      key: "app/staff/admin/agencies/actions.ts#saveAgencyAction",
      as: "admin",
      code: "code_taken",
      fields: async () => ({ mode: "new", code: "ely", name: "Toinen ELY", businessId: "", insideEea: "yes", deliveryMethod: "paper" }),
    },
    staff: {
      key: "app/staff/admin/staff/actions.ts#changeStaffRoleAction",
      as: "admin",
      code: "cannot_change_self",
      fields: async () => ({ staffId: staff.admin.id, role: "reporting" }),
    },
    request: {
      key: "app/staff/requests/actions.ts#logRequestAction",
      as: "caseworker",
      code: "guardian_for_adult",
      fields: async () => ({ clientId: (await clientOf("caseworker", { dateOfBirth: "1990-01-01" })).id, kind: "access", channel: "visit", receivedOn: dateIn(0), requester: "guardian", requesterName: "Huoltaja Testinen", replyLanguage: "fi" }),
    },
    rights_document: {
      key: "app/staff/requests/[requestId]/document-actions.ts#issueRefusalCertificateAction",
      as: "dpo",
      code: "unknown_ground",
      fields: async () => ({ requestId: (await requestOf("erasure", "verified")).id, scope: "whole", grounds: "no_such_ground", refusedWhat: "Tietojen poistaminen", justification: "Perustelu" }),
    },
    restriction: {
      key: "app/staff/restrictions/actions.ts#liftRestrictionAction",
      as: "dpo",
      code: "notice_missing",
      fields: async () => ({ restrictionId: await restrictionOf() }),
    },
    notice: {
      key: "app/staff/restrictions/notice-actions.ts#recordRecipientNoticeAction",
      as: "dpo",
      code: "not_a_recipient",
      // Nothing was disclosed about this client: no agency is to be told.
      fields: async () => ({ cause: "erasure", requestId: (await requestOf("erasure")).id, agencyCode: "ely", sentOn: dateIn(0), method: "paper", locale: "fi" }),
    },
  };

  it("the refusals cover every refusal domain", () => {
    expect(Object.keys(refusals).sort()).toEqual(Object.keys(refusalCodes).sort());
  });

  it.each(Object.entries(refusals))("a refused %s write records write.refused with the request id", async (domain, refusal) => {
    const { answer, events, requestId } = await callAs(refusal.as, refusal.key, await refusal.fields());
    expect(answer.state, refusal.key).toMatchObject({ status: "error" });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect({ requestId: event.requestId, actorId: event.actorId }).toEqual({ requestId, actorId: staff[refusal.as].id });
    const refused = events.filter((event) => event.action === "write.refused");
    expect(refused).toHaveLength(1);
    expect(refused[0]!.details).toMatchObject({ domain, outcome: refusal.code });
  });

  it("a refused case write's event names the client and the write attempted", async () => {
    const client = await clientOf("caseworker", { restrictedAt: new Date() });
    const { events, requestId } = await callAs("caseworker", `${caseWork}#addCaseNoteAction`, { clientId: client.id, body: "Ei saa kirjata" });
    expect(events).toEqual([expect.objectContaining({ action: "write.refused", clientId: client.id, requestId, details: expect.objectContaining({ attempted: "case.note_added" }) })]);
  });
});
