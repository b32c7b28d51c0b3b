import { dataCategories } from "../data-categories";
import { readIntakeDecisionNote, renderIntakeNote, type IntakeNoteTexts } from "../intake/decision-note";
import { textDirection } from "../i18n/locales";
import { fields, gap, heading, list, paragraph, type PdfBlock, type PdfDocumentModel } from "../pdf/document-model";
import { readableValue, type ValueLabels } from "../value-labels";
import type { AccessReport } from "./access-report";

/**
 * The access report as the person reads it: the report (lib/rights/access-report.ts) laid out in
 * their language, every fixed text from messages/ (rightsDocuments.report, and the privacy notice's
 * own texts for the rights, so the two never say different things). Pure: server/pdf/texts.ts looks
 * the texts up; server/pdf/render.ts draws the result.
 */

/** A message by its full key ("rightsDocuments.report.title"), with ICU arguments. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** What a document needs besides its content: texts, value labels and the reader's formats. */
export interface DocumentTexts {
  locale: string;
  t: Translate;
  values: ValueLabels;
  intakeNote: IntakeNoteTexts;
}

const TIME_ZONE = "Europe/Helsinki";

export function formatDate(value: string | Date, locale: string): string {
  const date = typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE }).format(typeof value === "string" ? new Date(value) : value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One stored value as text: codes as labels, dates in the reader's format, yes and no in words. */
function valueText(table: string, column: string, value: unknown, row: Record<string, unknown>, texts: DocumentTexts): string {
  if (table === "case_notes" && column === "intake_decision") {
    const note = readIntakeDecisionNote(value);
    return note ? renderIntakeNote(note, texts.intakeNote).join("\n") : "";
  }
  const readable = readableValue(table, column, value, { labels: texts.values, locale: texts.locale, row });
  const one = (item: unknown): string => {
    if (typeof item === "boolean") return texts.t(item ? "intakeMerge.yes" : "intakeMerge.no");
    if (typeof item === "string" && ISO_DATE.test(item)) return formatDate(item, texts.locale);
    if (typeof item === "string" && ISO_INSTANT.test(item)) return formatDateTime(item, texts.locale);
    if (item !== null && typeof item === "object") return JSON.stringify(item);
    return String(item ?? "");
  };
  return Array.isArray(readable) ? readable.map(one).join(", ") : one(readable);
}

function categoryNames(categories: readonly string[], t: Translate): string {
  return categories.map((category) => t(`categories.${category}.name`)).join(", ");
}

function addressOf(lines: readonly string[]): string {
  return lines.join(", ");
}

export function accessReportDocument(report: AccessReport, texts: DocumentTexts): PdfDocumentModel {
  const { t, locale } = texts;
  const r = (key: string, values?: Record<string, string | number>) => t(`rightsDocuments.report.${key}`, values);
  const blocks: PdfBlock[] = [paragraph(r("intro")), paragraph(r("made", { date: formatDate(report.generatedAt, locale) }))];

  blocks.push(
    heading(r("person")),
    fields([
      { label: r("name"), value: `${report.subject.firstNames} ${report.subject.lastName}` },
      { label: r("clientNumber"), value: report.subject.clientNumber },
      { label: r("dateOfBirth"), value: report.subject.dateOfBirth ? formatDate(report.subject.dateOfBirth, locale) : "" },
    ]),
    heading(r("controller")),
    paragraph([report.controller.name, report.controller.unit, addressOf(report.controller.addressLines), report.controller.email, report.controller.phone].filter(Boolean).join("\n")),
    heading(r("dpo")),
    paragraph([report.dpo.role, addressOf(report.dpo.addressLines), report.dpo.email, report.dpo.phone].filter(Boolean).join("\n")),
  );

  blocks.push(heading(r("purposes")), fields([{ label: r("register"), value: report.purposes.register }]), paragraph(report.purposes.purpose));
  if (report.purposes.legalBasis === "consent") blocks.push(paragraph(t("privacy.basisConsent")));
  else blocks.push(paragraph(t("privacy.basisLegalObligation")), list(report.purposes.provisions));

  blocks.push(heading(r("data")));
  for (const { category, tables } of report.data) {
    blocks.push(heading(t(`categories.${category}.name`), 3));
    if (tables.length === 0) {
      blocks.push(paragraph(r("nothingRecorded")));
      continue;
    }
    for (const { table, records } of tables) {
      blocks.push(paragraph(t(`disclosures.tables.${table}`)));
      for (const record of records) {
        blocks.push(
          fields(
            Object.entries(record.fields).map(([field, value]) => ({
              label: t(`disclosures.fields.${table}.${field}`),
              value: valueText(table, field, value, record.fields, texts),
            })),
          ),
          paragraph(r("recordSource", { source: r(`sources.${record.source}`) })),
        );
      }
    }
  }

  blocks.push(heading(r("sourcesTitle")), ...report.sources.registerSources.map(paragraph));
  if (report.sources.authorities.length > 0) blocks.push(paragraph(r("authorities")), list(report.sources.authorities.map((authority) => authority.name)));

  blocks.push(heading(r("recipients")));
  if (report.recipients.length === 0) blocks.push(paragraph(r("noRecipients")));
  for (const recipient of report.recipients) {
    blocks.push(
      fields([
        { label: r("disclosedOn"), value: formatDate(recipient.disclosedAt, locale) },
        { label: r("recipient"), value: recipient.recipient.name },
        { label: r("categories"), value: categoryNames(recipient.categories, t) },
        {
          label: r("basis"),
          value: [...new Set(recipient.basis.map((entry) => (entry.kind === "consent" ? r("basisConsent") : r("basisStatutory", { provision: entry.provision }))))].join("; "),
        },
        { label: r("purpose"), value: recipient.purpose },
        { label: r("method"), value: t(`disclosures.methods.${recipient.method}`) },
      ]),
      gap,
    );
  }

  // Art 19: the recipients told of a rectification, erasure or restriction of what they received.
  if (report.notices.length > 0) {
    blocks.push(heading(r("notices")));
    for (const notice of report.notices) {
      blocks.push(
        fields([
          { label: r("noticeSentOn"), value: formatDate(notice.sentOn, locale) },
          { label: r("noticeCause"), value: r(`noticeCauses.${notice.cause}`) },
          { label: r("recipient"), value: notice.recipient.name },
          { label: r("categories"), value: categoryNames(notice.categories, t) },
          { label: r("method"), value: t(`disclosures.methods.${notice.method}`) },
        ]),
        gap,
      );
    }
  }

  blocks.push(heading(r("consents")));
  if (report.consents.length === 0) blocks.push(paragraph(r("noConsents")));
  for (const consent of report.consents) {
    const evidence = consent.evidence.paperReference
      ? r("evidenceWritten", { reference: consent.evidence.paperReference })
      : consent.evidence.textSha256
        ? r("evidenceElectronic", { version: consent.evidence.textVersion ?? "", locale: consent.evidence.locale ?? "", hash: consent.evidence.textSha256 })
        : "";
    const rows = [
      { label: t(`consents.kinds.${consent.kind}`), value: consent.granted ? r("agreed") : r("notAgreed") },
      ...(consent.recipient ? [{ label: r("recipient"), value: consent.recipient.name }] : []),
      ...(consent.authority ? [{ label: t("consents.sourceAuthority"), value: consent.authority.name }] : []),
      ...(consent.categories.length > 0 ? [{ label: r("categories"), value: categoryNames(consent.categories, t) }] : []),
      ...(consent.purpose ? [{ label: r("purpose"), value: consent.purpose }] : []),
      {
        label: r("validity"),
        value: `${consent.validFrom ? formatDate(consent.validFrom, locale) : formatDate(consent.givenAt, locale)} – ${consent.validUntil ? formatDate(consent.validUntil, locale) : r("untilWithdrawn")}`,
      },
      { label: r("given"), value: formatDate(consent.givenAt, locale) },
      ...(evidence ? [{ label: r("evidence"), value: evidence }] : []),
      ...(consent.withdrawnAt ? [{ label: r("withdrawn"), value: formatDate(consent.withdrawnAt, locale) }] : []),
    ];
    blocks.push(fields(rows), gap);
  }

  blocks.push(heading(r("retention")));
  const retention = report.retention;
  blocks.push(paragraph(retention.monthsAfterPurposeEnded === 0 ? t("privacy.retentionAtOnce") : t("privacy.retentionMonths", { months: retention.monthsAfterPurposeEnded })));
  if (retention.permanentDocuments.length > 0) {
    blocks.push(paragraph(t("privacy.retentionPermanent", { documents: retention.permanentDocuments.map((kind) => t(`privacy.document.${kind}`)).join(", ") })));
  }
  if (retention.archiveDecision) blocks.push(paragraph(retention.archiveDecision));
  if (retention.caseClosedAt) blocks.push(paragraph(r("caseClosed", { date: formatDate(retention.caseClosedAt, locale) })));

  blocks.push(heading(r("consultations")), paragraph(r("consultationsIntro")));
  if (report.consultations.length === 0) blocks.push(paragraph(r("noConsultations")));
  else {
    blocks.push(
      list(
        report.consultations.map((consultation) =>
          [formatDateTime(consultation.at, locale), r(`consultationPurposes.${consultation.purpose}`), consultation.statedReason ? r("statedReason", { reason: consultation.statedReason }) : null]
            .filter(Boolean)
            .join(" – "),
        ),
      ),
    );
  }

  blocks.push(...rightsBlocks(report.ombudsman, t), paragraph(r("machineReadable")));
  return { locale, direction: textDirection(locale), title: r("title"), subject: r("subject"), blocks };
}

/** The person's rights and the Ombudsman, in the privacy notice's own words. */
export function rightsBlocks(ombudsman: { name: string; addressLines: readonly string[]; url: string | null }, t: Translate): PdfBlock[] {
  return [
    heading(t("rightsDocuments.report.rights")),
    list(["rightAccess", "rightRectification", "rightRestriction", "rightErasure", "rightObjection", "rightWithdraw"].map((key) => t(`privacy.${key}`))),
    paragraph(t("privacy.howToRequest")),
    paragraph(t("privacy.complaint")),
    paragraph([ombudsman.name, ...ombudsman.addressLines, ombudsman.url].filter(Boolean).join("\n")),
  ];
}

/** Every category name the report can show, for a check that the texts exist. */
export const reportCategoryKeys = dataCategories.map((category) => `categories.${category}.name`);
