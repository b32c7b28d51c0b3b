import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestDetail } from "@/db/request-register";
import { identityVerificationMethods } from "@/lib/domain-values";
import { localeNames } from "@/lib/i18n/locales";
import { isPublicLocale } from "@/lib/i18n/locales";

/** One request as the officer reads it: who asked and how, the client, the dates, the steps taken and by whom. */
export async function RequestSummary({ request }: { request: RequestDetail }) {
  const t = await getTranslations("requests");
  const format = await getFormatter();
  const day = (value: string | null) => (value ? format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" }) : "–");
  const moment = (value: Date | null) => (value ? format.dateTime(value, { dateStyle: "medium", timeStyle: "short" }) : "–");
  const by = (name: string | null) => (name ? t("byStaff", { name }) : "");
  const method = (code: string | null) =>
    code === null ? "–" : (identityVerificationMethods as readonly string[]).includes(code) ? t(`verificationMethods.${code}` as never) : code;
  const g = request.guardianship;
  const rows: [key: string, label: string, value: React.ReactNode][] = [
    [
      "client",
      t("theClient"),
      request.client ? (
        <>
          <span className="font-mono">{request.client.clientNumber}</span> · {request.client.lastName}, {request.client.firstNames}
          {request.client.dateOfBirth ? ` · ${t("bornOn", { date: day(request.client.dateOfBirth) })}` : ""}
        </>
      ) : (
        t("erasedClient")
      ),
    ],
    ["kind", t("fields.kind"), t(`kinds.${request.kind}`)],
    ["channel", t("fields.channel"), t(`channels.${request.channel}`)],
    ["requester", t("fields.requester"), request.requester === "guardian" ? t("guardianNamed", { name: request.requesterName ?? "–" }) : t("requesters.client")],
  ];
  if (request.requester === "guardian") {
    rows.push([
      "guardianship",
      t("guardianship"),
      g ? (
        <span data-testid="guardianship-recorded">
          {t("guardianshipRecorded", { name: `${g.guardianLastName}, ${g.guardianFirstNames}`, clientNumber: g.guardianClientNumber })}
        </span>
      ) : (
        <span data-testid="guardianship-not-recorded">{t("guardianshipNotRecorded")}</span>
      ),
    ]);
  }
  rows.push(
    ["replyLanguage", t("fields.replyLanguage"), isPublicLocale(request.replyLanguage) ? localeNames[request.replyLanguage] : request.replyLanguage],
    ["description", t("fields.description"), request.description ?? "–"],
    ["receivedOn", t("fields.receivedOn"), day(request.receivedOn)],
    ["dueOn", t("fields.dueOn"), day(request.dueOn)],
  );
  if (request.extendedDueOn) {
    rows.push(
      ["extendedDueOn", t("fields.extendedDueOn"), `${day(request.extendedDueOn)} ${by(request.staffNames.extendedBy)}`],
      ["extensionReasons", t("fields.extensionReasons"), request.extensionReasons ?? "–"],
      ["toldOn", t("fields.toldOn"), day(request.extensionToldOn)],
    );
  }
  rows.push(
    [
      "identity",
      t("identityVerified"),
      request.identityVerifiedAt
        ? `${method(request.identityVerification)}${request.identityVerificationNote ? ` (${request.identityVerificationNote})` : ""} · ${moment(request.identityVerifiedAt)} ${by(request.staffNames.identityVerifiedBy)}`
        : t("notVerifiedYet"),
    ],
    ["loggedBy", t("loggedBy"), `${moment(request.createdAt)} ${by(request.staffNames.loggedBy)}`],
    ["status", t("fields.status"), t(`statuses.${request.status}`)],
  );
  if (request.decision) {
    rows.push(
      ["decision", t("fields.decision"), `${t(`decisions.${request.decision}`)} · ${day(request.decidedOn)} ${by(request.staffNames.decidedBy)}`],
      ["decisionReasons", t("fields.decisionReasons"), request.decisionReasons ?? "–"],
    );
  }
  if (request.completedAt) rows.push(["closed", t("closedOn"), `${moment(request.completedAt)} ${by(request.staffNames.closedBy)}`]);

  return (
    <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]" data-testid="request-summary">
      {rows.map(([key, label, value]) => (
        <div key={key} className="contents" data-field={key}>
          <dt className="font-bold">{label}</dt>
          <dd className="whitespace-pre-line" data-testid={`request-${key}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
