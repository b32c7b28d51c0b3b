import type { Browser } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { createStaff, signInAs } from "./factories";
import { expect, preferEnglishStaffPages, signIn, test } from "./fixtures";
import { createAccountAsAdmin, fillPasswordForm } from "./staff-accounts";

const sql = database();

/** A browser context of its own per person, so each keeps their own session cookie. */
async function personIn(browser: Browser, baseURL: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  await preferEnglishStaffPages(context, baseURL);
  return { context, page: await context.newPage() };
}

test("a coordinator account an administrator creates must set its own password, and reads clients only after the DPO approves", async ({ browser, baseURL }) => {
  // The administrator and the approver are this test's own: it creates an account and decides a grant.
  const admin = await createStaff(sql, "admin", "Pääkäyttäjä (e2e)");
  const approver = await createStaff(sql, "dpo", "Tietosuojavastaava (e2e)");
  const account = await createAccountAsAdmin(browser, baseURL!, "coordinator", admin);
  const [row] = await sql`select role, must_change_password from staff_users where email = ${account.email}`;
  expect(row).toEqual({ role: null, must_change_password: true });

  // Signed in with the administrator's password: sent to the password page, and nothing else opens.
  const newcomer = await personIn(browser, baseURL!);
  const page = newcomer.page;
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/staff\/password$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose your own password");
  await expectNoAxeViolations(page);
  await page.goto("/staff/clients");
  await expect(page).toHaveURL(/\/staff\/password$/);

  await fillPasswordForm(page, account.password, "my-own-password-1", "my-own-password-2");
  await expect(page.getByText("The passwords do not match.")).toBeVisible();
  await expectNoAxeViolations(page);
  await fillPasswordForm(page, account.password, "my-own-password-1");
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  // Its own password does not open client data: the coordinator role waits for a second person.
  const refused = await page.goto("/staff/clients");
  expect(refused?.status()).toBe(403);
  await page.goto("/staff");
  await expect(page.getByTestId("awaiting-approval")).toContainText("Coordinator");
  await expect(page.getByTestId("permissions").locator("li")).toHaveCount(0);

  // The data protection officer sees the request and approves it.
  const dpo = await personIn(browser, baseURL!);
  await signInAs(dpo.page, approver);
  await dpo.page.goto("/staff/role-grants");
  const pending = dpo.page.getByTestId("pending-grants").locator(`tr[data-staff-email="${account.email}"]`);
  await expect(pending).toContainText(admin.displayName);
  await expectNoAxeViolations(dpo.page);
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(pending).toHaveCount(0);
  const history = dpo.page.getByTestId("grant-history").locator(`tr[data-staff-email="${account.email}"]`).first();
  await expect(history.locator("[data-status]")).toHaveText("Approved");
  await expect(history).toContainText(approver.displayName);
  await dpo.context.close();

  // The role change ended the session; signed in again, the coordinator reads clients.
  await page.goto("/staff/clients");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await signIn(page, account.email, "my-own-password-1");
  await expect(page).toHaveURL(/\/staff$/);
  const opened = await page.goto("/staff/clients");
  expect(opened?.status()).toBe(200);
  await expect(page).toHaveURL(/\/staff\/clients$/);
  await newcomer.context.close();

  const events = await sql`
    select e.action from audit_events e join staff_users s on s.id::text = e.details->>'staffId'
    where s.email = ${account.email} order by e.seq`;
  expect(events.map((e) => e.action)).toEqual([
    "staff.created",
    "staff.role_grant_requested",
    "staff.password_changed",
    "staff.role_grant_approved",
    "staff.role_changed",
  ]);
});

test("without JavaScript: the first password change, a refusal of a wrong current password, and the approval", async ({ browser, baseURL }) => {
  const account = await createAccountAsAdmin(browser, baseURL!, "caseworker", await createStaff(sql, "admin"));
  const newcomer = await personIn(browser, baseURL!, false);
  const page = newcomer.page;
  await signIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/staff\/password$/);

  await fillPasswordForm(page, "not-the-initial-password", "my-own-password-1");
  await expect(page.getByText("The current password is not correct.")).toBeVisible();
  await fillPasswordForm(page, account.password, "my-own-password-1");
  await expect(page.getByRole("status")).toContainText("Your password was changed");
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByTestId("awaiting-approval")).toContainText("Caseworker");

  const coordinator = await personIn(browser, baseURL!, false);
  await signInAs(coordinator.page, await createStaff(sql, "coordinator"));
  await coordinator.page.goto("/staff/role-grants");
  const pending = coordinator.page.getByTestId("pending-grants").locator(`tr[data-staff-email="${account.email}"]`);
  await pending.getByRole("button", { name: "Approve" }).click();
  await expect(coordinator.page.getByTestId("pending-grants").locator(`tr[data-staff-email="${account.email}"]`)).toHaveCount(0);
  // A coordinator decides but does not read the history: that is the DPO's.
  await expect(coordinator.page.getByTestId("grant-history")).toHaveCount(0);
  await coordinator.context.close();

  const [row] = await sql`select role, must_change_password from staff_users where email = ${account.email}`;
  expect(row).toEqual({ role: "caseworker", must_change_password: false });
  await newcomer.context.close();
});
