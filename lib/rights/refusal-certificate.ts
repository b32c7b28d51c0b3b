import type { RequestKind } from "../domain-values";
import { settingsTextFallbacks, textDirection, type PublicLocale } from "../i18n/locales";
import { fields, heading, list, paragraph, type PdfBlock, type PdfDocumentModel } from "../pdf/document-model";
import { refuse } from "../refusal";
import { localised, type RegisterSettings } from "../register-settings";
import { formatDate, rightsBlocks, type DocumentTexts } from "./access-report-document";

/**
 * The refusal certificate (kieltäytymistodistus; DESIGN.md rule 6, Data Protection Act 1050/2018
 * §34): a written refusal, whole or partial, with the reasons from the grounds the settings hold
 * (each with its provision), the officer's own justification, what was refused, and the right to
 * take the matter to the Data Protection Ombudsman at the address in the settings. Pure: the JSON
 * is this object; the PDF is drawn from refusalCertificateDocument.
 */

export const REFUSAL_CERTIFICATE_FORMAT = "kotona.refusal-certificate/1";
export const refusalScopes = ["whole", "partial"] as const;
export type RefusalScope = (typeof refusalScopes)[number];

export interface RefusalCertificate {
  format: typeof REFUSAL_CERTIFICATE_FORMAT;
  generatedAt: string;
  locale: PublicLocale;
  requestId: string;
  request: { kind: RequestKind; receivedOn: string };
  subject: { firstNames: string; lastName: string; clientNumber: string } | null;
  scope: RefusalScope;
  refusedWhat: string;
  grounds: { code: string; provision: string; text: string; statutoryDuty: boolean }[];
  justification: string;
  controller: { name: string; addressLines: string[]; email: string };
  dpo: { role: string; email: string };
  ombudsman: { name: string; addressLines: string[]; url: string | null };
}

export interface RefusalCertificateInput {
  locale: PublicLocale;
  generatedAt: Date;
  settings: RegisterSettings;
  requestId: string;
  request: { kind: RequestKind; receivedOn: string };
  subject: RefusalCertificate["subject"];
  scope: RefusalScope;
  groundCodes: readonly string[];
  refusedWhat: string;
  justification: string;
}

export function buildRefusalCertificate(input: RefusalCertificateInput): RefusalCertificate {
  const { settings, locale } = input;
  const text = (value: Parameters<typeof localised>[0]) => localised(value, locale, settingsTextFallbacks(locale));
  const grounds = input.groundCodes.map((code) => {
    const ground = settings.refusalGrounds.find((candidate) => candidate.code === code);
    if (!ground) throw refuse("rights_document", "unknown_ground", "A chosen refusal ground is not in the settings", { field: "grounds" });
    return { code, provision: text(ground.provision), text: text(ground.text), statutoryDuty: ground.statutoryDuty };
  });
  return {
    format: REFUSAL_CERTIFICATE_FORMAT,
    generatedAt: input.generatedAt.toISOString(),
    locale,
    requestId: input.requestId,
    request: input.request,
    subject: input.subject,
    scope: input.scope,
    refusedWhat: input.refusedWhat,
    grounds,
    justification: input.justification,
    controller: { name: text(settings.controller.name), addressLines: settings.controller.addressLines, email: settings.controller.email },
    dpo: { role: text(settings.dpo.role), email: settings.dpo.email },
    ombudsman: { name: text(settings.ombudsman.name), addressLines: settings.ombudsman.addressLines, url: settings.ombudsman.url ?? null },
  };
}

export function refusalCertificateDocument(certificate: RefusalCertificate, texts: DocumentTexts): PdfDocumentModel {
  const { t, locale } = texts;
  const c = (key: string, values?: Record<string, string | number>) => t(`rightsDocuments.certificate.${key}`, values);
  const blocks: PdfBlock[] = [
    paragraph(c("date", { date: formatDate(certificate.generatedAt, locale) })),
    paragraph([certificate.controller.name, ...certificate.controller.addressLines, certificate.controller.email].join("\n")),
  ];
  if (certificate.subject) {
    blocks.push(
      fields([
        { label: t("rightsDocuments.report.name"), value: `${certificate.subject.firstNames} ${certificate.subject.lastName}` },
        { label: t("rightsDocuments.report.clientNumber"), value: certificate.subject.clientNumber },
      ]),
    );
  }
  blocks.push(
    heading(c("yourRequest")),
    paragraph(c("requestReceived", { kind: c(`requestKinds.${certificate.request.kind}`), date: formatDate(certificate.request.receivedOn, locale) })),
    paragraph(c(certificate.scope)),
    heading(c("refused")),
    paragraph(certificate.refusedWhat),
    heading(c("reasons")),
  );
  for (const ground of certificate.grounds) blocks.push(paragraph(ground.text), list([c("provision", { provision: ground.provision })]));
  blocks.push(heading(c("justification")), paragraph(certificate.justification));
  blocks.push(paragraph(c("ombudsman")), paragraph([certificate.ombudsman.name, ...certificate.ombudsman.addressLines, certificate.ombudsman.url].filter(Boolean).join("\n")));
  blocks.push(...rightsBlocks(certificate.ombudsman, t).slice(0, 3));
  blocks.push(heading(t("rightsDocuments.report.dpo"), 3), paragraph(`${certificate.dpo.role}, ${certificate.dpo.email}`));
  return { locale, direction: textDirection(locale), title: c("title"), subject: c("subject"), blocks };
}

/** A letter (the restriction's lift notice, a recipient's notice): a title and paragraphs in the reader's language. */
export function letterDocument({ locale, title, paragraphs }: { locale: string; title: string; paragraphs: readonly string[] }): PdfDocumentModel {
  return { locale, direction: textDirection(locale), title, subject: title, blocks: paragraphs.map(paragraph) };
}
