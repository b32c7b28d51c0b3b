import { randomBytes } from "node:crypto";
import { database } from "./db";
import { createStaff, signInAs } from "./factories";
import { expect, test } from "./fixtures";
import { fillIntake } from "./intake-helpers";
import { helsinkiDate, utcToHelsinkiLocal } from "../lib/helsinki-time";

const sql = database();

test("a submission made through the public form is opened and accepted by a caseworker", async ({ page, browser, baseURL }) => {
  // The newcomer, in their own browser.
  const lastName = `Testinen${randomBytes(3).toString("hex")}`;
  const newcomer = await browser.newContext({ baseURL });
  const form = await newcomer.newPage();
  await fillIntake(form, "en", { lastName });
  await form.locator('[name="storageConsent"]').check();
  await form.locator('button[name="$decision"][value="continue"]').click();
  await form.locator('form[action$="/intake/submit"] button[type=submit]').click();
  await expect(form.getByTestId("reference")).toBeVisible();
  await newcomer.close();

  // The caseworker, this test's own: the client lands on their caseload and they record the case.
  const me = await createStaff(sql, "caseworker");
  await signInAs(page, me);
  await expect(page.getByTestId("intake-count")).not.toHaveText("0");
  await page.goto("/staff/intake");
  await page.getByRole("link", { name: new RegExp(lastName) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(lastName);
  await expect(page.locator("main")).toContainText("270390-");
  await expect(page.locator("main")).not.toContainText("270390-907A");
  await expect(page.getByTestId("duplicates")).toBeVisible();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(/\/staff\/clients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(lastName);

  const clientId = page.url().split("/").pop()!;
  const [client] = await sql`select client_number, assigned_caseworker_id from clients where id = ${clientId}`;
  expect(client!.client_number).toMatch(/^\d{4}-\d{6}$/);
  expect(client!.assigned_caseworker_id).toBe(me.id);
  const moved = await sql`select count(*)::int as n from consents where client_id = ${clientId}`;
  expect(moved[0]!.n).toBeGreaterThan(0);
  const audit = await sql`select action from audit_events where action in ('intake.viewed', 'intake.accepted', 'client.viewed') and (client_id = ${clientId} or action = 'intake.viewed')`;
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["intake.viewed", "intake.accepted", "client.viewed"]));
  // The identity code travels in no URL.
  expect(page.url()).not.toMatch(/270390/);
  // The rows hold codes (docs/decisions/0006); the case shows them as labels in the staff member's language.
  const [education] = await sql`select level from educations where client_id = ${clientId}`;
  expect(education!.level).toBe("secondary");
  await expect(page.locator("#education").locator("..")).toContainText("Secondary school");
  await expect(page.locator("#skills").locator("..")).toContainText("Finnish (a little)");
  await expect(page.locator("#skills").locator("..")).toContainText("Somali (native language)");
  await expect(page.locator("#notes").locator("..")).toContainText("Service needs: Finnish or Swedish course; Finding a job.");

  // The caseworker books an appointment, records a visit, the assessment of skills and integration service needs and a plan.
  // Helsinki days and times, as the forms read them: a visit "at 09:00 today" would be in the future
  // before nine in the morning, and the UTC date is not Helsinki's around midnight.
  const inDays = (days: number) => helsinkiDate(new Date(Date.now() + days * 86_400_000));
  const today = inDays(0);
  const record = async (summary: string, testId: string, fill: () => Promise<void>) => {
    await page.locator("summary", { hasText: summary }).click();
    const form = page.getByTestId(testId);
    await fill();
    await form.getByRole("button").last().click();
    await expect(form.getByRole("status")).toHaveText("Saved.");
  };
  await record("Book an appointment", "book-appointment", async () => {
    const form = page.getByTestId("book-appointment");
    await form.getByLabel("Date and time").fill(`${inDays(2)}T10:00`);
    await form.getByLabel("How").selectOption("in_person");
    await form.getByLabel("Purpose").fill("Initial assessment meeting");
  });
  await record("Record a visit", "record-visit", async () => {
    const form = page.getByTestId("record-visit");
    await form.getByLabel("When").fill(utcToHelsinkiLocal(new Date(Date.now() - 60 * 60_000)));
    await form.getByLabel("How").selectOption("phone");
    await form.getByLabel("Notes").fill("First call, interpreter present.");
  });
  await record("Record the assessment of skills and integration service needs", "record-assessment", async () => {
    const form = page.getByTestId("record-assessment");
    await form.getByLabel("Date", { exact: true }).fill(today);
    await form.getByLabel("Assessment of skills and service needs").fill("Secondary education, Finnish course needed.");
    await form.getByLabel("Planned date of the integration plan").fill(inDays(7));
    await form.getByLabel("Drawn up by").fill("Caseworker and client");
  });
  await record("Record an integration plan", "record-plan", async () => {
    const form = page.getByTestId("record-plan");
    await form.getByLabel("Date of the plan").fill(today);
    await form.getByLabel("Goals").fill("Finnish at A2 level; vocational training.");
    await form.getByLabel("Agreed measure or service 1").fill("Integration training, 40 weeks");
    await form.getByLabel("Drawn up by").fill("Caseworker and client");
    await form.getByLabel("Planned review date").fill(inDays(10));
  });
  await page.reload();
  await expect(page.locator("#service-plan").locator("..")).toContainText("Finnish at A2 level");

  // The home page shows the appointment and the plan's coming review.
  await page.goto("/staff");
  await expect(page.getByTestId("upcoming-appointments")).toContainText(lastName);
  await expect(page.getByTestId("reviews-due")).toContainText(lastName);
  const writes = await sql`select action from audit_events where client_id = ${clientId} and action like 'case.%'`;
  expect(writes.map((w) => w.action)).toEqual(
    expect.arrayContaining(["case.appointment_booked", "case.visit_recorded", "case.assessment_recorded", "case.plan_recorded"]),
  );
});

test("client search finds a client by part of the name and by identity code, without putting the code in the URL", async ({ page, login }) => {
  const [client] = await sql`
    select c.id, c.last_name, c.client_number from clients c join staff_users s on s.id = c.assigned_caseworker_id
     where s.email = 'caseworker@demo.kotona.example' order by c.client_number limit 1`;
  await login("caseworker");
  await page.goto("/staff/clients");
  await page.getByLabel("Name, client number, personal identity code or date of birth").fill(String(client!.last_name).slice(0, 4).toLowerCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: new RegExp(String(client!.last_name)) }).first()).toBeVisible();
  await page.getByLabel("Name, client number, personal identity code or date of birth").fill(String(client!.client_number));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table")).toContainText(String(client!.client_number));
  expect(page.url()).toMatch(/\/staff\/clients$/);
});
