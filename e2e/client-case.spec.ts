import { database } from "./db";
import { expectNoAxeViolations } from "./axe";
import { createClient, createStaff, signInAs } from "./factories";
import { demoEmail, expect, test } from "./fixtures";

const sql = database();

async function clientOf(email: string) {
  const [row] = await sql`
    select c.id, c.last_name from clients c join staff_users s on s.id = c.assigned_caseworker_id
     where s.email = ${email} and c.restricted_at is null order by c.client_number limit 1`;
  return row as { id: string; last_name: string };
}

test("a caseworker opens their own client's case; the view is audited and the identity code masked until revealed", async ({ page }) => {
  const me = await createStaff(sql, "caseworker");
  const client = await createClient(sql, { assignedTo: me.id });
  await signInAs(page, me);
  await page.goto(`/staff/clients/${client.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(client.lastName);
  const code = page.getByTestId("identity-code");
  await expect(code).toHaveText(/^\d{6}[-+A-FU-Y]\*{4}$/);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(code).toHaveText(/^\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]$/);
  expect(page.url()).not.toMatch(/\d{6}[-+A-FU-Y]\d{3}/);
  const events = await sql`select action from audit_events where client_id = ${client.id} order by seq`;
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["client.viewed", "client.identity_code_revealed"]));
});

test("a second caseworker must state a reason first, and the audit log shows the view with the reason", async ({ page }) => {
  const owner = await createStaff(sql, "caseworker");
  const viewer = await createStaff(sql, "caseworker");
  const client = await createClient(sql, { assignedTo: owner.id });
  await signInAs(page, viewer);
  await page.goto(`/staff/clients/${client.id}`);
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText(client.lastName);
  await expect(page.locator("body")).not.toContainText(client.lastName);
  await page.getByLabel("Reason for opening the case").fill("Too short");
  await page.getByRole("button", { name: "Open the case" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "at least 10 characters" })).toBeVisible();
  const reason = "Standing in for the caseworker during sick leave";
  await page.getByLabel("Reason for opening the case").fill(reason);
  await page.getByRole("button", { name: "Open the case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(client.lastName);
  const views = await sql`select reason from audit_events where client_id = ${client.id} and actor_id = ${viewer.id} and action = 'client.viewed'`;
  expect(views.map((v) => v.reason)).toContain(reason);
});

test("a reporting user cannot open a case at all", async ({ page, login }) => {
  const client = await clientOf(demoEmail("caseworker"));
  await login("reporting");
  const response = await page.goto(`/staff/clients/${client.id}`);
  expect(response?.status()).toBe(403);
  await expect(page.locator("body")).not.toContainText(client.last_name);
});

test("the staff workspace pages have no axe violations", async ({ page, login }) => {
  const client = await clientOf(demoEmail("caseworker"));
  await login("coordinator");
  for (const path of ["/staff", "/staff/intake", "/staff/clients", `/staff/clients/${client.id}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  // The folded record forms too.
  for (const summary of await page.locator("details > summary").all()) await summary.click();
  await expectNoAxeViolations(page);
});

test("the administrator's pages have no axe violations", async ({ page, login }) => {
  await login("admin");
  for (const path of ["/staff", "/staff/admin/staff", "/staff/admin/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("a walk-in client is registered with the written consent recorded, and the case details can be edited", async ({ page }) => {
  await signInAs(page, await createStaff(sql, "caseworker"));
  await page.goto("/staff/clients/new");
  const form = page.getByTestId("walk-in");
  const lastName = `Käyntiasiakas${Date.now().toString(36)}`;
  await form.getByLabel("First names").fill("Olena");
  await form.getByLabel("Last name").fill(lastName);
  await form.getByLabel("Date of birth").fill("1988-04-12");
  await form.getByLabel("Phone").fill("040 765 4321");
  await form.getByLabel("Client group").selectOption("resident");
  await form.getByLabel("Basis for registering").selectOption("consent_written");
  await form.getByLabel("Date the consent was signed").fill(new Date().toISOString().slice(0, 10));
  await form.getByLabel("Reference of the signed paper").fill("SUOST-2026-0042");
  await form.getByRole("button", { name: "Register the client" }).click();
  await expect(page).toHaveURL(/\/staff\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(lastName);
  const clientId = page.url().split("/").pop()!;
  const [consent] = await sql`select channel, paper_reference, recorded_by, granted from consents where client_id = ${clientId} and kind = 'storage'`;
  expect(consent).toMatchObject({ channel: "written", paper_reference: "SUOST-2026-0042", granted: true });
  expect(consent!.recorded_by).not.toBeNull();

  await page.locator("summary", { hasText: "Add a residence permit" }).click();
  const permit = page.getByTestId("add-permit");
  await permit.getByLabel("Permit type").selectOption("temporary_protection");
  await permit.getByLabel("Valid until").fill("2027-03-04");
  await permit.getByRole("button", { name: "Save" }).click();
  await expect(permit.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.locator("#residence").locator("..")).toContainText("temporary_protection");
  const events = await sql`select action, details from audit_events where client_id = ${clientId} order by seq`;
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["client.created", "case.permit_recorded"]));
  expect(JSON.stringify(events.map((e) => e.details))).not.toContain("SUOST-2026-0042");
});
