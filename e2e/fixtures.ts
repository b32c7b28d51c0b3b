import { test as base, expect, type Page } from "@playwright/test";
import { demoAccounts, DEMO_PASSWORD } from "../lib/demo-accounts";
import type { StaffRole } from "../lib/auth/roles";

export function demoEmail(role: StaffRole, which = 0): string {
  const account = demoAccounts.filter((a) => a.role === role)[which];
  if (!account) throw new Error(`No demo account #${which} for ${role}`);
  return account.email;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, locale = "fi") {
  await page.goto(`/${locale}/sign-in`);
  await page.getByLabel(/sähköposti|email|e-post/i).fill(email);
  await page.getByLabel(/salasana|password|lösenord/i).fill(password);
  await page.locator("form").getByRole("button").click();
}

export const test = base.extend<{ login: (role: StaffRole, which?: number) => Promise<void> }>({
  login: async ({ page }, use) => {
    await use(async (role, which = 0) => {
      await signIn(page, demoEmail(role, which));
      await expect(page).toHaveURL(/\/staff$/);
    });
  },
});

export { expect };
