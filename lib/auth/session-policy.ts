/** Idle timeout: a session unused this long is ended. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Absolute lifetime: a session ends this long after sign-in, used or not. */
export const ABSOLUTE_TIMEOUT_MS = 10 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so page loads do not each cost a write. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionState {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  userDisabledAt: Date | null;
}

export type SessionVerdict = "active" | "revoked" | "disabled" | "idle" | "expired";

export function sessionVerdict(s: SessionState, now: Date): SessionVerdict {
  if (s.revokedAt) return "revoked";
  if (s.userDisabledAt) return "disabled";
  if (now.getTime() >= s.expiresAt.getTime() || now.getTime() - s.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS) return "expired";
  if (now.getTime() - s.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return "idle";
  return "active";
}

export function needsTouch(s: Pick<SessionState, "lastSeenAt">, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
