import { describe, expect, it } from "vitest";
import { sameSiteRedirect } from "./redirect";

describe("sameSiteRedirect", () => {
  const forged = "http://evil.example";

  it.each([
    ["a staff path", "/staff", "/staff"],
    ["a path with a query and a fragment", "/staff/clients?page=2#top", "/staff/clients?page=2#top"],
    ["the sign-in page", "/fi/sign-in", "/fi/sign-in"],
  ])("keeps %s as it is", (_label, url, expected) => {
    expect(sameSiteRedirect({ url, baseUrl: forged })).toBe(expected);
  });

  it("answers an absolute URL on the base origin with its path only, so even a forged base cannot leave the site", () => {
    expect(sameSiteRedirect({ url: "http://evil.example/staff?x=1", baseUrl: forged })).toBe("/staff?x=1");
    expect(sameSiteRedirect({ url: "http://localhost:3000/staff", baseUrl: "http://localhost:3000" })).toBe("/staff");
  });

  it.each([
    ["another origin", "https://evil.example/staff"],
    ["a protocol-relative URL", "//evil.example/staff"],
    ["a backslash trick", "/\\evil.example"],
    ["a tab trick", "/\t/evil.example"],
    ["a newline trick", "/\n/evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["not a URL", "staff"],
    ["empty", ""],
  ])("sends %s to the home page", (_label, url) => {
    expect(sameSiteRedirect({ url, baseUrl: "http://localhost:3000" })).toBe("/");
  });
});
