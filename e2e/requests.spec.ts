import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { createClient, createStaff, signInAs, type E2EClient, type E2EStaff } from "./factories";
import { expect, test } from "./fixtures";

/**
 * Issue 11 end to end: the data protection officer receives an access request from a guardian for
 * a minor, verifies the guardian's identity, previews and releases the report and downloads the PDF;
 * then handles a restriction request, and the disclosure tool refuses the restricted client; then
 * filters the audit view by the client and exports it as CSV. Axe checks every new page on the way.
 * The officer, the caseworker and the clients are this test's own.
 */

const sql = database();
test.describe.configure({ mode: "serial" });

const today = () => new Date().toISOString().slice(0, 10);
const yearsAgo = (years: number) => {
  const day = new Date();
  day.setUTCFullYear(day.getUTCFullYear() - years);
  return day.toISOString().slice(0, 10);
};

let officer: E2EStaff;
let caseworker: E2EStaff;
let minor: E2EClient;
let mother: E2EClient;
let accessRequestId = "";

test.beforeAll(async () => {
  officer = await createStaff(sql, "dpo", "E2E Tietosuojavastaava");
  caseworker = await createStaff(sql, "caseworker", "E2E Ohjaaja");
  minor = await createClient(sql, { assignedTo: caseworker.id, plan: true });
  mother = await createClient(sql, { assignedTo: caseworker.id });
  // The child is ten: a minor. The mother's family record names the child, and her as the guardian.
  await sql`update clients set date_of_birth = ${yearsAgo(10)}, preferred_language = 'ar' where id = ${minor.id}`;
  await sql`
    insert into family_members (client_id, related_client_id, relation, full_name, date_of_birth, client_is_guardian)
    values (${mother.id}, ${minor.id}, 'child', ${`${minor.firstNames} ${minor.lastName}`}, ${yearsAgo(10)}, true)`;
});

