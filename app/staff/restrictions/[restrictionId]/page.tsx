import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { getDb } from "@/db";
import { recipientsFor } from "@/db/recipient-notices";
import { restrictionForOfficer } from "@/db/restrictions";
import { deliveryMethods } from "@/lib/domain-values";
import { helsinkiDate } from "@/lib/helsinki-time";
import { isPublicLocale } from "@/lib/i18n/locales";
import { requirePermission, staffActor } from "@/server/guard";
import { RestrictionHistory } from "../../clients/[clientId]/restriction-section";
import { liftRestrictionAction, recordLiftNoticeAction } from "../actions";
import { letterLocaleOptions, restrictionFormTexts } from "../form-texts";
import { RecipientsList } from "../recipients-list";

export const metadata: Metadata = { title: "Restriction of processing" };

/**
 * One restriction, for the data protection officer: the client, the ground and the history; telling
 * the person before it is lifted (Art 18(3)) with the generated letter, and lifting it; and the
 * recipients of the client's data to tell of the restriction (Art 19). Opening it is audited.
 */
export default async function RestrictionPage({ params }: PageProps<"/staff/restrictions/[restrictionId]">) {
  const staff = await requirePermission("request:manage");
  const { restrictionId } = await params;
  const t = await getTranslations("restrictions");
  const tn = await getTranslations("recipientNotices");
  const tm = await getTranslations("disclosures.methods");
  const format = await getFormatter();
  const db = await getDb();
  const actor = staffActor(staff);
  const found = await restrictionForOfficer({ db, actor, restrictionId });
  if (!found) notFound();
  const { client, restriction, history } = found;
  const { subject, recipients } = await recipientsFor({ db, actor, subject: { cause: "restriction", restrictionId } });
  const texts = await restrictionFormTexts();
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" });
  const hidden = { kind: "hidden" as const, name: "restrictionId", value: restriction.id };
  // The letter goes in the person's language where it is one of the six.
  const personLocale = client.preferredLanguage && isPublicLocale(client.preferredLanguage) ? client.preferredLanguage : "fi";

  return (
    <article className="space-y-6">
      <p>
        <Link href="/staff/restrictions">{t("backToList")}</Link>
      </p>
      <h1 className="text-3xl font-bold">{t("pageTitle", { clientNumber: client.clientNumber })}</h1>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{t("client")}</dt>
        <dd>
          {client.lastName}, {client.firstNames}
        </dd>
        <dt className="font-bold">{t("ground")}</dt>
        <dd>{t(`grounds.${restriction.ground ?? "unrecorded"}`)}</dd>
        <dt className="font-bold">{t("columns.applied")}</dt>
        <dd>{format.dateTime(restriction.appliedAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
        <dt className="font-bold">{t("status")}</dt>
        <dd data-testid="restriction-status">
          {restriction.liftedAt ? t("liftedOn", { date: format.dateTime(restriction.liftedAt, { dateStyle: "medium" }) }) : t("inForce")}
        </dd>
      </dl>
      {restriction.requestId ? (
        <p>
          <Link href={`/staff/requests/${restriction.requestId}`}>{t("request")}</Link>
        </p>
      ) : null}
      <p>{t(`allows.${restriction.ground ?? "unrecorded"}`)}</p>

      <section aria-labelledby="lift-notice" className="space-y-2 border-t border-gray-300 pt-4">
        <h2 id="lift-notice" className="text-2xl font-bold">
          {t("noticeTitle")}
        </h2>
        {restriction.liftNoticeToldOn ? (
          <p data-testid="lift-notice">
            {t("noticeRecorded", { date: day(restriction.liftNoticeToldOn), method: restriction.liftNoticeMethod ? tm(restriction.liftNoticeMethod) : "–" })}{" "}
            {restriction.liftNoticeDocumentId ? <a href={`/staff/restrictions/${restriction.id}/letter`}>{t("letter")}</a> : null}
          </p>
        ) : null}
        {restriction.liftedAt ? null : (
          <>
            <p>{t("noticeIntro")}</p>
            <RecordForm
              {...texts}
              testId="lift-notice-form"
              schema="liftNotice"
              action={recordLiftNoticeAction}
              submitLabel={t("recordNotice")}
              fields={[
                hidden,
                { kind: "date", name: "toldOn", label: t("toldOn"), defaultValue: helsinkiDate() },
                { kind: "select", name: "method", label: t("method"), options: deliveryMethods.map((m) => ({ value: m, label: tm(m) })), defaultValue: "paper" },
                { kind: "select", name: "locale", label: t("locale"), options: letterLocaleOptions(), defaultValue: personLocale },
              ]}
            />
          </>
        )}
      </section>

      {restriction.liftedAt ? null : (
        <section aria-labelledby="lift" className="space-y-2 border-t border-gray-300 pt-4">
          <h2 id="lift" className="text-2xl font-bold">
            {t("liftTitle")}
          </h2>
          <p>{restriction.liftNoticeToldOn ? t("liftIntro") : t("noNoticeYet")}</p>
          <RecordForm {...texts} testId="lift-form" schema="liftRestriction" action={liftRestrictionAction} submitLabel={t("lift")} fields={[hidden]} />
        </section>
      )}

      <section aria-labelledby="restriction-recipients" className="space-y-2 border-t border-gray-300 pt-4">
        <h2 id="restriction-recipients" className="text-2xl font-bold">
          {tn("title")}
        </h2>
        <p>{tn("intro.restriction")}</p>
        <RecipientsList subject={subject} recipients={recipients} />
      </section>

      <RestrictionHistory history={history} />
    </article>
  );
}
