import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getFormatter, getMessages, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { auditChainHead } from "@/db/audit-review";
import { auditedClient, staffForAuditFilter, viewAuditTrail } from "@/db/audit-view";
import { requirePermission, staffActor } from "@/server/guard";
import { auditTrailQuerySchema, filterOfQuery } from "@/lib/audit-view";
import { ChainVerifyForm } from "./chain-verify-form";
import { ClientLookupForm } from "./client-lookup-form";
import { AuditFilterForm, AuditPager, AuditTrailTable } from "./trail-view";

export const metadata: Metadata = { title: "Audit log" };

/**
 * The data protection officer's audit view (DESIGN.md rule 5; Act 906/2019 §17): the trail filtered
 * by client, staff member, action and Helsinki days, newest first; the CSV export of the same
 * selection; the client lookup; the chain's head and its verification. Reading it is audited.
 */
export default async function AuditLogPage({ searchParams }: PageProps<"/staff/audit">) {
  const staff = await requirePermission("audit:read");
  const t = await getTranslations("auditView");
  const format = await getFormatter();
  const db = await getDb();
  const parsed = auditTrailQuerySchema.safeParse(await searchParams);
  const { filter, cursor } = parsed.success ? filterOfQuery(parsed.data) : { filter: {}, cursor: null };
  const page = await viewAuditTrail({ db, actor: staffActor(staff), filter, cursor });
  const people = await staffForAuditFilter({ db });
  const head = await auditChainHead({ db });
  // The two posted forms are client components: they get the texts they show.
  const messages = await getMessages();
  const chosen = filter.clientId ? await auditedClient({ db, clientId: filter.clientId }) : null;
  const chosenClient = filter.clientId ? (chosen?.clientNumber ?? filter.clientId) : undefined;

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p>{t("intro")}</p>
        <p>
          <Link href="/staff/audit/unusual" className="font-bold">
            {t("navUnusual")}
          </Link>
        </p>
      </div>

      <section aria-labelledby="chain-title" className="space-y-2 rounded border-2 border-gray-300 p-4" data-testid="chain">
        <h2 id="chain-title" className="text-xl font-bold">
          {t("chainTitle")}
        </h2>
        {head ? (
          <p>
            {t("chainHead", { seq: head.seq, at: format.dateTime(head.occurredAt, { dateStyle: "short", timeStyle: "medium" }) })}{" "}
            <span className="font-mono break-all" dir="ltr" data-testid="chain-head">
              {head.hash}
            </span>
          </p>
        ) : (
          <p>{t("chainEmpty")}</p>
        )}
        <p className="text-sm text-gray-700">{t("chainHint")}</p>
        <NextIntlClientProvider messages={{ auditView: messages.auditView }}>
          <ChainVerifyForm />
        </NextIntlClientProvider>
      </section>

      <NextIntlClientProvider messages={{ auditView: messages.auditView }}>
        <ClientLookupForm />
      </NextIntlClientProvider>

      <section aria-labelledby="trail-title" className="space-y-4">
        <h2 id="trail-title" className="text-xl font-bold">
          {t("trailTitle")}
        </h2>
        {parsed.success ? null : (
          <p role="alert" className="font-bold text-red-700">
            {t("invalidFilter")}
          </p>
        )}
        <AuditFilterForm basePath="/staff/audit" filter={filter} fields={["staff", "action", "dates"]} staff={people} clientLabel={chosenClient} />
        <AuditTrailTable entries={page.rows} caption={t("trailTitle")} />
        <AuditPager basePath="/staff/audit" filter={filter} page={page} />
      </section>
    </div>
  );
}
