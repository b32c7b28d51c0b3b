import "server-only";
import { desc, sql } from "drizzle-orm";
import { CHAIN_SEAL_ACTION, chainSealDetails, GENESIS_HASH, KEYED, keyedChainHash, type ChainedEventContent } from "@/lib/audit-chain";
import type { AuditAction } from "@/lib/audit-actions";
import { auditKeys } from "@/lib/audit-keys";
import type { Executor, Transaction } from "./connection";
import { auditEvents } from "./schema";

/** Any constant: the advisory lock that serializes appends so the chain never forks. */
const AUDIT_CHAIN_LOCK = 7_140_512_001;

export interface AuditEventInput {
  actorId: string | null;
  action: AuditAction;
  clientId?: string | null;
  /** Never personal data beyond ids: the log outlives erasure. */
  details?: Record<string, unknown>;
  reason?: string | null;
  requestId?: string | null;
}

/**
 * The text PostgreSQL gives back for a uuid. The hash must cover what is stored: an upper-case or
 * braced id is stored in lower case and would otherwise break the chain on verification.
 */
function storedUuid(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const hex = id.replace(/^\{(.*)\}$/, "$1").replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new TypeError(`Not a uuid: ${JSON.stringify(id)}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The text as stored: the drivers encode UTF-8, which turns a lone surrogate into U+FFFD. */
function storedText(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : text.toWellFormed();
}

interface ChainHead {
  seq: number;
  hash: string;
  hashVersion: number;
}

/** Call only under the chain lock. */
async function chainHead(tx: Transaction): Promise<ChainHead | undefined> {
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash, hashVersion: auditEvents.hashVersion })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return last;
}

async function appendKeyed(tx: Transaction, key: Buffer, head: ChainHead | undefined, event: Omit<ChainedEventContent, "seq">): Promise<ChainHead> {
  const content = { ...event, seq: (head?.seq ?? 0) + 1 };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = keyedChainHash(key, prevHash, content);
  await tx.insert(auditEvents).values({ ...content, prevHash, hash, hashVersion: KEYED });
  return { seq: content.seq, hash, hashVersion: KEYED };
}

/**
 * A log that still ends in unkeyed events (written before the chain was keyed) gets its seal: a
 * keyed `audit.chain_keyed` event naming the unkeyed prefix. Call only under the chain lock.
 */
async function sealIfUnkeyed(tx: Transaction, key: Buffer, head: ChainHead | undefined): Promise<ChainHead | undefined> {
  if (!head || head.hashVersion === KEYED) return head;
  return appendKeyed(tx, key, head, {
    occurredAt: new Date(),
    actorId: null,
    action: CHAIN_SEAL_ACTION,
    clientId: null,
    details: { ...chainSealDetails(head) },
    reason: null,
    requestId: null,
  });
}

/**
 * Appends one event to the chain, keyed with the audit chain key (lib/audit-keys.ts). Pass the
 * caller's transaction so the event commits or rolls back with the change it records; on its own
 * it opens one.
 */
export async function recordAuditEvent(
  executor: Executor,
  input: AuditEventInput,
  key: Buffer = auditKeys().chain,
): Promise<{ seq: number; hash: string }> {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const head = await sealIfUnkeyed(tx, key, await chainHead(tx));
    const { seq, hash } = await appendKeyed(tx, key, head, {
      occurredAt: new Date(),
      actorId: storedUuid(input.actorId),
      action: input.action,
      clientId: storedUuid(input.clientId),
      details: input.details ?? {},
      reason: storedText(input.reason),
      requestId: storedText(input.requestId),
    });
    return { seq, hash };
  });
}

/**
 * Seals the unkeyed events of a log written before the chain was keyed (run after migrating, so
 * `audit:verify` passes on an upgraded database before anything new is recorded). Does nothing on
 * an empty or already keyed log.
 */
export async function sealUnkeyedAuditChain(executor: Executor, key: Buffer = auditKeys().chain): Promise<"sealed" | "nothing_to_seal"> {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const head = await chainHead(tx);
    return (await sealIfUnkeyed(tx, key, head)) === head ? "nothing_to_seal" : "sealed";
  });
}
