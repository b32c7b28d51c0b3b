/**
 * Security issue 9, deliverable 10: a shared computer does not show the previous person's answers;
 * and point 11: a malformed intake cookie never gives a 500, the staff-locale cookie is Secure, the
 * settings history is readable by the admin and the data protection officer.
 */
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { database } from "./db";
import { minimalStoredAnswers } from "../demo/factories/intake-answers";
import { createStaff, signInAs } from "./factories";
import { signIn, demoEmail, preferEnglishStaffPages } from "./fixtures";
import { answers, continueTo, waitForEnhancement } from "./intake-helpers";

const sql = database();

/** Every value person A typed, to look for on person B's pages. */
const personA = {
  firstNames: "Salme Jaettu",
  lastName: "Koneenkäyttäjä",
  dateOfBirth: answers.dateOfBirth,
  personalIdentityCode: answers.personalIdentityCode,
  citizenship: "Eritrea",
  nativeLanguage: "Tigrinya",
  phone: "040 765 4321",
  email: "salme.jaettu@example.org",
};
const questionPages = ["about", "contact", "residence", "family", "education-work", "service-needs"] as const;

async function draftCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name.endsWith("kotona.intake"));
}

async function draftRows(id: string): Promise<number> {
  const [row] = await sql`select count(*)::int as n from intake_drafts where id = ${id}`;
  return row!.n as number;
}

/** Person A: starts, saves "about you" with an identity code, types part of "contact" and walks away. */
async function personALeavesHalfway(page: Page, js: boolean) {
  await page.goto("/en/intake");
  await page.locator("main form button[type=submit]").first().click();
  await expect(page).toHaveURL(/\/en\/intake\/about$/);
  if (js) await waitForEnhancement(page);
  await page.locator('[name="firstNames"]').fill(personA.firstNames);
  await page.locator('[name="lastName"]').fill(personA.lastName);
  await page.locator('[name="dateOfBirth"]').fill(personA.dateOfBirth);
  await page.locator('[name="hasIdentityCode"][value="yes"]').check();
  await page.locator('[name="personalIdentityCode"]').fill(personA.personalIdentityCode);
  await page.locator('[name="citizenship"]').fill(personA.citizenship);
  await page.locator('[name="nativeLanguage"]').fill(personA.nativeLanguage);
  await page.locator('[name="interpreterNeeded"][value="no"]').check();
  await continueTo(page, "en", "contact", js);
  await page.locator('[name="phone"]').fill(personA.phone);
  await page.locator('[name="email"]').fill(personA.email);
  const cookie = await draftCookie(page.context());
  expect(cookie, "person A has a draft cookie").toBeTruthy();
  // A session cookie: it has no expiry, so it ends with the browser.
  expect(cookie!.expires).toBe(-1);
  expect(await draftRows(cookie!.value)).toBe(1);
  return cookie!.value;
}

