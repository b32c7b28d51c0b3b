import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/data-dir";
import { ConfigurationError, missingSecrets, secretsFromEnv, type Env, type Secrets } from "@/lib/secrets";

/**
 * On a PostgreSQL server (DATABASE_URL) the secrets must be given: generating them there would
 * silently give each instance its own key. On the embedded default they are generated once into
 * the data folder (mode 600), so `npm start` works on a laptop with no configuration.
 */
export function loadSecrets(env: Env = process.env): Secrets {
  if (missingSecrets(env).length === 0 || env.DATABASE_URL) return secretsFromEnv(env);
  const file = path.join(dataDir(env), "secrets.json");
  let stored: { authSecret?: string; dataKey?: string };
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, "utf8")) as typeof stored;
  } else {
    stored = { authSecret: randomBytes(32).toString("base64"), dataKey: randomBytes(32).toString("base64") };
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  if (!stored.authSecret || !stored.dataKey) throw new ConfigurationError(`${file} is incomplete; remove it to regenerate.`);
  return secretsFromEnv({ ...env, AUTH_SECRET: env.AUTH_SECRET ?? stored.authSecret, KOTONA_DATA_KEY: env.KOTONA_DATA_KEY ?? stored.dataKey });
}

/**
 * Loads the secrets (generating them on the embedded default) into this process's environment,
 * where lib/secrets.ts reads them: the first thing every script and the server do.
 */
export function loadSecretsIntoEnv(env: NodeJS.ProcessEnv = process.env): Secrets {
  const loaded = loadSecrets(env);
  env.AUTH_SECRET ??= loaded.authSecret;
  env.KOTONA_DATA_KEY ??= loaded.dataKey.toString("base64");
  return loaded;
}
