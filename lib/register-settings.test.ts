import { describe, expect, it } from "vitest";
import { demoSettings } from "@/demo/settings";
import { DEFAULT_DRAFT_IDLE_MINUTES, defaultOmbudsman, httpsUrl, registerSettingsSchema } from "./register-settings";

/** Security issue 9, point 11: a link the public pages show from the settings is https only. */
describe("URLs in the settings", () => {
  const withOmbudsmanUrl = (url: unknown) => ({ ...demoSettings, ombudsman: { ...defaultOmbudsman, url } });

  it.each([
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://tietosuoja.fi",
    "ftp://tietosuoja.fi",
    "//tietosuoja.fi",
    "tietosuoja.fi",
    "https:alert(1)",
    "https://",
    "",
  ])("refuses %j as the Ombudsman's address", (url) => {
    expect(httpsUrl.safeParse(url).success).toBe(false);
    const result = registerSettingsSchema.safeParse(withOmbudsmanUrl(url));
    expect(result.success).toBe(false);
    // Refused for the address alone: nothing else in these settings is wrong.
    expect(new Set(result.error?.issues.map((issue) => issue.path.join(".")))).toEqual(new Set(["ombudsman.url"]));
  });

  it.each(["https://tietosuoja.fi", "https://tietosuoja.fi/en/contact-information", "https://www.tietosuoja.fi/?lang=sv#top"])(
    "accepts %j",
    (url) => {
      expect(registerSettingsSchema.parse(withOmbudsmanUrl(url)).ombudsman.url).toBe(url);
    },
  );
});

describe("the unfinished intake form's idle limit", () => {
  it("defaults to 20 minutes and is bounded", () => {
    const { intakeDraftIdleMinutes: _given, ...retention } = demoSettings.retention;
    expect(DEFAULT_DRAFT_IDLE_MINUTES).toBe(20);
    expect(registerSettingsSchema.parse({ ...demoSettings, retention }).retention.intakeDraftIdleMinutes).toBe(20);
    expect(registerSettingsSchema.parse({ ...demoSettings, retention: undefined }).retention.intakeDraftIdleMinutes).toBe(20);
    expect(registerSettingsSchema.parse({ ...demoSettings, retention: { ...retention, intakeDraftIdleMinutes: 45 } }).retention.intakeDraftIdleMinutes).toBe(45);
    for (const bad of [0, 4, 241, 24 * 60, 20.5, "20"]) {
      expect(registerSettingsSchema.safeParse({ ...demoSettings, retention: { ...retention, intakeDraftIdleMinutes: bad } }).success, String(bad)).toBe(false);
    }
  });
});
