import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { pageRequirements } from "../lib/auth/entry-points";
import { roleHasPermission } from "../lib/auth/permissions";
import { staffRoles } from "../lib/auth/roles";
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { createClient, createStaff, signInAs, type E2EClient, type E2EStaff } from "./factories";
import { expect, test } from "./fixtures";

/**
 * Issue 11, deliverable 7 end to end: a caseworker opens a colleague's client with a reason; the data
 * protection officer finds the client by identity code (posted, never in the address), filters the
 * log by the client and by action, exports the selection as CSV, reads the client's "who looked"
 * page, the staff member's activity and the unusual-access list, and verifies the chain. Every page
 * passes axe, and every read the officer makes is itself in the log.
 */

const sql = database();
test.describe.configure({ mode: "serial" });

const reason = "Sijaistan kollegaa lomalla, asiakkaan kiireellinen asia";
let client: E2EClient | undefined;
let viewer: E2EStaff | undefined;

test("a caseworker opens a colleague's client, stating a reason", async ({ page }) => {
  const owner = await createStaff(sql, "caseworker");
  viewer = await createStaff(sql, "caseworker", `E2E sijainen ${Date.now()}`);
  client = await createClient(sql, { assignedTo: owner.id });
  await signInAs(page, viewer);
  await page.goto(`/staff/clients/${client.id}`);
  await page.getByLabel("Reason for opening the case").fill(reason);
  await page.getByRole("button", { name: "Open the case" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(client.lastName);
});

test("the data protection officer finds the client, filters the log, exports it, and reads who looked and why", async ({ page }) => {
  if (!client || !viewer) throw new Error("the caseworker's view did not happen");
  const dpo = await createStaff(sql, "dpo");
  await signInAs(page, dpo);
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(page.getByTestId("chain-head")).toHaveText(/^[0-9a-f]{64}$/);
  await expectNoAxeViolations(page);

  // The lookup posts: the identity code never reaches the address bar.
  const lookup = page.getByTestId("client-lookup");
  await lookup.getByLabel("Identity code, client number or name").fill(client.identityCode);
  await lookup.getByRole("button", { name: "Find" }).click();
  const found = page.getByTestId("lookup-result");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(client.clientNumber);
  expect(page.url()).not.toContain(client.identityCode);
  await expectNoAxeViolations(page);

  await found.getByRole("link", { name: "Show in the log" }).click();
  await expect(page).toHaveURL(new RegExp(`client=${client.id}`));
  await expect(page.getByTestId("filter-client")).toHaveText(client.clientNumber);
  const view = page.locator(`[data-testid=audit-event][data-action="client.viewed"]`).filter({ hasText: viewer.displayName });
  await expect(view).toHaveCount(1);
  await expect(view).toContainText("Case opened");
  await expect(view).toContainText("Outside own caseload, with the reason:");
  await expect(view.getByTestId("audit-reason")).toHaveText(reason);

  await page.getByLabel("Action").selectOption({ label: "Reason given for opening a case" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=client\.access_reason_given/);
  await expect(page.getByTestId("audit-event")).toHaveCount(1);
  await expect(page.getByTestId("audit-event")).toHaveAttribute("data-action", "client.access_reason_given");
  await expectNoAxeViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parse((await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ action: "client.access_reason_given", client_id: client.id, actor_id: viewer.id, reason });

  // The client's own page: who looked, when and why.
  await page.goto(`/staff/audit/clients/${client.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who looked at the client, when and why");
  await expect(page.getByTestId("audited-client")).toContainText(client.clientNumber);
  await expect(page.locator(`[data-testid=audit-event][data-action="client.viewed"]`).filter({ hasText: viewer.displayName })).toContainText(reason);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: viewer.displayName }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Activity of ${viewer.displayName}`);
  await expect(page.getByTestId("audit-event").first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Unusual access by this staff member" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unusual access worth a look");
  const unusual = page.locator("[data-testid=unusual-item][data-kind=outside_caseload]");
  await expect(unusual).toHaveCount(1);
  await expect(unusual).toContainText(reason);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Back to the audit log" }).click();
  await page.getByTestId("verify-chain").click();
  const verdict = page.getByTestId("chain-verdict");
  await expect(verdict).toHaveAttribute("data-ok", "true");
  const head = (await verdict.locator(".font-mono").textContent())?.trim() ?? "";
  expect(head).toMatch(/^[0-9a-f]{64}$/);
  expect(await sql`select seq from audit_events where hash = ${head}`).toHaveLength(1);
  await expectNoAxeViolations(page);

  const reads = await sql`select action, details, client_id from audit_events where actor_id = ${dpo.id} order by seq`;
  const views = reads.filter((r) => r.action === "audit.viewed").map((r) => (r.details as { view: string }).view);
  expect(views).toEqual(expect.arrayContaining(["trail", "client_lookup", "client", "staff", "unusual"]));
  expect(reads.find((r) => (r.details as { view?: string }).view === "client")?.client_id).toBe(client.id);
  expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(["export.created", "audit.chain_verified"]));
  expect(JSON.stringify(reads)).not.toContain(client.identityCode);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the lookup by name and date of birth works as a plain form post", async ({ page }) => {
    if (!client) throw new Error("no client");
    const dpo = await createStaff(sql, "dpo");
    await signInAs(page, dpo);
    await page.goto("/staff/audit");
    const lookup = page.getByTestId("client-lookup");
    await lookup.getByLabel("Identity code, client number or name").fill(client.lastName);
    await lookup.getByRole("button", { name: "Find" }).click();
    await expect(page.getByText("With a name, give the date of birth as well.")).toBeVisible();
    const [dateOfBirth] = await sql`select date_of_birth::text as d from clients where id = ${client.id}`;
    await page.getByTestId("client-lookup").getByLabel("Identity code, client number or name").fill(client.lastName);
    await page.getByTestId("client-lookup").getByLabel("Date of birth (with a name)").fill(dateOfBirth!.d as string);
    await page.getByTestId("client-lookup").getByRole("button", { name: "Find" }).click();
    await expect(page.getByTestId("lookup-result")).toContainText(client.clientNumber);
  });
});

for (const role of staffRoles) {
  test(`${role}: a client's and a staff member's audit pages answer as the matrix says`, async ({ page }) => {
    if (!client || !viewer) throw new Error("no client");
    await signInAs(page, await createStaff(sql, role));
    for (const [path, route] of [
      [`/staff/audit/clients/${client.id}`, "/staff/audit/clients/[clientId]"],
      [`/staff/audit/staff/${viewer.id}`, "/staff/audit/staff/[staffId]"],
    ] as const) {
      const requirement = pageRequirements[route];
      const allowed = requirement !== undefined && requirement !== "public" && roleHasPermission(role, requirement);
      expect((await page.request.get(path, { maxRedirects: 0 })).status(), `${role} ${path}`).toBe(allowed ? 200 : 403);
    }
  });
}
