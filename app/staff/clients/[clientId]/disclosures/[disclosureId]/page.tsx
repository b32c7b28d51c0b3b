import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { disclosedDocument } from "@/db/disclosed-documents";
import { isRefusal } from "@/lib/refusal";
import { DisclosureDocumentView } from "@/components/staff/disclosure-document-view";
import { requirePermission, staffActor } from "@/server/guard";
import { disclosureDocumentLabels } from "../document-labels";
import { RevealDocumentIdentityCode } from "./reveal-document-identity-code";

export const metadata: Metadata = { title: "Disclosure document" };

async function load(clientId: string, disclosureId: string, actor: Parameters<typeof disclosedDocument>[0]["actor"]) {
  try {
    return await disclosedDocument({ db: await getDb(), actor, clientId, disclosureId });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // Another caseworker's client: the case page asks for the reason first.
    if (error.code === "needs_reason") redirect(`/staff/clients/${clientId}`);
    notFound();
  }
}

/**
 * The document as disclosed, print-friendly, with its JSON file and SHA-256, under the case's read
 * rules: functional capacity left out for those who may not read it, the identity code masked until
 * revealed. Each look is audited.
 */
export default async function DisclosureDocumentPage({ params, searchParams }: PageProps<"/staff/clients/[clientId]/disclosures/[disclosureId]">) {
  const staff = await requirePermission("disclosure:create");
  const { clientId, disclosureId } = await params;
  const recorded = (await searchParams).recorded === "1";
  const t = await getTranslations("disclosures");
  const format = await getFormatter();
  const stored = await load(clientId, disclosureId, staffActor(staff));
  if (stored.kind !== "document") notFound();
  const { seen, sha256 } = stored;
  const labels = await disclosureDocumentLabels();
  return (
    <div className="space-y-4">
      <p className="print:hidden">
        <Link href={`/staff/clients/${clientId}`}>{t("backToCase")}</Link>
      </p>
      {recorded ? (
        <p role="status" className="border-s-4 border-green-800 bg-green-50 p-2 font-bold print:hidden" data-testid="disclosure-recorded">
          {t("recorded")}
        </p>
      ) : null}
      <h1 className="text-3xl font-bold print:hidden">{t("documentPageTitle")}</h1>
      {seen.withheld.length > 0 ? (
        <p role="note" className="border-s-4 border-brand-700 bg-brand-50 p-3" data-testid="document-withheld">
          {t("withheld", { categories: seen.withheld.map((category) => labels.categories[category] ?? category).join(", ") })}
        </p>
      ) : (
        <p className="print:hidden">
          <a href={`/staff/clients/${clientId}/disclosures/${disclosureId}/document`} download data-testid="document-json">
            {t("downloadJson")}
          </a>
        </p>
      )}
      {seen.contains.identityCode && !seen.identityCodeShown ? (
        <RevealDocumentIdentityCode clientId={clientId} disclosureId={disclosureId} label={t("revealIdentityCode")} codeLabel={t("identityCode")} />
      ) : null}
      <DisclosureDocumentView document={seen.document} labels={labels} formatDate={(iso) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" })} />
      <p className="text-sm break-all">
        {t("sha256")}: <span className="font-mono">{sha256}</span>
      </p>
    </div>
  );
}
