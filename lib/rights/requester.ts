import { isMinorOn } from "../case-marks";
import { requestKinds, type RequestKind, type Requester } from "../domain-values";
import { isPublicLocale, type PublicLocale } from "../i18n/locales";

/**
 * Who may make a data subject's request, and which kinds the register answers (DESIGN.md rule 6).
 *
 * The person asks for themselves, or a guardian for a minor: the seed notice (§10) says a minor's
 * right of access is exercised by their guardian, and guardianship ends at 18 (the Guardianship
 * Services Act 442/1999 §4). Whether the client is a minor is read on the day the request was
 * received, with the age rule the case marks use (lib/case-marks.ts: a year older on the birthday;
 * someone born on 29 February in a common year on 1 March): a guardian's request received the day
 * before the client turns 18 stands, one received on the birthday does not.
 */

export type RequesterIssue =
  /** The client was 18 or older on the day received: they ask for themselves. */
  | "guardian_for_adult"
  /** No date of birth on record: nobody can tell that the client is a minor. */
  | "guardian_age_unknown";

/** Why `requester` may not ask for this client, or null when they may. */
export function requesterIssue({
  requester,
  clientDateOfBirth,
  receivedOn,
}: {
  requester: Requester;
  clientDateOfBirth: string | null | undefined;
  receivedOn: string;
}): RequesterIssue | null {
  if (requester === "client") return null;
  if (!clientDateOfBirth) return "guardian_age_unknown";
  return isMinorOn(clientDateOfBirth, receivedOn) ? null : "guardian_for_adult";
}

/** A row of family_members as the guardianship rule reads it. */
export interface FamilyRecord {
  id: string;
  /** Whose case the record is in. */
  clientId: string;
  /** The member, when they are a client too. */
  relatedClientId: string | null;
  /** The case's client is this member's guardian. */
  clientIsGuardian: boolean;
}

/**
 * The family records that name a guardian of `minorClientId`: a record in the guardian's own case
 * that names the minor (as a client) and says the case's client is their guardian. The guardian is
 * the record's `clientId`. Records in the minor's own case never say who their guardian is.
 */
export function guardianshipsOf<R extends FamilyRecord>(minorClientId: string, records: readonly R[]): R[] {
  return records.filter((record) => record.relatedClientId === minorClientId && record.clientIsGuardian && record.clientId !== minorClientId);
}

/**
 * The kinds of request the register answers under its basis: data portability (Art 20(1)(a)) only
 * where processing rests on consent, so a register on a legal obligation does not offer it.
 */
export function requestKindsFor(basis: "consent" | "legal_obligation"): RequestKind[] {
  return requestKinds.filter((kind) => kind !== "portability" || basis === "consent");
}

/** The language the answer goes out in by default: the client's preferred one when it is a public language, else Finnish. */
export function defaultReplyLanguage(preferredLanguage: string | null | undefined): PublicLocale {
  return isPublicLocale(preferredLanguage) ? preferredLanguage : "fi";
}
