/** npm run db:migrate — applies every pending migration in drizzle/ and checks the data key. */
import { openDatabase, targetFromEnv } from "@/db/connection";
import { ensureDataKeyCheck } from "@/db/settings";

async function main() {
  const target = targetFromEnv();
  const handle = await openDatabase(target);
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
