import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { secrets } from "./secrets";

export class DataKeyError extends Error {
  override name = "DataKeyError";
}

interface FieldKeys {
  encryption: Buffer;
  lookup: Buffer;
  /** Keys sign-in and submission limiter rows, so they hold no email or address in clear. */
  limiter: Buffer;
  check: string;
}

const derived = new WeakMap<Buffer, FieldKeys>();

/** Separate keys for encryption and for the lookup hash, so one never weakens the other. */
export function fieldKeys(dataKey: Buffer = secrets().dataKey): FieldKeys {
  let keys = derived.get(dataKey);
  if (!keys) {
    const derive = (info: string) => Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), info, 32));
    keys = {
      encryption: derive("kotona/field-encryption/v1"),
      lookup: derive("kotona/lookup-hash/v1"),
      limiter: derive("kotona/limiter-key/v1"),
      check: createHmac("sha256", derive("kotona/key-check/v1")).update("kotona").digest("hex"),
    };
    derived.set(dataKey, keys);
  }
  return keys;
}

const VERSION = "v1";

/** AES-256-GCM with a random 96-bit nonce; the format is `v1.<nonce>.<ciphertext>.<tag>` in base64url. */
export function encryptField(plain: string, dataKey?: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", fieldKeys(dataKey).encryption, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function decryptField(stored: string, dataKey?: Buffer): string {
  const [version, iv, body, tag] = stored.split(".");
  if (version !== VERSION || iv === undefined || body === undefined || tag === undefined) {
    throw new DataKeyError("An encrypted field is not in the expected format.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", fieldKeys(dataKey).encryption, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new DataKeyError(
      "An encrypted field cannot be decrypted: KOTONA_DATA_KEY is not the key this data was written with.",
      { cause: error },
    );
  }
}

/** Keyed hash for exact lookup: equal inputs give equal hashes, and without the key it reveals nothing. */
export function lookupHash(normalized: string, dataKey?: Buffer): string {
  return createHmac("sha256", fieldKeys(dataKey).lookup).update(normalized, "utf8").digest("hex");
}

/**
 * The key of a limiter row: an HMAC under its own derived key, with the kind in front so one
 * kind's keys never collide with another's. Equal inputs give equal keys on every instance.
 */
export function limiterHash(kind: string, value: string, dataKey?: Buffer): string {
  return createHmac("sha256", fieldKeys(dataKey).limiter).update(`${kind}\u0000${value}`, "utf8").digest("hex");
}

/** The value stored in register_settings to detect a changed key at start-up. */
export function dataKeyCheck(dataKey?: Buffer): string {
  return fieldKeys(dataKey).check;
}

export function dataKeyMatches(stored: string, dataKey?: Buffer): boolean {
  const expected = Buffer.from(dataKeyCheck(dataKey));
  const actual = Buffer.from(stored);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
