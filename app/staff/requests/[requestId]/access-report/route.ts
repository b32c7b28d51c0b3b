import { getDb } from "@/db";
import { isPublicLocale } from "@/lib/i18n/locales";
import { isRefusal } from "@/lib/refusal";
import { requireApiPermission, staffActor } from "@/server/guard";
import { previewAccessReport } from "@/server/pdf/rights-documents";

/**
 * The officer's preview of a request's access report before releasing it: the PDF shown in the
 * browser, or the JSON (`?format=json`), in the request's reply language unless `?locale=` names
 * another of the six. Nothing is stored; the look is audited (rights_document.previewed).
 */
export async function GET(request: Request, { params }: RouteContext<"/staff/requests/[requestId]/access-report">) {
  const staff = await requireApiPermission("request:manage");
  if (staff instanceof Response) return staff;
  const { requestId } = await params;
  const query = new URL(request.url).searchParams;
  const format = query.get("format") === "json" ? "json" : "pdf";
  const chosen = query.get("locale");
  try {
    const made = await previewAccessReport({ db: await getDb(), actor: staffActor(staff), requestId, locale: isPublicLocale(chosen) ? chosen : undefined, format });
    const headers = { "cache-control": "no-store", "content-disposition": `inline; filename="access-report-preview.${format}"` };
    return format === "json"
      ? new Response(made.json, { headers: { ...headers, "content-type": "application/json; charset=utf-8" } })
      : new Response(new Uint8Array(made.pdf), { headers: { ...headers, "content-type": "application/pdf" } });
  } catch (error) {
    if (isRefusal(error)) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
    throw error;
  }
}
