/**
 * Imported once when the Node server starts (instrumentation.ts): a server deployment without its
 * secrets stops here with a clear message instead of failing later on some request.
 */
import { ConfigurationError, loadSecrets } from "./secrets";

try {
  loadSecrets();
} catch (error) {
  if (error instanceof ConfigurationError) {
    console.error(`\nKotona cannot start: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
