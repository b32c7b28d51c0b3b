import "server-only";
import { openDatabase, targetFromEnv, type Database, type DatabaseHandle } from "./connection";

export type { Database, Executor, Transaction } from "./connection";

// PGlite has no lock on its folder: one instance per process, kept across dev reloads.
const holder = globalThis as unknown as { __kotonaDb?: Promise<DatabaseHandle> };

/** The app's database, opened and migrated on first use. */
export async function getDb(): Promise<Database> {
  holder.__kotonaDb ??= openDatabase(targetFromEnv()).catch((error: unknown) => {
    holder.__kotonaDb = undefined;
    throw new Error("Could not open the database", { cause: error });
  });
  return (await holder.__kotonaDb).db;
}

/** Tests and scripts point the app's data access at a database they opened themselves. */
export function useDatabase(handle: DatabaseHandle): void {
  holder.__kotonaDb = Promise.resolve(handle);
}
