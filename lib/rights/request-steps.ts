import type { RequestDecision, RequestKind, RequestStatus } from "../domain-values";

/**
 * A data subject's request as one journey (CONVENTIONS.md habit 5): received → identity verified →
 * decided → closed, with the extension possible until the decision. The data layer refuses a step
 * the journey does not allow, and the request's page offers only the steps it does.
 */

export type RequestStep = "verify" | "extend" | "decide" | "close";

export interface RequestJourneyState {
  status: RequestStatus;
  extendedDueOn: string | null;
}

/** The steps open to the officer now, in the order the page shows them. */
export function nextSteps(request: RequestJourneyState): RequestStep[] {
  const extend: RequestStep[] = request.extendedDueOn ? [] : ["extend"];
  switch (request.status) {
    case "received":
      // Nothing is decided for someone whose identity is not known yet.
      return ["verify", ...extend];
    case "verified":
      return ["decide", ...extend];
    case "decided":
      return ["close"];
    case "closed":
      return [];
  }
}

export function stepAllowed(request: RequestJourneyState, step: RequestStep): boolean {
  return nextSteps(request).includes(step);
}

/** What the register does when a decision is recorded, besides recording it. */
export type DecisionEffect =
  /** An accepted erasure marks the client for erasure; the retention run carries it out. */
  | "mark_for_erasure"
  /** A whole or partial refusal is answered with the refusal certificate (kieltäytymistodistus). */
  | "refusal_certificate";

export function decisionEffects(kind: RequestKind, decision: RequestDecision): DecisionEffect[] {
  if (decision === "accepted") return kind === "erasure" ? ["mark_for_erasure"] : [];
  return ["refusal_certificate"];
}

/** Whether a decision must state its reasons: every refusal, and every decision on an erasure or an objection (Deliver 6). */
export function reasonsRequired(kind: RequestKind, decision: RequestDecision): boolean {
  return decision !== "accepted" || kind === "erasure" || kind === "objection";
}
