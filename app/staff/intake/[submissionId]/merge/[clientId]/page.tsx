import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { mergeOffer } from "@/db/intake-merge";
import { isRefusal } from "@/lib/refusal";
import { requirePermission, staffActor } from "@/server/guard";
import { isPublicLocale, localeNames } from "@/lib/i18n/locales";
import { answerRows } from "@/lib/intake/answer-rows";
import { mergeValueText } from "@/lib/intake/decision-note";
import { countryName, languageName } from "@/lib/value-labels";
import { identityChecks, submitterConfirmations, type FieldProposal, type MergeField } from "@/lib/intake/merge-policy";
import { AccessReasonForm } from "../../../../clients/[clientId]/access-reason-form";
import { MergeForm, type FieldChoice, type ItemChoice } from "./merge-form";

export const metadata: Metadata = { title: "Merge an intake submission" };

async function offerOrNotFound(...args: Parameters<typeof mergeOffer>) {
  try {
    return await mergeOffer(...args);
  } catch (error) {
    // A submission decided meanwhile, or one that does not exist.
    if (isRefusal(error)) notFound();
    throw error;
  }
}

/**
 * Merging a public submission into an existing client: the differences field by field, the rows the
 * form would add and the family links it suggests, each applied only when staff tick it after
 * checking the person's identity. Opening it is a view of the client's case (same access rule, same
 * audit); a restricted, closed or erasure-pending case cannot take a merge.
 */
