import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { RequestListRow } from "@/db/request-register";

const markStyle = { overdue: "font-bold text-red-700", due_soon: "font-bold text-amber-800" } as const;

/**
 * Requests as a table: due date (with its mark while open), kind, client, received, status. The
 * officer's register and home page both show it; each row opens the request.
 */
export async function RequestTable({ rows, caption, testId }: { rows: RequestListRow[]; caption: string; testId: string }) {
  const t = await getTranslations("requests");
  const format = await getFormatter();
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "medium" });
  if (rows.length === 0) return <p className="text-gray-700">{t("noneListed")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-start text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            {(["due", "kind", "client", "received", "status"] as const).map((column) => (
              <th key={column} scope="col" className="p-2 text-start">
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-gray-300 align-top" data-testid="request-row" data-request-id={row.id} data-mark={row.mark ?? "none"}>
              <td className="p-2 whitespace-nowrap">
                {day(row.currentDueOn)}
                {row.mark ? <span className={`block ${markStyle[row.mark]}`}>{t(`marks.${row.mark}`)}</span> : null}
                {row.extendedDueOn ? <span className="block text-gray-700">{t("extendedShort")}</span> : null}
              </td>
              <td className="p-2">
                <Link href={`/staff/requests/${row.id}`}>{t(`kinds.${row.kind}`)}</Link>
              </td>
              <td className="p-2">
                {row.clientNumber ? (
                  <>
                    <span className="font-mono">{row.clientNumber}</span> {row.lastName}, {row.firstNames}
                  </>
                ) : (
                  t("erasedClient")
                )}
              </td>
              <td className="p-2 whitespace-nowrap">{day(row.receivedOn)}</td>
              <td className="p-2">
                {t(`statuses.${row.status}`)}
                {row.decision ? ` · ${t(`decisions.${row.decision}`)}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
