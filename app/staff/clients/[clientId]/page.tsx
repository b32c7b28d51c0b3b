import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { openClientCase } from "@/db/client-access";
import { mayReadFunctionalCapacity, readOnlyReason } from "@/lib/auth/client-access";
import { listStaff } from "@/db/staff";
import { roleHasPermission } from "@/lib/auth/permissions";
import { isMinorOn, marksDay, permitMark, reviewMark } from "@/lib/case-marks";
import { utcToHelsinkiLocal } from "@/lib/helsinki-time";
import { AppointmentControls } from "./appointment-controls";
import { CaseForms } from "./case-work-forms";
import { DetailForms, RemoveRecordButton } from "./client-details-forms";
import { requirePermission, staffActor } from "@/server/guard";
import { storedValueReader } from "@/server/stored-value-labels";
import { AccessReasonForm } from "./access-reason-form";
import { RevealIdentityCode } from "./reveal-identity-code";
import { consentsOfClient } from "@/db/consents";
import { disclosureLog } from "@/db/disclosure-log";
import { getRegisterSettings } from "@/db/settings";
import { ConsentSection } from "./consent-section";
import { DisclosureSection } from "./disclosure-section";
import { RestrictionHistory, RestrictionMark } from "./restriction-section";
import { restrictionHistory } from "@/db/restrictions";
import { currentRestriction, type RestrictableWrite } from "@/lib/rights/restriction";

export const metadata: Metadata = { title: "Client" };

function Section({ id, title, children, empty }: { id: string; title: string; children?: React.ReactNode; empty?: string }) {
  return (
    <section aria-labelledby={id} className="space-y-2 border-t border-gray-300 pt-4">
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {children ?? <p className="text-gray-700">{empty}</p>}
    </section>
  );
}

