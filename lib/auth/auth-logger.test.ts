import { describe, expect, it } from "vitest";
import { createAuthLogger, type LogSink } from "./auth-logger";

/** An error shaped as Auth.js throws it, with a stack and the typed email nowhere but the cause. */
function authError(type: string, code?: string): Error {
  const error = new Error(`Read more at https://errors.authjs.dev#${type.toLowerCase()}`) as Error & { type: string; code?: string };
  error.type = type;
  if (code) error.code = code;
  return error;
}

function capture() {
  const lines: string[] = [];
  const errors: unknown[] = [];
  const sink: LogSink = { warn: (line) => lines.push(line), error: (error) => errors.push(error) };
  return { logger: createAuthLogger(sink), lines, errors };
}

describe("the Auth.js logger", () => {
  it.each(["invalid", "throttled"])("writes one line, with no stack trace, for a sign-in refused as %s", (code) => {
    const { logger, lines, errors } = capture();
    logger.error(authError("CredentialsSignin", code));
    expect(lines).toEqual([`[auth] sign-in refused: ${code}`]);
    expect(errors).toEqual([]);
    expect(lines.join("\n")).not.toMatch(/\n|at .*\(|@/);
  });

  it("does not echo an unexpected code", () => {
    const { logger, lines } = capture();
    logger.error(authError("CredentialsSignin", "victim@example.fi"));
    expect(lines).toEqual(["[auth] sign-in refused: credentials"]);
  });

  it("stays quiet for a stale or forged session cookie", () => {
    const { logger, lines, errors } = capture();
    logger.error(authError("JWTSessionError"));
    expect([...lines, ...errors]).toEqual([]);
  });

  it("keeps the whole error of a real fault", () => {
    const { logger, lines, errors } = capture();
    const fault = authError("CallbackRouteError");
    logger.error(fault);
    expect(lines).toEqual([]);
    expect(errors).toEqual([fault]);
  });
});
