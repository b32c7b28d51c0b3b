import { getFormatter, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { getDb } from "@/db";
import { correctionsForRequest, recipientsFor } from "@/db/recipient-notices";
import { requestForDpo } from "@/db/requests";
import { restrictionsOf } from "@/db/restrictions";
import type { NoticeCause } from "@/lib/domain-values";
import { requirePermission, staffActor } from "@/server/guard";
import { linkCorrectionsAction } from "../../restrictions/notice-actions";
import { restrictionFormTexts } from "../../restrictions/form-texts";
import { RecipientsList } from "../../restrictions/recipients-list";

const noticeCauses: readonly NoticeCause[] = ["rectification", "erasure", "restriction"];

/**
 * The recipients' notices on a request's page (GDPR Art 19), for a rectification, erasure or
 * restriction request. A rectification first links the corrections made through the case forms
 * (their audit events name the fields, never the values): the recipients are listed from the
 * linked ones. An erasure concerns everything disclosed; a restriction, everything disclosed before
 * the restriction applied on this request.
 */
export async function NoticesPanel({ requestId }: { requestId: string; clientId: string | null }) {
  const staff = await requirePermission("request:manage");
  const db = await getDb();
  const actor = staffActor(staff);
  const request = await requestForDpo({ db, actor, requestId });
  if (!request?.clientId || !(noticeCauses as readonly string[]).includes(request.kind)) return null;
  const cause = request.kind as NoticeCause;
  const t = await getTranslations("recipientNotices");
  const tc = await getTranslations("categories");
  const format = await getFormatter();
  const texts = await restrictionFormTexts();

  let body: React.ReactNode;
  let corrections: React.ReactNode = null;
  if (cause === "rectification") {
    const { candidates, linked } = await correctionsForRequest({ db, requestId: request.id });
    const label = (c: (typeof candidates)[number]) =>
      `${t("correction", { date: format.dateTime(c.occurredAt, { dateStyle: "medium", timeStyle: "short" }), categories: c.categories.map((k) => tc(`${k}.name`)).join(", ") })} (${c.fields.join(", ")})`;
    corrections = (
      <div className="space-y-2">
        <h3 className="text-xl font-bold">{t("correctionsTitle")}</h3>
        <p>{t("correctionsIntro")}</p>
        {candidates.length === 0 ? (
          <p>{t("noCandidates")}</p>
        ) : (
          <RecordForm
            {...texts}
            testId="link-corrections"
            schema="linkCorrections"
            action={linkCorrectionsAction}
            submitLabel={t("link")}
            fields={[
              { kind: "hidden", name: "requestId", value: request.id },
              {
                kind: "checkboxes",
                name: "auditSeq",
                label: t("choose"),
                options: candidates.map((c) => ({ value: String(c.seq), label: label(c) })),
                defaultValue: linked.map((c) => String(c.seq)),
              },
            ]}
          />
        )}
        {linked.length > 0 ? (
          <>
            <h4 className="font-bold">{t("linkedTitle")}</h4>
            <ul className="list-disc ps-6" data-testid="linked-corrections">
              {linked.map((c) => (
                <li key={c.seq}>{label(c)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    );
    if (linked.length === 0) body = <p>{t("noLinked")}</p>;
  }
  if (cause === "restriction") {
    const restriction = (await restrictionsOf({ db, clientId: request.clientId })).filter((r) => r.requestId === request.id).at(-1);
    if (!restriction) body = <p>{t("noRestriction")}</p>;
    else {
      const { subject, recipients } = await recipientsFor({ db, actor, subject: { cause, requestId: request.id, restrictionId: restriction.id } });
      body = <RecipientsList subject={subject} recipients={recipients} />;
    }
  }
  if (!body) {
    const { subject, recipients } = await recipientsFor({ db, actor, subject: { cause, requestId: request.id } });
    body = <RecipientsList subject={subject} recipients={recipients} />;
  }

  return (
    <section aria-labelledby="notices-panel" className="space-y-3 border-t border-gray-300 pt-4" data-testid="notices-panel">
      <h2 id="notices-panel" className="text-2xl font-bold">
        {t("title")}
      </h2>
      <p>{t(`intro.${cause}`)}</p>
      {corrections}
      {body}
    </section>
  );
}
