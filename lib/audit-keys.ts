import { hkdfSync } from "node:crypto";
import { secrets } from "./secrets";

/**
 * The audit trail's keys, derived from KOTONA_DATA_KEY with HKDF (distinct `info` strings, so they
 * are independent of each other and of the identity-code keys in lib/crypto.ts).
 *
 * Why derived rather than a separate KOTONA_AUDIT_KEY: the data key is already required on every
 * server, already kept outside the database, already checked against the database at start (a
 * wrong key is refused), and already the one secret an operator must back up. A second key would
 * be one more secret to lose (losing it makes the whole log unverifiable), one more to check, and
 * a new variable every existing deployment would have to add before it could start. The threat
 * the key answers is someone holding the database login but not the app's environment; a key
 * derived from a secret that never enters the database answers it just as well.
 */
export interface AuditKeys {
  /** HMAC key of the hash chain (hash version 2). */
  chain: Buffer;
  /** HMAC key of the checkpoints given to the data protection officer. */
  checkpoint: Buffer;
}

const derived = new WeakMap<Buffer, AuditKeys>();

export function auditKeys(dataKey: Buffer = secrets().dataKey): AuditKeys {
  let keys = derived.get(dataKey);
  if (!keys) {
    const derive = (info: string) => Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), info, 32));
    keys = { chain: derive("kotona/audit-chain/v1"), checkpoint: derive("kotona/audit-checkpoint/v1") };
    derived.set(dataKey, keys);
  }
  return keys;
}
