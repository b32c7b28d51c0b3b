/**
 * Issue 5, deliverable 2: the administrator keeps the agencies (name, business id, inside the EU/EEA,
 * delivery method) in the register settings. The statutory-basis refusals are in tests/integration/agencies.test.ts.
 */
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { createStaff, signInAs } from "./factories";
import { expect, test } from "./fixtures";

const sql = database();

test("admin manages agencies with the keyboard; axe passes", async ({ page }) => {
  // The settings it saves are the register's, but the administrator saving them is this test's own.
  await signInAs(page, await createStaff(sql, "admin"));
  await page.getByRole("link", { name: "Agencies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Agencies" })).toBeVisible();
  await expectNoAxeViolations(page);
  const table = page.getByTestId("agencies-table");
  await expect(table.locator("tr[data-agency=farland_resettlement]")).toBeVisible();

  // Add an agency, keyboard only.
  const add = page.getByRole("form", { name: "Add an agency" });
  await add.getByLabel("Code").focus();
  await page.keyboard.type("city_library");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Kotolan kaupunginkirjasto");
  await page.keyboard.press("Tab");
  await page.keyboard.type("1234567-8");
  await page.keyboard.press("Tab"); // first radio
  await page.keyboard.press("Space");
  await expect(add.getByLabel("Yes")).toBeChecked();
  await page.keyboard.press("Tab"); // select
  await expect(add.getByLabel("Delivery method")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(add.getByRole("button", { name: "Add agency" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(add.getByRole("status")).toHaveText("The agency was added.");
  await expect(table.locator("tr[data-agency=city_library]")).toContainText("1234567-8");
  await expect(add.getByLabel("Code")).toHaveValue("");

  // Same code again: refused.
  await add.getByLabel("Code").fill("city_library");
  await add.getByLabel("Name in Finnish").fill("Toinen");
  await add.getByLabel("No", { exact: true }).check();
  await add.getByRole("button", { name: "Add agency" }).click();
  await expect(add.getByRole("alert")).toContainText("exists already");

  // Browser validation with the same schema.
  await add.getByLabel("Code").fill("Bad Code");
  await add.getByLabel(/Business ID/).fill("123");
  await add.getByRole("button", { name: "Add agency" }).click();
  await expect(add.getByText("Use lower-case letters")).toBeVisible();
  await expect(add.getByText("Enter a business ID in the form 1234567-8.")).toBeVisible();
  await expect(add.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  // Edit an agency's delivery method (IOM: no other test discloses to it).
  const fold = page.getByTestId("edit-iom");
  await fold.locator("summary").focus();
  await page.keyboard.press("Enter");
  const edit = fold.getByRole("form");
  await edit.getByLabel("Delivery method").selectOption("paper");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByRole("status")).toHaveText("The changes were saved.");
  await expect(table.locator("tr[data-agency=iom]")).toContainText("Paper, by post");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("adds an agency with a plain form post", async ({ page }) => {
    await signInAs(page, await createStaff(sql, "admin"));
    await page.goto("/staff/admin/agencies");
    const add = page.getByRole("form", { name: "Add an agency" });
    await add.getByLabel("Code").fill("nojs_agency");
    await add.getByLabel("Name in Finnish").fill("Ilman skriptiä");
    await add.getByLabel("Yes", { exact: true }).check();
    await add.getByRole("button", { name: "Add agency" }).click();
    await expect(page.getByTestId("agencies-table").locator("tr[data-agency=nojs_agency]")).toBeVisible();
    await expect(page.getByRole("form", { name: "Add an agency" }).getByRole("status")).toHaveText("The agency was added.");
  });
});

test("the data protection officer gets 403 on the agencies page", async ({ page, login }) => {
  await login("dpo");
  const response = await page.goto("/staff/admin/agencies");
  expect(response?.status()).toBe(403);
});
