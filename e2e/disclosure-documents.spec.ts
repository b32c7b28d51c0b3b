import { database } from "./db";
import { expectNoAxeViolations } from "./axe";
import { createClient, createStaff, E2E_PASSWORD, type E2EClient, type E2EStaff } from "./factories";
import { expect, signIn, test } from "./fixtures";

/**
 * Security review (issue 9), deliverable 3, end to end: a stored disclosure document obeys the case's
 * read rules. The client's own caseworker discloses the identity and functional capacity to ELY; a
 * second caseworker, who may open the case with a reason but may not read functional capacity, gets
 * neither it nor the unmasked identity code from the document page or the download.
 */

const sql = database();
test.describe.configure({ mode: "serial" });

const FUNCTIONAL_CAPACITY = `Työkyky rajoittunut, e2e ${Date.now()}`;
let own: E2EStaff;
let other: E2EStaff;
let client: E2EClient;
let documentPath = "";

test.beforeAll(async () => {
  own = await createStaff(sql, "caseworker", "Oma ohjaaja");
  other = await createStaff(sql, "caseworker", "Toinen ohjaaja");
  client = await createClient(sql, { assignedTo: own.id });
  const today = new Date().toISOString().slice(0, 10);
  const [ely] = await sql`select id from agencies where code = 'ely'`;
  await sql`insert into functional_capacity_entries (client_id, assessed_on, content, recorded_by) values (${client.id}, ${today}, ${FUNCTIONAL_CAPACITY}, ${own.id})`;
  await sql`
    insert into consents (client_id, kind, granted, agency_id, categories, purpose, valid_from, valid_until, given_at, channel, paper_reference, recorded_by)
    values (${client.id}, 'disclosure', true, ${ely!.id}, ${["identity", "functionalCapacity"]}, 'Työllistymistä edistävät palvelut',
      ${today}, ${new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10)}, now(), 'written', 'E2E-FC-1', ${own.id})`;
});

test("the client's own caseworker discloses identity and functional capacity; the page masks the code until revealed", async ({ page }) => {
  await signIn(page, own.email, E2E_PASSWORD);
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto(`/staff/clients/${client.id}/disclosures/new`);
  await page.getByLabel("Recipient", { exact: true }).selectOption("ely");
  await page.getByRole("button", { name: "Show what may be disclosed" }).click();
  const form = page.getByTestId("disclosure-form");
  await form.getByRole("checkbox", { name: "Identity" }).check();
  await form.getByRole("checkbox", { name: "Work and functional capacity" }).check();
  await form.getByLabel("Purpose of the disclosure").fill("Palvelutarpeen arviointi");
  await form.getByLabel("Method").selectOption("secure_email");
  await form.getByRole("button", { name: "Preview the document" }).click();
  // Even the preview shows the code masked.
  await expect(page.getByTestId("disclosure-document")).not.toContainText(client.identityCode);
  await page.getByTestId("record-disclosure").click();
  await expect(page.getByTestId("disclosure-recorded")).toBeVisible();
  documentPath = new URL(page.url()).pathname;

  const document = page.getByTestId("disclosure-document");
  await expect(document).toContainText(FUNCTIONAL_CAPACITY);
  await expect(document).not.toContainText(client.identityCode);
  await expect(document).toContainText(`${client.identityCode.slice(0, 7)}****`);
  await page.getByRole("button", { name: "Show the identity code" }).click();
  await expect(page.getByTestId("document-identity-code")).toContainText(client.identityCode);
  await expectNoAxeViolations(page);

  const events = await sql`select action, details from audit_events where client_id = ${client.id} and actor_id = ${own.id} and action in ('client.identity_code_revealed', 'client.functional_capacity_viewed') order by seq`;
  expect(events.map((e) => [e.action, e.details.via])).toEqual(
    expect.arrayContaining([
      ["client.functional_capacity_viewed", "disclosure_document"],
      ["client.identity_code_revealed", "disclosure_document"],
    ]),
  );
});

test("another caseworker, with a reason for the case, gets neither functional capacity nor the unmasked code, by page or download", async ({ page }) => {
  expect(documentPath).toMatch(/\/disclosures\/[0-9a-f-]{36}$/);
  await signIn(page, other.email, E2E_PASSWORD);
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto(`/staff/clients/${client.id}`);
  await page.getByLabel("Reason for opening the case").fill("Sijaistan kollegaa asiakkaan asiassa");
  await page.getByRole("button", { name: "Open the case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(client.lastName);

  await page.goto(documentPath);
  const document = page.getByTestId("disclosure-document");
  await expect(document).toBeVisible();
  await expect(page.getByTestId("document-withheld")).toContainText("Work and functional capacity");
  await expect(document).not.toContainText(FUNCTIONAL_CAPACITY);
  await expect(document).not.toContainText(client.identityCode);
  await expect(page.getByTestId("document-json")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(FUNCTIONAL_CAPACITY);
  await expectNoAxeViolations(page);

  const download = await page.request.get(`${documentPath}/document`);
  expect(download.status()).toBe(403);
  const body = await download.text();
  expect(body).not.toContain(client.identityCode);
  expect(body).not.toContain(FUNCTIONAL_CAPACITY);

  const events = await sql`select action, reason from audit_events where client_id = ${client.id} and actor_id = ${other.id} order by seq`;
  const actions = events.map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(["disclosure.document_viewed", "disclosure.document_withheld"]));
  expect(actions).not.toContain("client.functional_capacity_viewed");
  expect(actions).not.toContain("client.identity_code_revealed");
  expect(events.find((e) => e.action === "disclosure.document_withheld")?.reason).toBe("Sijaistan kollegaa asiakkaan asiassa");
});
