import { getDb } from "@/db";
import { exportDisclosureLog } from "@/db/disclosure-log";
import { requireApiPermission, staffActor } from "@/server/guard";
import { disclosureLogCsv } from "@/lib/disclosure-csv";
import { helsinkiDate } from "@/lib/helsinki-time";
import { disclosureLogFilterSchema } from "@/lib/validations/disclosure";

/** The disclosure log as CSV, with the log page's filters (agency, staff member, dates). Audited as an export. */
export async function GET(request: Request) {
  const staff = await requireApiPermission("disclosure:readLog");
  if (staff instanceof Response) return staff;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = disclosureLogFilterSchema.safeParse(query);
  if (!parsed.success) return Response.json({ error: "invalid_filter", issues: parsed.error.issues.map((i) => i.path.join(".")) }, { status: 400 });
  const { agency, staff: staffId, from, to } = parsed.data;
  const entries = await exportDisclosureLog({ db: await getDb(), actor: staffActor(staff), filter: { agencyCode: agency, staffId, from, to } });
  return new Response(disclosureLogCsv(entries), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="disclosure-log-${helsinkiDate()}.csv"`,
      "cache-control": "no-store",
    },
  });
}
