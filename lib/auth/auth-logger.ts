/**
 * What Auth.js writes to the server log. A refused sign-in (wrong password, unknown email,
 * throttled) is an everyday event, already in the audit log: one line with its code, no stack
 * trace and nothing the person typed. A stale or forged session cookie is no fault at all. Anything
 * else is a real fault and keeps its full error, cause included.
 */

interface LoggedError {
  name?: string;
  type?: string;
  code?: string;
}

export function expectedAuthErrorLine(error: unknown): string | null | undefined {
  const { type, code } = (error ?? {}) as LoggedError;
  if (type === "JWTSessionError") return null;
  if (type === "CredentialsSignin") return `[auth] sign-in refused: ${typeof code === "string" && /^[a-z_]{1,32}$/.test(code) ? code : "credentials"}`;
  return undefined;
}

export interface LogSink {
  warn(line: string): void;
  error(error: unknown): void;
}

export function createAuthLogger(sink: LogSink = console) {
  return {
    error(error: Error) {
      const line = expectedAuthErrorLine(error);
      if (line === null) return;
      if (line !== undefined) sink.warn(line);
      else sink.error(error);
    },
  };
}
