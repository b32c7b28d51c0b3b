import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { startIntakeAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "intake.start" });
  return { title: t("title") };
}

export default async function IntakeStartPage({ params, searchParams }: PageProps<"/[locale]/intake">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { expired } = await searchParams;
  const t = await getTranslations("intake.start");
  return (
    <div className="space-y-6">
      {expired === "1" ? (
        <div role="status" className="border-s-4 border-brand-700 bg-brand-50 p-4">
          {t("expired")}
        </div>
      ) : null}
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="text-lg">{t("intro")}</p>
      <h2 className="text-xl font-bold">{t("askTitle")}</h2>
      <ul className="list-disc space-y-1 ps-6">
        <li>{t("ask1")}</li>
        <li>{t("ask2")}</li>
        <li>{t("ask3")}</li>
        <li>{t("ask4")}</li>
      </ul>
      <p>{t("time")}</p>
      <p>{t("consentNote")}</p>
      <form action={startIntakeAction.bind(null, locale)}>
        <button type="submit" className="rounded bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800">
          {t("startButton")}
        </button>
      </form>
      <p>
        <a href={`/${locale}/privacy`}>{t("privacyLink")}</a>
      </p>
    </div>
  );
}