/** Person B's view: no field of any step and no part of the check page holds anything of A's. */
async function expectNothingOfPersonA(page: Page, js: boolean) {
  for (const step of questionPages) {
    await page.goto(`/en/intake/${step}`);
    await expect(page).toHaveURL(new RegExp(`/en/intake/${step}$`));
    if (js) await waitForEnhancement(page);
    const html = await page.content();
    for (const value of Object.values(personA)) expect(html, `${step} shows ${value}`).not.toContain(value);
    // No text field holds a value, no choice is made.
    const filled = await page
      .locator("main form")
      .last()
      .evaluate((form) =>
        [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>("input, textarea, select")]
          .filter((el) => el.name && !el.name.startsWith("$") && el.type !== "hidden")
          .filter((el) => (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") ? el.checked : el.value !== ""))
          .map((el) => el.name),
      );
    expect(filled, `${step}: fields holding a value`).toEqual([]);
  }
  await expect(page.locator('[name="identityCodeOnFile"]')).toHaveCount(0);
  await page.goto("/en/intake/check");
  // Nothing is answered, so the check page sends B to the first question instead of showing answers.
  await expect(page).toHaveURL(/\/en\/intake\/about$/);
  const html = await page.content();
  for (const value of Object.values(personA)) expect(html).not.toContain(value);
}

async function newContext(browser: Browser, baseURL: string | undefined, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  return { context, page: await context.newPage() };
}

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled;
  test(`the next person starting the form sees none of the previous person's answers (JavaScript ${js ? "on" : "off"})`, async ({ browser, baseURL }) => {
    const { context, page } = await newContext(browser, baseURL, js);
    const previousDraft = await personALeavesHalfway(page, js);

    // Person B sits down at the same browser and opens the start page.
    await page.goto("/en/intake");
    await expect(page.getByTestId("draft-on-device")).toBeVisible();
    for (const value of Object.values(personA)) expect(await page.content()).not.toContain(value);
    await page.getByRole("button", { name: "Start a new form" }).click();
    await expect(page).toHaveURL(/\/en\/intake\/about$/);

    // A's draft row is gone at once, and B has a new, empty one.
    expect(await draftRows(previousDraft)).toBe(0);
    const fresh = await draftCookie(context);
    expect(fresh?.value).not.toBe(previousDraft);
    expect(fresh?.expires).toBe(-1);
    await expectNothingOfPersonA(page, js);
    if (js) await expectNoAxeViolations(page);
    await context.close();
  });
}

test("'Delete my answers' deletes the draft row at once and works without JavaScript", async ({ browser, baseURL }) => {
  const { context, page } = await newContext(browser, baseURL, false);
  const draft = await personALeavesHalfway(page, false);
  await page.goto("/en/intake");
  await page.getByRole("button", { name: "Delete my answers" }).click();
  await expect(page).toHaveURL(/\/en\/intake\?deleted=1$/);
  await expect(page.getByTestId("answers-deleted")).toBeVisible();
  expect(await draftRows(draft)).toBe(0);
  expect(await draftCookie(context)).toBeUndefined();
  await expect(page.getByTestId("draft-on-device")).toHaveCount(0);
  // The pages of the form send a visitor without a draft back to the start.
  await page.goto("/en/intake/contact");
  await expect(page).toHaveURL(/\/en\/intake$/);
  await context.close();
});

test("the identity code is never put back into a field, and an empty field keeps the code on file", async ({ browser, baseURL }) => {
  for (const js of [true, false]) {
    const { context, page } = await newContext(browser, baseURL, js);
    const draft = await personALeavesHalfway(page, js);
    await page.goto("/en/intake/about");
    if (js) await waitForEnhancement(page);
    expect(await page.content()).not.toContain(personA.personalIdentityCode);
    await expect(page.locator('[name="personalIdentityCode"]')).toHaveValue("");
    await expect(page.locator("main")).toContainText("You have already given your personal identity code");
    await expect(page.locator('[name="firstNames"]')).toHaveValue(personA.firstNames);

    // Leaving it empty keeps the code on file (browser validation lets it through too).
    await page.locator('[name="lastName"]').fill("Korjattu");
    await continueTo(page, "en", "contact", js);
    const [row] = await sql`select personal_identity_code_encrypted as enc, answers from intake_drafts where id = ${draft}`;
    expect(row!.enc, "the code is still on file").toBeTruthy();
    expect(JSON.stringify(row!.answers)).toContain("Korjattu");

    // An error elsewhere on the page does not bring a typed code back either.
    await page.goto("/en/intake/about");
    if (js) await waitForEnhancement(page);
    await page.locator('[name="personalIdentityCode"]').fill("010101A123N");
    await page.locator('[name="firstNames"]').fill("");
    await page.locator("main form button[type=submit]").last().click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    if (!js) {
      await expect(page.locator('[name="personalIdentityCode"]')).toHaveValue("");
      expect(await page.content()).not.toContain("010101A123N");
    }
    await context.close();
  }
});

test("the check answers page shows the identity code masked", async ({ browser, baseURL }) => {
  const { context, page } = await newContext(browser, baseURL, false);
  const { fillIntake } = await import("./intake-helpers");
  await fillIntake(page, "en", { js: false });
  await page.locator('[name="storageConsent"]').check();
  await page.locator('button[name="$decision"][value="continue"]').click();
  await expect(page).toHaveURL(/\/en\/intake\/check$/);
  const main = page.locator("main");
  await expect(main).toContainText(answers.lastName);
  await expect(main).toContainText(`${answers.personalIdentityCode.slice(0, 7)}****`);
  expect(await page.content()).not.toContain(answers.personalIdentityCode);
  await context.close();
});

test("a malformed, overlong or unknown intake cookie never gives a 500, on any intake page, action or the submit route", async ({ browser, baseURL }) => {
  const bad = ["garbage", "x".repeat(3000), "00000000-0000-0000-0000-00000000000g", "'OR'1'='1", randomUUID(), "%7B%22a%22%3A1%7D"];
  const pages = ["", "/about", "/contact", "/residence", "/family", "/education-work", "/service-needs", "/consent", "/check", "/confirmation", "/refused", "/nonexistent"];
  const { context, page } = await newContext(browser, baseURL, false);
  const statuses: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500) statuses.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });

  // A real draft first, to learn the cookies' names and attributes as the server sets them.
  await page.goto("/en/intake");
  await page.locator("main form button[type=submit]").first().click();
  await expect(page).toHaveURL(/\/en\/intake\/about$/);
  const real = (await draftCookie(context))!;
  const doneName = real.name.replace("kotona.intake", "kotona.intake-done");

  for (const value of bad) {
    const label = value.slice(0, 40);
    await context.clearCookies();
    await context.addCookies([
      { ...real, value },
      { ...real, name: doneName, value },
    ]);
    for (const path of pages) {
      const response = await page.goto(`/en/intake${path}`);
      expect(response!.status(), `GET /en/intake${path} with ${label}`).toBeLessThan(500);
    }
    // The submit route, as the check page's form posts it.
    const submit = await page.request.post("/en/intake/submit", { form: { website: "" }, maxRedirects: 0 });
    expect(submit.status(), `POST submit with ${label}`).toBeLessThan(500);

    // Each action through its own form: the page is loaded with a live draft, then the cookie is spoiled.
    // Starting with a spoiled cookie simply starts a new form; the others find no draft.
    for (const [path, button, landing] of [
      ["/en/intake", "main form button[type=submit] >> nth=0", /\/en\/intake\/about$/],
      ["/en/intake/about", "main form button[type=submit]:not([name])", /\/en\/intake\?expired=1$/],
      ["/en/intake/consent", 'button[name="$decision"][value="refuse"]', /\/en\/intake\?expired=1$/],
    ] as const) {
      await context.clearCookies();
      await page.goto("/en/intake");
      await page.locator("main form button[type=submit]").first().click();
      await expect(page).toHaveURL(/\/en\/intake\/about$/);
      const live = (await draftCookie(context))!;
      if (path === "/en/intake/consent") {
        // The consent page needs every question answered: put the draft there directly.
        await sql`update intake_drafts set answers = ${sql.json(completeAnswers as Parameters<typeof sql.json>[0])} where id = ${live.value}`;
      }
      await page.goto(path);
      await expect(page.locator(button).first()).toBeVisible();
      await context.addCookies([{ ...live, value }]);
      await page.locator(button).last().click();
      await expect(page, `${path} with ${label}`).toHaveURL(landing);
    }
    // "Delete my answers" with a spoiled cookie: the button shows only with a draft, so post it with a live one spoiled.
    await context.clearCookies();
    await page.goto("/en/intake");
    await page.locator("main form button[type=submit]").first().click();
    const live = (await draftCookie(context))!;
    await page.goto("/en/intake");
    await context.addCookies([{ ...live, value }]);
    await page.getByRole("button", { name: "Delete my answers" }).click();
    await expect(page).toHaveURL(/\/en\/intake\?deleted=1$/);
  }
  expect(statuses).toEqual([]);
  await context.close();
});

