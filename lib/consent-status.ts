import { helsinkiDate } from "./helsinki-time";

/**
 * What a consent record says at a moment (DESIGN.md rules 1–3). Pure: the case page, the disclosure
 * gate and the tests read a consent's status the same way.
 */
export const consentStatuses = ["valid", "not_yet_valid", "expired", "withdrawn", "refused"] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

/** The fields of a consent row the status depends on. */
export interface ConsentTiming {
  granted: boolean;
  givenAt: Date;
  /** First and last calendar day (Helsinki) the consent covers; null = from the start / open-ended. */
  validFrom: string | null;
  validUntil: string | null;
  withdrawnAt: Date | null;
}

/**
 * - `refused`: the person said no (recorded so that nobody asks as if they had not been asked),
 * - `withdrawn`: withdrawn at or before `at` (a withdrawal never reaches back before it was made),
 * - `not_yet_valid`: given after `at`, or its validity starts on a later day,
 * - `expired`: its last valid day is before `at`'s day in Helsinki,
 * - `valid`: otherwise.
 */
export function consentStatus(consent: ConsentTiming, at: Date): ConsentStatus {
  if (!consent.granted) return "refused";
  if (consent.withdrawnAt && consent.withdrawnAt.getTime() <= at.getTime()) return "withdrawn";
  if (consent.givenAt.getTime() > at.getTime()) return "not_yet_valid";
  const day = helsinkiDate(at);
  if (consent.validFrom && consent.validFrom > day) return "not_yet_valid";
  if (consent.validUntil && consent.validUntil < day) return "expired";
  return "valid";
}

export function isConsentValid(consent: ConsentTiming, at: Date): boolean {
  return consentStatus(consent, at) === "valid";
}
