/**
 * `npm start`: the one command that takes a fresh clone to a running Kotona. Builds when the build
 * is missing or older than the source, applies migrations, seeds the demo (on the embedded
 * database, or when KOTONA_DEMO=1), then runs the Kotona server (scripts/server.ts, which serves the
 * production build) and prints where to sign in.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { migrationTargetFromEnv, openDatabase } from "../db/connection";
import { seedDemo } from "../demo/seed";
import { ensureDataKeyCheck } from "../db/settings";
import { demoAccounts, demoAccountsAllowed, DEMO_PASSWORD } from "../demo/accounts";
import { ConfigurationError } from "../lib/secrets";
import { loadSecretsIntoEnv } from "../server/secrets";

const root = process.cwd();
const SOURCE_DIRS = ["app", "components", "db", "lib", "messages", "drizzle", "public"];
const SOURCE_FILES = ["package-lock.json", "next.config.ts", "proxy.ts", "auth.ts", "auth.config.ts", "instrumentation.ts", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].some((entry) => newestMtime(path.join(root, entry)) > built);
}

async function main() {
  let secrets;
  try {
    // Into this process's environment (its own migrating and seeding read them there) and so into
    // the server's: secrets generated into the data folder on the embedded default reach both.
    secrets = loadSecretsIntoEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`\nKotona cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  if (process.env.KOTONA_SKIP_BUILD !== "1" && buildIsStale()) {
    console.log("Building Kotona (first start or changed source)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const seedDemoAccounts = demoAccountsAllowed(process.env);
  // Migrating and seeding are the owner's work (DATABASE_MIGRATION_URL); the server then connects
  // with DATABASE_URL, which in production is the app's role (README, "Run on PostgreSQL").
  const target = migrationTargetFromEnv(env);
  const handle = await openDatabase(target, { migrate: true });
  try {
    await ensureDataKeyCheck({ db: handle.db, dataKey: secrets.dataKey });
    if (target.kind === "pglite" || process.env.KOTONA_DEMO === "1") {
      await seedDemo({ db: handle.db, demoAccounts: seedDemoAccounts });
    }
  } finally {
    // PGlite is one process: close it before the server opens the same folder.
    await handle.close();
  }

  const port = process.env.PORT ?? "3000";
  // The Kotona server (scripts/server.ts), not a bare `next start`: it decides the client address.
  const server = spawn("npx", ["tsx", "scripts/server.ts"], { stdio: "inherit", env: { ...env, PORT: port } });
  const stop = (signal: NodeJS.Signals) => server.kill(signal);
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  const where = target.kind === "pglite" ? `embedded database in ${target.dir}` : "PostgreSQL (DATABASE_URL)";
  console.log(`\nKotona is starting on http://localhost:${port} (${where}).`);
  if (seedDemoAccounts) {
    console.log(`Staff sign-in: http://localhost:${port}/fi/sign-in — demo password "${DEMO_PASSWORD}" for:`);
    for (const account of demoAccounts) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
  }
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
