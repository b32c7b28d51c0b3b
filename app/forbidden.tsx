import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-bold">{t("forbiddenTitle")}</h1>
      <p className="mt-4">{t("forbidden")}</p>
      <p className="mt-4">
        <Link href="/staff">{t("backToStaffHome")}</Link>
      </p>
    </main>
  );
}
