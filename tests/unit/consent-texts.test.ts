import { describe, expect, it } from "vitest";
import { assessmentRenamedInVersionTwo, demoConsentTexts } from "@/demo/consent-texts";
import { publicLocales } from "@/lib/i18n/locales";

/**
 * The demo's storage consent text, version 2, names the assessment as Act 681/2023 §14 does since
 * 1.1.2025, in every public language, and changes nothing else: a consent text is a legal text.
 */
describe("the storage consent text, version 2", () => {
  const storage = (version: number, locale: string) => demoConsentTexts.find((text) => text.kind === "storage" && text.version === version && text.locale === locale);

  it.each(publicLocales)("in %s no longer names the initial assessment, and differs from version 1 only in its name", (locale) => {
    const one = storage(1, locale);
    const two = storage(2, locale);
    expect(one && two).toBeTruthy();
    const renames = assessmentRenamedInVersionTwo[locale]!;
    expect(renames.length).toBeGreaterThan(0);
    for (const [from, to] of renames) {
      expect(one!.body).toContain(from);
      expect(two!.body).not.toContain(from);
      expect(two!.body).toContain(to);
    }
    // Put the old names back and the texts are the same, word for word.
    const undone = renames.reduce((body, [from, to]) => body.replaceAll(to, from), two!.body);
    expect(undone).toBe(one!.body);
  });

  it("other kinds of text keep their one version", () => {
    expect(demoConsentTexts.filter((text) => text.kind !== "storage").every((text) => text.version === 1)).toBe(true);
  });
});
