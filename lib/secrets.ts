/**
 * The app's two secrets, read from the environment: AUTH_SECRET signs the session token;
 * KOTONA_DATA_KEY (32 bytes) is what the identity-code, limiter and audit keys are derived from.
 * On a PostgreSQL server they are given; on the embedded default, server/secrets.ts generates them
 * once into the data folder and puts them into the environment before anything reads them.
 */

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
    throw new ConfigurationError("KOTONA_DATA_KEY must be 32 random bytes in base64 (generate one with: openssl rand -base64 32).");
  }
  return key;
}

/** The names of the secrets `env` lacks. */
export function missingSecrets(env: Env): string[] {
  return [!env.AUTH_SECRET && "AUTH_SECRET", !env.KOTONA_DATA_KEY && "KOTONA_DATA_KEY"].filter((name): name is string => Boolean(name));
}

/** The secrets `env` gives; a missing or malformed one stops with a message that says what to do. */
export function secretsFromEnv(env: Env): Secrets {
  const missing = missingSecrets(env);
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${missing.join(" and ")} must be set${env.DATABASE_URL ? " when DATABASE_URL is set" : ""}. Generate each with: openssl rand -base64 32` +
        (env.DATABASE_URL ? "" : " (or start Kotona with npm start, which generates them for the embedded database)."),
    );
  }
  return { authSecret: env.AUTH_SECRET!, dataKey: parseDataKey(env.KOTONA_DATA_KEY!) };
}

let cached: Secrets | undefined;
/** The process's secrets, read once from its environment. */
export function secrets(): Secrets {
  cached ??= secretsFromEnv(process.env);
  return cached;
}
