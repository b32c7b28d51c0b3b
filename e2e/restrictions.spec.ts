import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { createClient, createDataSubjectRequest, createStaff, signInAs, type E2EClient, type E2EStaff } from "./factories";
import { expect, test } from "./fixtures";

/**
 * Restriction of processing end to end (issue 11, GDPR Art 18): the data protection officer
 * restricts a client on their own decision, the caseworker's case shows the mark and the ground and
 * takes only what the ground allows, lifting is refused until the person has been told, the notice
 * is recorded with its letter (a PDF in the person's language), and the restriction is lifted. Axe
 * checks the new pages. The staff and clients are this test's own.
 */

const sql = database();
test.describe.configure({ mode: "serial" });

let officer: E2EStaff;
let caseworker: E2EStaff;
let client: E2EClient;
let contested: E2EClient;
let rectified: E2EClient;

test.beforeAll(async () => {
  officer = await createStaff(sql, "dpo", "E2E Rajoittaja");
  caseworker = await createStaff(sql, "caseworker", "E2E Ohjaaja");
  client = await createClient(sql, { assignedTo: caseworker.id });
  contested = await createClient(sql, { assignedTo: caseworker.id });
  rectified = await createClient(sql, { assignedTo: caseworker.id });
  // Contact details went to ELY and Migri, the service plan to the TE office (the log rows alone:
  // what the notices read).
  for (const [code, categories] of [["ely", ["identity", "contact"]], ["migri", ["contact"]], ["te_office", ["servicePlan"]]] as const) {
    await sql`
      insert into disclosures (client_id, agency_id, categories, basis, purpose, method, disclosed_by, disclosed_at)
      select ${rectified.id}, id, ${sql.array([...categories])}, '[]'::jsonb, 'E2E', 'secure_email', ${caseworker.id}, now() - interval '2 days'
      from agencies where code = ${code}`;
  }
});

