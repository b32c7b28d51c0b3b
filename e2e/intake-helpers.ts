import { expect, type Page } from "@playwright/test";

/** Synthetic answers; the identity code is valid and agrees with the date of birth. */
export const answers = {
  firstNames: "Amina Testi",
  lastName: "Esimerkki",
  dateOfBirth: "1990-03-27",
  personalIdentityCode: "270390-907A",
  citizenship: "Somalia",
  nativeLanguage: "Somali",
  phone: "040 123 4567",
  municipality: "Kotola",
};

/**
 * Fills the form step by step by field names (the same in every language), so one journey serves
 * every locale. Works with JavaScript on or off.
 */
export async function fillIntake(
  page: Page,
  locale: string,
  {
    withFamilyRow = true,
    onPage = async () => {},
    js = true,
    lastName = answers.lastName,
  }: { withFamilyRow?: boolean; onPage?: (name: string) => Promise<void>; js?: boolean; lastName?: string } = {},
) {
  await page.goto(`/${locale}/intake`);
  await onPage("start");
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/intake/about$`));
  if (js) await waitForEnhancement(page);
  await onPage("about");

  await page.locator('[name="firstNames"]').fill(answers.firstNames);
  await page.locator('[name="lastName"]').fill(lastName);
  await page.locator('[name="dateOfBirth"]').fill(answers.dateOfBirth);
  await page.locator('[name="hasIdentityCode"][value="yes"]').check();
  await page.locator('[name="personalIdentityCode"]').fill(answers.personalIdentityCode);
  await page.locator('[name="citizenship"]').fill(answers.citizenship);
  await page.locator('[name="nativeLanguage"]').fill(answers.nativeLanguage);
  await page.locator('[name="interpreterNeeded"][value="yes"]').check();
  await page.locator('[name="interpreterLanguage"]').fill("Somali");
  await continueTo(page, locale, "contact", js);
  await onPage("contact");

  await page.locator('[name="phone"]').fill(answers.phone);
  await page.locator('[name="municipality"]').fill(answers.municipality);
  await page.locator('[name="preferredContact"][value="phone"]').check();
  await continueTo(page, locale, "residence", js);
  await onPage("residence");

  await page.locator('[name="permitType"][value="international_protection"]').check();
  await page.locator('[name="arrivalDate"]').fill("2025-11-02");
  await page.locator('[name="clientGroup"][value="settlement_services"]').check();
  await continueTo(page, locale, "family", js);
  await onPage("family");

  await page.locator('[name="maritalStatus"][value="married"]').check();
  if (withFamilyRow) {
    await page.locator('[name="members.0.fullName"]').fill("Yusuf Esimerkki");
    await page.locator('[name="members.0.relation"]').selectOption("child");
    await page.locator('[name="members.0.dateOfBirth"]').fill("2018-06-01");
    await page.locator('[name="members.0.livesInFinland"][value="yes"]').check();
  }
  await continueTo(page, locale, "education-work", js);
  await onPage("education-work");

  await page.locator('[name="educations.0.level"]').selectOption("secondary");
  await page.locator('[name="finnishLevel"][value="beginner"]').check();
  await page.locator('[name="swedishLevel"][value="none"]').check();
  await continueTo(page, locale, "service-needs", js);
  await onPage("service-needs");

  await page.locator('[name="needs"][value="language_course"]').check();
  await page.locator('[name="needs"][value="job_search"]').check();
  await continueTo(page, locale, "consent");
  await onPage("consent");
}

export async function continueTo(page: Page, locale: string, next: string, js = true) {
  await page.locator("main form").last().locator('button[type=submit]:not([name="$intent"])').last().click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/intake/${next}$`));
  if (js && !["consent", "check"].includes(next)) await waitForEnhancement(page);
}

/**
 * With JavaScript, a question page's validation layer arrives after the page; the tests type once
 * it is there (a person typing earlier keeps their input, see components/intake/step-form.tsx).
 */
export async function waitForEnhancement(page: Page) {
  await expect(page.locator("main form[data-enhanced]")).toBeVisible();
}
