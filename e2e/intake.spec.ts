import { createHash } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { database } from "./db";
import { answers, continueTo, fillIntake, waitForEnhancement } from "./intake-helpers";

const sql = database();

async function consentAndSend(page: import("@playwright/test").Page, locale: string) {
  await page.locator('[name="storageConsent"]').check();
  await page.locator('[name="discloseTo"][value="te_office"]').check();
  await page.locator('button[name="$decision"][value="continue"]').click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/intake/check$`));
  await expect(page.locator("main")).toContainText(answers.lastName);
  await page.locator('form[action$="/intake/submit"] button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/intake/confirmation$`));
  const reference = (await page.getByTestId("reference").innerText()).trim();
  expect(reference).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{3}$/);
  return reference;
}

async function expectStored(reference: string, locale: string) {
  const [submission] = await sql`select id, locale, answers, personal_identity_code_encrypted as enc from intake_submissions where reference = ${reference}`;
  expect(submission, "the submission row exists").toBeTruthy();
  expect(submission!.locale).toBe(locale);
  expect(JSON.stringify(submission!.answers)).not.toContain(answers.personalIdentityCode);
  expect(submission!.enc).not.toContain(answers.personalIdentityCode);
  const consents = await sql`
    select c.kind, c.granted, c.locale, c.text_sha256, t.body, t.locale as text_locale, a.code as agency
      from consents c join consent_texts t on t.id = c.consent_text_id left join agencies a on a.id = c.agency_id
     where c.submission_id = ${submission!.id}`;
  const storage = consents.find((c) => c.kind === "storage");
  expect(storage?.granted).toBe(true);
  for (const consent of consents) {
    // The record names the exact text shown: its hash is the hash of that text's body.
    expect(consent.text_sha256).toBe(createHash("sha256").update(consent.body as string, "utf8").digest("hex"));
    expect(consent.locale).toBe(consent.text_locale);
  }
  expect(consents.find((c) => c.agency === "te_office")?.granted).toBe(true);
  expect(consents.find((c) => c.agency === "ely")?.granted).toBe(false);
  return consents;
}

async function noScriptPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  return { context, page: await context.newPage() };
}

test("the whole journey in Arabic with JavaScript disabled", async ({ browser, baseURL }) => {
  const { context, page } = await noScriptPage(browser, baseURL);
  await fillIntake(page, "ar", { js: false });
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const reference = await consentAndSend(page, "ar");
  const consents = await expectStored(reference, "ar");
  // Arabic texts were shown where they exist; the record says which language the text was in.
  expect(consents.every((c) => ["ar", "en", "fi"].includes(c.locale as string))).toBe(true);
  await context.close();
});

test("the whole journey in Finnish with JavaScript disabled", async ({ browser, baseURL }) => {
  const { context, page } = await noScriptPage(browser, baseURL);
  await fillIntake(page, "fi", { js: false });
  const reference = await consentAndSend(page, "fi");
  const consents = await expectStored(reference, "fi");
  expect(consents.find((c) => c.kind === "storage")?.locale).toBe("fi");
  await context.close();
});

test("the whole journey in English with JavaScript on, with a change from check answers", async ({ page }) => {
  await fillIntake(page, "en");
  await page.locator('[name="storageConsent"]').check();
  await page.locator('[name="discloseTo"][value="te_office"]').check();
  await page.locator('button[name="$decision"][value="continue"]').click();
  await expect(page).toHaveURL(/\/en\/intake\/check$/);
  await page.locator('a[href="/en/intake/contact?change=1"]').click();
  await waitForEnhancement(page);
  await expect(page.locator('[name="phone"]')).toHaveValue(/040|\+358/);
  await page.locator('[name="municipality"]').fill("Kotola keskusta");
  await continueTo(page, "en", "check");
  await expect(page.locator("main")).toContainText("Kotola keskusta");
  await page.locator('form[action$="/intake/submit"] button[type=submit]').click();
  await expect(page).toHaveURL(/\/en\/intake\/confirmation$/);
  const reference = (await page.getByTestId("reference").innerText()).trim();
  await expectStored(reference, "en");
  await expect(page.getByTestId("consent-receipt")).toBeVisible();
});

