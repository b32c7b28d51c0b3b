import { getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import type { RequestDetail } from "@/db/request-register";
import { identityVerificationMethods, requestDecisions } from "@/lib/domain-values";
import { helsinkiDate } from "@/lib/helsinki-time";
import { latestExtendedDueOn } from "@/lib/rights/deadlines";
import type { RequestStep } from "@/lib/rights/request-steps";
import { requestFormTexts } from "../request-texts";
import { closeRequestAction, decideRequestAction, extendRequestAction, verifyRequestIdentityAction } from "./actions";

/**
 * The steps the request's journey allows now (lib/rights/request-steps.ts): verify the requester's
 * identity, extend the deadline once, decide, close. Each is a plain form posting to its action.
 */
export async function RequestStepForms({ request, steps }: { request: RequestDetail; steps: RequestStep[] }) {
  const t = await getTranslations("requests");
  const texts = await requestFormTexts();
  const id = { kind: "hidden" as const, name: "requestId", value: request.id };
  const forms: Record<RequestStep, React.ReactNode> = {
    verify: (
      <RecordForm
        action={verifyRequestIdentityAction}
        schema="verifyRequestIdentity"
        testId="verify-identity"
        submitLabel={t("verifySubmit")}
        {...texts}
        fields={[
          id,
          { kind: "select", name: "identityVerification", label: t("fields.identityVerification"), options: identityVerificationMethods.map((m) => ({ value: m, label: t(`verificationMethods.${m}`) })) },
          { kind: "text", name: "identityVerificationNote", label: t("fields.identityVerificationNote"), optional: true },
        ]}
      />
    ),
    extend: (
      <RecordForm
        action={extendRequestAction}
        schema="extendRequest"
        testId="extend-request"
        submitLabel={t("extendSubmit")}
        {...texts}
        fields={[
          id,
          { kind: "hidden", name: "receivedOn", value: request.receivedOn },
          { kind: "hidden", name: "dueOn", value: request.dueOn },
          { kind: "date", name: "extendedDueOn", label: t("fields.extendedDueOn"), defaultValue: latestExtendedDueOn(request.receivedOn) },
          { kind: "textarea", name: "extensionReasons", label: t("fields.extensionReasons") },
          { kind: "date", name: "toldOn", label: t("fields.toldOn"), defaultValue: helsinkiDate() },
        ]}
      />
    ),
    decide: (
      <RecordForm
        action={decideRequestAction}
        schema="decideRequest"
        testId="decide-request"
        submitLabel={t("decideSubmit")}
        {...texts}
        fields={[
          id,
          { kind: "hidden", name: "kind", value: request.kind },
          { kind: "select", name: "decision", label: t("fields.decision"), options: requestDecisions.map((d) => ({ value: d, label: t(`decisions.${d}`) })) },
          { kind: "date", name: "decidedOn", label: t("fields.decidedOn"), defaultValue: helsinkiDate() },
          { kind: "textarea", name: "decisionReasons", label: t("fields.decisionReasons"), optional: request.kind !== "erasure" && request.kind !== "objection" },
        ]}
      />
    ),
    close: (
      <RecordForm action={closeRequestAction} schema="closeRequest" testId="close-request" submitLabel={t("closeSubmit")} {...texts} fields={[id]} />
    ),
  };
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="request-steps" className="space-y-3">
      <h2 id="request-steps" className="text-2xl font-bold">
        {t("nextSteps")}
      </h2>
      {steps.map((step) => (
        <section key={step} aria-labelledby={`step-${step}`} className="space-y-2 rounded border-2 border-gray-300 p-4">
          <h3 id={`step-${step}`} className="text-lg font-bold">
            {t(`steps.${step}`)}
          </h3>
          <p className="text-sm text-gray-700">{t(`stepHints.${step}`)}</p>
          {forms[step]}
        </section>
      ))}
    </section>
  );
}
