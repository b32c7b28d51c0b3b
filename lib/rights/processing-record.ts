import { dataCategories, isSpecialCategory } from "../data-categories";
import { settingsTextFallbacks, textDirection } from "../i18n/locales";
import { fields, heading, list, paragraph, type PdfBlock, type PdfDocumentModel } from "../pdf/document-model";
import { localised, type RegisterSettings } from "../register-settings";
import { formatDate, type Translate } from "./access-report-document";

/**
 * The record of processing activities (GDPR Art 30(1)), generated from the register settings so it
 * says what the system enforces: (a) the controller, its contact and the data protection officer,
 * (b) the purposes, (c) the categories of data subjects and of personal data, (d) the recipients,
 * (e) the transfers to third countries, (f) the time limits for erasure, (g) the security measures.
 * One model for the officer's page and its PDF.
 */
export function processingRecordDocument(settings: RegisterSettings, { t, locale, generatedAt }: { t: Translate; locale: string; generatedAt: Date }): PdfDocumentModel {
  const p = (key: string, values?: Record<string, string | number>) => t(`rightsDocuments.processingRecord.${key}`, values);
  const text = (value: Parameters<typeof localised>[0]) => localised(value, locale, settingsTextFallbacks(locale));
  const agencyName = (code: string) => {
    const agency = settings.agencies.find((candidate) => candidate.code === code);
    return agency ? text({ fi: agency.name, ...agency.names }) : code;
  };
  const blocks: PdfBlock[] = [paragraph(p("intro")), paragraph(p("made", { date: formatDate(generatedAt, locale) }))];

  blocks.push(
    heading(p("controller")),
    paragraph([text(settings.controller.name), settings.controller.unit ? text(settings.controller.unit) : null, ...settings.controller.addressLines, settings.controller.email, settings.controller.phone, settings.controller.businessId].filter(Boolean).join("\n")),
    heading(p("contact")),
    paragraph([text(settings.contact.role), settings.contact.email, settings.contact.phone, ...(settings.contact.addressLines ?? [])].filter(Boolean).join("\n")),
    heading(p("dpo")),
    paragraph([text(settings.dpo.role), settings.dpo.email, settings.dpo.phone, ...(settings.dpo.addressLines ?? [])].filter(Boolean).join("\n")),
  );

  blocks.push(
    heading(p("purposes")),
    fields([{ label: p("register"), value: text(settings.register.name) }]),
    paragraph(text(settings.register.purpose)),
    heading(p("legalBasis")),
    paragraph(settings.legalBasis.kind === "consent" ? p("basisConsent") : p("basisLegalObligation")),
  );
  if (settings.legalBasis.provisions.length > 0) blocks.push(list(settings.legalBasis.provisions.map(text)));

  blocks.push(
    heading(p("dataSubjects")),
    list(settings.clientGroups.map((group) => t(`privacy.clientGroup.${group}`))),
    heading(p("dataCategories")),
    list(
      dataCategories.map((category) => `${t(`categories.${category}.name`)}: ${t(`categories.${category}.fields`)}${isSpecialCategory(category) ? ` (${p("specialCategory")})` : ""}`),
    ),
    heading(p("sources")),
    ...settings.dataSources.map((source) => paragraph(text(source))),
  );
  if (settings.obtainFromAuthorities.length > 0) {
    blocks.push(paragraph(t("privacy.obtainWithConsent")), list(settings.obtainFromAuthorities.map((authority) => text(authority.name))));
  }

  const statutory = settings.statutoryDisclosures.map((entry) => {
    const categories = entry.categories.map((category) => t(`categories.${category}.name`)).join(", ");
    const line = p("statutoryRecipient", { agency: agencyName(entry.agencyCode), categories, provision: text(entry.provision) });
    return entry.condition === "minors_only" ? `${line}; ${p("minorsOnly")}` : entry.purpose ? `${line}; ${text(entry.purpose)}` : line;
  });
  const byConsent = settings.agencies
    .filter((agency) => !settings.statutoryDisclosures.some((entry) => entry.agencyCode === agency.code))
    .map((agency) => p("consentRecipient", { agency: agencyName(agency.code) }));
  blocks.push(heading(p("recipients")), statutory.length + byConsent.length === 0 ? paragraph(p("noRecipients")) : list([...statutory, ...byConsent]));

  const outside = settings.agencies.filter((agency) => !agency.insideEea).map((agency) => agencyName(agency.code));
  blocks.push(
    heading(p("transfers")),
    paragraph(
      settings.transfersOutsideEea === "forbidden"
        ? p("transfersForbidden")
        : outside.length > 0
          ? p("transfersWrittenConsent", { agencies: outside.join(", ") })
          : p("transfersNone"),
    ),
  );

  const retention = settings.retention;
  blocks.push(
    heading(p("retention")),
    list([
      p("retentionCase", { months: retention.caseMonthsAfterPurposeEnded }),
      p("retentionIntake", { days: retention.intakeSubmissionDays }),
      ...(retention.permanentDocuments.length > 0 ? [p("retentionPermanent", { documents: retention.permanentDocuments.map((kind) => t(`privacy.document.${kind}`)).join(", ") })] : []),
    ]),
  );
  if (retention.archiveDecision) blocks.push(paragraph(text(retention.archiveDecision)));

  blocks.push(heading(p("security")), paragraph(text(settings.securityPrinciples)), paragraph(t("privacy.securityStandard")));
  return { locale, direction: textDirection(locale), title: p("title"), subject: p("subject"), blocks };
}
