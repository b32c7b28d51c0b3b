import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";

export async function generateMetadata({ params }: PageProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "home" });
  return { title: t("title") };
}

export default async function HomePage({ params }: PageProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("home");
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold leading-tight">{t("title")}</h1>
      <p className="text-lg">{t("intro")}</p>
      <section aria-labelledby="what-you-need" className="space-y-2">
        <h2 id="what-you-need" className="text-xl font-bold">
          {t("beforeYouStartTitle")}
        </h2>
        <ul className="list-disc space-y-1 ps-6">
          <li>{t("beforeYouStart1")}</li>
          <li>{t("beforeYouStart2")}</li>
          <li>{t("beforeYouStart3")}</li>
        </ul>
      </section>
      <p>
        <a
          href={`/${locale}/intake`}
          className="inline-block rounded bg-brand-700 px-5 py-3 text-lg font-bold text-white no-underline hover:bg-brand-800"
        >
          {t("start")}
        </a>
      </p>
      <section aria-labelledby="your-data" className="space-y-2">
        <h2 id="your-data" className="text-xl font-bold">
          {t("yourDataTitle")}
        </h2>
        <p>{t("yourData")}</p>
        <p>
          <a href={`/${locale}/privacy`}>{t("privacyLink")}</a>
        </p>
      </section>
      <section aria-labelledby="other-ways" className="space-y-2">
        <h2 id="other-ways" className="text-xl font-bold">
          {t("otherWaysTitle")}
        </h2>
        <p>{t("otherWays")}</p>
        <p>
          <a href={`/${locale}/accessibility`}>{t("accessibilityLink")}</a>
        </p>
      </section>
    </article>
  );
}
