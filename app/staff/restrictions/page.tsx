import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { getDb } from "@/db";
import { restrictionsInForce } from "@/db/restrictions";
import { restrictionGrounds } from "@/lib/domain-values";
import { requirePermission, staffActor } from "@/server/guard";
import { applyRestrictionByNumberAction } from "./actions";
import { restrictionFormTexts } from "./form-texts";

export const metadata: Metadata = { title: "Restrictions of processing" };

/**
 * The data protection officer's restrictions (GDPR Art 18): those in force across the register
 * (client numbers only; the list is an audited view), and a restriction on the officer's own
 * decision. A restriction the person asks for is applied on their request's page.
 */
export default async function RestrictionsPage() {
  const staff = await requirePermission("request:manage");
  const t = await getTranslations("restrictions");
  const format = await getFormatter();
  const rows = await restrictionsInForce({ db: await getDb(), actor: staffActor(staff) });
  const texts = await restrictionFormTexts();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <section aria-labelledby="in-force" className="space-y-2">
        <h2 id="in-force" className="text-2xl font-bold">
          {t("inForceTitle")}
        </h2>
        {rows.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <table className="w-full border-collapse" data-testid="restrictions-in-force">
            <thead>
              <tr className="border-b border-gray-400">
                <th scope="col" className="p-1 text-start">{t("columns.clientNumber")}</th>
                <th scope="col" className="p-1 text-start">{t("columns.ground")}</th>
                <th scope="col" className="p-1 text-start">{t("columns.since")}</th>
                <th scope="col" className="p-1 text-start">{t("columns.origin")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-gray-200">
                  <th scope="row" className="p-1 text-start font-normal">
                    <Link href={`/staff/restrictions/${row.id}`} aria-label={t("open", { clientNumber: row.clientNumber })} className="font-mono">
                      {row.clientNumber}
                    </Link>
                  </th>
                  <td className="p-1">{t(`grounds.${row.ground ?? "unrecorded"}`)}</td>
                  <td className="p-1">{format.dateTime(row.appliedAt, { dateStyle: "medium" })}</td>
                  <td className="p-1">{row.requestId ? <Link href={`/staff/requests/${row.requestId}`}>{t("fromRequest")}</Link> : t("ownDecision")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="apply" className="space-y-2 border-t border-gray-300 pt-4">
        <h2 id="apply" className="text-2xl font-bold">
          {t("applyTitle")}
        </h2>
        <p>{t("applyIntro")}</p>
        <RecordForm
          {...texts}
          testId="apply-restriction"
          schema="applyRestrictionByNumber"
          action={applyRestrictionByNumberAction}
          submitLabel={t("apply")}
          fields={[
            { kind: "text", name: "clientNumber", label: t("clientNumber") },
            // The officer's own decision is usually on finding unlawful processing (the intro says so).
            { kind: "select", name: "ground", label: t("ground"), options: restrictionGrounds.map((g) => ({ value: g, label: t(`grounds.${g}`) })), defaultValue: "unlawful_processing" },
          ]}
        />
      </section>
    </div>
  );
}
