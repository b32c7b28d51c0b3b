/**
 * `npm run db:seed`: seeds the demo into the database the environment names (DATABASE_URL, or the
 * embedded database in the data folder). Demo accounts (published password) only on a local
 * embedded database outside production, or when KOTONA_DEMO=1. KOTONA_DEMO_SETTINGS=statutory
 * seeds the legal-obligation variant of the demo settings instead of the consent-based one.
 */
import { migrationTargetFromEnv, openDatabase } from "../db/connection";
import { seedDemo } from "../demo/seed";
import { demoAccounts, demoAccountsAllowed, DEMO_PASSWORD } from "../demo/accounts";
import { demoSettings, demoStatutorySettings } from "../demo/settings";
import { loadSecretsIntoEnv } from "../server/secrets";

async function main() {
  // The secrets first: the embedded default generates them into the data folder once.
  loadSecretsIntoEnv();
  // Seeding is an operator's job, like migrating: it runs as the owner and migrates first.
  const target = migrationTargetFromEnv();
  const withAccounts = demoAccountsAllowed(process.env);
  const statutory = process.env.KOTONA_DEMO_SETTINGS === "statutory";
  const handle = await openDatabase(target, { migrate: true });
  try {
    const where = target.kind === "pglite" ? `embedded database in ${target.dir}` : "PostgreSQL (DATABASE_URL)";
    console.log(`Seeding the demo into the ${where}…`);
    const report = await seedDemo({
      db: handle.db,
      demoAccounts: withAccounts,
      settings: statutory ? demoStatutorySettings : demoSettings,
    });
    if (report.settings === "created") {
      console.log(
        `Saved the demo register settings (${statutory ? "legal-obligation basis" : "consent basis"}), ` +
          `${report.consentTextsInserted} consent texts, ${report.clientsCreated} synthetic clients and ${report.disclosuresCreated} disclosures.`,
      );
    } else {
      console.log("Register settings exist already: settings and clients left as they are.");
    }
    if (!withAccounts) {
      console.log(
        process.env.KOTONA_DEMO === "0"
          ? "Demo accounts not created (KOTONA_DEMO=0)."
          : "Demo accounts not created (DATABASE_URL or NODE_ENV=production is set; KOTONA_DEMO=1 allows them).",
      );
    } else {
      if (report.accountsCreated.length > 0) console.log(`Created demo accounts: ${report.accountsCreated.join(", ")}`);
      if (report.accountsExisting.length > 0) console.log(`Demo accounts already there: ${report.accountsExisting.length}`);
      console.log(`Demo password for every demo account: ${DEMO_PASSWORD}`);
      for (const account of demoAccounts) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Seeding failed: ${error.message}` : error);
  if (error instanceof Error && error.cause) console.error(error.cause);
  process.exit(1);
});
