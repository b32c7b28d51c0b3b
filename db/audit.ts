import "server-only";
import { desc, sql } from "drizzle-orm";
import { chainHash, GENESIS_HASH } from "@/lib/audit-chain";
import type { AuditAction } from "@/lib/audit-actions";
import type { Executor } from "./connection";
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

/**
 * Appends one event to the chain. Pass the caller's transaction so the event commits or rolls back
 * with the change it records; on its own it opens one.
 */
export async function recordAuditEvent(executor: Executor, input: AuditEventInput): Promise<{ seq: number; hash: string }> {
  return executor.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const content = {
      seq: (last?.seq ?? 0) + 1,
      occurredAt: new Date(),
      actorId: storedUuid(input.actorId),
      action: input.action,
      clientId: storedUuid(input.clientId),
      details: input.details ?? {},
      reason: storedText(input.reason),
      requestId: storedText(input.requestId),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, content);
    await tx.insert(auditEvents).values({ ...content, prevHash, hash });
    return { seq: content.seq, hash };
  });
}
