import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { DisclosureDocumentLabels } from "@/components/staff/disclosure-document-view";
import { clientLinks, dataCategories } from "@/lib/data-categories";
import { allDocumentColumns } from "@/lib/disclosure-document";
import { intakeNoteLabels, storedValueLabels } from "@/server/stored-value-labels";
import { deliveryMethods } from "@/lib/domain-values";

/** The document view's texts in the staff member's language. */
export async function disclosureDocumentLabels(): Promise<DisclosureDocumentLabels> {
  const t = await getTranslations("disclosures");
  const tc = await getTranslations("categories");
  return {
    title: t("document.title"),
    preview: t("document.preview"),
    disclosureId: t("document.disclosureId"),
    disclosedAt: t("document.disclosedAt"),
    controller: t("document.controller"),
    recipient: t("document.recipient"),
    businessId: t("document.businessId"),
    disclosedBy: t("document.disclosedBy"),
    purpose: t("document.purpose"),
    method: t("document.method"),
    requestReference: t("document.requestReference"),
    basis: t("document.basis"),
    consentBasis: t("document.consentBasis"),
    noRows: t("document.noRows"),
    categories: Object.fromEntries(dataCategories.map((k) => [k, tc(`${k}.name` as never)])),
    methods: Object.fromEntries(deliveryMethods.map((m) => [m, t(`methods.${m}`)])),
    tables: Object.fromEntries(Object.keys(clientLinks).map((table) => [table, t(`tables.${table}` as never)])),
    fields: Object.fromEntries(allDocumentColumns().map(({ table, field }) => [`${table}.${field}`, t(`fields.${table}.${field}` as never)])),
    locale: await getLocale(),
    values: await storedValueLabels(),
    intakeNote: await intakeNoteLabels(),
  };
}
