import { describe, expect, it } from "vitest";
import { secureCookiesEnabled, staffLocaleCookieOptions } from "./cookies";

/** Security issue 9, point 11: the staff-locale cookie is Secure under production, as the others are. */
describe("the staff-locale cookie", () => {
  it.each([
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", KOTONA_SECURE_COOKIES: "0" }, false],
    [{ NODE_ENV: "development" }, false],
    [{ NODE_ENV: "development", KOTONA_SECURE_COOKIES: "1" }, true],
    [{ NODE_ENV: "test" }, false],
  ] as const)("under %j is Secure: %s, by the same decision as the session cookie", (env, secure) => {
    const processEnv = env as unknown as NodeJS.ProcessEnv;
    expect(staffLocaleCookieOptions(processEnv).secure).toBe(secure);
    expect(staffLocaleCookieOptions(processEnv).secure).toBe(secureCookiesEnabled(processEnv));
  });

  it("is HttpOnly, SameSite=Lax and for the whole site", () => {
    expect(staffLocaleCookieOptions({ NODE_ENV: "production" } as unknown as NodeJS.ProcessEnv)).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
  });
});
