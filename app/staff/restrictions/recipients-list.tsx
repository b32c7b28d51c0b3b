import { getFormatter, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import type { NoticeSubject, RecipientEntry } from "@/db/recipient-notices";
import { deliveryMethods } from "@/lib/domain-values";
import { helsinkiDate } from "@/lib/helsinki-time";
import { letterLocaleOptions, restrictionFormTexts } from "./form-texts";
import { recordRecipientNoticeAction } from "./notice-actions";

/**
 * The recipients to tell of a rectification, an erasure or a restriction (GDPR Art 19): each agency
 * with the categories it received and when, the notices recorded to it with their letters, and a
 * form to record the next notice where it has not been told all it must be.
 */
export async function RecipientsList({ subject, recipients }: { subject: NoticeSubject; recipients: RecipientEntry[] }) {
  const t = await getTranslations("recipientNotices");
  const tc = await getTranslations("categories");
  const tm = await getTranslations("disclosures.methods");
  const format = await getFormatter();
  const texts = await restrictionFormTexts();
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" });
  if (recipients.length === 0) return <p data-testid="no-recipients">{t("noRecipients")}</p>;
  return (
    <table className="w-full border-collapse" data-testid="recipients">
      <thead>
        <tr className="border-b border-gray-400">
          <th scope="col" className="p-1 text-start">{t("columns.agency")}</th>
          <th scope="col" className="p-1 text-start">{t("columns.categories")}</th>
          <th scope="col" className="p-1 text-start">{t("columns.disclosedOn")}</th>
          <th scope="col" className="p-1 text-start">{t("columns.notice")}</th>
        </tr>
      </thead>
      <tbody>
        {recipients.map((recipient) => (
          <tr key={recipient.agencyCode} className="border-b border-gray-200 align-top" data-testid={`recipient-${recipient.agencyCode}`}>
            <th scope="row" className="p-1 text-start font-normal">{recipient.agencyName}</th>
            <td className="p-1">{recipient.categories.map((category) => tc(`${category}.name`)).join(", ")}</td>
            <td className="p-1">{recipient.disclosedOn.map(day).join(", ")}</td>
            <td className="space-y-2 p-1">
              {recipient.notices.map((notice) => (
                <p key={notice.id}>
                  {t("told", { date: day(notice.sentOn), method: tm(notice.method) })} ·{" "}
                  <a href={`/staff/notices/${notice.id}/letter`}>{t("letter")}</a>
                </p>
              ))}
              {recipient.told ? null : (
                <>
                  <p className="font-bold">{t("notTold")}</p>
                  <RecordForm
                    {...texts}
                    testId={`notice-${recipient.agencyCode}`}
                    schema="recipientNotice"
                    action={recordRecipientNoticeAction}
                    submitLabel={t("record")}
                    fields={[
                      { kind: "hidden", name: "cause", value: subject.cause },
                      { kind: "hidden", name: "requestId", value: subject.requestId ?? "" },
                      { kind: "hidden", name: "restrictionId", value: subject.restrictionId ?? "" },
                      { kind: "hidden", name: "agencyCode", value: recipient.agencyCode },
                      { kind: "date", name: "sentOn", label: t("sentOn"), defaultValue: helsinkiDate() },
                      {
                        kind: "select",
                        name: "method",
                        label: t("method"),
                        options: deliveryMethods.map((m) => ({ value: m, label: tm(m) })),
                        defaultValue: recipient.deliveryMethod,
                      },
                      // The agency's language is the officer's choice; Finnish unless told otherwise.
                      { kind: "select", name: "locale", label: t("locale"), options: letterLocaleOptions(), defaultValue: "fi" },
                    ]}
                  />
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