test("refusing consent stores nothing and deletes the draft", async ({ page }) => {
  // A name no other test uses: other workers send forms at the same time, so "nothing stored" is
  // asked of this person's data, not of the register's row counts.
  const lastName = `Kieltäytyjä${Date.now().toString(36)}`;
  const stored = async () => {
    const [row] = await sql`
      select (select count(*) from intake_submissions where answers -> 'about' ->> 'lastName' = ${lastName})::int as submissions,
             (select count(*) from consents c join intake_submissions s on s.id = c.submission_id
               where s.answers -> 'about' ->> 'lastName' = ${lastName})::int as consents,
             (select count(*) from clients where last_name = ${lastName})::int as clients`;
    return row;
  };
  await fillIntake(page, "en", { withFamilyRow: false, lastName });
  const cookies = await page.context().cookies();
  const draftCookie = cookies.find((c) => c.name.endsWith("kotona.intake"));
  expect(draftCookie).toBeTruthy();
  const [draftBefore] = await sql`select count(*)::int as n, bool_or(answers -> 'about' ->> 'lastName' = ${lastName}) as theirs from intake_drafts where id = ${draftCookie!.value}`;
  expect(draftBefore).toEqual({ n: 1, theirs: true });

  await page.locator('button[name="$decision"][value="refuse"]').click();
  await expect(page).toHaveURL(/\/en\/intake\/refused$/);
  await expect(page.locator("main")).toContainText("+358 40 000 0101");
  expect(await stored()).toEqual({ submissions: 0, consents: 0, clients: 0 });
  const [draftAfter] = await sql`select count(*)::int as n from intake_drafts where id = ${draftCookie!.value}`;
  expect(draftAfter!.n).toBe(0);
  const [anywhere] = await sql`select count(*)::int as n from intake_drafts where answers -> 'about' ->> 'lastName' = ${lastName}`;
  expect(anywhere!.n).toBe(0);
  await page.goto("/en/intake/about");
  await expect(page).toHaveURL(/\/en\/intake$/);
});

for (const javaScriptEnabled of [true, false]) {
  test(`the error summary is focused and links to each field (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled, baseURL });
    const page = await context.newPage();
    await page.goto("/en/intake");
    await page.locator("main form button[type=submit]").click();
    if (javaScriptEnabled) await waitForEnhancement(page);
    await page.locator('[name="firstNames"]').fill("Amina");
    // lastName missing; an identity code with a wrong check character; a birth date in the future.
    await page.locator('[name="dateOfBirth"]').fill("2099-01-01");
    await page.locator('[name="hasIdentityCode"][value="yes"]').check();
    await page.locator('[name="personalIdentityCode"]').fill("270390-9078");
    await page.locator("main form button[type=submit]").last().click();

    const summary = page.getByTestId("error-summary");
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    for (const [field, text] of [
      ["lastName", "Fill in this field"],
      ["personalIdentityCode", "personal identity code is not correct"],
      ["dateOfBirth", "today or in the past"],
    ] as const) {
      const link = summary.locator(`a[href="#f-${field}"]`);
      await expect(link).toContainText(text);
      await link.click();
      await expect(page.locator(`#f-${field}`)).toBeFocused();
    }
    // Nothing typed is lost.
    await expect(page.locator('[name="firstNames"]')).toHaveValue("Amina");
    await context.close();
  });
}

test("adding a family member row works without JavaScript", async ({ browser, baseURL }) => {
  const { context, page } = await noScriptPage(browser, baseURL);
  await fillIntake(page, "en", { js: false });
  await page.goto("/en/intake/family");
  await expect(page.locator('[name="members.0.fullName"]')).toHaveValue("Yusuf Esimerkki");
  await page.locator('button[name="$intent"]').click();
  await expect(page.locator('[name="members.1.fullName"]')).toBeVisible();
  await expect(page.locator('[name="members.0.fullName"]')).toHaveValue("Yusuf Esimerkki");
  await context.close();
});
