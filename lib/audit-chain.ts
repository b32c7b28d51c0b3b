import { createHash, createHmac } from "node:crypto";

/** The hash the first event chains from. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedEventContent {
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  clientId: string | null;
  details: Record<string, unknown>;
  reason: string | null;
  requestId: string | null;
}

/**
 * JSON with object keys sorted at every depth. jsonb reorders keys and drops duplicates, so the
 * hash must not depend on key order for an event to verify after a round trip through the database.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // Hash what JSON.stringify (and so the database) stores, e.g. a Buffer's {type, data} form.
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function canonicalEvent(event: ChainedEventContent): string {
  return canonicalJson({
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    action: event.action,
    clientId: event.clientId,
    details: event.details,
    reason: event.reason,
    requestId: event.requestId,
  });
}

/**
 * Hash version 1, unkeyed: SHA-256(previous hash ‖ canonical event), hex. Only events written
 * before the chain was keyed carry it; anyone can recompute it, so it proves nothing on its own.
 */
export function chainHash(prevHash: string, event: ChainedEventContent): string {
  return createHash("sha256").update(prevHash).update(canonicalEvent(event)).digest("hex");
}

/**
 * Hash version 2, keyed: HMAC-SHA-256(audit key, previous hash ‖ canonical event), hex. The key is
 * not in the database (lib/audit-keys.ts), so someone holding only the database login cannot
 * recompute the chain after changing, removing or inserting an event.
 */
export function keyedChainHash(key: Buffer, prevHash: string, event: ChainedEventContent): string {
  return createHmac("sha256", key).update(prevHash).update(canonicalEvent(event)).digest("hex");
}

export const UNKEYED = 1;
export const KEYED = 2;
export type HashVersion = typeof UNKEYED | typeof KEYED;

/**
 * The first keyed event on a database that already holds unkeyed events: it names the unkeyed
 * prefix it seals (also bound by its keyed hash through prevHash). Unkeyed events may only come
 * before it, so a chain rewritten by someone without the key cannot pass as "old, unkeyed" events:
 * it would either lack a valid seal or put unkeyed events after keyed ones.
 */
export const CHAIN_SEAL_ACTION = "audit.chain_keyed";

export interface ChainSealDetails {
  unkeyedEvents: number;
  unkeyedHead: string;
}

export function chainSealDetails(unkeyed: { seq: number; hash: string }): ChainSealDetails {
  return { unkeyedEvents: unkeyed.seq, unkeyedHead: unkeyed.hash };
}

export interface StoredChainedEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
  /** UNKEYED or KEYED; absent means UNKEYED (events from before the column existed). */
  hashVersion?: number;
}

export type ChainProblem =
  | "prev_hash_mismatch"
  | "hash_mismatch"
  | "sequence_gap"
  | "unknown_hash_version"
  | "unkeyed_after_keyed"
  | "seal_missing"
  | "unkeyed_unsealed"
  | "checkpoint_mismatch"
  | "truncated";

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenSeq: number; problem: ChainProblem };

/** Where a walk of the chain stands: the last verified event (seq 0 and the genesis hash before the first). */
export interface ChainPosition {
  hash: string;
  seq: number;
  /** Whether the last verified event is keyed. */
  keyed?: boolean;
}

/**
 * Walks events in sequence order. `previous` lets a caller verify in pages: pass the verdict's
 * lastHash, the last seq of the page before and whether that event was keyed. `key` (the chain key
 * of lib/audit-keys.ts) is needed as soon as a keyed event is met.
 */
export function verifyChain(
  events: Iterable<StoredChainedEvent>,
  previous: ChainPosition = { hash: GENESIS_HASH, seq: 0 },
  key?: Buffer,
): ChainVerdict {
  let prevHash = previous.hash;
  let prevSeq = previous.seq;
  let prevKeyed = previous.keyed ?? false;
  let count = 0;
  for (const event of events) {
    const broken = (problem: ChainProblem): ChainVerdict => ({ ok: false, count, brokenSeq: event.seq, problem });
    const version = event.hashVersion ?? UNKEYED;
    if (event.seq !== prevSeq + 1) return broken("sequence_gap");
    if (version !== UNKEYED && version !== KEYED) return broken("unknown_hash_version");
    if (version === UNKEYED && prevKeyed) return broken("unkeyed_after_keyed");
    if (event.prevHash !== prevHash) return broken("prev_hash_mismatch");
    if (version === KEYED) {
      if (!key) throw new TypeError("A keyed audit event can only be verified with the audit chain key");
      if (keyedChainHash(key, prevHash, event) !== event.hash) return broken("hash_mismatch");
      if (!prevKeyed && prevSeq > 0 && !sealsPrefix(event, { seq: prevSeq, hash: prevHash })) return broken("seal_missing");
    } else if (chainHash(prevHash, event) !== event.hash) {
      return broken("hash_mismatch");
    }
    prevHash = event.hash;
    prevSeq = event.seq;
    prevKeyed = version === KEYED;
    count += 1;
  }
  return { ok: true, count, lastHash: prevHash };
}

function sealsPrefix(event: ChainedEventContent, unkeyed: { seq: number; hash: string }): boolean {
  const expected = chainSealDetails(unkeyed);
  return (
    event.action === CHAIN_SEAL_ACTION &&
    event.details.unkeyedEvents === expected.unkeyedEvents &&
    event.details.unkeyedHead === expected.unkeyedHead
  );
}

/**
 * The rule for the end of the whole chain: a log that ends in unkeyed events was never sealed by a
 * keyed one. Either it was written before the upgrade and never opened since (a migration or the
 * next event seals it), or it was rewritten by someone without the key.
 */
export function verifyChainEnd(last: ChainPosition): ChainVerdict {
  if (last.seq > 0 && !last.keyed) return { ok: false, count: last.seq, brokenSeq: last.seq + 1, problem: "unkeyed_unsealed" };
  return { ok: true, count: last.seq, lastHash: last.hash };
}

/** A whole chain held in memory: every event, then the end rule. */
export function verifyWholeChain(events: readonly StoredChainedEvent[], key: Buffer): ChainVerdict {
  const verdict = verifyChain(events, undefined, key);
  if (!verdict.ok) return verdict;
  const last = events.at(-1);
  return verifyChainEnd(last ? { seq: last.seq, hash: last.hash, keyed: (last.hashVersion ?? UNKEYED) === KEYED } : { seq: 0, hash: GENESIS_HASH });
}
