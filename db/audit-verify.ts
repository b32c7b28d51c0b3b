import "server-only";
import { asc, gt } from "drizzle-orm";
import {
  GENESIS_HASH,
  KEYED,
  verifyChain,
  verifyChainEnd,
  type ChainPosition,
  type ChainVerdict,
  type StoredChainedEvent,
} from "@/lib/audit-chain";
import { compareWithCheckpoints, formatCheckpoint, type AuditCheckpoint } from "@/lib/audit-checkpoint";
import { auditKeys, type AuditKeys } from "@/lib/audit-keys";
import type { Executor } from "./connection";
import { auditEvents } from "./schema";

/** Rows read per query: bounded memory however long the log grows. */
export const AUDIT_VERIFY_PAGE_SIZE = 5_000;

/**
 * Verifies the whole audit chain (DESIGN.md rule 5), reading it in seq order one page at a time
 * (keyset pagination on seq) and carrying the last hash, seq and hash version from page to page;
 * then the end rule (no unsealed unkeyed tail) and any checkpoints the DPO kept.
 */
export async function verifyAuditChain({
  db,
  pageSize = AUDIT_VERIFY_PAGE_SIZE,
  key = auditKeys().chain,
  checkpoints = [],
}: {
  db: Executor;
  pageSize?: number;
  /** The chain key (lib/audit-keys.ts). */
  key?: Buffer;
  checkpoints?: readonly AuditCheckpoint[];
}): Promise<ChainVerdict> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be a positive integer");
  const wanted = new Set(checkpoints.map((checkpoint) => checkpoint.seq));
  const hashes = new Map<number, string>();
  let previous: ChainPosition = { hash: GENESIS_HASH, seq: 0, keyed: false };
  let count = 0;
  let verdict: ChainVerdict | undefined;
  for (let first = true; !verdict; first = false) {
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
        hashVersion: auditEvents.hashVersion,
      })
      .from(auditEvents)
      // The first page reads from the very start, so a row slipped in with seq <= 0 is caught too.
      .where(first ? undefined : gt(auditEvents.seq, previous.seq))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    const pageVerdict = verifyChain(page, previous, key);
    const verified = page.slice(0, pageVerdict.count);
    for (const event of verified) if (wanted.has(event.seq)) hashes.set(event.seq, event.hash);
    count += pageVerdict.count;
    const last = verified.at(-1);
    if (last) previous = { hash: last.hash, seq: last.seq, keyed: last.hashVersion === KEYED };
    if (!pageVerdict.ok) verdict = { ...pageVerdict, count };
    else if (page.length < pageSize) verdict = verifyChainEnd(previous);
  }
  return compareWithCheckpoints({ verdict, lastSeq: previous.seq, hashAt: (seq) => hashes.get(seq) }, checkpoints);
}

const PROBLEMS: Record<Extract<ChainVerdict, { ok: false }>["problem"], string> = {
  hash_mismatch: "the event's content does not match its stored hash: it was changed after it was written",
  prev_hash_mismatch: "the event does not chain from the hash of the event before it: an event was replaced or reordered",
  sequence_gap: "the sequence number does not follow the one before it: an event was removed or inserted",
  unknown_hash_version: "the event has a hash version Kotona never writes: it was not written by the app",
  unkeyed_after_keyed: "an unkeyed event follows keyed ones: it was written by someone without the audit key",
  seal_missing:
    "the first keyed event does not seal the unkeyed events before it: the unkeyed part of the log was rewritten or added to",
  unkeyed_unsealed:
    "the log ends in unkeyed events that no keyed event seals: a log from before the chain was keyed that was never migrated since (run npm run db:migrate), or a log rewritten by someone without the audit key",
  checkpoint_mismatch:
    "the event's hash differs from the one in the checkpoint: an event at or before this seq was changed, removed or inserted after the checkpoint was taken",
  truncated: "the event is missing: the log ends before a checkpoint's seq, so this event and every later one were removed",
};

function problemTail(verdict: Extract<ChainVerdict, { ok: false }>): string {
  if (verdict.problem === "checkpoint_mismatch") {
    return verdict.count > 0 ? `; events up to seq ${verdict.count} still match an earlier checkpoint` : "";
  }
  return `; ${verdict.count} events before it verified`;
}

/** One line for people and logs. */
export function describeVerdict(verdict: ChainVerdict): string {
  if (verdict.ok) {
    return verdict.count === 0
      ? "audit chain intact: 0 events (the log is empty)"
      : `audit chain intact: ${verdict.count} events, last hash ${verdict.lastHash}`;
  }
  return `audit chain BROKEN at event seq ${verdict.brokenSeq} (${verdict.problem}): ${PROBLEMS[verdict.problem]}${problemTail(verdict)}`;
}

/**
 * The core of `npm run audit:verify`: verifies (against the DPO's checkpoints when given), writes
 * one line, returns the exit status (0 intact, 1 broken).
 */
export async function runAuditVerify(
  db: Executor,
  write: (line: string) => void,
  { checkpoints = [], keys = auditKeys() }: { checkpoints?: readonly AuditCheckpoint[]; keys?: AuditKeys } = {},
): Promise<number> {
  const verdict = await verifyAuditChain({ db, key: keys.chain, checkpoints });
  let line = describeVerdict(verdict);
  if (verdict.ok && checkpoints.length > 0) {
    const latest = Math.max(...checkpoints.map((checkpoint) => checkpoint.seq));
    line += `; agrees with ${checkpoints.length} checkpoint${checkpoints.length === 1 ? "" : "s"}, the latest at seq ${latest}`;
  }
  write(line);
  return verdict.ok ? 0 : 1;
}

/**
 * The core of `npm run audit:checkpoint`: verifies the whole chain, then writes the checkpoint of
 * its head as the only line on `out` (for the DPO to keep outside the database) and the verdict on
 * `note`. A broken chain gets no checkpoint: exit status 1.
 */
export async function runAuditCheckpoint(
  db: Executor,
  { out, note }: { out: (line: string) => void; note: (line: string) => void },
  { keys = auditKeys(), now = new Date() }: { keys?: AuditKeys; now?: Date } = {},
): Promise<number> {
  const verdict = await verifyAuditChain({ db, key: keys.chain });
  note(describeVerdict(verdict));
  if (!verdict.ok) return 1;
  out(formatCheckpoint(keys.checkpoint, { seq: verdict.count, head: verdict.lastHash, at: now }));
  return 0;
}

