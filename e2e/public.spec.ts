import { expect, test } from "@playwright/test";
import { publicLocales } from "../lib/i18n/locales";
import { expectNoAxeViolations } from "./axe";

test("the root address sends the visitor to a language", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/(fi|sv|en|ar|uk|ru)$/);
});

for (const locale of publicLocales) {
  test(`public home in ${locale}: language, direction, start button and no axe violations`, async ({ page }) => {
    await page.goto(`/${locale}`);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    await expect(page.locator(`main a[href="/${locale}/intake"]`)).toBeVisible();
    await expect(page.locator(`a[href="/${locale}/privacy"]`).first()).toBeVisible();
    await expect(page.locator(`a[href="/${locale}/accessibility"]`).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test(`sign-in page in ${locale}: direction and no axe violations`, async ({ page }) => {
    await page.goto(`/${locale}/sign-in`);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    await expect(page.locator('input[type="password"]')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test("the language switcher keeps the page", async ({ page }) => {
  await page.goto("/fi/sign-in");
  await page.getByRole("navigation").getByRole("link", { name: "العربية" }).click();
  await expect(page).toHaveURL(/\/ar\/sign-in$/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
});

test("public pages send the security headers and load nothing from third parties", async ({ page }) => {
  const foreign: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith("http://localhost")) foreign.push(request.url());
  });
  const response = await page.goto("/en");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(foreign).toEqual([]);
});

test("the health route answers for the load balancer", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
