"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/forms/field";
import type { ActionState } from "@/lib/forms/state";
import { intakeRejectionReasons } from "@/lib/domain-values";
import { acceptSubmissionAction, rejectSubmissionAction } from "../actions";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function useDecision(action: Action) {
  return useActionState<ActionState, FormData>(action, { status: "idle" });
}

function Refusal({ state, messages }: { state: ActionState; messages: Record<string, string> }) {
  if (state.status !== "error") return null;
  return (
    <p role="alert" className="font-bold text-red-700">
      {messages[state.formError ?? ""] ?? messages.other}
    </p>
  );
}

export interface DecisionLabels {
  accept: string;
  assignToMe: string;
  linksTitle: string;
  linksHint: string;
  reject: string;
  reason: string;
  reasons: Record<string, string>;
  errors: Record<string, string>;
}

export interface LinkChoice {
  key: string;
  label: string;
}

/**
 * Accepting as a new client. Family links the answers suggest are offered one by one, unticked: a
 * name and a birth date are not proof, so staff confirm each link after checking it with the person.
 */
export function AcceptForm({
  submissionId,
  labels,
  canAssignToSelf,
  links,
}: {
  submissionId: string;
  labels: DecisionLabels;
  canAssignToSelf: boolean;
  links: LinkChoice[];
}) {
  const [state, formAction, pending] = useDecision(acceptSubmissionAction);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="submissionId" value={submissionId} />
      {canAssignToSelf ? (
        <div className="flex items-center gap-2">
          <input id="assign-to-me" type="checkbox" name="assignToMe" value="yes" defaultChecked className="h-5 w-5" />
          <label htmlFor="assign-to-me">{labels.assignToMe}</label>
        </div>
      ) : null}
      {links.length > 0 ? (
        <fieldset className="space-y-1" aria-describedby="accept-links-hint">
          <legend className="font-bold">{labels.linksTitle}</legend>
          <p id="accept-links-hint" className="text-sm text-gray-700">
            {labels.linksHint}
          </p>
          {links.map((link, index) => (
            <div key={link.key} className="flex items-start gap-2">
              <input id={`accept-link-${index}`} type="checkbox" name="apply" value={link.key} className="mt-1 h-5 w-5" />
              <label htmlFor={`accept-link-${index}`}>{link.label}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <Refusal state={state} messages={labels.errors} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {labels.accept}
      </button>
    </form>
  );
}

export function RejectForm({ submissionId, labels }: { submissionId: string; labels: DecisionLabels }) {
  const [state, formAction, pending] = useDecision(rejectSubmissionAction);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="submissionId" value={submissionId} />
      <label htmlFor="reject-reason" className="block font-bold">
        {labels.reason}
      </label>
      <select id="reject-reason" name="reason" className="rounded border-2 border-ink px-2 py-1" defaultValue="">
        <option value="" disabled>
          –
        </option>
        {intakeRejectionReasons.map((reason) => (
          <option key={reason} value={reason}>
            {labels.reasons[reason]}
          </option>
        ))}
      </select>
      <Refusal state={state} messages={labels.errors} />
      <button type="submit" disabled={pending} className="rounded border-2 border-red-800 px-4 py-2 font-bold text-red-800">
        {labels.reject}
      </button>
    </form>
  );
}
