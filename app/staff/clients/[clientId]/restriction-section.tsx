import { getFormatter, getTranslations } from "next-intl/server";
import type { DescribedRestriction } from "@/db/restrictions";
import type { RestrictionGround } from "@/lib/domain-values";

/**
 * Restriction of processing on the case (GDPR Art 18): the mark with its ground and what the ground
 * still allows (lib/rights/restriction.ts), and the history — applied, the person told, lifted, by
 * whom and when.
 */

const groundKey = (ground: RestrictionGround | null) => ground ?? "unrecorded";

/** The mark at the top of a restricted case. `since` is clients.restricted_at (the mark the rest of the app reads). */
export async function RestrictionMark({ since, restriction }: { since: Date; restriction: DescribedRestriction | null }) {
  const t = await getTranslations("restrictions");
  const format = await getFormatter();
  const ground = groundKey(restriction?.ground ?? null);
  return (
    <div role="status" className="space-y-1 border-s-4 border-red-700 bg-red-50 p-2" data-testid="restricted">
      <p className="font-bold">
        {t("mark", { date: format.dateTime(restriction?.appliedAt ?? since, { dateStyle: "medium" }), ground: t(`grounds.${ground}`) })}
      </p>
      <p>{t(`allows.${ground}`)}</p>
    </div>
  );
}

/** The client's restriction history, newest first. */
export async function RestrictionHistory({ history }: { history: DescribedRestriction[] }) {
  if (history.length === 0) return null;
  const t = await getTranslations("restrictions");
  const tm = await getTranslations("disclosures.methods");
  const format = await getFormatter();
  const when = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" });
  return (
    <section aria-labelledby="restriction-history" className="space-y-2 border-t border-gray-300 pt-4">
      <h2 id="restriction-history" className="text-xl font-bold">
        {t("historyTitle")}
      </h2>
      <table className="w-full border-collapse text-start" data-testid="restriction-history">
        <thead>
          <tr className="border-b border-gray-400 text-start">
            <th scope="col" className="p-1 text-start">{t("columns.ground")}</th>
            <th scope="col" className="p-1 text-start">{t("columns.applied")}</th>
            <th scope="col" className="p-1 text-start">{t("columns.told")}</th>
            <th scope="col" className="p-1 text-start">{t("columns.lifted")}</th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((entry) => (
            <tr key={entry.id} className="border-b border-gray-200 align-top">
              <td className="p-1">{t(`grounds.${groundKey(entry.ground)}`)}</td>
              <td className="p-1">{t("byWhom", { when: when(entry.appliedAt), who: entry.appliedByName ?? t("unknownStaff") })}</td>
              <td className="p-1">
                {entry.liftNoticeToldOn
                  ? t("toldVia", { date: day(entry.liftNoticeToldOn), method: entry.liftNoticeMethod ? tm(entry.liftNoticeMethod) : "–" })
                  : "–"}
              </td>
              <td className="p-1">{entry.liftedAt ? t("byWhom", { when: when(entry.liftedAt), who: entry.liftedByName ?? t("unknownStaff") }) : t("inForce")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
