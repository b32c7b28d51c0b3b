import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass, inputClass } from "@/components/forms/field";
import { getDb } from "@/db";
import { listRequests } from "@/db/request-register";
import { requestKinds } from "@/lib/domain-values";
import { requestListFilterSchema } from "@/lib/validations/requests";
import { requirePermission, staffActor } from "@/server/guard";
import { RequestTable } from "./request-table";

export const metadata: Metadata = { title: "Data subjects' requests" };

/**
 * The register of data subjects' requests (GDPR Arts 12–21), for the data protection officer: open
 * requests with the soonest due first, or the closed ones; each opens to its page. Listing is
 * audited with the clients listed.
 */
export default async function RequestRegisterPage({ searchParams }: PageProps<"/staff/requests">) {
  const staff = await requirePermission("request:manage");
  const t = await getTranslations("requests");
  const parsed = requestListFilterSchema.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : { show: "open" as const, page: 1 };
  const { rows, hasMore } = await listRequests({ db: await getDb(), actor: staffActor(staff), filter });
  const query = new URLSearchParams([["show", filter.show], ...(filter.kind ? [["kind", filter.kind]] : [])]);
  const pageLink = (page: number) => `/staff/requests?${new URLSearchParams([...query, ["page", String(page)]]).toString()}`;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("registerTitle")}</h1>
      <p>{t("registerIntro")}</p>
      <p>
        <Link href="/staff/requests/new" className="font-bold">
          {t("logNew")}
        </Link>
      </p>
      {parsed.success ? null : (
        <p role="alert" className="font-bold text-red-700">
          {t("invalidFilter")}
        </p>
      )}
      <form method="get" className="flex flex-wrap items-end gap-4" aria-label={t("filters")}>
        <div className="space-y-1">
          <label htmlFor="show" className="block font-bold">
            {t("show")}
          </label>
          <select id="show" name="show" defaultValue={filter.show} className={inputClass}>
            {(["open", "closed", "all"] as const).map((value) => (
              <option key={value} value={value}>
                {t(`showOptions.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="kind" className="block font-bold">
            {t("kind")}
          </label>
          <select id="kind" name="kind" defaultValue={filter.kind ?? ""} className={inputClass}>
            <option value="">{t("anyKind")}</option>
            {requestKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          {t("applyFilters")}
        </button>
      </form>
      <RequestTable rows={rows} caption={t("registerTitle")} testId="request-register" />
      <nav aria-label={t("pages")} className="flex gap-4">
        {filter.page > 1 ? <Link href={pageLink(filter.page - 1)}>{t("previousPage")}</Link> : null}
        {hasMore ? <Link href={pageLink(filter.page + 1)}>{t("nextPage")}</Link> : null}
      </nav>
    </div>
  );
}
