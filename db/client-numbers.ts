import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "./connection";
import { clientNumberCounters } from "./schema";

export function formatClientNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, "0")}`;
}

/**
 * The next client number of `year`, e.g. 2026-000123. The upsert locks the year's counter row,
 * so concurrent callers get distinct numbers; call it in the transaction that inserts the client,
 * so a rolled-back insert gives its number back.
 */
export async function nextClientNumber(tx: Executor, year: number): Promise<string> {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Not a client number year: ${year}`);
  const [row] = await tx
    .insert(clientNumberCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: clientNumberCounters.year, set: { last: sql`${clientNumberCounters.last} + 1` } })
    .returning({ last: clientNumberCounters.last });
  if (!row) throw new Error("The client number counter returned no row");
  return formatClientNumber(year, row.last);
}
