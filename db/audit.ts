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
      actorId: input.actorId,
      action: input.action,
      clientId: input.clientId ?? null,
      details: input.details ?? {},
      reason: input.reason ?? null,
      requestId: input.requestId ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = chainHash(prevHash, content);
    await tx.insert(auditEvents).values({ ...content, prevHash, hash });
    return { seq: content.seq, hash };
  });
}