/** The client's case: one section per data category; every look is an audited view. */
export default async function ClientCasePage({ params }: PageProps<"/staff/clients/[clientId]">) {
  const staff = await requirePermission("client:read");
  const { clientId } = await params;
  const t = await getTranslations("clientCase");
  const tc = await getTranslations("categories");
  const format = await getFormatter();
  const actor = staffActor(staff);
  const data = await openClientCase({ db: await getDb(), actor, clientId });

  if (data.access.kind === "not_found") notFound();
  if (data.access.kind === "needs_reason" || !("client" in data) || !data.client) {
    return (
      <div className="space-y-4">
        <h1 className="text-3xl font-bold">{t("reasonTitle")}</h1>
        <p>{t("reasonIntro")}</p>
        <AccessReasonForm
          clientId={clientId}
          labels={{ reason: t("reasonLabel"), hint: t("reasonHint"), submit: t("reasonSubmit"), tooShort: t("reasonTooShort") }}
        />
      </div>
    );
  }
  const c = data.client;
  const date = (value: string | Date | null | undefined) =>
    value ? format.dateTime(typeof value === "string" ? new Date(`${value}T12:00:00Z`) : value, { dateStyle: "medium" }) : "–";
  const dateTime = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const none = t("none");
  // Stored codes (levels, languages, countries, an intake decision's note) read in the staff member's language.
  const shown = await storedValueReader();
  // The case's marks (minor, permit, review) are read on today's Helsinki day: lib/case-marks.ts.
  const today = marksDay(new Date());
  // A closed case's plans are not followed up any more (nor listed on the staff home).
  const reviewMarkOf = (reviewDueOn: string | null) => (c.status === "active" ? reviewMark(reviewDueOn, today) : null);
  // A restricted case takes only what its ground allows (lib/rights/restriction.ts), through the
  // same rule the data layer applies (lib/auth/client-access.ts readOnlyReason).
  const restrictionLog = await restrictionHistory({ db: await getDb(), clientId: c.id });
  const restriction = currentRestriction(restrictionLog);
  const writable = (write: RestrictableWrite) => readOnlyReason(c, c.restrictedAt ? { write, ground: restriction?.ground ?? null } : undefined) === null;
  const readOnly = !writable("case_work");
  const detailsWritable = writable("person_details");
  const canAssign = roleHasPermission(staff.user.role, "client:assign");
  const caseworkers = canAssign
    ? (await listStaff({ db: await getDb() }))
        .filter((s) => s.role === "caseworker" && !s.disabledAt)
        .map((s) => ({ id: s.id, name: s.displayName }))
    : [];

  return (
    <article className="space-y-6">
      <header className="space-y-1">
        <p className="text-gray-700">
          {t("clientNumber")} <span className="font-mono">{c.clientNumber}</span>
        </p>
        <h1 className="text-3xl font-bold">
          {c.lastName}, {c.firstNames}
        </h1>
        {c.restrictedAt ? <RestrictionMark since={c.restrictedAt} restriction={restriction} /> : null}
        {c.status === "erasure_pending" ? (
          <p role="status" className="border-s-4 border-red-700 bg-red-50 p-2 font-bold" data-testid="erasure-pending">
            {t("erasurePending")}
          </p>
        ) : null}
        {c.status === "closed" ? (
          <p role="status" className="border-s-4 border-gray-700 bg-gray-100 p-2 font-bold">
            {t("closed", { date: date(c.closedAt) })}
          </p>
        ) : null}
        {data.access.basis === "reason_given" ? <p className="text-sm text-gray-700">{t("openedWithReason")}</p> : null}
      </header>

      {readOnly && !writable("case_note") ? null : (
        <CaseForms
          notesOnly={readOnly}
          clientId={c.id}
          plans={data.plans.map((p) => ({ id: p.id, label: `${date(p.planDate)} – ${p.goals.slice(0, 60)}` }))}
          caseworkers={caseworkers}
          currentCaseworkerId={c.assignedCaseworkerId}
          canAssign={canAssign}
          canRecordFunctionalCapacity={mayReadFunctionalCapacity(actor, c)}
        />
      )}

      {!detailsWritable ? null : (
        <DetailForms
          clientId={c.id}
          person={{
            firstNames: c.firstNames,
            lastName: c.lastName,
            dateOfBirth: c.dateOfBirth ?? undefined,
            gender: c.gender ?? undefined,
            phone: c.phone ?? undefined,
            email: c.email ?? undefined,
            streetAddress: c.streetAddress ?? undefined,
            postalCode: c.postalCode ?? undefined,
            postOffice: c.postOffice ?? undefined,
            homeMunicipality: c.homeMunicipality ?? undefined,
            preferredLanguage: c.preferredLanguage ?? undefined,
            interpreterNeeded: c.interpreterNeeded ? "yes" : "no",
            interpreterLanguage: c.interpreterLanguage ?? undefined,
            citizenship: c.citizenships[0],
          }}
        />
      )}

      <Section id="identity" title={tc("identity.name")}>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{t("dateOfBirth")}</dt>
          <dd>{date(c.dateOfBirth)}</dd>
          <dt className="font-bold">{t("identityCode")}</dt>
          <dd>
            {c.maskedIdentityCode ? (
              <RevealIdentityCode clientId={c.id} masked={c.maskedIdentityCode} label={t("reveal")} />
            ) : (
              none
            )}
          </dd>
          <dt className="font-bold">{t("gender")}</dt>
          <dd>{c.gender ?? none}</dd>
        </dl>
      </Section>

      <Section id="contact" title={tc("contact.name")}>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{t("phone")}</dt>
          <dd dir="ltr" className="text-start">{c.phone ?? none}</dd>
          <dt className="font-bold">{t("email")}</dt>
          <dd>{c.email ?? none}</dd>
          <dt className="font-bold">{t("address")}</dt>
          <dd>{[c.streetAddress, c.postalCode, c.postOffice].filter(Boolean).join(", ") || none}</dd>
          <dt className="font-bold">{t("homeMunicipality")}</dt>
          <dd>{c.homeMunicipality ?? none}</dd>
          <dt className="font-bold">{t("interpreter")}</dt>
          <dd>{c.interpreterNeeded ? (c.interpreterLanguage ?? t("yes")) : t("no")}</dd>
        </dl>
      </Section>

      <Section id="residence" title={tc("residence.name")} empty={none}>
        {data.permits.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.permits.map((p) => (
              <li key={p.id}>
                {p.permitType} · {date(p.validFrom)} – {date(p.validUntil)}
                {permitMark(p.validUntil, today) === "expired" ? <strong className="ms-2 text-red-700">{t("permitExpired")}</strong> : null}
                {permitMark(p.validUntil, today) === "expiring" ? (
                  <strong className="ms-2 text-red-700" data-testid="permit-expiring">
                    {t("permitExpiring")}
                  </strong>
                ) : null}
                {!detailsWritable ? null : <RemoveRecordButton clientId={c.id} kind="permit" recordId={p.id} />}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="family" title={tc("family.name")} empty={none}>
        {data.family.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.family.map((f) => (
              <li key={f.id}>
                {f.fullName} ({f.relation}) {f.dateOfBirth ? date(f.dateOfBirth) : ""}
                {isMinorOn(f.dateOfBirth, today) ? <strong className="ms-2">{t("minor")}</strong> : null}
                {f.clientIsGuardian ? <span className="ms-2">{t("clientIsGuardian")}</span> : null}
                {f.relatedClientId ? (
                  <>
                    {" "}
                    · <a href={`/staff/clients/${f.relatedClientId}`}>{t("alsoClient")}</a>
                  </>
                ) : null}
                {!detailsWritable ? null : <RemoveRecordButton clientId={c.id} kind="family" recordId={f.id} />}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="skills" title={tc("skills.name")} empty={none}>
        {data.skills.length + data.work.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.skills.map((s) => (
              <li key={s.id}>
                {shown.value("skills", "name", s.name, s)} {s.level ? `(${shown.value("skills", "level", s.level)})` : ""}
                {!detailsWritable ? null : <RemoveRecordButton clientId={c.id} kind="skill" recordId={s.id} />}
              </li>
            ))}
            {data.work.map((w) => (
              <li key={w.id}>
                {w.jobTitle} {w.country ? `· ${shown.value("work_experiences", "country", w.country)}` : ""}
                {w.years !== null ? ` · ${t("workYears", { years: w.years })}` : ""} {w.description ? `· ${w.description}` : ""}
                {!detailsWritable ? null : <RemoveRecordButton clientId={c.id} kind="work" recordId={w.id} />}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="education" title={tc("education.name")} empty={none}>
        {data.education.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.education.map((e) => (
              <li key={e.id}>
                {shown.value("educations", "level", e.level)} {e.field ? `· ${e.field}` : ""} {e.country ? `· ${shown.value("educations", "country", e.country)}` : ""}
                {!detailsWritable ? null : <RemoveRecordButton clientId={c.id} kind="education" recordId={e.id} />}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="appointments" title={tc("appointments.name")} empty={none}>
        {data.appointments.length + data.visits.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.appointments.map((a) => (
              <li key={a.id}>
                {dateTime(a.startsAt)} · {a.channel} · {a.status}
                {a.status === "booked" && !readOnly ? <AppointmentControls appointmentId={a.id} startsAtLocal={utcToHelsinkiLocal(a.startsAt)} /> : null}
              </li>
            ))}
            {data.visits.map((v) => (
              <li key={v.id}>
                {t("visit")} {dateTime(v.occurredAt)} · {v.channel}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="service-plan" title={tc("servicePlan.name")} empty={none}>
        {data.assessments.length + data.plans.length > 0 ? (
          <ul className="list-disc space-y-1 ps-6">
            {data.assessments.map((a) => (
              <li key={a.id}>
                {t("assessment")} {date(a.assessedOn)}: {a.content}
              </li>
            ))}
            {data.plans.map((p) => (
              <li key={p.id}>
                {t("plan")} {date(p.planDate)}: {p.goals} {p.reviewDueOn ? `· ${t("reviewDue", { date: date(p.reviewDueOn) })}` : ""}
                {reviewMarkOf(p.reviewDueOn) === "overdue" ? <strong className="ms-2 text-red-700">{t("reviewOverdue")}</strong> : null}
                {reviewMarkOf(p.reviewDueOn) === "due" ? <strong className="ms-2">{t("reviewDueSoon")}</strong> : null}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="outcomes" title={tc("outcomes.name")} empty={none}>
        {data.outcomes.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.outcomes.map((o) => (
              <li key={o.id}>
                {o.kind}: {o.description}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="functional-capacity" title={tc("functionalCapacity.name")} empty={data.functionalCapacity ? none : t("functionalCapacityHidden")}>
        {data.functionalCapacity && data.functionalCapacity.length > 0 ? (
          <ul className="list-disc ps-6">
            {data.functionalCapacity.map((f) => (
              <li key={f.id}>
                {date(f.assessedOn)}: {f.content}
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <Section id="notes" title={tc("notes.name")} empty={none}>
        {data.notes.length > 0 ? (
          <ul className="space-y-2">
            {data.notes.map((n) => (
              <li key={n.id} className="border-s-4 border-gray-300 ps-3">
                <p className="text-sm text-gray-700">{dateTime(n.createdAt)}</p>
                <p className="whitespace-pre-line">{shown.note(n)}</p>
              </li>
            ))}
          </ul>
        ) : undefined}
      </Section>

      <ConsentSection
        clientId={c.id}
        consents={await consentsOfClient({ db: await getDb(), clientId: c.id })}
        settings={await getRegisterSettings({ db: await getDb() })}
        mayRecord={roleHasPermission(staff.user.role, "consent:record")}
        writable={!readOnly}
      />

      <DisclosureSection
        clientId={c.id}
        entries={await disclosureLog({ db: await getDb(), filter: { clientId: c.id } })}
        mayDisclose={roleHasPermission(staff.user.role, "disclosure:create")}
      />

      <RestrictionHistory history={restrictionLog} />
    </article>
  );
}
