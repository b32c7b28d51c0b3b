import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getRegisterSettings } from "@/db/settings";
import { requirePermission } from "@/server/guard";
import { WalkInForm } from "./walk-in-form";

export const metadata: Metadata = { title: "New client" };

/** A client who comes in person: registered by staff with the basis recorded (DESIGN.md rule 1). */
export default async function NewClientPage() {
  await requirePermission("client:write");
  const t = await getTranslations("caseDetails");
  const settings = await getRegisterSettings({ db: await getDb() });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("newClientTitle")}</h1>
      <p>{settings.legalBasis.kind === "consent" ? t("newClientConsentBasis") : t("newClientLegalBasis")}</p>
      <WalkInForm legalObligationAllowed={settings.legalBasis.kind === "legal_obligation"} />
    </div>
  );
}
