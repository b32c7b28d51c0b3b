import type { StaffRole } from "@/lib/auth/roles";

/**
 * The demo's staff accounts, one per role plus a second caseworker, all with DEMO_PASSWORD.
 * `npm run db:seed` creates them only on a local embedded database, or when KOTONA_DEMO=1.
 * Shared by the seed, the README and the end-to-end tests; free of server imports.
 */
export const DEMO_PASSWORD = "kotona-demo-2026";

export interface DemoAccount {
  role: StaffRole;
  email: string;
  displayName: string;
}

export const demoAccounts = [
  { role: "caseworker", email: "caseworker@demo.kotona.example", displayName: "Ohjaaja 1 (demo)" },
  { role: "caseworker", email: "caseworker2@demo.kotona.example", displayName: "Ohjaaja 2 (demo)" },
  { role: "coordinator", email: "coordinator@demo.kotona.example", displayName: "Koordinaattori (demo)" },
  { role: "dpo", email: "dpo@demo.kotona.example", displayName: "Tietosuojavastaava (demo)" },
  { role: "admin", email: "admin@demo.kotona.example", displayName: "Pääkäyttäjä (demo)" },
  { role: "reporting", email: "reporting@demo.kotona.example", displayName: "Raportoija (demo)" },
] as const satisfies readonly DemoAccount[];

/** The first demo account with a role (for tests that need "a caseworker"). */
export function demoAccountFor(role: StaffRole): DemoAccount {
  const account = demoAccounts.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`No demo account for role ${role}`);
  return account;
}

/**
 * Demo accounts have a published password: they are created on a local embedded database
 * (no DATABASE_URL, not production), or anywhere when KOTONA_DEMO=1; KOTONA_DEMO=0 forbids them.
 */
export function demoAccountsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.KOTONA_DEMO === "1") return true;
  if (env.KOTONA_DEMO === "0") return false;
  return !env.DATABASE_URL && env.NODE_ENV !== "production";
}
