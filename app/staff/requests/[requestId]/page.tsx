import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requestDetail } from "@/db/request-register";
import { nextSteps } from "@/lib/rights/request-steps";
import { requirePermission, staffActor } from "@/server/guard";
import type { RequestKind } from "@/lib/domain-values";
import { AccessReportPanel } from "./access-report-panel";
import { NoticesPanel } from "./notices-panel";
import { RefusalCertificatePanel } from "./refusal-certificate-panel";
import { RestrictionPanel } from "./restriction-panel";
import { RequestStepForms } from "./request-step-forms";
import { RequestSummary } from "./request-summary";

export const metadata: Metadata = { title: "Data subject's request" };

/**
 * Which panels a request's kind shows: the access report answers access (and portability: the same
 * data, machine-readable); a restriction is applied on a restriction, rectification or objection
 * request (Art 18(1)(a), (d)); recipients are told of a rectification, erasure or restriction (Art 19).
 */
const panelsOf: Record<RequestKind, { accessReport?: true; restriction?: true; notices?: true }> = {
  access: { accessReport: true },
  portability: { accessReport: true },
  rectification: { restriction: true, notices: true },
  restriction: { restriction: true, notices: true },
  objection: { restriction: true },
  erasure: { notices: true },
};

const markStyle = { overdue: "border-red-700 bg-red-50", due_soon: "border-amber-800 bg-amber-50" } as const;

/**
 * One data subject's request, for the officer: what was asked and by whom, the dates, the steps
 * the journey allows now, and the panels of the request's kind (the access report, the refusal
 * certificate, restriction, the recipients' notices), each of which loads its own data and checks
 * the permission itself. Opening the page is an audited view of the request.
 */
export default async function RequestPage({ params }: PageProps<"/staff/requests/[requestId]">) {
  const staff = await requirePermission("request:manage");
  const { requestId } = await params;
  const t = await getTranslations("requests");
  const format = await getFormatter();
  const request = await requestDetail({ db: await getDb(), actor: staffActor(staff), requestId });
  if (!request) notFound();

  return (
    <article className="space-y-8">
      <p>
        <Link href="/staff/requests">{t("backToRegister")}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t("requestTitle", { kind: t(`kinds.${request.kind}`) })}</h1>
      {request.mark ? (
        <p className={`border-s-4 p-3 font-bold ${markStyle[request.mark]}`} data-testid="deadline-mark">
          {t(`markLong.${request.mark}`, { date: format.dateTime(new Date(`${request.currentDueOn}T12:00:00Z`), { dateStyle: "medium" }) })}
        </p>
      ) : null}
      <RequestSummary request={request} />
      <RequestStepForms request={request} steps={nextSteps(request)} />
      {panelsOf[request.kind].accessReport ? <AccessReportPanel requestId={request.id} /> : null}
      {panelsOf[request.kind].restriction ? <RestrictionPanel requestId={request.id} clientId={request.clientId} /> : null}
      {panelsOf[request.kind].notices ? <NoticesPanel requestId={request.id} clientId={request.clientId} /> : null}
      {/* Every kind can be refused, whole or in part: the refusal certificate answers it, unless the request was accepted. */}
      {request.decision === "accepted" ? null : <RefusalCertificatePanel requestId={request.id} />}
    </article>
  );
}
