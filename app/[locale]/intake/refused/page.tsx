import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db";
import { getRegisterSettings } from "@/db/settings";
import { settingsTextFallbacks } from "@/lib/i18n/locales";
import { localised } from "@/lib/register-settings";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake/refused">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "intake.refused" });
  return { title: t("title") };
}

export default async function RefusedPage({ params }: PageProps<"/[locale]/intake/refused">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("intake.refused");
  const settings = await getRegisterSettings({ db: await getDb() });
  const fallbacks = settingsTextFallbacks(locale);
  const c = settings.serviceContact;
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-lg">{t("nothingStored")}</p>
      <p>{t("otherWays")}</p>
      <div className="border-s-4 border-brand-700 ps-4">
        <p className="font-bold">{localised(c.name, locale, fallbacks)}</p>
        <p dir="ltr" className="text-start">
          {c.phone}
          {c.email ? ` · ${c.email}` : ""}
        </p>
        <p>{c.visitingAddressLines.join(", ")}</p>
        <p>{localised(c.openingHours, locale, fallbacks)}</p>
      </div>
      <p>
        <a href={`/${locale}`}>{t("home")}</a>
      </p>
    </div>
  );
}
