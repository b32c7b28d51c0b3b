import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import type { ClientConsent } from "@/db/consents";
import { dataCategories } from "@/lib/data-categories";
import { consentKinds, withdrawalChannels } from "@/lib/domain-values";
import { localised, type RegisterSettings } from "@/lib/register-settings";
import { recordWrittenConsentAction, withdrawConsentAction } from "./consent-actions";
import { recordFormTexts } from "./record-form-texts";

const statusStyle: Record<ClientConsent["status"], string> = {
  valid: "border-green-800 bg-green-50",
  not_yet_valid: "border-gray-700 bg-gray-100",
  expired: "border-gray-700 bg-gray-100",
  withdrawn: "border-red-700 bg-red-50",
  refused: "border-gray-700 bg-gray-100",
};

/**
 * The client's consents (DESIGN.md rules 1–2): each with its status, scope and evidence, a way to
 * withdraw it, and a form to record a written consent given at a visit. Withdrawal stays possible on
 * a restricted or closed case: it must be as easy as giving consent.
 */
export async function ConsentSection({
  clientId,
  consents,
  settings,
  mayRecord,
  writable,
}: {
  clientId: string;
  consents: ClientConsent[];
  settings: RegisterSettings;
  mayRecord: boolean;
  writable: boolean;
}) {
  const t = await getTranslations("consents");
  const tc = await getTranslations("categories");
  const format = await getFormatter();
  const locale = await getLocale();
  const texts = await recordFormTexts();
  const day = (value: string | null) => (value ? format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" }) : "–");
  const moment = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const agencyName = (c: ClientConsent) => (c.agencyNames ? localised(c.agencyNames, locale, ["fi"]) : null) || c.agencyName || "–";
  const authorityName = (code: string | null) => {
    const authority = settings.obtainFromAuthorities.find((a) => a.code === code);
    return authority ? localised(authority.name, locale) : (code ?? "–");
  };
  const channelOptions = withdrawalChannels.map((c) => ({ value: c, label: t(`withdrawalChannels.${c}`) }));
  const recipients = settings.agencies.map((a) => ({ value: a.code, label: localised({ fi: a.name, ...a.names }, locale) }));

  return (
    <section aria-labelledby="consents" className="space-y-3 border-t border-gray-300 pt-4" data-testid="consents">
      <h2 id="consents" className="text-xl font-bold">
        {t("title")}
      </h2>
      {consents.length === 0 ? <p className="text-gray-700">{t("none")}</p> : null}
      <ul className="space-y-3">
        {consents.map((c) => (
          <li key={c.consent.id} className={`space-y-1 rounded border-s-4 p-3 ${statusStyle[c.status]}`} data-testid="consent" data-status={c.status}>
            <p className="font-bold">
              {t(`kinds.${c.consent.kind}`)} · <span data-testid="consent-status">{t(`statuses.${c.status}`)}</span>
            </p>
            <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
              {c.consent.kind === "disclosure" || c.consent.kind === "transfer" ? (
                <>
                  <dt className="font-bold">{t("recipient")}</dt>
                  <dd>{agencyName(c)}</dd>
                </>
              ) : null}
              {c.consent.kind === "obtain_data" ? (
                <>
                  <dt className="font-bold">{t("sourceAuthority")}</dt>
                  <dd>{authorityName(c.consent.sourceAuthority)}</dd>
                </>
              ) : null}
              {c.consent.categories.length > 0 ? (
                <>
                  <dt className="font-bold">{t("categories")}</dt>
                  <dd>{c.consent.categories.map((k) => tc(`${k}.name` as never)).join(", ")}</dd>
                </>
              ) : null}
              {c.consent.purpose ? (
                <>
                  <dt className="font-bold">{t("purpose")}</dt>
                  <dd>{c.consent.purpose}</dd>
                </>
              ) : null}
              <dt className="font-bold">{t("validity")}</dt>
              <dd>
                {c.consent.validFrom ? day(c.consent.validFrom) : format.dateTime(c.consent.givenAt, { dateStyle: "medium" })} –{" "}
                {c.consent.validUntil ? day(c.consent.validUntil) : t("untilWithdrawn")}
              </dd>
              <dt className="font-bold">{t("given")}</dt>
              <dd>{moment(c.consent.givenAt)}</dd>
              <dt className="font-bold">{t("evidence")}</dt>
              <dd>
                {c.consent.channel === "electronic_form"
                  ? t("evidenceElectronic", {
                      version: c.textVersion ?? "?",
                      locale: c.consent.locale ?? "?",
                      hash: (c.consent.textSha256 ?? "").slice(0, 12),
                    })
                  : t("evidenceWritten", { reference: c.consent.paperReference ?? "–", recordedBy: c.recordedByName ?? "–" })}
              </dd>
              {c.consent.withdrawnAt ? (
                <>
                  <dt className="font-bold">{t("withdrawal")}</dt>
                  <dd data-testid="withdrawal">
                    {t("withdrawalDetails", {
                      when: moment(c.consent.withdrawnAt),
                      how: c.consent.withdrawalChannel ? t(`withdrawalChannels.${c.consent.withdrawalChannel}` as never) : "–",
                      who: c.withdrawalRecordedByName ?? "–",
                    })}
                  </dd>
                </>
              ) : null}
            </dl>
            {mayRecord && c.consent.granted && !c.consent.withdrawnAt ? (
              <details className="rounded border-2 border-gray-300 bg-white p-2">
                <summary className="cursor-pointer font-bold">{t("withdraw")}</summary>
                <div className="mt-2 space-y-2">
                  <p>{c.consent.kind === "storage" ? t("withdrawStorageWarning") : t("withdrawIntro")}</p>
                  <RecordForm
                    {...texts}
                    savedText={t("withdrawn")}
                    testId={`withdraw-${c.consent.id}`}
                    schema="withdrawConsent"
                    action={withdrawConsentAction}
                    submitLabel={t("withdrawSubmit")}
                    fields={[
                      { kind: "hidden", name: "clientId", value: clientId },
                      { kind: "hidden", name: "consentId", value: c.consent.id },
                      { kind: "select", name: "channel", label: t("withdrawalChannel"), options: channelOptions },
                    ]}
                  />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {mayRecord && writable ? (
        <details className="rounded border-2 border-gray-300 p-3">
          <summary className="cursor-pointer text-lg font-bold">{t("recordWritten")}</summary>
          <div className="mt-3 space-y-2">
            <p>{t("recordWrittenIntro")}</p>
            <RecordForm
              {...texts}
              savedText={t("recorded")}
              testId="record-consent"
              schema="writtenConsent"
              action={recordWrittenConsentAction}
              submitLabel={t("recordSubmit")}
              fields={[
                { kind: "hidden", name: "clientId", value: clientId },
                { kind: "select", name: "kind", label: t("kind"), options: consentKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })), defaultValue: "disclosure" },
                { kind: "select", name: "agencyCode", label: t("recipientForKind"), optional: true, options: recipients },
                {
                  kind: "select",
                  name: "sourceAuthority",
                  label: t("sourceAuthorityForKind"),
                  optional: true,
                  options: settings.obtainFromAuthorities.map((a) => ({ value: a.code, label: localised(a.name, locale) })),
                },
                { kind: "checkboxes", name: "categories", label: t("categoriesForKind"), optional: true, options: dataCategories.map((k) => ({ value: k, label: tc(`${k}.name` as never) })) },
                { kind: "textarea", name: "purpose", label: t("purposeForKind"), optional: true },
                { kind: "date", name: "givenOn", label: t("givenOn") },
                { kind: "date", name: "validUntil", label: t("validUntil"), optional: true },
                { kind: "text", name: "paperReference", label: t("paperReference") },
              ]}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
