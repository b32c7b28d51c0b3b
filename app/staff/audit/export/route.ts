import { getDb } from "@/db";
import { exportAuditTrail } from "@/db/audit-view";
import { requireApiPermission, staffActor } from "@/server/guard";
import { auditTrailCsv } from "@/lib/audit-csv";
import { auditTrailQuerySchema, filterOfQuery } from "@/lib/audit-view";
import { helsinkiDate } from "@/lib/helsinki-time";

/** The audit trail as CSV, with the audit pages' filters (client, staff member, action, days). Audited as an export. */
export async function GET(request: Request) {
  const staff = await requireApiPermission("audit:read");
  if (staff instanceof Response) return staff;
  const parsed = auditTrailQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "invalid_filter", issues: parsed.error.issues.map((i) => i.path.join(".")) }, { status: 400 });
  const { filter } = filterOfQuery(parsed.data);
  const entries = await exportAuditTrail({ db: await getDb(), actor: staffActor(staff), filter });
  return new Response(auditTrailCsv(entries), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${helsinkiDate()}.csv"`,
      "cache-control": "no-store",
    },
  });
}
