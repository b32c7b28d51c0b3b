/**
 * npm run audit:checkpoint — verifies the audit log's keyed hash chain and prints one checkpoint
 * line of its head (seq, hash, time, MAC) for the data protection officer to keep outside the
 * database, e.g. `npm run -s audit:checkpoint >> audit-checkpoints.txt` on a drive only the DPO
 * holds. Later, `npm run audit:verify -- --checkpoint audit-checkpoints.txt` names any event that
 * changed and any events removed from the end since. The verdict goes to stderr, the line alone to
 * stdout. Exit status: 0 printed, 1 chain broken (no checkpoint), 2 error.
 */
import { openDatabase, targetFromEnv } from "@/db/connection";
import { runAuditCheckpoint } from "@/db/audit-verify";
import { ensureDataKeyCheck } from "@/db/settings";
import { auditKeys } from "@/lib/audit-keys";
import { loadSecretsIntoEnv } from "@/server/secrets";

async function main(): Promise<number> {
  if (process.argv.length > 2) throw new Error("usage: npm run audit:checkpoint (no arguments)");
  const { dataKey } = loadSecretsIntoEnv();
  const handle = await openDatabase(targetFromEnv());
  try {
    await ensureDataKeyCheck({ db: handle.db, dataKey });
    return await runAuditCheckpoint(
      handle.db,
      { out: (line) => console.log(line), note: (line) => console.error(line) },
      { keys: auditKeys(dataKey) },
    );
  } finally {
    await handle.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error("audit checkpoint failed:", error instanceof Error ? error.message : error);
    if (error instanceof Error && error.cause) console.error(error.cause);
    process.exitCode = 2;
  },
);
