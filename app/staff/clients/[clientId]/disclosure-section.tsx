import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { DisclosureLogEntry } from "@/db/disclosure-log";

/** The case's disclosure log (Act 906/2019 §17) and the way into the disclosure tool. */
export async function DisclosureSection({ clientId, entries, mayDisclose }: { clientId: string; entries: DisclosureLogEntry[]; mayDisclose: boolean }) {
  const t = await getTranslations("disclosures");
  const tc = await getTranslations("categories");
  const format = await getFormatter();
  return (
    <section aria-labelledby="disclosures" className="space-y-3 border-t border-gray-300 pt-4" data-testid="case-disclosures">
      <h2 id="disclosures" className="text-xl font-bold">
        {t("caseTitle")}
      </h2>
      {mayDisclose ? (
        <p>
          <Link href={`/staff/clients/${clientId}/disclosures/new`} className="font-bold">
            {t("discloseLink")}
          </Link>
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="text-gray-700">{t("noneOnCase")}</p>
      ) : (
        <ul className="space-y-2">
          {entries.map((entry) => (
            <li key={entry.id} className="border-s-4 border-gray-300 ps-3" data-testid="case-disclosure">
              <p className="font-bold">
                {format.dateTime(entry.disclosedAt, { dateStyle: "medium", timeStyle: "short" })} · {entry.agencyName}
              </p>
              <p>
                {entry.categories.map((k) => tc(`${k}.name` as never)).join(", ")} · {t(`methods.${entry.method}`)} · {entry.disclosedBy}
              </p>
              <p className="text-sm">
                {t("basisSummary", { consents: entry.basis.filter((b) => b.kind === "consent").length, statutory: entry.basis.filter((b) => b.kind === "statutory").length })}
                {mayDisclose ? (
                  <>
                    {" · "}
                    <Link href={`/staff/clients/${clientId}/disclosures/${entry.id}`}>{t("openDocument")}</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
