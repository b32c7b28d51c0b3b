import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { createClient, createStaff, signInAs } from "./factories";
import { demoEmail, expect, test } from "./fixtures";

/**
 * Issue 5 end to end: a caseworker records a client's written consent for an agency, discloses to it
 * through the tool (decision per category → choice → preview → record), and sees the disclosure in
 * the case's log; the data protection officer finds it in the register's log and exports it as CSV.
 */

const sql = database();
test.describe.configure({ mode: "serial" });

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const requestReference = `ELY/${Date.now()}`;
let disclosed: { clientId: string; clientNumber: string; disclosureId: string } | undefined;

test("a caseworker records a written consent for ELY, discloses what it covers, and sees the disclosure on the case", async ({ page }) => {
  // The caseworker and the client are this test's own: it records a consent and a disclosure.
  const me = await createStaff(sql, "caseworker");
  const client = await createClient(sql, { assignedTo: me.id, plan: true });
  await signInAs(page, me);
  await page.goto(`/staff/clients/${client.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(client.lastName);

  // Record the written consent.
  await page.getByText("Record a written consent").click();
  const consentForm = page.getByTestId("record-consent");
  await consentForm.getByLabel("Consent to").selectOption("disclosure");
  await consentForm.getByLabel(/^Recipient/).selectOption("ely");
  await consentForm.getByLabel("Identity").check();
  await consentForm.getByLabel("Service plan").check();
  await consentForm.getByLabel(/^Purpose/).fill("Kotoutumispalvelujen järjestäminen ELY-keskuksen kanssa");
  await consentForm.getByLabel("Date signed").fill(isoDay(0));
  await consentForm.getByLabel(/^Valid until/).fill(isoDay(365));
  await consentForm.getByLabel("Reference of the signed paper").fill("SUOST-E2E-0001");
  await consentForm.getByRole("button", { name: "Record the consent" }).click();
  await expect(consentForm.getByRole("status")).toHaveText("The consent is recorded.");
  const recorded = page.getByTestId("consent").filter({ hasText: "SUOST-E2E-0001" });
  await expect(recorded).toHaveAttribute("data-status", "valid");
  await expect(recorded).toContainText("Identity, Service plan");

  // The tool: recipient → decision per category.
  await page.getByRole("link", { name: "Disclose data to an agency" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disclose data to an agency");
  await page.getByLabel("Recipient", { exact: true }).selectOption("ely");
  await page.getByRole("button", { name: "Show what may be disclosed" }).click();
  const decisions = page.getByTestId("decisions");
  await expect(decisions.locator("tr[data-category=identity]")).toHaveAttribute("data-allowed", "true");
  await expect(decisions.locator("tr[data-category=servicePlan]")).toHaveAttribute("data-allowed", "true");
  await expect(decisions.locator("tr[data-category=contact]")).toHaveAttribute("data-allowed", "false");
  await expect(decisions.locator("tr[data-category=contact]")).toContainText("Not covered by the consent");
  await expect(decisions.locator("tr[data-category=functionalCapacity]")).toContainText("needs a consent that names it");
  await expectNoAxeViolations(page);

  // Only the allowed categories are offered.
  const form = page.getByTestId("disclosure-form");
  await expect(form.getByRole("checkbox", { name: "Contact details" })).toHaveCount(0);
  await form.getByRole("button", { name: "Preview the document" }).click();
  await expect(form.getByText("Choose at least one.")).toBeVisible();
  await form.getByRole("checkbox", { name: "Identity" }).check();
  await form.getByRole("checkbox", { name: "Service plan" }).check();
  await form.getByLabel("Purpose of the disclosure").fill("Kotoutumissuunnitelman seuranta");
  await form.getByLabel("Method").selectOption("secure_email");
  await form.getByLabel(/Reference of the recipient's request/).fill(requestReference);
  await form.getByRole("button", { name: "Preview the document" }).click();
  const preview = page.getByTestId("disclosure-document");
  await expect(preview).toContainText("Preview: not disclosed yet.");
  await expect(preview.locator("[data-testid=document-category]")).toHaveCount(2);
  await expect(preview.locator("[data-category=identity]")).toContainText(client.lastName);
  await expectNoAxeViolations(page);

  await page.getByTestId("record-disclosure").click();
  await expect(page.getByTestId("disclosure-recorded")).toBeVisible();
  const disclosureId = (await page.getByTestId("disclosure-id").textContent())?.trim() ?? "";
  expect(disclosureId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId("document-basis")).toContainText("the client's consent");
  // Fields are named in the staff member's language, not by column codes.
  await expect(page.locator("[data-category=identity]")).toContainText("Last name");
  await expect(page.locator("[data-category=identity]")).toContainText("Date of birth");
  await expect(page.locator("[data-category=identity]")).not.toContainText("last_name");
  await expectNoAxeViolations(page);

  // The JSON file is the document whose SHA-256 the log keeps.
  const json = await page.request.get(`/staff/clients/${client.id}/disclosures/${disclosureId}/document`);
  expect(json.status()).toBe(200);
  const document = (await json.json()) as { disclosureId: string; categories: string[]; data: Record<string, unknown> };
  expect(document.disclosureId).toBe(disclosureId);
  expect(document.categories).toEqual(["identity", "servicePlan"]);
  expect(Object.keys(document.data).sort()).toEqual(["identity", "servicePlan"]);

  // The case's log.
  await page.getByRole("link", { name: "Back to the case" }).click();
  const onCase = page.getByTestId("case-disclosure").filter({ hasText: "ELY" });
  await expect(onCase).toHaveCount(1);
  await expect(onCase).toContainText("Identity, Service plan");

  const [row] = await sql`select categories, method, request_reference from disclosures where id = ${disclosureId}`;
  expect(row).toMatchObject({ categories: ["identity", "servicePlan"], method: "secure_email", request_reference: requestReference });
  const events = await sql`select action from audit_events where client_id = ${client.id} and action like 'disclosure.%' order by seq`;
  expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["disclosure.previewed", "disclosure.recorded"]));
  disclosed = { clientId: client.id, clientNumber: client.clientNumber, disclosureId };
});

test("the data protection officer finds the disclosure in the register's log and exports it as CSV", async ({ page, login }) => {
  if (!disclosed) throw new Error("the caseworker's disclosure did not happen");
  await login("dpo");
  await page.getByRole("link", { name: "Disclosure log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Disclosure log");
  await page.getByLabel("Recipient", { exact: true }).selectOption("ely");
  await page.getByLabel("From").fill(isoDay(0));
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/agency=ely/);
  const entry = page.getByTestId("log-entry").filter({ hasText: requestReference });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(disclosed.clientNumber);
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^disclosure-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const rows = parse(csv.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  const exported = rows.find((r) => r.disclosure_id === disclosed!.disclosureId);
  expect(exported).toMatchObject({ agency_code: "ely", categories: "identity;servicePlan", client_number: disclosed.clientNumber, request_reference: requestReference });
  expect(rows.every((r) => r.agency_code === "ely")).toBe(true);

  const [dpo] = await sql`select id from staff_users where email = ${demoEmail("dpo")}`;
  const exports = await sql`select details from audit_events where actor_id = ${dpo!.id} and action = 'export.created' order by seq desc limit 1`;
  expect(exports[0]?.details).toMatchObject({ kind: "disclosure_log", filter: { agencyCode: "ely" } });
});
