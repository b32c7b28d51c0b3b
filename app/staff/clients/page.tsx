import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { roleHasPermission } from "@/lib/auth/permissions";
import { searchScopeOf } from "@/lib/auth/client-access";
import type { ClientGroup, ClientStatus } from "@/lib/domain-values";
import { requirePermission, staffActor } from "@/server/guard";
import { ClientSearchForm } from "./search-form";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  const staff = await requirePermission("client:read");
  const t = await getTranslations("clientSearch");
  const tp = await getTranslations("privacy");
  const ts = await getTranslations("staff");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      {roleHasPermission(staff.user.role, "client:write") ? (
        <p>
          <Link href="/staff/clients/new">{ts("navNewClient")}</Link>
        </p>
      ) : null}
      <ClientSearchForm
        showCaseworkerFilter={staff.user.role === "caseworker" || staff.user.role === "coordinator"}
        labels={{
          text: t("text"),
          // A caseworker's search is kept to their caseload (lib/auth/client-access.ts searchScopeOf): say so.
          textHint: searchScopeOf(staffActor(staff)) === "whole_register" ? t("textHint") : `${t("textHint")} ${t("scopeHint")}`,
          status: t("status"),
          group: t("group"),
          caseworker: t("caseworker"),
          any: t("any"),
          mine: t("mine"),
          unassigned: t("unassigned"),
          search: t("search"),
          results: t("results"),
          noResults: t("noResults"),
          previous: t("previous"),
          next: t("next"),
          columns: { number: t("columnNumber"), name: t("columnName"), dateOfBirth: t("columnDateOfBirth"), status: t("columnStatus") },
          // An option for every stored status and group (lib/domain-values.ts): the types check it.
          statuses: { active: t("statusActive"), closed: t("statusClosed"), erasure_pending: t("statusErasurePending") } satisfies Record<ClientStatus, string>,
          groups: {
            resident: tp("clientGroup.resident"),
            reception_services: tp("clientGroup.reception_services"),
            settlement_services: tp("clientGroup.settlement_services"),
          } satisfies Record<ClientGroup, string>,
        }}
      />
    </div>
  );
}