/** On /staff/requests/new: finds the client by the identity code and lands on the request form. */
async function findByIdentityCode(page: Page, client: E2EClient) {
  const finder = page.getByTestId("find-request-client");
  await finder.getByLabel(/^Personal identity code/).fill(client.identityCode);
  await finder.getByRole("button", { name: "Find the client" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/requests/new\\?client=${client.id}$`));
  // The code never reaches the URL or the page.
  expect(page.url()).not.toContain(client.identityCode);
  await expect(page.getByTestId("request-client")).toContainText(client.clientNumber);
}

test("the officer logs a guardian's access request for a minor, verifies, previews and releases the report, and downloads the PDF", async ({ page }) => {
  await signInAs(page, officer);
  await expect(page.getByTestId("requests-due")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "All data subjects' requests" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data subjects' requests");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Log a request" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log a data subject's request");
  await expectNoAxeViolations(page);

  // Neither the code nor a name: the form says what it needs.
  await page.getByTestId("find-request-client").getByRole("button", { name: "Find the client" }).click();
  await expect(page.getByText("Give the identity code, or the last name and date of birth.")).toBeVisible();
  await findByIdentityCode(page, minor);
  await expect(page.getByTestId("guardians-in-records")).toContainText(mother.clientNumber);
  await expectNoAxeViolations(page);

  const form = page.getByTestId("log-request");
  await form.getByLabel("Kind of request").selectOption("access");
  await form.getByLabel("How the request came").selectOption("signed_document");
  await form.getByLabel("Date received").fill(today());
  await form.getByLabel("Who asked").selectOption("guardian");
  await form.getByLabel(/^Guardian's name/).fill(`${mother.firstNames} ${mother.lastName}`);
  await form.getByLabel(/^Guardian in the family records/).selectOption({ label: `${mother.lastName}, ${mother.firstNames} (${mother.clientNumber})` });
  await expect(form.getByLabel("Language of the answer")).toHaveValue("ar");
  await form.getByRole("button", { name: "Log the request" }).click();

  await expect(page).toHaveURL(/\/staff\/requests\/[0-9a-f-]{36}$/);
  accessRequestId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request: Access to own data");
  await expect(page.getByTestId("guardianship-recorded")).toContainText(mother.clientNumber);
  await expect(page.getByTestId("request-status")).toHaveText("Received");
  await expectNoAxeViolations(page);

  // Verify the guardian's identity.
  const verify = page.getByTestId("verify-identity");
  await verify.getByLabel("How the identity was verified").selectOption("verified_signature");
  await verify.getByLabel(/^Details of the verification/).fill("Allekirjoitus verrattu passiin");
  await verify.getByRole("button", { name: "Record the verification" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Identity verified");
  await expect(page.getByTestId("request-identity")).toContainText("Signature verified");

  // Preview the report (the panel's form opens it in a new tab), then release it in Arabic.
  const panel = page.getByRole("region", { name: "Access report" });
  const [preview] = await Promise.all([page.waitForEvent("popup"), panel.getByRole("button", { name: "Preview the JSON" }).click()]);
  await expect(preview.locator("body")).toContainText(minor.lastName);
  await preview.close();
  const pdfPreview = await page.request.get(`/staff/requests/${accessRequestId}/access-report?format=pdf&locale=ar`);
  expect(pdfPreview.headers()["content-type"]).toBe("application/pdf");
  expect((await pdfPreview.body()).subarray(0, 5).toString()).toBe("%PDF-");

  const release = panel.getByRole("form", { name: "Release the report" });
  await release.getByLabel("Language of the document").selectOption("ar");
  await release.getByRole("button", { name: "Release the report" }).click();
  await expect(release.getByRole("status")).toHaveText("The report is released.");
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: "PDF" }).first().click()]);
  expect(download.suggestedFilename()).toMatch(/^access_report-[0-9a-f-]{36}\.pdf$/);
  expect((await readFile((await download.path())!)).subarray(0, 5).toString()).toBe("%PDF-");

  // Answered: decide and close.
  const decide = page.getByTestId("decide-request");
  await decide.getByLabel("Decision", { exact: true }).selectOption("accepted");
  await decide.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Decided");
  await page.getByTestId("close-request").getByRole("button", { name: "Close the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Closed");

  const events = await sql`select action from audit_events where details->>'dataSubjectRequestId' = ${accessRequestId} order by seq`;
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["request.logged", "request.identity_verified", "request.decided", "request.closed"]));
  const [row] = await sql`select requester, guardian_client_id, status, decision, reply_language from data_subject_requests where id = ${accessRequestId}`;
  expect(row).toMatchObject({ requester: "guardian", guardian_client_id: mother.id, status: "closed", decision: "accepted", reply_language: "ar" });
});

test("a caseworker logs a request received at a visit; the officer's page is not theirs", async ({ page }) => {
  await signInAs(page, caseworker);
  await page.getByRole("link", { name: "Log a data subject's request" }).click();
  await findByIdentityCode(page, mother);
  const form = page.getByTestId("log-request");
  await form.getByLabel("Kind of request").selectOption("rectification");
  await form.getByLabel("How the request came").selectOption("visit");
  // A guardian cannot ask for an adult: the field says so.
  await form.getByLabel("Who asked").selectOption("guardian");
  await form.getByLabel(/^Guardian's name/).fill("Joku Muu");
  await form.getByRole("button", { name: "Log the request" }).click();
  await expect(form.getByText("a guardian cannot ask for an adult")).toBeVisible();
  await form.getByLabel("Who asked").selectOption("client");
  await form.getByLabel(/^Guardian's name/).fill("");
  await form.getByLabel(/^Identity verified at the visit/).selectOption("identity_document");
  await form.getByRole("button", { name: "Log the request" }).click();
  await expect(form.getByRole("status")).toHaveText("The request is logged. The data protection officer handles it.");
  await expectNoAxeViolations(page);
  expect((await page.request.get("/staff/requests", { maxRedirects: 0 })).status()).toBe(403);
});

test("the officer handles a restriction request, and the disclosure tool refuses the restricted client", async ({ page, browser, baseURL }) => {
  await signInAs(page, officer);
  await page.goto("/staff/requests/new");
  await findByIdentityCode(page, minor);
  const form = page.getByTestId("log-request");
  await form.getByLabel("Kind of request").selectOption("restriction");
  await form.getByLabel("How the request came").selectOption("signed_document");
  await form.getByLabel("Who asked").selectOption("guardian");
  await form.getByLabel(/^Guardian's name/).fill(`${mother.firstNames} ${mother.lastName}`);
  await form.getByLabel(/^Description|^What the person asks/).fill("Tietojen oikeellisuus kiistetään");
  await form.getByRole("button", { name: "Log the request" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request: Restriction of processing");
  // Not in the form's record choice: the guardianship is shown as not checked against the records.
  await expect(page.getByTestId("guardianship-not-recorded")).toBeVisible();
  const verify = page.getByTestId("verify-identity");
  await verify.getByLabel("How the identity was verified").selectOption("verified_signature");
  await verify.getByRole("button", { name: "Record the verification" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Identity verified");

  // The restriction panel applies the restriction on this request.
  const panel = page.getByRole("region", { name: "Restriction of processing" });
  await panel.getByLabel("Ground").selectOption("accuracy_contested");
  await panel.getByRole("button", { name: "Restrict processing on this request" }).click();
  await expect(panel).toContainText("The client's processing is restricted since");
  await expectNoAxeViolations(page);
  const [restriction] = await sql`select ground, lifted_at from client_restrictions where client_id = ${minor.id}`;
  expect(restriction).toMatchObject({ ground: "accuracy_contested", lifted_at: null });

  // The caseworker's disclosure tool refuses every category for the restricted client.
  const context = await browser.newContext();
  try {
    await context.addCookies([{ name: "kotona_staff_locale", value: "en", url: baseURL! }]);
    const tool = await context.newPage();
    await signInAs(tool, caseworker);
    await tool.goto(`/staff/clients/${minor.id}/disclosures/new`);
    await tool.getByLabel("Recipient", { exact: true }).selectOption("ely");
    await tool.getByRole("button", { name: "Show what may be disclosed" }).click();
    const decisions = tool.getByTestId("decisions");
    await expect(decisions.locator("tr[data-category=identity]")).toHaveAttribute("data-allowed", "false");
    await expect(decisions.locator("tr[data-category=identity]")).toContainText("Processing of the client's data is restricted");
    await expect(decisions.locator("tr[data-allowed=true]")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("the officer filters the audit view by the client and exports it as CSV", async ({ page }) => {
  await signInAs(page, officer);
  await page.goto("/staff/audit");
  await expectNoAxeViolations(page);
  const lookup = page.getByTestId("client-lookup");
  await lookup.getByLabel(/^Identity code, client number or name/).fill(minor.clientNumber);
  await lookup.getByRole("button", { name: "Find" }).click();
  const result = page.getByTestId("lookup-result").filter({ hasText: minor.clientNumber });
  await expect(result).toHaveCount(1);
  await result.getByRole("link", { name: "Show in the log" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/audit\\?client=${minor.id}`));
  await expect(page.getByTestId("filter-client")).toHaveText(minor.clientNumber);
  await expect(page.getByTestId("audit-event").first()).toBeVisible();
  await expect(page.locator("[data-testid=audit-event][data-action='request.logged']").first()).toBeVisible();
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const rows = parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  expect(rows.length).toBeGreaterThan(0);
  // Every event is about the client: recorded on them, or a list or search that showed them.
  expect(rows.filter((row) => row.client_id !== minor.id && !(row.details ?? "").includes(minor.id))).toEqual([]);
  expect(rows.map((row) => row.action)).toEqual(expect.arrayContaining(["request.logged", "request.identity_verified", "request.viewed"]));
  // The log names the request, never the identity code typed to find the client.
  expect(csv).not.toContain(minor.identityCode);

  await page.goto(`/staff/audit/clients/${minor.id}`);
  await expectNoAxeViolations(page);
});

