/**
 * npm run db:migrate — applies every pending migration in drizzle/ as the owner of the tables
 * (DATABASE_MIGRATION_URL, else DATABASE_URL), seals an audit log written before the chain was
 * keyed, and checks the data key.
 */
import { migrationTargetFromEnv, openDatabase } from "@/db/connection";
import { ensureDataKeyCheck } from "@/db/settings";
import { loadSecretsIntoEnv } from "@/server/secrets";

async function main() {
  // The secrets first: the embedded default generates them into the data folder once.
  loadSecretsIntoEnv();
  const target = migrationTargetFromEnv();
  const handle = await openDatabase(target, { migrate: true });
  try {
    const check = await ensureDataKeyCheck({ db: handle.db });
    console.log(`migrations applied (${target.kind}); data key ${check === "no_settings" ? "not yet recorded" : check}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
