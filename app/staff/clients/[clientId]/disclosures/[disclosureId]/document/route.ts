import { getDb } from "@/db";
import { disclosedDocument } from "@/db/disclosed-documents";
import { isRefusal } from "@/lib/refusal";
import { requireApiPermission, staffActor } from "@/server/guard";

/**
 * The disclosure document as the JSON file that was disclosed, byte for byte: its SHA-256 is the one
 * in the disclosure log, so the recipient and the controller can check they hold the same document.
 * The file is exact, so it cannot be redacted: a reader who may not see a category it holds
 * (functional capacity) is refused it, and serving it to anyone else is an audited identity-code reveal.
 */
export async function GET(_request: Request, { params }: RouteContext<"/staff/clients/[clientId]/disclosures/[disclosureId]/document">) {
  const staff = await requireApiPermission("disclosure:create");
  if (staff instanceof Response) return staff;
  const { clientId, disclosureId } = await params;
  try {
    const stored = await disclosedDocument({ db: await getDb(), actor: staffActor(staff), clientId, disclosureId, read: "download" });
    if (stored.kind === "withheld") return Response.json({ error: "withheld", categories: stored.withheld }, { status: 403, headers: { "cache-control": "no-store" } });
    return new Response(stored.json, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="disclosure-${disclosureId}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (isRefusal(error)) return new Response("Not found", { status: 404 });
    throw error;
  }
}
