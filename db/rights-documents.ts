import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { AuditAction } from "@/lib/audit-actions";
import type { StaffActor } from "@/lib/auth/client-access";
import { decryptField, encryptField } from "@/lib/crypto";
import type { RightsDocumentKind } from "@/lib/domain-values";
import { isUuid } from "@/lib/forms/uuid";
import { refuse } from "@/lib/refusal";
import { recordAuditEvent } from "./audit";
import { requireDocumentHandler } from "./access-report";
import type { Executor, Transaction } from "./connection";
import { rightsDocuments } from "./schema";

/**
 * Documents given to a data subject, stored as released (db/schema/rights-documents.ts): the PDF
 * and the JSON, each encrypted under the data key like a disclosure document, with the SHA-256 of
 * each. Every release, preview and download is an audit event naming the client and the request,
 * never the document's content.
 */

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

async function auditDocument(tx: Executor, actor: StaffActor, action: AuditAction, clientId: string | null, details: Record<string, unknown>) {
  await recordAuditEvent(tx, { actorId: actor.userId, action, clientId, details, requestId: actor.requestId });
}

/**
 * Stores a released document in the caller's transaction and audits the release
 * (`rights_document.released`). Used for the access report, the refusal certificate and the
 * restriction engineer's letters (db/restrictions.ts, db/recipient-notices.ts).
 */
export async function storeRightsDocument({
  tx,
  actor,
  kind,
  requestId = null,
  clientId = null,
  locale,
  json,
  pdf,
  dataKey,
}: {
  tx: Transaction;
  actor: StaffActor;
  kind: RightsDocumentKind;
  requestId?: string | null;
  clientId?: string | null;
  locale: string;
  json: string;
  pdf: Buffer;
  dataKey?: Buffer;
}): Promise<{ id: string; jsonSha256: string; pdfSha256: string }> {
  const jsonSha256 = sha256(json);
  const pdfSha256 = sha256(pdf);
  const [row] = await tx
    .insert(rightsDocuments)
    .values({
      kind,
      requestId,
      clientId,
      locale,
      jsonSha256,
      pdfSha256,
      jsonEncrypted: encryptField(json, dataKey),
      pdfEncrypted: encryptField(pdf.toString("base64"), dataKey),
      releasedBy: actor.userId,
    })
    .returning({ id: rightsDocuments.id });
  if (!row) throw new Error("Storing the rights document returned no row");
  await auditDocument(tx, actor, "rights_document.released", clientId, { documentId: row.id, kind, dataSubjectRequestId: requestId, locale, jsonSha256, pdfSha256 });
  return { id: row.id, jsonSha256, pdfSha256 };
}

/** The documents released for a request, newest first (no content). */
export async function releasedDocuments({ db, actor, requestId }: { db: Executor; actor: StaffActor; requestId: string }) {
  requireDocumentHandler(actor);
  if (!isUuid(requestId)) return [];
  return db
    .select({
      id: rightsDocuments.id,
      kind: rightsDocuments.kind,
      locale: rightsDocuments.locale,
      jsonSha256: rightsDocuments.jsonSha256,
      pdfSha256: rightsDocuments.pdfSha256,
      releasedAt: rightsDocuments.releasedAt,
    })
    .from(rightsDocuments)
    .where(eq(rightsDocuments.requestId, requestId))
    .orderBy(desc(rightsDocuments.releasedAt));
}

export type DocumentFormat = "pdf" | "json";

/** A released document's exact file, opened; the download is audited. */
export async function readRightsDocument({
  db,
  actor,
  requestId,
  documentId,
  format,
  dataKey,
}: {
  db: Executor;
  actor: StaffActor;
  requestId: string;
  documentId: string;
  format: DocumentFormat;
  dataKey?: Buffer;
}): Promise<{ body: Buffer; sha256: string; kind: RightsDocumentKind; locale: string }> {
  requireDocumentHandler(actor);
  if (!isUuid(requestId) || !isUuid(documentId)) throw refuse("rights_document", "not_found", "No such document");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(rightsDocuments)
      .where(and(eq(rightsDocuments.id, documentId), eq(rightsDocuments.requestId, requestId)));
    const stored = format === "pdf" ? row?.pdfEncrypted : row?.jsonEncrypted;
    if (!row || !stored) throw refuse("rights_document", "not_found", "No such document, or it is erased");
    const opened = decryptField(stored, dataKey);
    const body = format === "pdf" ? Buffer.from(opened, "base64") : Buffer.from(opened, "utf8");
    await auditDocument(tx, actor, "rights_document.downloaded", row.clientId, { documentId, kind: row.kind, dataSubjectRequestId: requestId, format });
    return { body, sha256: format === "pdf" ? row.pdfSha256 : row.jsonSha256, kind: row.kind, locale: row.locale };
  });
}

/** Audits a preview of a document that is not released yet (what the officer looked at, not its content). */
export async function auditPreview({ db, actor, kind, requestId, clientId, format }: { db: Executor; actor: StaffActor; kind: RightsDocumentKind; requestId: string; clientId: string | null; format: DocumentFormat }) {
  await auditDocument(db, actor, "rights_document.previewed", clientId, { kind, dataSubjectRequestId: requestId, format });
}
