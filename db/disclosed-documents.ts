import "server-only";
import { and, eq } from "drizzle-orm";
import type { AuditAction } from "@/lib/audit-actions";
import { auditReasonOf, mayReadFunctionalCapacity } from "@/lib/auth/client-access";
import { roleHasPermission } from "@/lib/auth/permissions";
import { decryptField } from "@/lib/crypto";
import type { DataCategory } from "@/lib/data-categories";
import { documentAsSeenBy, identityCodesOf, type DisclosureDocument, type DocumentAsSeen } from "@/lib/disclosure-document";
import { maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import { refuse } from "@/lib/refusal";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import { requireClientAccess } from "./case-write";
import type { StaffActor } from "./client-access";
import type { Executor } from "./connection";
import { clients, disclosures } from "./schema";

/**
 * Reading back a disclosure document as it was recorded (db/disclosures.ts stores it encrypted,
 * with its SHA-256 in the log): the print-friendly page, the exact file, the identity code on request.
 * (Collecting a client's data for a new document is db/disclosure-document.ts.)
 */

/**
 * How a stored document is read: "page" (the print-friendly view, identity code masked), "download"
 * (the exact file whose SHA-256 the log keeps: it carries the identity code, so it is a reveal) or
 * "reveal" (the identity code on the page, on request).
 */
export type DocumentRead = "page" | "download" | "reveal";

export type StoredDocument =
  | { kind: "document"; json: string; sha256: string | null; seen: DocumentAsSeen }
  /** The exact file holds a category this reader may not see: it is not served. */
  | { kind: "withheld"; withheld: DataCategory[] };

/**
 * A stored disclosure document under the case's read rules (security issue 9): the client's access
 * checked as for the case; functional capacity only for those who may read it on the case (left out
 * of the page, and the exact file refused, for anyone else); the identity code masked on the page
 * until revealed. The look is audited, and so are the reads of special data it amounts to: a
 * functional-capacity view and an identity-code reveal, each naming the disclosure.
 */
export async function disclosedDocument({
  db,
  actor,
  clientId,
  disclosureId,
  read = "page",
}: {
  db: Executor;
  actor: StaffActor;
  clientId: string;
  disclosureId: string;
  read?: DocumentRead;
}): Promise<StoredDocument> {
  return db.transaction(async (tx): Promise<StoredDocument> => {
    const access = await requireClientAccess(tx, actor, clientId);
    if (!isUuid(disclosureId)) throw refuse("disclosure", "document_not_found", "No such disclosure");
    const [row] = await tx
      .select({ encrypted: disclosures.documentEncrypted, sha256: disclosures.documentSha256, assignedCaseworkerId: clients.assignedCaseworkerId })
      .from(disclosures)
      .innerJoin(clients, eq(clients.id, disclosures.clientId))
      .where(and(eq(disclosures.id, disclosureId), eq(disclosures.clientId, clientId)));
    if (!row?.encrypted) throw refuse("disclosure", "document_not_found", "No such disclosure, or its document is erased");
    const json = decryptField(row.encrypted);
    const reader = {
      mayReadFunctionalCapacity: roleHasPermission(actor.role, "client:readFunctionalCapacity") && mayReadFunctionalCapacity(actor, row),
      identityCodeRevealed: read !== "page",
    };
    const seen = documentAsSeenBy(JSON.parse(json) as DisclosureDocument, reader, maskPersonalIdentityCode);
    const event = (action: AuditAction, details: Record<string, unknown>) =>
      recordAuditEvent(tx, { actorId: actor.userId, action, clientId, reason: auditReasonOf(access), details: { disclosureId, ...details }, requestId: actor.requestId });
    if (read === "download" && seen.withheld.length > 0) {
      await event("disclosure.document_withheld", { read, withheld: seen.withheld });
      return { kind: "withheld", withheld: seen.withheld };
    }
    await event("disclosure.document_viewed", { read, ...(seen.withheld.length > 0 ? { withheld: seen.withheld } : {}) });
    if (seen.contains.functionalCapacity && seen.withheld.length === 0 && read !== "reveal") {
      await event("client.functional_capacity_viewed", { via: "disclosure_document" });
    }
    if (seen.identityCodeShown) await event("client.identity_code_revealed", { via: "disclosure_document" });
    return { kind: "document", json, sha256: row.sha256, seen };
  });
}

/** The identity code a stored document carries, for one look on its page; audited as a reveal. Null when it holds none. */
export async function revealDocumentIdentityCode({ db, actor, clientId, disclosureId }: { db: Executor; actor: StaffActor; clientId: string; disclosureId: string }): Promise<string | null> {
  const stored = await disclosedDocument({ db, actor, clientId, disclosureId, read: "reveal" });
  if (stored.kind !== "document") return null;
  return identityCodesOf(stored.seen.document)[0] ?? null;
}
