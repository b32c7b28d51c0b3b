import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { SettingsVersion } from "@/db/settings";

function keyValue(settings: unknown, key: string): string {
  if (!settings || typeof settings !== "object" || !Object.hasOwn(settings, key)) return "—";
  return JSON.stringify((settings as Record<string, unknown>)[key], null, 2);
}

/** The settings history as a list of versions; each changed key shows its value before and after. */
export async function SettingsHistoryView({ versions, page, pages }: { versions: SettingsVersion[]; page: number; pages: number }) {
  const t = await getTranslations("admin");
  const format = await getFormatter();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("historyTitle")}</h1>
      <p>{t("historyIntro")}</p>
      {versions.length === 0 ? <p>{t("historyEmpty")}</p> : null}
      <ol className="space-y-6" data-testid="settings-history">
        {versions.map((version) => (
          <li key={version.id} className="space-y-2 border-s-4 border-gray-300 ps-4" data-version={version.id}>
            <h2 className="text-lg font-bold">
              {format.dateTime(version.savedAt, { dateStyle: "medium", timeStyle: "medium" })} ·{" "}
              {version.savedBy ?? t("historySavedBySystem")}
            </h2>
            <p>
              {version.previousSettings === null ? t("historyCreated") : t("historyChangedKeys")}{" "}
              <span className="font-mono">{version.changedKeys.join(", ")}</span>
            </p>
            {version.changedKeys.map((key) => (
              <details key={key} className="rounded border border-gray-300 p-2">
                <summary className="cursor-pointer font-mono">{key}</summary>
                <div className="grid gap-2 md:grid-cols-2">
                  <div>
                    <h3 className="font-bold">{t("historyBefore")}</h3>
                    <pre className="whitespace-pre-wrap break-all bg-gray-100 p-2 text-sm" dir="ltr">
                      {keyValue(version.previousSettings, key)}
                    </pre>
                  </div>
                  <div>
                    <h3 className="font-bold">{t("historyAfter")}</h3>
                    <pre className="whitespace-pre-wrap break-all bg-gray-100 p-2 text-sm" dir="ltr">
                      {keyValue(version.settings, key)}
                    </pre>
                  </div>
                </div>
              </details>
            ))}
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav aria-label={t("historyPages")} className="flex gap-4">
          {page > 1 ? <Link href={`/staff/admin/settings/history?page=${page - 1}`}>{t("historyNewer")}</Link> : null}
          {page < pages ? <Link href={`/staff/admin/settings/history?page=${page + 1}`}>{t("historyOlder")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
