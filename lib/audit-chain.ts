import { createHash } from "node:crypto";

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

/** SHA-256(previous hash ‖ canonical event), hex. */
export function chainHash(prevHash: string, event: ChainedEventContent): string {
  return createHash("sha256").update(prevHash).update(canonicalEvent(event)).digest("hex");
}

export interface StoredChainedEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenSeq: number; problem: "prev_hash_mismatch" | "hash_mismatch" | "sequence_gap" };

/**
 * Walks events in sequence order. `previous` lets a caller verify in pages: pass the verdict's
 * lastHash and the last seq of the page before.
 */
export function verifyChain(
  events: Iterable<StoredChainedEvent>,
  previous: { hash: string; seq: number } = { hash: GENESIS_HASH, seq: 0 },
): ChainVerdict {
  let prevHash = previous.hash;
  let prevSeq = previous.seq;
  let count = 0;
  for (const event of events) {
    if (event.seq !== prevSeq + 1) return { ok: false, count, brokenSeq: event.seq, problem: "sequence_gap" };
    if (event.prevHash !== prevHash) return { ok: false, count, brokenSeq: event.seq, problem: "prev_hash_mismatch" };
    if (chainHash(prevHash, event) !== event.hash) return { ok: false, count, brokenSeq: event.seq, problem: "hash_mismatch" };
    prevHash = event.hash;
    prevSeq = event.seq;
    count += 1;
  }
  return { ok: true, count, lastHash: prevHash };
}
