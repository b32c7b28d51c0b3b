import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { demoAccounts, DEMO_PASSWORD } from "../demo/accounts";
import type { StaffRole } from "../lib/auth/roles";

export function demoEmail(role: StaffRole, which = 0): string {
  const account = demoAccounts.filter((a) => a.role === role)[which];
  if (!account) throw new Error(`No demo account #${which} for ${role}`);
  return account.email;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, locale = "en") {
  await page.goto(`/${locale}/sign-in`);
  await page.getByLabel(/sähköposti|email|e-post/i).fill(email);
  await page.getByLabel(/salasana|password|lösenord/i).fill(password);
  await page.locator("form").getByRole("button").click();
}

/** Tests read the staff pages in English; the Finnish and Swedish texts are checked by the messages test. */
export async function preferEnglishStaffPages(context: BrowserContext, baseURL: string) {
  await context.addCookies([{ name: "kotona_staff_locale", value: "en", url: baseURL }]);
}

export const test = base.extend<{ login: (role: StaffRole, which?: number) => Promise<void> }>({
  context: async ({ context, baseURL }, use) => {
    await preferEnglishStaffPages(context, baseURL!);
    await use(context);
  },
  login: async ({ page }, use) => {
    await use(async (role, which = 0) => {
      await signIn(page, demoEmail(role, which));
      await expect(page).toHaveURL(/\/staff$/);
    });
  },
});

export { expect };
