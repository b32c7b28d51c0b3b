/**
 * npm run test:e2e — end-to-end tests in Chromium against `npm start` (the production build) on a
 * fresh PostgreSQL database that is dropped afterwards, so the tests can read what the app wrote.
 * Set E2E_DATABASE_ADMIN_URL for another server; arguments go to `playwright test`.
 */
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import postgres from "postgres";

const adminUrl = process.env.E2E_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function main(): Promise<number> {
  const name = `kotona_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: url.toString(),
        KOTONA_DEMO: "1",
        KOTONA_INTAKE_SUBMISSIONS_PER_HOUR: process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR ?? "40",
        AUTH_SECRET: randomBytes(32).toString("base64"),
        KOTONA_DATA_KEY: randomBytes(32).toString("base64"),
      },
    });
    return result.status ?? 1;
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