/** A draft with every question answered, as the steps store them. */
const completeAnswers = minimalStoredAnswers({ firstNames: "Testi", lastName: "Evästeinen", dateOfBirth: "1990-03-27", hasIdentityCode: false });

test("the staff-locale cookie is Secure under production", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  await preferEnglishStaffPages(context, baseURL!);
  const page = await context.newPage();
  // The choice is stored on the account: an account of this test's own.
  await signInAs(page, await createStaff(sql, "reporting"));
  await page.locator("#staff-locale").selectOption("sv");
  await page.locator("header form").filter({ has: page.locator("#staff-locale") }).getByRole("button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  const cookie = (await context.cookies()).find((c) => c.name === "kotona_staff_locale");
  expect(cookie?.value).toBe("sv");
  expect(cookie?.secure).toBe(true);
  expect(cookie?.httpOnly).toBe(true);
  // Back to English: the choice is also stored on the account.
  await page.locator("#staff-locale").selectOption("en");
  await page.locator("header form").filter({ has: page.locator("#staff-locale") }).getByRole("button").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await context.close();
});

test("a settings change made by the admin is in the history, which the admin and the DPO can read", async ({ browser, baseURL }) => {
  const code = `hist_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = await browser.newContext({ baseURL });
  await preferEnglishStaffPages(admin, baseURL!);
  const adminPage = await admin.newPage();
  const administrator = await createStaff(sql, "admin", `Pääkäyttäjä ${code}`);
  await signInAs(adminPage, administrator);
  await adminPage.goto("/staff/admin/agencies");
  const add = adminPage.getByRole("form", { name: "Add an agency" });
  await add.getByLabel("Code").fill(code);
  await add.getByLabel("Name in Finnish").fill("Historiatesti");
  await add.getByLabel("Yes").check();
  await add.getByRole("button", { name: "Add agency" }).click();
  await expect(add.getByRole("status")).toHaveText("The agency was added.");
  await adminPage.goto("/staff/admin/settings");
  await adminPage.getByRole("link", { name: /History of the settings/ }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Settings history" })).toBeVisible();
  await admin.close();

  const dpo = await browser.newContext({ baseURL });
  await preferEnglishStaffPages(dpo, baseURL!);
  const page = await dpo.newPage();
  await signIn(page, demoEmail("dpo"));
  await expect(page).toHaveURL(/\/staff$/);
  await page.getByRole("link", { name: "Settings history" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/settings\/history$/);
  const version = page.getByTestId("settings-history").locator("li").filter({ hasText: administrator.displayName }).filter({ has: page.locator("pre", { hasText: code }) });
  await expect(version).toHaveCount(1);
  await expect(version).toContainText("agencies");
  // Before: the agency was not there; after: it is.
  await version.locator("summary", { hasText: "agencies" }).click();
  await expect(version.locator("pre").first()).not.toContainText(code);
  await expect(version.locator("pre").last()).toContainText(code);
  await expectNoAxeViolations(page);
  await dpo.close();
});

test("the privacy notice says how long an unfinished form is kept", async ({ page }) => {
  await page.goto("/en/privacy");
  await expect(page.getByTestId("retention-draft")).toHaveText(/deleted 20 minutes after its last saved page/);
  await page.goto("/fi/privacy");
  await expect(page.getByTestId("retention-draft")).toContainText("20 minuutin");
});
