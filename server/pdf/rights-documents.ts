import "server-only";
import { eq } from "drizzle-orm";
import { buildClientAccessReport, requestForDocuments, requireDocumentHandler } from "@/db/access-report";
import type { Executor } from "@/db/connection";
import { auditPreview, storeRightsDocument, type DocumentFormat } from "@/db/rights-documents";
import { clients, dataSubjectRequests } from "@/db/schema";
import { getRegisterSettings } from "@/db/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { isPublicLocale, type PublicLocale } from "@/lib/i18n/locales";
import { refuse } from "@/lib/refusal";
import { accessReportJson, type AccessReport } from "@/lib/rights/access-report";
import { accessReportDocument } from "@/lib/rights/access-report-document";
import { processingRecordDocument } from "@/lib/rights/processing-record";
import { buildRefusalCertificate, letterDocument, refusalCertificateDocument, type RefusalScope } from "@/lib/rights/refusal-certificate";
import type { PdfDocumentModel } from "@/lib/pdf/document-model";
import { renderPdf } from "./render";
import { documentTexts } from "./texts";

/**
 * The documents a data subject gets, made on the server: the access report, the refusal
 * certificate, letters, and the record of processing activities for the officer. Each is a pure
 * content object (its JSON) drawn as a PDF in the person's language (server/pdf/render.ts).
 */

export interface MadeAccessReport {
  clientId: string;
  report: AccessReport;
  json: string;
  pdf: Buffer;
  model: PdfDocumentModel;
}

/** The reply language of a request when it is one of the six, else Finnish. */
function replyLocale(value: string | null | undefined, chosen?: string | null): PublicLocale {
  if (isPublicLocale(chosen)) return chosen;
  return isPublicLocale(value) ? value : "fi";
}

/**
 * The access report of a request's client (or of a client directly, for the benchmark), with its
 * JSON and PDF. Nothing is stored or audited here: the preview route and the release do that.
 */
export async function accessReportFor({
  db,
  actor,
  requestId,
  clientId,
  locale,
  now = new Date(),
}: {
  db: Executor;
  actor: StaffActor;
  requestId?: string;
  clientId?: string;
  locale?: PublicLocale;
  now?: Date;
}): Promise<MadeAccessReport> {
  requireDocumentHandler(actor);
  let target = clientId ?? null;
  let language = locale ?? "fi";
  if (requestId) {
    const request = await requestForDocuments(db, requestId);
    if (!request) throw refuse("rights_document", "not_found", "No such request");
    // Portability (Art 20) is answered with the same report, whose JSON is the machine-readable copy.
    if (request.kind !== "access" && request.kind !== "portability") {
      throw refuse("rights_document", "not_access_request", "Only an access or portability request gets an access report", { clientId: request.clientId });
    }
    if (!request.clientId) throw refuse("rights_document", "no_client", "The request names no client");
    target = request.clientId;
    language = replyLocale(request.replyLanguage, locale);
  }
  if (!target) throw refuse("rights_document", "no_client", "No client");
  const report = await buildClientAccessReport({ db, actor, clientId: target, requestId: requestId ?? null, locale: language, now });
  const model = accessReportDocument(report, await documentTexts(language));
  return { clientId: target, report, json: accessReportJson(report), pdf: await renderPdf(model, { createdAt: now }), model };
}

/** A preview of a request's access report, audited as a look at the client's data. */
export async function previewAccessReport({ db, actor, requestId, locale, format }: { db: Executor; actor: StaffActor; requestId: string; locale?: PublicLocale; format: DocumentFormat }) {
  const made = await accessReportFor({ db, actor, requestId, locale });
  await auditPreview({ db, actor, kind: "access_report", requestId, clientId: made.clientId, format });
  return made;
}

/** The request locked for a release: identity verified, not closed. */
async function lockRequest(db: Executor, requestId: string) {
  const request = await requestForDocuments(db, requestId);
  if (!request) throw refuse("rights_document", "not_found", "No such request");
  await db.select({ id: dataSubjectRequests.id }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId)).for("update");
  if (request.status === "received" || request.status === "closed") {
    throw refuse("rights_document", "not_allowed", "The requester's identity is not verified yet, or the request is closed", { clientId: request.clientId });
  }
  return request;
}

/** Releases the access report: built again, stored encrypted with both SHA-256, audited. */
export async function releaseAccessReport({ db, actor, requestId, locale }: { db: Executor; actor: StaffActor; requestId: string; locale?: PublicLocale }) {
  requireDocumentHandler(actor);
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId);
    const made = await accessReportFor({ db: tx, actor, requestId, locale });
    const stored = await storeRightsDocument({ tx, actor, kind: "access_report", requestId, clientId: request.clientId, locale: made.report.locale, json: made.json, pdf: made.pdf });
    return { ...stored, clientId: request.clientId };
  });
}

export interface RefusalCertificateRequest {
  requestId: string;
  scope: RefusalScope;
  grounds: string[];
  refusedWhat: string;
  justification: string;
  locale?: PublicLocale;
}

/** Issues a refusal certificate for a request: stored like the report, audited as released. */
export async function issueRefusalCertificate({ db, actor, input, now = new Date() }: { db: Executor; actor: StaffActor; input: RefusalCertificateRequest; now?: Date }) {
  requireDocumentHandler(actor);
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, input.requestId);
    if (request.decision === "accepted") throw refuse("rights_document", "not_allowed", "The request was accepted: nothing to refuse", { clientId: request.clientId });
    const locale = replyLocale(request.replyLanguage, input.locale);
    const [client] = request.clientId
      ? await tx.select({ firstNames: clients.firstNames, lastName: clients.lastName, clientNumber: clients.clientNumber }).from(clients).where(eq(clients.id, request.clientId))
      : [];
    const certificate = buildRefusalCertificate({
      locale,
      generatedAt: now,
      settings: await getRegisterSettings({ db: tx }),
      requestId: request.id,
      request: { kind: request.kind, receivedOn: request.receivedOn },
      subject: client ?? null,
      scope: input.scope,
      groundCodes: input.grounds,
      refusedWhat: input.refusedWhat,
      justification: input.justification,
    });
    const pdf = await renderPdf(refusalCertificateDocument(certificate, await documentTexts(locale)), { createdAt: now });
    const stored = await storeRightsDocument({ tx, actor, kind: "refusal_certificate", requestId: request.id, clientId: request.clientId, locale, json: `${JSON.stringify(certificate, null, 2)}\n`, pdf });
    return { ...stored, certificate, pdf, clientId: request.clientId };
  });
}

/** A letter's PDF (the restriction engineer's lift notice and recipient notices). */
export async function renderLetterPdf({ locale, title, paragraphs }: { locale: string; title: string; paragraphs: readonly string[] }): Promise<Buffer> {
  return renderPdf(letterDocument({ locale, title, paragraphs }));
}

/** The record of processing activities (GDPR Art 30(1)) from the settings, as a model for the page and as a PDF. */
export async function processingRecord({ db, locale, now = new Date() }: { db: Executor; locale: PublicLocale; now?: Date }) {
  const texts = await documentTexts(locale);
  const model = processingRecordDocument(await getRegisterSettings({ db }), { t: texts.t, locale, generatedAt: now });
  return { model, pdf: () => renderPdf(model, { createdAt: now }) };
}
