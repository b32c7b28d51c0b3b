import { getDb } from "@/db";
import { letterFile } from "@/db/rights-letters";
import { requireApiPermission, staffActor } from "@/server/guard";

/** The letter telling the person the restriction will be lifted (Art 18(3)), as it was stored; the download is audited. */
export async function GET(_request: Request, { params }: RouteContext<"/staff/restrictions/[restrictionId]/letter">) {
  const staff = await requireApiPermission("request:manage");
  if (staff instanceof Response) return staff;
  const { restrictionId } = await params;
  const file = await letterFile({ db: await getDb(), actor: staffActor(staff), owner: { kind: "restriction", restrictionId } });
  if (!file) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(file.pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="restriction-lift-notice-${restrictionId}.pdf"`,
      "cache-control": "no-store",
    },
  });
}
