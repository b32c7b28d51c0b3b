import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RecordForm } from "@/components/staff/record-form";
import { getDb } from "@/db";
import { requestForDpo } from "@/db/requests";
import { restrictionHistory } from "@/db/restrictions";
import { restrictionGrounds } from "@/lib/domain-values";
import { currentRestriction, groundSuggestedBy, mayRestrictFrom } from "@/lib/rights/restriction";
import { requirePermission, staffActor } from "@/server/guard";
import { applyRestrictionAction } from "../../restrictions/actions";
import { restrictionFormTexts } from "../../restrictions/form-texts";

/**
 * Restriction of processing on a request's page (GDPR Art 18), for a restriction, rectification or
 * objection request: the restriction in force on the client, or the form applying one on this
 * request with the ground the request suggests. Lifting is on the restriction's own page.
 */
export async function RestrictionPanel({ requestId }: { requestId: string; clientId: string | null }) {
  const staff = await requirePermission("request:manage");
  const t = await getTranslations("restrictions");
  const format = await getFormatter();
  const db = await getDb();
  const request = await requestForDpo({ db, actor: staffActor(staff), requestId });
  if (!request || !mayRestrictFrom(request.kind)) return null;
  const client = request.client ?? null;
  // The request's own client is authoritative (the page passes it too, as `clientId`).
  const history = client ? await restrictionHistory({ db, clientId: client.id }) : [];
  const current = currentRestriction(history);
  const fromThisRequest = history.filter((entry) => entry.requestId === request.id && entry !== current);
  const suggested = groundSuggestedBy(request.kind);
  const texts = await restrictionFormTexts();

  return (
    <section aria-labelledby="restriction-panel" className="space-y-2 border-t border-gray-300 pt-4" data-testid="restriction-panel">
      <h2 id="restriction-panel" className="text-2xl font-bold">
        {t("panelTitle")}
      </h2>
      {!client ? (
        <p>{t("panelNoClient")}</p>
      ) : current ? (
        <p role="status" className="border-s-4 border-red-700 bg-red-50 p-2" data-testid="restriction-in-force">
          {t("panelInForce", { date: format.dateTime(current.appliedAt, { dateStyle: "medium" }), ground: t(`grounds.${current.ground ?? "unrecorded"}`) })}{" "}
          <Link href={`/staff/restrictions/${current.id}`}>{t("panelOpen")}</Link>
        </p>
      ) : (
        <>
          <p>{t("panelApplyIntro")}</p>
          <RecordForm
            {...texts}
            testId="apply-restriction"
            schema="applyRestriction"
            action={applyRestrictionAction}
            submitLabel={t("panelApply")}
            fields={[
              { kind: "hidden", name: "clientId", value: client.id },
              { kind: "hidden", name: "requestId", value: request.id },
              {
                kind: "select",
                name: "ground",
                label: t("ground"),
                options: restrictionGrounds.map((g) => ({ value: g, label: t(`grounds.${g}`) })),
                // A restriction request names its own ground; contested accuracy is the usual one.
                defaultValue: suggested ?? "accuracy_contested",
              },
            ]}
          />
        </>
      )}
      {fromThisRequest.length > 0 ? (
        <ul className="list-disc ps-6">
          {fromThisRequest.map((entry) => (
            <li key={entry.id}>
              <Link href={`/staff/restrictions/${entry.id}`}>
                {t(`grounds.${entry.ground ?? "unrecorded"}`)}: {format.dateTime(entry.appliedAt, { dateStyle: "medium" })}
                {entry.liftedAt ? ` – ${format.dateTime(entry.liftedAt, { dateStyle: "medium" })}` : ""}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
