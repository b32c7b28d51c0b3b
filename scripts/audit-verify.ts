/**
 * npm run audit:verify — checks the audit log's hash chain (DESIGN.md rule 5) in the database that
 * DATABASE_URL (or the embedded PGlite folder) points at. Exit status: 0 intact, 1 broken, 2 error.
 */
import { openDatabase, targetFromEnv } from "@/db/connection";
import { runAuditVerify } from "@/db/audit-verify";

async function main(): Promise<number> {
  const handle = await openDatabase(targetFromEnv());
  try {
    return await runAuditVerify(handle.db, (line) => console.log(line));
  } finally {
    await handle.close();
  }
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error("audit verify failed:", error instanceof Error ? error.message : error);
    if (error instanceof Error && error.cause) console.error(error.cause);
    process.exitCode = 2;
  },
);
