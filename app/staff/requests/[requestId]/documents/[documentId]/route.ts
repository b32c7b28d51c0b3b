import { getDb } from "@/db";
import { readRightsDocument } from "@/db/rights-documents";
import { isRefusal } from "@/lib/refusal";
import { requireApiPermission, staffActor } from "@/server/guard";

/**
 * A released document (access report, refusal certificate, letter) as the exact file given to the
 * person, PDF or (`?format=json`) JSON: byte for byte what the stored SHA-256 was taken of. Audited.
 */
export async function GET(request: Request, { params }: RouteContext<"/staff/requests/[requestId]/documents/[documentId]">) {
  const staff = await requireApiPermission("request:manage");
  if (staff instanceof Response) return staff;
  const { requestId, documentId } = await params;
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "pdf";
  try {
    const document = await readRightsDocument({ db: await getDb(), actor: staffActor(staff), requestId, documentId, format });
    return new Response(new Uint8Array(document.body), {
      headers: {
        "content-type": format === "json" ? "application/json; charset=utf-8" : "application/pdf",
        "content-disposition": `attachment; filename="${document.kind}-${documentId}.${format}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isRefusal(error)) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
    throw error;
  }
}
