import { expect, test } from "@playwright/test";
import { publicLocales } from "../lib/i18n/locales";
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { fillIntake, waitForEnhancement } from "./intake-helpers";

const sql = database();

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

test("submissions past the per-address limit get a readable 429 page; posts without a draft use none of it", async ({ request }) => {
  // Playwright plays one trusted reverse proxy (KOTONA_TRUSTED_PROXIES=1, scripts/e2e.ts): the
  // rightmost X-Forwarded-For entry is the client, so a fresh one keeps other tests' counts apart,
  // and the entries left of it (the client's own word) change nothing.
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const limit = Number(process.env.KOTONA_INTAKE_SUBMISSIONS_PER_HOUR ?? 20);
  const post = (i: number, cookie?: string) =>
    request.post("/en/intake/submit", {
      headers: { "x-forwarded-for": `203.0.113.${i % 250}, ${ip}`, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
      data: "website=",
      maxRedirects: 0,
    });
  // Without a draft nothing can be submitted, and nothing is counted (security issue 9).
  for (let i = 0; i < limit + 5; i++) {
    const response = await post(i);
    expect(response.status(), `no draft, attempt ${i + 1}`).toBe(303);
    expect(response.headers()["location"]).toContain("/en/intake?expired=1");
  }
  let last = 0;
  for (let i = 0; i <= limit; i++) {
    // A live, empty draft: the submit counts it and sends the person back to the check page.
    const [draft] = await sql`insert into intake_drafts (locale, answers, expires_at) values ('en', '{}'::jsonb, now() + interval '1 hour') returning id`;
    const response = await post(i, `__Host-kotona.intake=${draft!.id}`);
    last = response.status();
    if (i < limit) expect(last, `attempt ${i + 1}`).toBe(303);
    if (i === limit) {
      expect(last).toBe(429);
      expect(response.headers()["retry-after"]).toMatch(/^\d+$/);
      expect(await response.text()).toContain("Too many forms sent");
    }
  }
});

