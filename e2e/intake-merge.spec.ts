import { database } from "./db";
import { expectNoAxeViolations } from "./axe";
import { createClaimingSubmission, createClient, createStaff, E2E_PASSWORD } from "./factories";
import { expect, preferEnglishStaffPages, signIn, test } from "./fixtures";

/**
 * Security review (issue 9), deliverables 1 and 2, end to end: a submission claiming to be a
 * registered client is merged field by field; only what the caseworker ticks after an identity check
 * changes. With and without JavaScript.
 */

const sql = database();

for (const javaScriptEnabled of [true, false]) {
  test(`a caseworker merges only the details they confirm (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    await preferEnglishStaffPages(context, baseURL!);
    const page = await context.newPage();
    const me = await createStaff(sql, "caseworker", "Ohjaaja");
    const client = await createClient(sql, { assignedTo: me.id });
    await sql`update clients set phone = '+358401110000', email = 'real@example.invalid' where id = ${client.id}`;
    const submission = await createClaimingSubmission(sql, client, { phone: "+358409990000", email: "someone.else@example.org" });

    await signIn(page, me.email, E2E_PASSWORD);
    await expect(page).toHaveURL(/\/staff$/);
    await page.goto(`/staff/intake/${submission.id}`);
    await expect(page.getByTestId("duplicates")).toContainText(client.clientNumber);
    await page.getByRole("link", { name: `Compare and merge: ${client.lastName}, ${client.firstNames}` }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Merge the submission into a client");
    const fields = page.getByTestId("merge-fields");
    await expect(fields).toContainText("+358401110000");
    await expect(fields).toContainText("+358409990000");
    // Nothing is ticked for the caseworker.
    await expect(page.getByRole("checkbox", { checked: true })).toHaveCount(0);
    if (javaScriptEnabled) await expectNoAxeViolations(page);

    // Ticking without an identity check is refused.
    await page.getByRole("checkbox", { name: "Apply the form's value: Phone" }).check();
    await page.getByLabel("Not checked: apply nothing").check();
    await page.getByLabel("The client themselves").check();
    await page.getByRole("button", { name: "Merge what I confirmed" }).click();
    await expect(page.getByText("Choose how you checked the person's identity before applying anything.")).toBeVisible();

    await page.getByRole("checkbox", { name: "Apply the form's value: Phone" }).check();
    await page.getByLabel("Identity document seen in person").check();
    await page.getByLabel("Not confirmed: do not attach the consents").check();
    await page.getByRole("button", { name: "Merge what I confirmed" }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/clients/${client.id}$`));
    // The merge's case note is stored as facts and read in the staff member's language (docs/decisions/0006).
    await expect(page.locator("#notes").locator("..")).toContainText("Details updated: Phone.");
    await expect(page.locator("#notes").locator("..")).toContainText("Earlier details: Phone: +358401110000.");

    const [after] = await sql`select phone, email from clients where id = ${client.id}`;
    expect(after).toEqual({ phone: "+358409990000", email: "real@example.invalid" });
    const [event] = await sql`select details, request_id from audit_events where client_id = ${client.id} and action = 'intake.merged'`;
    expect(event!.details).toMatchObject({ updatedFields: ["phone"], identityCheck: "identity_document", submitter: "not_confirmed" });
    expect(event!.request_id).toBeTruthy();
    await context.close();
  });
}
