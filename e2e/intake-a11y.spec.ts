import { expect, test } from "@playwright/test";
import { publicLocales } from "../lib/i18n/locales";
import { expectNoAxeViolations } from "./axe";
import { fillIntake, waitForEnhancement } from "./intake-helpers";

for (const locale of publicLocales) {
  test(`intake in ${locale}: every step, an error state, check answers and confirmation have no axe violations`, async ({ page }) => {
    test.setTimeout(90_000);
    const visited: string[] = [];
    await fillIntake(page, locale, {
      onPage: async (name) => {
        visited.push(name);
        await expectNoAxeViolations(page);
      },
    });
    expect(visited).toEqual(["start", "about", "contact", "residence", "family", "education-work", "service-needs", "consent"]);

    // The consent page's error state: continue without ticking the storage consent.
    await page.locator('button[name="$decision"][value="continue"]').click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectNoAxeViolations(page);

    // A question page's error state.
    await page.goto(`/${locale}/intake/contact`);
    await waitForEnhancement(page);
    await page.locator('[name="municipality"]').fill("");
    await page.locator("main form button[type=submit]").last().click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`/${locale}/intake/consent`);
    await page.locator('[name="storageConsent"]').check();
    await page.locator('button[name="$decision"][value="continue"]').click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/intake/check$`));
    await expectNoAxeViolations(page);
    await page.locator('form[action$="/intake/submit"] button[type=submit]').click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/intake/confirmation$`));
    await expect(page.getByTestId("reference")).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

for (const locale of publicLocales) {
  test(`the privacy notice and accessibility statement in ${locale} have no axe violations`, async ({ page }) => {
    for (const path of ["privacy", "accessibility"]) {
      await page.goto(`/${locale}/${path}`);
      await expect(page.locator("h1")).toBeVisible();
      await expectNoAxeViolations(page);
    }
  });
}

test("submissions past the per-address limit get a readable 429 page", async ({ request }) => {
  // A fresh address, so no other test's submissions count against it.
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const limit = Number(process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR ?? 20);
  let last = 0;
  for (let i = 0; i <= limit; i++) {
    const response = await request.post("/en/intake/submit", {
      headers: { "x-forwarded-for": ip, "content-type": "application/x-www-form-urlencoded" },
      data: "website=",
      maxRedirects: 0,
    });
    last = response.status();
    if (i < limit) expect(last, `attempt ${i + 1}`).toBe(303);
    if (i === limit) {
      expect(last).toBe(429);
      expect(response.headers()["retry-after"]).toMatch(/^\d+$/);
      expect(await response.text()).toContain("Too many forms sent");
    }
  }
});
