import "server-only";
import { asc, gt } from "drizzle-orm";
import { GENESIS_HASH, verifyChain, type ChainVerdict, type StoredChainedEvent } from "@/lib/audit-chain";
import type { Executor } from "./connection";
import { auditEvents } from "./schema";

/** Rows read per query: bounded memory however long the log grows. */
export const AUDIT_VERIFY_PAGE_SIZE = 5_000;

/**
 * Verifies the whole audit chain (DESIGN.md rule 5), reading it in seq order one page at a time
 * (keyset pagination on seq) and carrying the last hash and seq from page to page.
 */
export async function verifyAuditChain({
  db,
  pageSize = AUDIT_VERIFY_PAGE_SIZE,
}: {
  db: Executor;
  pageSize?: number;
}): Promise<ChainVerdict> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be a positive integer");
  let previous = { hash: GENESIS_HASH, seq: 0 };
  let count = 0;
  for (let first = true; ; first = false) {
    const page: StoredChainedEvent[] = await db
      .select({
        seq: auditEvents.seq,
        occurredAt: auditEvents.occurredAt,
        actorId: auditEvents.actorId,
        action: auditEvents.action,
        clientId: auditEvents.clientId,
        details: auditEvents.details,
        reason: auditEvents.reason,
        requestId: auditEvents.requestId,
        prevHash: auditEvents.prevHash,
        hash: auditEvents.hash,
      })
      .from(auditEvents)
      // The first page reads from the very start, so a row slipped in with seq <= 0 is caught too.
      .where(first ? undefined : gt(auditEvents.seq, previous.seq))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    const verdict = verifyChain(page, previous);
    if (!verdict.ok) return { ...verdict, count: count + verdict.count };
    count += verdict.count;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return { ok: true, count, lastHash: verdict.lastHash };
    previous = { hash: verdict.lastHash, seq: last.seq };
  }
}

const PROBLEMS: Record<Extract<ChainVerdict, { ok: false }>["problem"], string> = {
  hash_mismatch: "the event's content does not match its stored hash: it was changed after it was written",
  prev_hash_mismatch: "the event does not chain from the hash of the event before it: an event was replaced or reordered",
  sequence_gap: "the sequence number does not follow the one before it: an event was removed or inserted",
};

/** One line for people and logs. */
export function describeVerdict(verdict: ChainVerdict): string {
  if (verdict.ok) {
    return verdict.count === 0
      ? "audit chain intact: 0 events (the log is empty)"
      : `audit chain intact: ${verdict.count} events, last hash ${verdict.lastHash}`;
  }
  return (
    `audit chain BROKEN at event seq ${verdict.brokenSeq} (${verdict.problem}): ${PROBLEMS[verdict.problem]}; ` +
    `${verdict.count} events before it verified`
  );
}

/** The core of `npm run audit:verify`: verifies, writes one line, returns the exit status (0 intact, 1 broken). */
export async function runAuditVerify(db: Executor, write: (line: string) => void): Promise<number> {
  const verdict = await verifyAuditChain({ db });
  write(describeVerdict(verdict));
  return verdict.ok ? 0 : 1;
}
