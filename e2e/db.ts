import postgres from "postgres";

/** The e2e server's database (scripts/e2e.ts creates it), for checking what the app wrote. */
export function database() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run end-to-end tests with `npm run test:e2e`.");
  return postgres(url, { max: 2, onnotice: () => {} });
}
