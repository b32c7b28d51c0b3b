/**
 * Imported once when the Node server starts (instrumentation.ts): a server deployment without its
 * secrets stops here with a clear message instead of failing later on some request; on the embedded
 * default (next dev) the secrets are generated into the data folder and the environment.
 */
import { ConfigurationError } from "@/lib/secrets";
import { loadSecretsIntoEnv } from "./secrets";

try {
  loadSecretsIntoEnv();
} catch (error) {
  if (error instanceof ConfigurationError) {
    console.error(`\nKotona cannot start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
