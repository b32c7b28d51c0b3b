import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import type { StaffRole } from "../lib/auth/roles";
import { signInAs, type E2EStaff } from "./factories";
import { expect, preferEnglishStaffPages } from "./fixtures";

export interface NewAccount {
  email: string;
  name: string;
  password: string;
}

/**
 * A fresh staff account, made the way an administrator makes one: `admin` (the test's own
 * administrator, e2e/factories.ts) fills in the form on /staff/admin/staff in a context of its own.
 * Tests that change an account make their own, since the demo accounts are shared by tests running
 * in parallel.
 */
export async function createAccountAsAdmin(browser: Browser, baseURL: string, role: StaffRole, admin: E2EStaff): Promise<NewAccount> {
  const id = randomBytes(4).toString("hex");
  const account = { email: `new-${role}-${id}@e2e.kotona.example`, name: `Uusi ${role} ${id}`, password: `initial-${id}-chosen-by-admin` };
  const context = await browser.newContext();
  try {
    await preferEnglishStaffPages(context, baseURL);
    const page = await context.newPage();
    await signInAs(page, admin);
    await page.goto("/staff/admin/staff");
    const form = page.getByRole("form", { name: "Add a staff account" });
    await form.getByLabel("Email address").fill(account.email);
    await form.getByLabel("Name").fill(account.name);
    await form.getByLabel("Initial password").fill(account.password);
    await form.getByLabel("Role").selectOption(role);
    await form.getByRole("button", { name: "Add account" }).click();
    await expect(form.getByRole("status")).toContainText("The account was created");
  } finally {
    await context.close();
  }
  return account;
}

/** On the password page: the current password, then the new one twice. */
export async function fillPasswordForm(page: Page, current: string, next: string, repeat = next) {
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("New password again").fill(repeat);
  await page.getByRole("button", { name: "Change password" }).click();
}