test("the officer restricts a client, is refused lifting before the person is told, records the notice with its letter, and lifts it", async ({ page, browser, baseURL }) => {
  await signInAs(page, officer);
  await page.getByRole("link", { name: "Restrictions of processing in force" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Restrictions of processing");
  await expectNoAxeViolations(page);

  const apply = page.getByTestId("apply-restriction");
  await apply.getByLabel("Client number").fill(client.clientNumber);
  await apply.getByLabel("Ground").selectOption("unlawful_processing");
  await apply.getByRole("button", { name: "Restrict processing" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Restriction of processing: client ${client.clientNumber}`);
  await expect(page.getByTestId("restriction-status")).toHaveText("In force");
  await expectNoAxeViolations(page);
  const restrictionUrl = page.url();

  // The caseworker's case: the mark with its ground, and no forms (this ground allows storage only).
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: "kotona_staff_locale", value: "en", url: baseURL! }]);
    const casePage = await context.newPage();
    await signInAs(casePage, caseworker);
    await casePage.goto(`/staff/clients/${client.id}`);
    const mark = casePage.getByTestId("restricted");
    await expect(mark).toContainText("Processing of this client's data is restricted since");
    await expect(mark).toContainText("Unlawful processing, erasure opposed");
    await expect(casePage.getByTestId("add-note")).toHaveCount(0);
    await expect(casePage.getByTestId("edit-identity")).toHaveCount(0);
    await expect(casePage.getByTestId("restriction-history")).toContainText("E2E Rajoittaja");
  } finally {
    await context.close();
  }

  // Lifting before the person is told is refused, and the restriction stays.
  const lift = page.getByTestId("lift-form");
  await lift.getByRole("button", { name: "Lift the restriction" }).click();
  await expect(lift.getByRole("alert")).toHaveText("Record first that the person was told: the restriction cannot be lifted before.");
  await page.goto(restrictionUrl);
  await expect(page.getByTestId("restriction-status")).toHaveText("In force");

  // The notice, with its letter in Arabic.
  const notice = page.getByTestId("lift-notice-form");
  await notice.getByLabel("How they were told").selectOption("paper");
  await notice.getByLabel("Language of the letter").selectOption("ar");
  await notice.getByRole("button", { name: "Record the notice and generate the letter" }).click();
  await expect(page.getByTestId("lift-notice")).toContainText("The person was told on");
  const letter = await page.request.get(`${restrictionUrl}/letter`);
  expect(letter.status()).toBe(200);
  expect(letter.headers()["content-type"]).toBe("application/pdf");
  expect((await letter.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.getByTestId("lift-form").getByRole("button", { name: "Lift the restriction" }).click();
  await expect(page.getByTestId("restriction-status")).toContainText("Lifted");
  await expectNoAxeViolations(page);
  const [row] = await sql`select restricted_at from clients where id = ${client.id}`;
  expect(row?.restricted_at).toBeNull();
});

test("contested accuracy: the caseworker may still correct the person's details, and nothing else", async ({ page, browser, baseURL }) => {
  await signInAs(page, officer);
  await page.goto("/staff/restrictions");
  const apply = page.getByTestId("apply-restriction");
  await apply.getByLabel("Client number").fill(contested.clientNumber);
  await apply.getByLabel("Ground").selectOption("accuracy_contested");
  await apply.getByRole("button", { name: "Restrict processing" }).click();
  await expect(page.getByTestId("restriction-status")).toHaveText("In force");
  await page.goto("/staff/restrictions");
  await expect(page.getByTestId("restrictions-in-force")).toContainText(contested.clientNumber);

  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: "kotona_staff_locale", value: "en", url: baseURL! }]);
    const casePage = await context.newPage();
    await signInAs(casePage, caseworker);
    await casePage.goto(`/staff/clients/${contested.id}`);
    await expect(casePage.getByTestId("restricted")).toContainText("Correcting the person's own details is allowed");
    await expect(casePage.getByTestId("edit-identity")).toHaveCount(1);
    await expect(casePage.getByTestId("add-note")).toHaveCount(0);
    await expect(casePage.getByTestId("book-appointment")).toHaveCount(0);
    await expectNoAxeViolations(casePage);
  } finally {
    await context.close();
  }
});

test("rectification: the officer links the caseworker's correction and tells exactly the agencies that received the contact details", async ({ page, browser, baseURL }) => {
  const requestId = await createDataSubjectRequest(sql, rectified, { kind: "rectification" });

  // The caseworker corrects the phone number through the case form.
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: "kotona_staff_locale", value: "en", url: baseURL! }]);
    const casePage = await context.newPage();
    await signInAs(casePage, caseworker);
    await casePage.goto(`/staff/clients/${rectified.id}`);
    await casePage.locator("summary", { hasText: "Edit identity and contact details" }).click();
    const edit = casePage.getByTestId("edit-identity");
    await edit.getByLabel(/^Phone/).fill("+358401234567");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit.getByRole("status")).toHaveText("Saved.");
  } finally {
    await context.close();
  }

  await signInAs(page, officer);
  await page.goto(`/staff/requests/${requestId}`);
  const panel = page.getByRole("region", { name: "Recipients to tell (GDPR Article 19)" });
  const link = panel.getByTestId("link-corrections");
  await link.getByLabel(/Contact details \(phone\)/).check();
  await link.getByRole("button", { name: "Link the chosen corrections" }).click();
  await expect(panel.getByTestId("linked-corrections")).toContainText("Contact details");
  await expect(panel.getByTestId("recipient-ely")).toContainText("Contact details");
  await expect(panel.getByTestId("recipient-migri")).toBeVisible();
  await expect(panel.getByTestId("recipient-te_office")).toHaveCount(0);
  await expectNoAxeViolations(page);

  const ely = panel.getByTestId("recipient-ely");
  await ely.getByLabel("Language of the letter").selectOption("sv");
  await ely.getByRole("button", { name: "Record the notice and generate the letter" }).click();
  await expect(ely).toContainText("Told on");
  const letterHref = await ely.getByRole("link", { name: "Letter (PDF)" }).getAttribute("href");
  const letter = await page.request.get(letterHref!);
  expect(letter.headers()["content-type"]).toBe("application/pdf");
  await expect(panel.getByTestId("recipient-migri")).toContainText("Not told yet");
  const notices = await sql`select a.code, n.locale, n.categories from recipient_notices n join agencies a on a.id = n.agency_id where n.request_id = ${requestId}`;
  expect(notices).toEqual([{ code: "ely", locale: "sv", categories: ["contact"] }]);
});
