import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { getDb } from "@/db";
import { clientForRequestForm } from "@/db/request-register";
import { getRegisterSettings } from "@/db/settings";
import { roleHasPermission } from "@/lib/auth/permissions";
import { isMinorOn } from "@/lib/case-marks";
import { identityVerificationMethods, requestChannels, requesters } from "@/lib/domain-values";
import { helsinkiDate } from "@/lib/helsinki-time";
import { localeNames, publicLocales } from "@/lib/i18n/locales";
import { requestKindsFor } from "@/lib/rights/requester";
import { requirePermission, staffActor } from "@/server/guard";
import { findRequestClientAction, logRequestAction } from "../actions";
import { requestFormTexts } from "../request-texts";

export const metadata: Metadata = { title: "Log a data subject's request" };

/**
 * Logging a request (Deliver 1): first the client it concerns, found by identity code or by name
 * and date of birth (a POST, so no code reaches a URL); then the request itself, with the family
 * records that name the client's guardians. The officer logs any request; a caseworker or
 * coordinator one received at a visit, for a client whose case they may open.
 */
export default async function NewRequestPage({ searchParams }: PageProps<"/staff/requests/new">) {
  const staff = await requirePermission("request:log");
  const t = await getTranslations("requests");
  const format = await getFormatter();
  const texts = await requestFormTexts();
  const { client: clientParam } = await searchParams;
  const clientId = typeof clientParam === "string" ? clientParam : undefined;
  const handles = roleHasPermission(staff.user.role, "request:manage");

  if (!clientId) {
    return (
      <div className="space-y-6">
        <h1 className="text-3xl font-bold">{t("logTitle")}</h1>
        <p>{handles ? t("logIntroOfficer") : t("logIntroVisit")}</p>
        <h2 className="text-xl font-bold">{t("findClient")}</h2>
        <p>{t("findClientHint")}</p>
        <RecordForm
          action={findRequestClientAction}
          schema="findRequestClient"
          testId="find-request-client"
          submitLabel={t("findClientSubmit")}
          {...texts}
          fields={[
            { kind: "text", name: "identityCode", label: t("fields.identityCode"), optional: true },
            { kind: "text", name: "lastName", label: t("fields.lastName"), optional: true },
            { kind: "text", name: "firstNames", label: t("fields.firstNames"), optional: true },
            { kind: "date", name: "dateOfBirth", label: t("fields.dateOfBirth"), optional: true },
          ]}
        />
      </div>
    );
  }

  const db = await getDb();
  const found = await clientForRequestForm({ db, actor: staffActor(staff), clientId });
  if (found.kind === "not_found") notFound();
  if (found.kind !== "allowed") {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">{t("logTitle")}</h1>
        <p role="alert">{t("needsReasonFirst")}</p>
        <p>
          <Link href={`/staff/clients/${clientId}`}>{t("openCaseForReason")}</Link>
        </p>
      </div>
    );
  }
  const { client, guardians } = found;
  const settings = await getRegisterSettings({ db });
  const today = helsinkiDate();
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" });
  const option = (prefix: "kinds" | "channels" | "requesters" | "verificationMethods") => (value: string) => ({ value, label: t(`${prefix}.${value}` as never) });

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("logTitle")}</h1>
      <section aria-labelledby="request-client" className="space-y-2 rounded border-2 border-gray-300 p-4" data-testid="request-client">
        <h2 id="request-client" className="text-xl font-bold">
          {t("theClient")}
        </h2>
        <p>
          <span className="font-mono">{client.clientNumber}</span> · {client.lastName}, {client.firstNames}
          {client.dateOfBirth ? ` · ${t("bornOn", { date: day(client.dateOfBirth) })}` : ""}
          {client.dateOfBirth && isMinorOn(client.dateOfBirth, today) ? ` · ${t("minorToday")}` : ""}
        </p>
        <h3 className="font-bold">{t("guardiansInRecords")}</h3>
        {guardians.length === 0 ? (
          <p className="text-gray-700">{t("noGuardiansInRecords")}</p>
        ) : (
          <ul className="list-disc ps-6" data-testid="guardians-in-records">
            {guardians.map((g) => (
              <li key={g.id}>
                {t("guardianRecord", { name: `${g.guardianLastName}, ${g.guardianFirstNames}`, clientNumber: g.guardianClientNumber })}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/staff/requests/new">{t("otherClient")}</Link>
        </p>
      </section>
      <RecordForm
        action={logRequestAction}
        schema="logRequest"
        testId="log-request"
        submitLabel={t("logSubmit")}
        {...texts}
        savedText={t("loggedForOfficer")}
        fields={[
          { kind: "hidden", name: "clientId", value: client.id },
          { kind: "select", name: "kind", label: t("fields.kind"), options: requestKindsFor(settings.legalBasis.kind).map(option("kinds")) },
          { kind: "select", name: "channel", label: t("fields.channel"), options: requestChannels.map(option("channels")) },
          { kind: "date", name: "receivedOn", label: t("fields.receivedOn"), defaultValue: today },
          { kind: "date", name: "dueOn", label: t("fields.dueOn"), optional: true },
          { kind: "select", name: "requester", label: t("fields.requester"), options: requesters.map(option("requesters")) },
          { kind: "text", name: "requesterName", label: t("fields.requesterName"), optional: true },
          {
            kind: "select",
            name: "guardianRecordId",
            label: t("fields.guardianRecordId"),
            optional: true,
            options: guardians.map((g) => ({ value: g.id, label: `${g.guardianLastName}, ${g.guardianFirstNames} (${g.guardianClientNumber})` })),
          },
          { kind: "select", name: "replyLanguage", label: t("fields.replyLanguage"), options: publicLocales.map((l) => ({ value: l, label: localeNames[l] })), defaultValue: found.replyLanguage },
          { kind: "textarea", name: "description", label: t("fields.description"), optional: true },
          { kind: "select", name: "identityVerification", label: t("fields.identityVerificationAtVisit"), optional: true, options: identityVerificationMethods.map(option("verificationMethods")) },
          { kind: "text", name: "identityVerificationNote", label: t("fields.identityVerificationNote"), optional: true },
        ]}
      />
      <p className="text-sm text-gray-700">{t("dueOnHint")}</p>
    </div>
  );
}
