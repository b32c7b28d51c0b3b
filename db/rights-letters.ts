import "server-only";
import { eq } from "drizzle-orm";
import { roleHasPermission } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/auth/client-access";
import { decryptField } from "@/lib/crypto";
import { isUuid } from "@/lib/forms/uuid";
import { recordAuditEvent } from "./audit";
import type { Executor } from "./connection";
import { clientRestrictions, recipientNotices, rightsDocuments } from "./schema";

/**
 * The stored letters of restriction and of the recipients' notices, opened for the officer: the
 * lift notice of a restriction or the letter of a recipient notice, found through the row that
 * made it (a restriction applied on the officer's own decision has no request to file the letter
 * under, so db/rights-documents.ts's request-bound reader does not reach it). The download is audited.
 */

export type LetterOwner = { kind: "restriction"; restrictionId: string } | { kind: "notice"; noticeId: string };

export async function letterFile({ db, actor, owner, dataKey }: { db: Executor; actor: StaffActor; owner: LetterOwner; dataKey?: Buffer }): Promise<{ pdf: Buffer; sha256: string } | null> {
  if (!roleHasPermission(actor.role, "request:manage")) return null;
  const ownerId = owner.kind === "restriction" ? owner.restrictionId : owner.noticeId;
  if (!isUuid(ownerId)) return null;
  const [made] =
    owner.kind === "restriction"
      ? await db.select({ documentId: clientRestrictions.liftNoticeDocumentId, clientId: clientRestrictions.clientId }).from(clientRestrictions).where(eq(clientRestrictions.id, ownerId))
      : await db.select({ documentId: recipientNotices.documentId, clientId: recipientNotices.clientId }).from(recipientNotices).where(eq(recipientNotices.id, ownerId));
  if (!made?.documentId) return null;
  const [document] = await db
    .select({ pdfEncrypted: rightsDocuments.pdfEncrypted, pdfSha256: rightsDocuments.pdfSha256, kind: rightsDocuments.kind })
    .from(rightsDocuments)
    .where(eq(rightsDocuments.id, made.documentId));
  // Cleared when the client's data is erased; the row and its hash stay.
  if (!document?.pdfEncrypted) return null;
  const pdf = Buffer.from(decryptField(document.pdfEncrypted, dataKey), "base64");
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "notice.letter_downloaded",
    clientId: made.clientId,
    details: { documentId: made.documentId, kind: document.kind, [owner.kind === "restriction" ? "restrictionId" : "noticeId"]: ownerId },
    requestId: actor.requestId,
  });
  return { pdf, sha256: document.pdfSha256 };
}
