import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db";
import { loadDraft } from "@/db/intake";
import { getRegisterSettings } from "@/db/settings";
import { draftIdFromCookie } from "@/server/intake-cookies";
import { deleteIntakeAnswersAction, startIntakeAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/intake">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "intake.start" });
  return { title: t("title") };
}

/**
 * The start page. It never offers to continue earlier answers: on a shared computer they may be
 * someone else's. When this browser has a draft, the page says so and offers to start a new form
 * (which deletes it first) or to delete the answers; nothing of them is shown.
 */
export default async function IntakeStartPage({ params, searchParams }: PageProps<"/[locale]/intake">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { expired, deleted } = await searchParams;
  const t = await getTranslations("intake.start");
  const db = await getDb();
  const minutes = (await getRegisterSettings({ db })).retention.intakeDraftIdleMinutes;
  const hasDraft = (await loadDraft({ db, draftId: await draftIdFromCookie() })) !== null;
  return (
    <div className="space-y-6">
      {deleted === "1" ? (
        <div role="status" className="border-s-4 border-brand-700 bg-brand-50 p-4" data-testid="answers-deleted">
          {t("deleted")}
        </div>
      ) : expired === "1" ? (
        <div role="status" className="border-s-4 border-brand-700 bg-brand-50 p-4">
          {t("expired", { minutes })}
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
      <p>{t("time", { minutes })}</p>
      <p>{t("sharedDevice")}</p>
      <p>{t("consentNote")}</p>
      {hasDraft ? (
        <p className="border-s-4 border-brand-700 bg-brand-50 p-4" data-testid="draft-on-device">
          {t("draftOnDevice")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <form action={startIntakeAction.bind(null, locale)}>
          <button type="submit" className="rounded bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800">
            {hasDraft ? t("startNewButton") : t("startButton")}
          </button>
        </form>
        {hasDraft ? (
          <form action={deleteIntakeAnswersAction.bind(null, locale)}>
            <button type="submit" className="rounded border-2 border-brand-700 bg-white px-6 py-3 text-lg font-bold text-brand-800" data-testid="delete-answers">
              {t("deleteButton")}
            </button>
          </form>
        ) : null}
      </div>
      <p>
        <a href={`/${locale}/privacy`}>{t("privacyLink")}</a>
      </p>
    </div>
  );
}
