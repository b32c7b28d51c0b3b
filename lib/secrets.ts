import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** Any environment-like record: process.env, or a test's own. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Secrets {
  /** Signs the Auth.js session token. */
  authSecret: string;
  /** 32 bytes; the encryption and lookup keys for identity codes are derived from it. */
  dataKey: Buffer;
}

export function parseDataKey(value: string): Buffer {
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) {
    throw new ConfigurationError(
      "KOTONA_DATA_KEY must be 32 random bytes in base64 (generate one with: openssl rand -base64 32).",
    );
  }
  return key;
}

/**
 * On a PostgreSQL server (DATABASE_URL) the secrets must be given: generating them there would
 * silently give each instance its own key. On the embedded default they are generated once into
 * the data folder, so `npm start` works on a laptop with no configuration.
 */
export function loadSecrets(env: Env = process.env): Secrets {
  let authSecret = env.AUTH_SECRET;
  let dataKeyText = env.KOTONA_DATA_KEY;
  if (!authSecret || !dataKeyText) {
    if (env.DATABASE_URL) {
      const missing = [!authSecret && "AUTH_SECRET", !dataKeyText && "KOTONA_DATA_KEY"].filter(Boolean).join(" and ");
      throw new ConfigurationError(
        `${missing} must be set when DATABASE_URL is set. Generate each with: openssl rand -base64 32`,
      );
    }
    const file = path.join(dataDir(env), "secrets.json");
    let stored: { authSecret?: string; dataKey?: string } = {};
    if (existsSync(file)) {
      stored = JSON.parse(readFileSync(file, "utf8")) as typeof stored;
    } else {
      stored = { authSecret: randomBytes(32).toString("base64"), dataKey: randomBytes(32).toString("base64") };
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    authSecret ??= stored.authSecret;
    dataKeyText ??= stored.dataKey;
    if (!authSecret || !dataKeyText) throw new ConfigurationError(`${file} is incomplete; remove it to regenerate.`);
  }
  return { authSecret, dataKey: parseDataKey(dataKeyText) };
}

let cached: Secrets | undefined;
/** The process's secrets, loaded once. */
export function secrets(): Secrets {
  cached ??= loadSecrets();
  return cached;
}
