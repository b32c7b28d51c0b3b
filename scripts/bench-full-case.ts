/**
 * The client of bench:access-report's first part (scripts/bench-access-report.ts): a synthetic
 * client with a full case, made through the data layer as staff would make it, so the report reads
 * what a real one holds: every section of the case, written consents to two agencies and two
 * disclosures to each, and a hundred looks at the case (views, reveals, a view with a reason).
 */
import { openClientCase, recordAccessReason, revealIdentityCode } from "@/db/client-access";
import type { Database } from "@/db/connection";
import { recordWrittenConsent } from "@/db/consents";
import { recordDisclosure } from "@/db/disclosures";
import { createRng, insertClientWithCase, loadCaseContext } from "@/demo/factories";
import { actorOf, createStaffTeam } from "@/demo/factories/staff";
import { seedDemo } from "@/demo/seed";
import type { StaffActor } from "@/lib/auth/client-access";
import { helsinkiDate } from "@/lib/helsinki-time";
import { writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";

const DAY = 86_400_000;

export interface FullCase {
  clientId: string;
  /** The data protection officer who builds the report. */
  dpo: StaffActor;
  /** How many looks at the case the trail holds for the client (the report lists at least these). */
  consultations: number;
  recipients: number;
}

export async function makeFullCase(db: Database): Promise<FullCase> {
  // The register's settings, texts and agencies (nothing when present already; no accounts, no clients).
  await seedDemo({ db, demoAccounts: false, clients: 0 });
  // Accounts of the bench's own, disabled: nobody signs in with them.
  const team = await createStaffTeam(db, {
    own: { role: "caseworker", disabled: true },
    other: { role: "caseworker", disabled: true },
    coordinator: { role: "coordinator", disabled: true },
    dpo: { role: "dpo", disabled: true },
  });
  const own = actorOf(team.own);
  const rng = createRng(Date.now() % 1_000_000);
  const inserted = await insertClientWithCase(db, rng, {
    assignedCaseworkerId: own.userId,
    basis: "consent_written",
    stage: "planned",
    now: new Date(),
    context: await loadCaseContext(db),
    overrides: { isSynthetic: true, status: "active", restrictedAt: null },
  });
  const clientId = inserted.client.id;

  let recipients = 0;
  for (const [agencyCode, categories] of [["ely", ["identity", "residence", "servicePlan"]], ["te_office", ["identity", "contact", "skills", "education"]]] as const) {
    await recordWrittenConsent({
      db,
      actor: own,
      input: writtenConsentSchema.parse({
        clientId,
        givenOn: helsinkiDate(),
        paperReference: `BENCH-${agencyCode}`,
        kind: "disclosure",
        agencyCode,
        categories,
        purpose: "Kotoutumispalvelut",
        validUntil: helsinkiDate(new Date(Date.now() + 300 * DAY)),
      }),
    });
    for (const purpose of ["Kotoutumispalvelujen järjestäminen", "Kotoutumissuunnitelman seuranta"]) {
      const outcome = await recordDisclosure({ db, actor: own, input: disclosureFormSchema.parse({ clientId, agencyCode, categories: [...categories], purpose, method: "secure_email" }) });
      if (outcome.kind !== "recorded") throw new Error(`The bench disclosure to ${agencyCode} was refused: ${JSON.stringify(outcome)}`);
      recipients += 1;
    }
  }

  const coordinator = actorOf(team.coordinator);
  const other = actorOf(team.other);
  for (let i = 0; i < 60; i += 1) await openClientCase({ db, actor: own, clientId });
  for (let i = 0; i < 20; i += 1) await openClientCase({ db, actor: coordinator, clientId });
  for (let i = 0; i < 10; i += 1) await revealIdentityCode({ db, actor: own, clientId });
  await recordAccessReason({ db, actor: other, clientId, reason: "Sijaisena asiakkaan asiassa" });
  for (let i = 0; i < 10; i += 1) await openClientCase({ db, actor: other, clientId });
  return { clientId, dpo: actorOf(team.dpo), consultations: 100, recipients };
}