export default async function MergePage({ params }: PageProps<"/staff/intake/[submissionId]/merge/[clientId]">) {
  const staff = await requirePermission("intake:review");
  const { submissionId, clientId } = await params;
  const t = await getTranslations("intakeMerge");
  const tq = await getTranslations("intakeQueue");
  const ti = await getTranslations("intake.options");
  const tc = await getTranslations("clientCase");
  const format = await getFormatter();
  const offer = await offerOrNotFound({ db: await getDb(), actor: staffActor(staff), submissionId, clientId });
  const back = (
    <p>
      <Link href={`/staff/intake/${submissionId}`}>{t("back")}</Link>
    </p>
  );

  if (offer.kind === "not_found") notFound();
  if (offer.kind === "needs_reason") {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-3xl font-bold">{tc("reasonTitle")}</h1>
        <p>{tc("reasonIntro")}</p>
        <AccessReasonForm
          clientId={clientId}
          returnTo={`/staff/intake/${submissionId}/merge/${clientId}`}
          labels={{ reason: tc("reasonLabel"), hint: tc("reasonHint"), submit: tc("reasonSubmit"), tooShort: tc("reasonTooShort") }}
        />
      </div>
    );
  }
  if (offer.kind === "read_only") {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p role="status" className="border-s-4 border-red-700 bg-red-50 p-3 font-bold" data-testid="merge-read-only">
          {t(`readOnly.${offer.reason}`)}
        </p>
      </div>
    );
  }

  const option = (group: string, code: string) => (ti.has(`${group}.${code}` as never) ? ti(`${group}.${code}` as never) : code);
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium" });
  // Stored codes read in the staff member's language: labels from messages/, languages and countries by name.
  const locale = await getLocale();
  const language = (code: string) => (isPublicLocale(code) ? localeNames[code] : languageName(code, locale));
  const country = (value: string) => countryName(value, locale);
  const languageLevel = (code: string) => (tc.has(`languageLevels.${code}` as never) ? tc(`languageLevels.${code}` as never) : code);
  const valueOf = (field: MergeField, value: FieldProposal["current"], side: "current" | "proposed"): string => {
    if (field === "personalIdentityCode") return side === "proposed" ? (offer.maskedIdentityCode ?? "–") : "–";
    return mergeValueText(field, value ?? null, { yes: t("yes"), no: t("no"), option, language, country, date });
  };
  const fields: FieldChoice[] = offer.proposal.fields.map((proposal) => ({
    key: proposal.key,
    field: t(`fields.${proposal.field}`),
    kind: proposal.kind,
    current: valueOf(proposal.field, proposal.current, "current"),
    proposed: valueOf(proposal.field, proposal.proposed, "proposed"),
  }));

  const submitted = answerRows(offer.answers);
  const rows: ItemChoice[] = offer.proposal.rows.map((proposal) => {
    const label = (() => {
      switch (proposal.kind) {
        case "permit": {
          const permit = submitted.permit[proposal.index]!;
          return t("rows.permit", { type: option("permitType", permit.permitType), until: permit.validUntil ? date(permit.validUntil) : "–" });
        }
        case "family": {
          const member = submitted.family[proposal.index]!;
          return t("rows.family", { name: member.fullName, relation: option("relation", member.relation), born: member.dateOfBirth ? date(member.dateOfBirth) : "–" });
        }
        case "education": {
          const education = submitted.education[proposal.index]!;
          return t("rows.education", { level: option("educationLevel", education.level), field: education.field ?? "–", country: education.country ? country(education.country) : "–" });
        }
        case "work": {
          const work = submitted.work[proposal.index]!;
          const where = work.country ? country(work.country) : "–";
          return work.years === null ? t("rows.work", { title: work.jobTitle, country: where }) : t("rows.workYears", { title: work.jobTitle, country: where, years: work.years });
        }
        case "language": {
          const spoken = submitted.language[proposal.index]!;
          return t("rows.language", { name: language(spoken.name), level: spoken.level ? languageLevel(spoken.level) : "–" });
        }
      }
    })();
    return { key: proposal.key, label };
  });
  const links: ItemChoice[] = offer.proposal.familyLinks.map((link) => ({
    key: link.key,
    label: t("link", { name: submitted.family[link.memberIndex]?.fullName ?? "?", clientNumber: offer.clientNumbers[link.relatedClientId] ?? "?" }),
  }));
  const about = offer.answers.about;

  return (
    <article className="space-y-6">
      {back}
      <header className="space-y-1">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p>
          {t("into", { name: `${offer.client.lastName}, ${offer.client.firstNames}`, clientNumber: offer.client.clientNumber })}
        </p>
        <p className="text-gray-700">{t("intro")}</p>
      </header>
      {offer.proposal.nameMatches ? null : (
        <p role="note" className="border-s-4 border-red-700 bg-red-50 p-3 font-bold" data-testid="name-mismatch">
          {t("nameMismatch", { formName: `${about.firstNames} ${about.lastName}`, clientName: `${offer.client.firstNames} ${offer.client.lastName}` })}
        </p>
      )}
      <MergeForm
        submissionId={submissionId}
        clientId={offer.client.id}
        fields={fields}
        rows={rows}
        links={links}
        labels={{
          fieldsTitle: t("fieldsTitle"),
          field: t("field"),
          inRegister: t("inRegister"),
          onForm: t("onForm"),
          apply: t("apply"),
          applyField: t("applyField"),
          noFieldChanges: t("noFieldChanges"),
          rowsTitle: t("rowsTitle"),
          linksTitle: tq("linksTitle"),
          linksHint: tq("linksHint"),
          identityTitle: t("identityTitle"),
          identityHint: t("identityHint"),
          identityChecks: Object.fromEntries(identityChecks.map((check) => [check, t(`identityChecks.${check}`)])),
          submitterTitle: t("submitterTitle"),
          submitterHint: t("submitterHint"),
          submitters: Object.fromEntries(submitterConfirmations.map((who) => [who, t(`submitters.${who}`)])),
          submit: t("submit"),
          errors: {
            identityCheckRequired: t("errors.identityCheckRequired"),
            chooseOne: t("errors.chooseOne"),
            not_pending: tq("errors.notPending"),
            identity_code_conflict: tq("errors.identityCodeConflict"),
            needs_reason: t("errors.needsReason"),
            not_found: t("errors.notFound"),
            restricted: t("readOnly.restricted"),
            closed: t("readOnly.closed"),
            erasure_pending: t("readOnly.erasure_pending"),
            other: tq("errors.other"),
          },
        }}
      />
    </article>
  );
}
