/**
 * npm run test:e2e — end-to-end tests in Chromium against `npm start` (the production build) on a
 * fresh PostgreSQL database that is dropped afterwards, so the tests can read what the app wrote.
 * As in production, `npm start` migrates as the owner (DATABASE_MIGRATION_URL) and the server
 * connects as a login role that is only a member of kotona_app (DATABASE_URL), so every write the
 * browser makes runs under the app's restricted role.
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
  const appRole = `${name}_app`;
  const appUrl = new URL(url);
  appUrl.username = appRole;
  appUrl.password = "";
  try {
    // The group role is cluster-wide; the migration creates it too, but the login role needs it now.
    await admin.unsafe(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kotona_app') THEN CREATE ROLE kotona_app NOLOGIN; END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.unsafe(`CREATE ROLE ${appRole} LOGIN IN ROLE kotona_app`);
    const result = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: appUrl.toString(),
        DATABASE_MIGRATION_URL: url.toString(),
        KOTONA_DEMO: "1",
        KOTONA_INTAKE_SUBMISSIONS_PER_HOUR: process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR ?? "40",
        // Playwright plays one trusted reverse proxy: a test that sends X-Forwarded-For is a client
        // at the rightmost entry, so tests keep their counters apart; the others are the socket.
        KOTONA_TRUSTED_PROXIES: "1",
        AUTH_SECRET: randomBytes(32).toString("base64"),
        KOTONA_DATA_KEY: randomBytes(32).toString("base64"),
      },
    });
    return result.status ?? 1;
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`DROP ROLE IF EXISTS ${appRole}`);
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
