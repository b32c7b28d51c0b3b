import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { disclosureOptions } from "@/db/disclosures";
import { requirePermission, staffActor } from "@/server/guard";
import { refusalReasons, type CategoryDecision } from "@/lib/disclosure-gate";
import { deliveryMethods } from "@/lib/domain-values";
import { localised } from "@/lib/register-settings";
import { buttonClass, inputClass } from "@/components/forms/field";
import { disclosureDocumentLabels } from "../document-labels";
import { DisclosureForm } from "./disclosure-form";

export const metadata: Metadata = { title: "Disclose data" };

/**
 * The disclosure tool (DESIGN.md rule 3): choose the recipient, see the decision for every category
 * with its basis or reason, choose among the allowed ones, preview, record. Choosing the recipient is
 * a plain GET form; the server evaluates the gate again at preview and at recording.
 */
export default async function DiscloseDataPage({ params, searchParams }: PageProps<"/staff/clients/[clientId]/disclosures/new">) {
  const staff = await requirePermission("disclosure:create");
  const { clientId } = await params;
  const agencyParam = (await searchParams).agency;
  const agencyCode = typeof agencyParam === "string" && agencyParam !== "" ? agencyParam : undefined;
  const t = await getTranslations("disclosures");
  const tc = await getTranslations("categories");
  const locale = await getLocale();
  const format = await getFormatter();
  const options = await disclosureOptions({ db: await getDb(), actor: staffActor(staff), clientId, agencyCode });
  if (options.access.kind === "not_found") notFound();
  // Another caseworker's client: the case page asks for the reason first.
  if (options.access.kind === "needs_reason" || !("client" in options) || !options.client) redirect(`/staff/clients/${clientId}`);

  const { client, chosen } = options;
  const agencyName = (agency: { name: string; names?: Record<string, string | undefined> }) => localised({ fi: agency.name, ...agency.names }, locale);
  const describe = (decision: CategoryDecision) => {
    if (!decision.allowed) {
      const condition = "condition" in decision && decision.condition ? ` (${t(`conditions.${decision.condition}`)})` : "";
      return `${t(`reasons.${decision.reason}`)}${condition}`;
    }
    return decision.basis.kind === "consent"
      ? decision.basis.validUntil
        ? t("basisConsent", { until: format.dateTime(new Date(`${decision.basis.validUntil}T12:00:00Z`), { dateStyle: "medium" }) })
        : t("basisConsentOpen")
      : t("basisStatutory", { provision: localised(decision.basis.provision, locale) });
  };
  const purposeLimited = options.statutoryEntries.find((entry) => entry.condition === "purpose_limited");
  const allowedNow = new Set(options.decisions.filter((d) => d.allowed).map((d) => d.category));
  const allowedWithPurpose = options.decisionsWithPurposeConfirmed.filter((d) => d.allowed && !allowedNow.has(d.category)).map((d) => d.category);

  return (
    <div className="space-y-6">
      <p>
        <Link href={`/staff/clients/${client.id}`}>{t("backToCase")}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t("toolTitle")}</h1>
      <p>
        {client.lastName}, {client.firstNames} · <span className="font-mono">{client.clientNumber}</span>
      </p>
      <p>{t("toolIntro")}</p>

      <form method="get" className="space-y-2" aria-labelledby="choose-recipient">
        <h2 id="choose-recipient" className="text-xl font-bold">
          {t("step1")}
        </h2>
        <label htmlFor="agency" className="block font-bold">
          {t("recipient")}
        </label>
        <select id="agency" name="agency" defaultValue={chosen?.code ?? ""} className={inputClass}>
          <option value="">–</option>
          {options.agencies.map((agency) => (
            <option key={agency.code} value={agency.code}>
              {agencyName(agency)}
              {agency.insideEea ? "" : ` (${t("outsideEea")})`}
            </option>
          ))}
        </select>
        <div>
          <button type="submit" className={buttonClass}>
            {t("showDecision")}
          </button>
        </div>
      </form>

      {chosen ? (
        <>
          <section aria-labelledby="decision" className="space-y-2">
            <h2 id="decision" className="text-xl font-bold">
              {t("step2", { agency: agencyName(chosen) })}
            </h2>
            {chosen.insideEea ? null : <p className="font-bold">{t("outsideEeaNote")}</p>}
            <table className="w-full border-collapse text-start" data-testid="decisions">
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="p-2 text-start">
                    {t("category")}
                  </th>
                  <th scope="col" className="p-2 text-start">
                    {t("decision")}
                  </th>
                  <th scope="col" className="p-2 text-start">
                    {t("basisOrReason")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {options.decisions.map((decision) => (
                  <tr key={decision.category} className="border-b border-gray-300" data-category={decision.category} data-allowed={decision.allowed}>
                    <th scope="row" className="p-2 text-start">
                      {tc(`${decision.category}.name` as never)}
                    </th>
                    <td className={`p-2 font-bold ${decision.allowed ? "text-green-800" : "text-red-700"}`}>{decision.allowed ? t("allowed") : t("refused")}</td>
                    <td className="p-2">{describe(decision)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          {allowedNow.size + allowedWithPurpose.length > 0 ? (
            <DisclosureForm
              clientId={client.id}
              agencyCode={chosen.code}
              defaultMethod={chosen.deliveryMethod}
              categories={[
                ...options.decisions.filter((d) => d.allowed).map((d) => ({ value: d.category, label: tc(`${d.category}.name` as never), needsPurpose: false })),
                ...allowedWithPurpose.map((category) => ({ value: category, label: tc(`${category}.name` as never), needsPurpose: true })),
              ]}
              statutoryPurpose={purposeLimited?.purpose ? localised(purposeLimited.purpose, locale) : null}
              methods={deliveryMethods.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
              documentLabels={await disclosureDocumentLabels()}
              texts={{
                step3: t("step3"),
                categories: t("chooseCategories"),
                needsPurpose: t("needsPurpose"),
                purpose: t("purpose"),
                purposeHint: t("purposeHint"),
                method: t("method"),
                requestReference: t("requestReference"),
                optional: t("optional"),
                confirmPurpose: purposeLimited?.purpose ? t("confirmPurpose", { purpose: localised(purposeLimited.purpose, locale) }) : "",
                preview: t("preview"),
                record: t("record"),
                previewIntro: t("previewIntro"),
                refusedTitle: t("refusedTitle"),
                reasons: Object.fromEntries(refusalReasons.map((r) => [r, t(`reasons.${r}`)])),
                categoryNames: Object.fromEntries(options.decisions.map((d) => [d.category, tc(`${d.category}.name` as never)])),
                errors: {
                  required: t("errors.required"),
                  tooLong: t("errors.tooLong"),
                  chooseAtLeastOne: t("errors.chooseAtLeastOne"),
                  chooseOne: t("errors.chooseOne"),
                  invalid: t("errors.invalid"),
                  invalidCharacters: t("errors.invalidCharacters"),
                },
                formErrors: {
                  refused: t("formErrors.refused"),
                  unknown_agency: t("formErrors.unknown_agency"),
                  needs_reason: t("formErrors.needs_reason"),
                  not_found: t("formErrors.not_found"),
                  other: t("formErrors.other"),
                },
              }}
            />
          ) : (
            <p className="font-bold" data-testid="nothing-allowed">
              {t("nothingAllowed")}
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}