test("the officer's other new pages pass axe: the audit view's unusual access and staff pages, the record of processing activities", async ({ page }) => {
  await signInAs(page, officer);
  for (const path of ["/staff/audit/unusual", `/staff/audit/staff/${caseworker.id}`, "/staff/records-of-processing", "/staff/requests?show=all"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test("without JavaScript the officer finds the client by name and date of birth and logs a request", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    await context.addCookies([{ name: "kotona_staff_locale", value: "en", url: baseURL! }]);
    const page = await context.newPage();
    await signInAs(page, officer);
    await page.goto("/staff/requests/new");
    const finder = page.getByTestId("find-request-client");
    await finder.getByLabel(/^Last name/).fill(mother.lastName);
    await finder.getByLabel(/^Date of birth/).fill((await sql`select date_of_birth::text as dob from clients where id = ${mother.id}`)[0]!.dob as string);
    await finder.getByRole("button", { name: "Find the client" }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/requests/new\\?client=${mother.id}$`));
    const form = page.getByTestId("log-request");
    await form.getByLabel("Kind of request").selectOption("objection");
    await form.getByLabel("How the request came").selectOption("otherwise_verified");
    // A due date before the day received is answered on the field, without JavaScript too.
    await form.getByLabel(/^Due date/).fill("2020-01-01");
    await form.getByRole("button", { name: "Log the request" }).click();
    await expect(page.getByTestId("log-request").getByText("The due date cannot be before the date received.")).toBeVisible();
    await page.getByTestId("log-request").getByLabel(/^Due date/).fill("");
    await page.getByTestId("log-request").getByLabel("Kind of request").selectOption("objection");
    await page.getByTestId("log-request").getByLabel("How the request came").selectOption("otherwise_verified");
    await page.getByTestId("log-request").getByRole("button", { name: "Log the request" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request: Objection");
  } finally {
    await context.close();
  }
});
