import "server-only";
import type { AuditAction } from "@/lib/audit-actions";
import type { StaffActor } from "@/lib/auth/client-access";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";

/**
 * A write the register refused, recorded with its outcome (security issue 9): a refusal can itself
 * reveal personal data — "this identity code is already registered" tells that a person is a client —
 * so who tried what, on which client, and what they learnt must be attributable like any read. The
 * refused write's own transaction rolled back; this event is written on its own.
 */
export async function recordWriteRefusal({
  db,
  actor,
  attempted,
  clientId,
  domain,
  outcome,
  otherClientIds = [],
}: {
  db: Executor;
  actor: Pick<StaffActor, "userId" | "requestId">;
  /** The audit action the write would have recorded. */
  attempted: AuditAction;
  clientId?: string | null;
  /** The refusal's domain and code (lib/refusal.ts). */
  domain: string;
  outcome: string;
  /** Clients the refusal named, e.g. the holder of an identity code already registered. */
  otherClientIds?: readonly string[];
}): Promise<void> {
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "write.refused",
    clientId: clientId && isUuid(clientId) ? clientId : null,
    details: { attempted, domain, outcome, ...(otherClientIds.length > 0 ? { clientIds: [...otherClientIds] } : {}) },
    requestId: actor.requestId,
  });
}
