import "server-only";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { demoAccounts as demoAccountList, DEMO_PASSWORD } from "@/demo/accounts";
import { demoConsentTexts } from "@/demo/consent-texts";
import { demoSettings } from "@/demo/settings";
import type { RegisterSettingsInput } from "@/lib/register-settings";
import { createRng } from "@/demo/factories/random";
import { insertClientWithCase, loadCaseContext } from "@/demo/factories/clients";
import { createStaff } from "@/demo/factories/staff";
import type { Executor } from "@/db/connection";
import { agencies, clients, consents, staffUsers } from "@/db/schema";
import { recordDisclosure } from "@/db/disclosures";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { ensureConsentTexts, ensureDataKeyCheck, hasRegisterSettings, saveRegisterSettings } from "@/db/settings";

export { DEMO_PASSWORD };

/** The seed of the demo's PRNG: the same synthetic clients on every fresh database. */
export const DEMO_SEED = 20_260_115;

export interface SeedReport {
  /** "created": this run saved the demo settings and clients; "existing": settings were there, nothing was touched. */
  settings: "created" | "existing";
  consentTextsInserted: number;
  clientsCreated: number;
  disclosuresCreated: number;
  accountsCreated: string[];
  accountsExisting: string[];
}

/**
 * Seeds the demo: the fictional municipality's settings, consent texts and `clients` synthetic
 * clients, and (when `demoAccounts`) one staff account per role with DEMO_PASSWORD. Idempotent:
 * when settings exist it leaves settings and clients alone and only adds demo accounts that are
 * missing, so running it again changes nothing.
 */
export async function seedDemo({
  db,
  clients = 50,
  demoAccounts,
  settings = demoSettings,
  seed = DEMO_SEED,
  now = new Date(),
  dataKey,
}: {
  db: Executor;
  clients?: number;
  demoAccounts: boolean;
  settings?: RegisterSettingsInput;
  seed?: number;
  now?: Date;
  dataKey?: Buffer;
}): Promise<SeedReport> {
  const report: SeedReport = {
    settings: "existing",
    consentTextsInserted: 0,
    clientsCreated: 0,
    disclosuresCreated: 0,
    accountsCreated: [],
    accountsExisting: [],
  };
  const fresh = !(await hasRegisterSettings({ db }));
  // Never write data under a key other than the one the database was created with.
  if (!fresh) await ensureDataKeyCheck({ db, dataKey });

  if (demoAccounts) {
    const emails = demoAccountList.map((account) => account.email);
    const existing = new Set(
      (await db.select({ email: staffUsers.email }).from(staffUsers).where(inArray(staffUsers.email, emails))).map(
        (row) => row.email,
      ),
    );
    for (const account of demoAccountList) {
      if (existing.has(account.email)) {
        report.accountsExisting.push(account.email);
        continue;
      }
      await createStaff(db, { role: account.role, email: account.email, displayName: account.displayName, password: DEMO_PASSWORD, isDemo: true });
      report.accountsCreated.push(account.email);
    }
  }

  if (!fresh) {
    // A demo started before a language's consent texts existed gets them now (new rows only).
    report.consentTextsInserted = (await ensureConsentTexts({ db, texts: demoConsentTexts })).length;
    return report;
  }

  const caseworkers = demoAccounts
    ? await db
        .select({ id: staffUsers.id, email: staffUsers.email, displayName: staffUsers.displayName })
        .from(staffUsers)
        .where(
          inArray(
            staffUsers.email,
            demoAccountList.filter((account) => account.role === "caseworker").map((account) => account.email),
          ),
        )
        .orderBy(staffUsers.email)
    : [];

  await db.transaction(async (tx) => {
    const saved = await saveRegisterSettings({ db: tx, settings, actor: null, dataKey });
    report.settings = "created";
    report.consentTextsInserted = (await ensureConsentTexts({ db: tx, texts: demoConsentTexts })).length;
    const context = await loadCaseContext(tx);
    const basis = saved.settings.legalBasis.kind === "legal_obligation" ? "legal_obligation" : undefined;
    const rng = createRng(seed);
    for (let index = 0; index < clients; index++) {
      // Four in ten to the first caseworker, three to the second, the rest unassigned.
      const slot = index % 10;
      const caseworker = slot < 4 ? caseworkers[0] : slot < 7 ? caseworkers[1] : undefined;
      await insertClientWithCase(tx, rng.fork(), {
        now,
        dataKey,
        basis,
        context,
        assignedCaseworkerId: caseworker?.id ?? null,
        caseworkerName: caseworker?.displayName,
      });
      report.clientsCreated++;
    }
    report.disclosuresCreated = await seedDemoDisclosures({ db: tx, now, dataKey });
  });
  return report;
}

const DAY = 24 * 60 * 60 * 1000;
/** How many demo disclosures: enough to fill the log's first screen, few enough to keep the seed fast. */
const DEMO_DISCLOSURES = 6;

/**
 * A few disclosures to the TE office, made through the real gate two weeks after the client's
 * written consent to it, by the assigned caseworker: the demo's logs are not empty, and every entry
 * in them is one the gate allowed.
 */
async function seedDemoDisclosures({ db, now, dataKey }: { db: Executor; now: Date; dataKey?: Buffer }): Promise<number> {
  const candidates = await db
    .select({ clientId: clients.id, caseworkerId: clients.assignedCaseworkerId, givenAt: consents.givenAt, categories: consents.categories, purpose: consents.purpose })
    .from(consents)
    .innerJoin(agencies, eq(agencies.id, consents.agencyId))
    .innerJoin(clients, eq(clients.id, consents.clientId))
    .where(and(eq(agencies.code, "te_office"), eq(consents.kind, "disclosure"), eq(consents.granted, true), isNotNull(clients.assignedCaseworkerId)))
    .orderBy(asc(clients.clientNumber));
  let created = 0;
  for (const candidate of candidates) {
    if (created >= DEMO_DISCLOSURES || !candidate.caseworkerId) break;
    const at = new Date(candidate.givenAt.getTime() + 14 * DAY);
    if (at.getTime() > now.getTime()) continue;
    const outcome = await recordDisclosure({
      db,
      actor: { userId: candidate.caseworkerId, role: "caseworker", sessionId: "demo-seed", requestId: null },
      input: disclosureFormSchema.parse({
        clientId: candidate.clientId,
        agencyCode: "te_office",
        categories: candidate.categories.slice(0, 3),
        purpose: candidate.purpose ?? "Työllisyyspalvelujen järjestäminen",
        method: "secure_email",
        requestReference: `TE/${at.getUTCFullYear()}/${String(1000 + created)}`,
      }),
      at,
      dataKey,
    });
    if (outcome.kind === "recorded") created++;
  }
  return created;
}
