import { getTranslations } from "next-intl/server";
import { RecordForm, type RecordField } from "@/components/staff/record-form";
import { contactChannels, outcomeKinds } from "@/lib/domain-values";
import { FoldedForms, recordFormTexts } from "./record-form-texts";
import {
  addCaseNoteAction,
  assignClientAction,
  bookAppointmentAction,
  closeCaseAction,
  recordAssessmentAction,
  recordFunctionalCapacityAction,
  recordOutcomeAction,
  recordPlanAction,
  recordVisitAction,
  reviewPlanAction,
} from "./case-work-actions";

/**
 * The "record" forms of a case. `notesOnly`: the case is restricted on a ground that still allows a
 * case note and nothing else (lib/rights/restriction.ts).
 */
export async function CaseForms({
  notesOnly = false,
  clientId,
  plans,
  caseworkers,
  currentCaseworkerId,
  canAssign,
  canRecordFunctionalCapacity,
}: {
  notesOnly?: boolean;
  clientId: string;
  plans: { id: string; label: string }[];
  caseworkers: { id: string; name: string }[];
  currentCaseworkerId: string | null;
  canAssign: boolean;
  canRecordFunctionalCapacity: boolean;
}) {
  const t = await getTranslations("caseForms");
  const common = await recordFormTexts();
  const id: RecordField = { kind: "hidden", name: "clientId", value: clientId };
  const channels = contactChannels.map((c) => ({ value: c, label: t(`channels.${c}` as never) }));
  const forms: { key: string; title: string; node: React.ReactNode }[] = [
    {
      key: "appointment",
      title: t("bookAppointment"),
      node: (
        <RecordForm
          {...common}
          testId="book-appointment"
          schema="bookAppointment"
          action={bookAppointmentAction}
          submitLabel={t("book")}
          fields={[
            id,
            { kind: "datetime", name: "startsAt", label: t("startsAt") },
            { kind: "number", name: "durationMinutes", label: t("durationMinutes"), defaultValue: "60" },
            { kind: "select", name: "channel", label: t("channel"), options: channels },
            { kind: "text", name: "interpreterLanguage", label: t("interpreterLanguage"), optional: true },
            { kind: "text", name: "purpose", label: t("purpose"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "visit",
      title: t("recordVisit"),
      node: (
        <RecordForm
          {...common}
          testId="record-visit"
          schema="recordVisit"
          action={recordVisitAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "datetime", name: "occurredAt", label: t("occurredAt") },
            { kind: "select", name: "channel", label: t("channel"), options: channels },
            { kind: "text", name: "interpreterLanguage", label: t("interpreterLanguage"), optional: true },
            { kind: "textarea", name: "notes", label: t("notes"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "assessment",
      title: t("recordAssessment"),
      node: (
        <RecordForm
          {...common}
          testId="record-assessment"
          schema="initialAssessment"
          action={recordAssessmentAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "date", name: "assessedOn", label: t("assessedOn") },
            { kind: "textarea", name: "content", label: t("assessmentContent") },
            { kind: "textarea", name: "furtherMeasures", label: t("furtherMeasures"), optional: true },
            { kind: "date", name: "plannedPlanDate", label: t("plannedPlanDate"), optional: true },
            { kind: "text", name: "otherReferral", label: t("otherReferral"), optional: true },
            { kind: "text", name: "authors", label: t("authors") },
            { kind: "text", name: "sources", label: t("sources"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "plan",
      title: t("recordPlan"),
      node: (
        <RecordForm
          {...common}
          testId="record-plan"
          schema="integrationPlan"
          action={recordPlanAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "date", name: "planDate", label: t("planDate") },
            { kind: "date", name: "validUntil", label: t("validUntil"), optional: true },
            { kind: "textarea", name: "goals", label: t("goals") },
            { kind: "textarea", name: "jobSearch", label: t("jobSearch"), optional: true },
            { kind: "textarea", name: "studies", label: t("studies"), optional: true },
            { kind: "textarea", name: "skillsAcquisition", label: t("skillsAcquisition"), optional: true },
            ...[0, 1, 2].map((i): RecordField => ({ kind: "text", name: `measures.${i}.description`, label: t("measure", { n: i + 1 }), optional: true })),
            { kind: "text", name: "authors", label: t("authors") },
            { kind: "date", name: "reviewDueOn", label: t("reviewDueOn"), optional: true },
            { kind: "text", name: "sources", label: t("sources"), optional: true },
          ]}
        />
      ),
    },
    ...(plans.length > 0
      ? [
          {
            key: "review",
            title: t("reviewPlan"),
            node: (
              <RecordForm
                {...common}
                testId="review-plan"
          schema="planReview"
                action={reviewPlanAction}
                submitLabel={t("save")}
                fields={[
                  { kind: "select", name: "planId", label: t("plan"), options: plans.map((p) => ({ value: p.id, label: p.label })) },
                  { kind: "date", name: "reviewedOn", label: t("reviewedOn") },
                  { kind: "textarea", name: "summary", label: t("summary") },
                  { kind: "date", name: "nextReviewOn", label: t("nextReviewOn"), optional: true },
                ]}
              />
            ),
          },
        ]
      : []),
    {
      key: "outcome",
      title: t("recordOutcome"),
      node: (
        <RecordForm
          {...common}
          testId="record-outcome"
          schema="outcome"
          action={recordOutcomeAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "select", name: "kind", label: t("outcomeKind"), options: outcomeKinds.map((k) => ({ value: k, label: t(`outcomeKinds.${k}` as never) })) },
            { kind: "textarea", name: "description", label: t("description") },
            { kind: "date", name: "startedOn", label: t("startedOn"), optional: true },
            { kind: "date", name: "endedOn", label: t("endedOn"), optional: true },
          ]}
        />
      ),
    },
    ...(canRecordFunctionalCapacity
      ? [
          {
            key: "functional-capacity",
            title: t("recordFunctionalCapacity"),
            node: (
              <RecordForm
                {...common}
                testId="record-functional-capacity"
          schema="functionalCapacity"
                action={recordFunctionalCapacityAction}
                submitLabel={t("save")}
                fields={[id, { kind: "date", name: "assessedOn", label: t("assessedOn") }, { kind: "textarea", name: "content", label: t("description") }]}
              />
            ),
          },
        ]
      : []),
    {
      key: "note",
      title: t("addNote"),
      node: (
        <RecordForm
          {...common}
          testId="add-note"
          schema="caseNote"
          action={addCaseNoteAction}
          submitLabel={t("save")}
          fields={[id, { kind: "textarea", name: "body", label: t("note") }]}
        />
      ),
    },
    ...(canAssign
      ? [
          {
            key: "assign",
            title: t("assign"),
            node: (
              <RecordForm
                {...common}
                testId="assign"
          schema="assignClient"
                action={assignClientAction}
                submitLabel={t("save")}
                fields={[
                  id,
                  {
                    kind: "select",
                    name: "caseworkerId",
                    label: t("caseworker"),
                    defaultValue: currentCaseworkerId ?? "",
                    options: [{ value: "", label: t("unassigned") }, ...caseworkers.map((c) => ({ value: c.id, label: c.name }))],
                  },
                ]}
              />
            ),
          },
        ]
      : []),
    {
      key: "close",
      title: t("closeCase"),
      node: (
        <RecordForm
          {...common}
          testId="close-case"
          schema="closeCase"
          action={closeCaseAction}
          submitLabel={t("close")}
          fields={[id, { kind: "date", name: "closedOn", label: t("closedOn") }, { kind: "text", name: "reason", label: t("closeReason") }]}
        />
      ),
    },
  ];
  return (
    <div className="border-t-4 border-brand-700 pt-4">
      <FoldedForms id="record-title" title={t("title")} forms={notesOnly ? forms.filter((form) => form.key === "note") : forms} />
    </div>
  );
}
