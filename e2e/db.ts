import postgres, { type Sql } from "postgres";

let shared: Sql | undefined;

/**
 * The e2e server's database (scripts/e2e.ts creates it), for checking what the app wrote and for
 * making a test's own staff and clients (e2e/factories.ts). One pool per Playwright worker, shared by
 * every spec, which no spec ends: with fullyParallel a worker runs one file's tests in several groups,
 * each with its own beforeAll/afterAll, so a spec that ended "its" connection in afterAll left a later
 * group of the same file with a closed one (CONNECTION_ENDED). Idle connections close by themselves,
 * and the worker's exit closes the rest.
 */
export function database(): Sql {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run end-to-end tests with `npm run test:e2e`.");
  if (!shared) {
    const pool = postgres(url, { max: 2, idle_timeout: 5, onnotice: () => {} });
    // A spec cannot end what every spec of the worker shares: `sql.end()` in a spec's afterAll (the
    // old habit) is a no-op here rather than a closed pool for the next group.
    shared = Object.assign(pool, { end: async () => {} });
  }
  return shared;
}
