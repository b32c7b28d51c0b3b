import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listAgencyAdmin, type AgencyAdminEntry } from "@/db/agencies";
import { requirePermission } from "@/server/guard";
import { settingsTextFallbacks } from "@/lib/i18n/locales";
import { localised } from "@/lib/register-settings";
import { AgencyForm } from "./agency-form";

export const metadata: Metadata = { title: "Agencies" };

const SETTINGS_PATH = "/staff/admin/settings";

export default async function AgenciesAdminPage() {
  await requirePermission("agency:manage");
  const t = await getTranslations("agencyAdmin");
  const tc = await getTranslations("categories");
  const locale = await getLocale();
  const admin = await listAgencyAdmin({ db: await getDb() });
  const messages = await getMessages();
  const text = (value: Parameters<typeof localised>[0]) => localised(value, locale, settingsTextFallbacks(locale));

  if (!admin) {
    return (
      <div className="space-y-6">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p role="status">{t("noSettings")}</p>
        <p>
          <Link href={SETTINGS_PATH}>{t("settingsLink")}</Link>
        </p>
      </div>
    );
  }

  const transfersForbidden = admin.transfersOutsideEea === "forbidden";
  const eeaCell = (agency: AgencyAdminEntry) => (
    <>
      {agency.insideEea ? t("yes") : t("no")}
      {agency.insideEea ? null : (
        <p className="mt-1 text-sm">{transfersForbidden ? t("outsideEeaForbidden") : t("outsideEeaWrittenConsent")}</p>
      )}
    </>
  );
  const statutoryCell = (agency: AgencyAdminEntry) =>
    agency.statutory.length === 0 ? (
      <span className="text-gray-700">{t("statutoryNone")}</span>
    ) : (
      <ul className="space-y-2">
        {agency.statutory.map((entry, index) => (
          <li key={index} className="space-y-0.5 text-sm">
            <p className="font-bold">{text(entry.provision)}</p>
            <p>
              <span className="font-bold">{t("categories")}:</span> {entry.categories.map((c) => tc(`${c}.name`)).join(", ")}
            </p>
            <p>
              <span className="font-bold">{t("condition")}:</span>{" "}
              {entry.condition ? t(`conditions.${entry.condition}`) : t("noCondition")}
            </p>
            {entry.purpose ? (
              <p>
                <span className="font-bold">{t("purpose")}:</span> {text(entry.purpose)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    );

  return (
    <NextIntlClientProvider messages={{ agencyAdmin: messages.agencyAdmin }}>
      <div className="space-y-10">
        <div className="space-y-3">
          <h1 className="text-3xl font-bold">{t("title")}</h1>
          <p>{t("intro")}</p>
        </div>

        <section aria-labelledby="agencies-list" className="space-y-3">
          <h2 id="agencies-list" className="text-2xl font-bold">
            {t("listTitle")}
          </h2>
          {admin.agencies.length === 0 ? (
            <p>{t("noAgencies")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-start" data-testid="agencies-table">
                <caption className="sr-only">{t("listTitle")}</caption>
                <thead>
                  <tr className="border-b-2 border-ink">
                    <th scope="col" className="p-2 text-start">{t("name")}</th>
                    <th scope="col" className="p-2 text-start">{t("code")}</th>
                    <th scope="col" className="p-2 text-start">{t("businessId")}</th>
                    <th scope="col" className="p-2 text-start">{t("insideEea")}</th>
                    <th scope="col" className="p-2 text-start">{t("deliveryMethod")}</th>
                    <th scope="col" className="p-2 text-start">{t("statutory")}</th>
                    <th scope="col" className="p-2 text-start">{t("status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {admin.agencies.map((agency) => {
                    const shownName = text({ fi: agency.name, ...agency.names });
                    return (
                      <tr key={agency.code} className="border-b border-gray-300 align-top" data-agency={agency.code}>
                        <th scope="row" className="p-2 text-start font-normal">
                          <span className="font-bold">{agency.name}</span>
                          {shownName !== agency.name ? <span className="block text-sm">{shownName}</span> : null}
                          {agency.offeredInIntake ? <span className="block text-sm text-gray-700">{t("offeredInIntake")}</span> : null}
                        </th>
                        <td className="p-2">
                          <code>{agency.code}</code>
                        </td>
                        <td className="p-2 whitespace-nowrap">{agency.businessId ?? "–"}</td>
                        <td className="p-2">{eeaCell(agency)}</td>
                        <td className="p-2">{t(`deliveryMethods.${agency.deliveryMethod}`)}</td>
                        <td className="p-2">{statutoryCell(agency)}</td>
                        <td className="p-2">{agency.active ? t("active") : t("inactive")}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <p>
            {t("statutoryInSettings")} <Link href={SETTINGS_PATH}>{t("settingsLink")}</Link>
          </p>
        </section>

        <section aria-labelledby="transfers" className="space-y-2" data-testid="transfers-outside-eea">
          <h2 id="transfers" className="text-2xl font-bold">
            {t("transfersTitle")}
          </h2>
          <p>{t(`transfers.${admin.transfersOutsideEea}`)}</p>
          <p>
            {t("transfersInSettings")} <Link href={SETTINGS_PATH}>{t("settingsLink")}</Link>
          </p>
        </section>

        {admin.agencies.length > 0 ? (
          <section aria-labelledby="edit-agencies" className="space-y-3">
            <h2 id="edit-agencies" className="text-2xl font-bold">
              {t("editTitle")}
            </h2>
            <p>{t("editIntro")}</p>
            {admin.agencies.map((agency) => (
              <details key={agency.code} className="rounded border-2 border-gray-300 p-3" data-testid={`edit-${agency.code}`}>
                <summary className="cursor-pointer text-lg font-bold">
                  {agency.name} <span className="font-normal">({agency.code})</span>
                </summary>
                <div className="mt-3">
                  <AgencyForm
                    mode="edit"
                    idPrefix={`agency-${agency.code}`}
                    label={t("editAgency", { name: agency.name })}
                    defaults={{
                      code: agency.code,
                      name: agency.name,
                      businessId: agency.businessId ?? "",
                      insideEea: agency.insideEea ? "yes" : "no",
                      deliveryMethod: agency.deliveryMethod,
                    }}
                  />
                </div>
              </details>
            ))}
          </section>
        ) : null}

        <section aria-labelledby="add-agency" className="space-y-3">
          <h2 id="add-agency" className="text-2xl font-bold">
            {t("addTitle")}
          </h2>
          <AgencyForm
            mode="new"
            idPrefix="new-agency"
            label={t("addTitle")}
            defaults={{ code: "", name: "", businessId: "", insideEea: undefined, deliveryMethod: "secure_email" }}
          />
        </section>

        {admin.retired.length > 0 ? (
          <section aria-labelledby="retired-agencies" className="space-y-2">
            <h2 id="retired-agencies" className="text-2xl font-bold">
              {t("retiredTitle")}
            </h2>
            <p>{t("retiredIntro")}</p>
            <ul className="list-disc ps-6">
              {admin.retired.map((agency) => (
                <li key={agency.code}>
                  {agency.name} (<code>{agency.code}</code>)
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </NextIntlClientProvider>
  );
}
