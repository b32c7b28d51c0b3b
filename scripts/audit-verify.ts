/**
 * npm run audit:verify [-- --checkpoint <line or file>] — checks the audit log's keyed hash chain
 * (DESIGN.md rule 5) in the database that DATABASE_URL (or the embedded PGlite folder) points at,
 * and, given the data protection officer's saved checkpoints (one line from npm run
 * audit:checkpoint, or a file of them), that the log still agrees with them and was not
 * shortened. Exit status: 0 intact, 1 broken, 2 error (including a refused checkpoint).
 */
import { existsSync, readFileSync } from "node:fs";
import { openDatabase, targetFromEnv } from "@/db/connection";
import { runAuditVerify } from "@/db/audit-verify";
import { ensureDataKeyCheck } from "@/db/settings";
import { readCheckpoints, type AuditCheckpoint } from "@/lib/audit-checkpoint";
import { auditKeys } from "@/lib/audit-keys";
import { loadSecretsIntoEnv } from "@/server/secrets";

const USAGE = "usage: npm run audit:verify [-- --checkpoint <checkpoint line | file of checkpoint lines>]";

/** The checkpoints named on the command line: each value is a checkpoint line or a file of them. */
function checkpointsFromArgs(args: string[], key: Buffer): AuditCheckpoint[] {
  const checkpoints: AuditCheckpoint[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i] === "--checkpoint" ? args[++i] : undefined;
    if (value === undefined) throw new Error(USAGE);
    if (value.trimStart().startsWith("kotona-audit-checkpoint")) checkpoints.push(...readCheckpoints(key, value));
    else if (existsSync(value)) checkpoints.push(...readCheckpoints(key, readFileSync(value, "utf8")));
    else throw new Error(`--checkpoint ${value}: neither a checkpoint line nor a file`);
  }
  return checkpoints;
}

async function main(): Promise<number> {
  const { dataKey } = loadSecretsIntoEnv();
  const keys = auditKeys(dataKey);
  const checkpoints = checkpointsFromArgs(process.argv.slice(2), keys.checkpoint);
  const handle = await openDatabase(targetFromEnv());
  try {
    // With another key every keyed event would look altered: say what is wrong instead.
    await ensureDataKeyCheck({ db: handle.db, dataKey });
    return await runAuditVerify(handle.db, (line) => console.log(line), { checkpoints, keys });
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
