import { getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { options, personFields } from "../[clientId]/client-details-forms";
import { recordFormTexts } from "../[clientId]/record-form-texts";
import { createWalkInClientAction } from "./actions";

/** A client registered at a visit, with the basis the register records them on (DESIGN.md rule 1). */
export async function WalkInForm({ legalObligationAllowed }: { legalObligationAllowed: boolean }) {
  const t = await getTranslations("caseDetails");
  const o = await options();
  const bases = [{ value: "consent_written", label: t("basisWritten") }, ...(legalObligationAllowed ? [{ value: "legal_obligation", label: t("basisLegal") }] : [])];
  return (
    <RecordForm
      {...await recordFormTexts()}
      testId="walk-in"
      schema="walkInClient"
      action={createWalkInClientAction}
      submitLabel={t("createClient")}
      fields={[
        ...(await personFields({})),
        { kind: "select", name: "clientGroup", label: t("clientGroup"), options: o.groups },
        { kind: "select", name: "basis", label: t("basis"), options: bases },
        { kind: "date", name: "writtenConsentDate", label: t("writtenConsentDate"), optional: true },
        { kind: "text", name: "paperReference", label: t("paperReference"), optional: true },
      ]}
    />
  );
}
