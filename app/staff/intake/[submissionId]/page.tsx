import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AnswersSummary } from "@/components/intake/answers-summary";
import { getDb } from "@/db";
import { acceptOffer } from "@/db/intake-decisions";
import { findPossibleDuplicates, viewSubmission } from "@/db/intake-queue";
import { requirePermission, staffActor } from "@/server/guard";
import { intakeRejectionReasons } from "@/lib/domain-values";
import { AcceptForm, RejectForm, type DecisionLabels, type LinkChoice } from "./decision-forms";

export const metadata: Metadata = { title: "Intake submission" };

/** Opening a submission is an audited view; so is the list of possible duplicates. */
export default async function SubmissionPage({ params }: PageProps<"/staff/intake/[submissionId]">) {
  const staff = await requirePermission("intake:review");
  const { submissionId } = await params;
  const t = await getTranslations("intakeQueue");
  const format = await getFormatter();
  const db = await getDb();
  const actor = staffActor(staff);
  const submission = await viewSubmission({ db, actor, submissionId });
  if (!submission) notFound();
  if (submission.status !== "pending" || !submission.answers) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">{t("decidedTitle")}</h1>
        <p>{t("decided")}</p>
        {submission.acceptedClientId ? <Link href={`/staff/clients/${submission.acceptedClientId}`}>{t("openClient")}</Link> : null}
      </div>
    );
  }
  const duplicates = await findPossibleDuplicates({ db, submissionId, actor });
  const offer = await acceptOffer({ db, actor, submissionId });
  const members = submission.answers.family.members;
  const links: LinkChoice[] = [
    ...offer.familyLinks.map((link) => ({
      key: link.key,
      label: t("linkFamilyMember", { name: members[link.memberIndex]?.fullName ?? "?", clientNumber: offer.clientNumbers[link.relatedClientId] ?? "?" }),
    })),
    ...offer.memberOf.map((link) => ({ key: link.key, label: t("linkMemberOf", { clientNumber: offer.clientNumbers[link.ownerClientId] ?? "?" }) })),
  ];
  const labels: DecisionLabels = {
    accept: t("accept"),
    assignToMe: t("assignToMe"),
    linksTitle: t("linksTitle"),
    linksHint: t("linksHint"),
    reject: t("reject"),
    reason: t("rejectReason"),
    reasons: Object.fromEntries(intakeRejectionReasons.map((r) => [r, t(`reasons.${r}` as never)])),
    errors: {
      not_pending: t("errors.notPending"),
      duplicate_identity_code: t("errors.duplicateIdentityCode"),
      identity_code_conflict: t("errors.identityCodeConflict"),
      no_storage_consent: t("errors.noStorageConsent"),
      other: t("errors.other"),
    },
  };
  const about = submission.answers.about as Record<string, unknown> | undefined;
  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <p className="text-gray-700">
          {t("reference")} <span className="font-mono">{submission.reference}</span> ·{" "}
          {format.dateTime(submission.submittedAt, { dateStyle: "medium", timeStyle: "short" })}
        </p>
        <h1 className="text-3xl font-bold">
          {String(about?.lastName ?? "")}, {String(about?.firstNames ?? "")}
        </h1>
        {submission.maskedIdentityCode ? (
          <p>
            {t("identityCode")} <span className="font-mono">{submission.maskedIdentityCode}</span>
          </p>
        ) : null}
      </header>

      <section aria-labelledby="duplicates" className="space-y-2 rounded border-2 border-gray-300 p-4" data-testid="duplicates">
        <h2 id="duplicates" className="text-xl font-bold">
          {t("duplicatesTitle")}
        </h2>
        {duplicates.length === 0 ? (
          <p>{t("noDuplicates")}</p>
        ) : (
          <ul className="space-y-2">
            {duplicates.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-3">
                <Link href={`/staff/clients/${d.id}`}>
                  {d.lastName}, {d.firstNames} ({d.clientNumber})
                </Link>
                <span>{d.reasons.map((r) => t(`duplicateReason.${r}` as never)).join(", ")}</span>
                {d.status !== "active" ? <span className="font-bold">{t(`duplicateStatus.${d.status}` as never)}</span> : null}
                <Link
                  href={`/staff/intake/${submission.id}/merge/${d.id}`}
                  className="rounded border-2 border-brand-700 px-3 py-1 font-bold no-underline"
                  aria-label={`${t("compareAndMerge")}: ${d.lastName}, ${d.firstNames}`}
                >
                  {t("compareAndMerge")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="accept-title" className="space-y-2">
          <h2 id="accept-title" className="text-xl font-bold">
            {t("acceptTitle")}
          </h2>
          <p>{t("acceptText")}</p>
          <AcceptForm submissionId={submission.id} labels={labels} canAssignToSelf={staff.user.role === "caseworker"} links={links} />
        </section>
        <section aria-labelledby="reject-title" className="space-y-2">
          <h2 id="reject-title" className="text-xl font-bold">
            {t("rejectTitle")}
          </h2>
          <p>{t("rejectText")}</p>
          <RejectForm submissionId={submission.id} labels={labels} />
        </section>
      </div>

      <AnswersSummary answers={submission.answers as Record<string, Record<string, unknown>>} />

      <section aria-labelledby="consents-title" className="space-y-2">
        <h2 id="consents-title" className="text-xl font-bold">
          {t("consentsTitle")}
        </h2>
        <ul className="list-disc ps-6">
          {submission.consents.map((c) => (
            <li key={c.id}>
              {c.kind}
              {c.agencyName ? ` · ${c.agencyName}` : ""}
              {c.sourceAuthority ? ` · ${c.sourceAuthority}` : ""} · {c.granted ? t("granted") : t("notGranted")}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
