import { expect, type Page } from "@playwright/test";
import { rawIntakeAnswers, type RawIntakeAnswers } from "../demo/factories/intake-answers";
import { formatPersonalIdentityCode } from "../lib/personal-identity-code";

const factory = rawIntakeAnswers(0);
const dateOfBirth = "1990-03-27";

/**
 * The intake factory's person (the one the integration tests submit), as the journeys type it: the
 * name, birth date and a few answers are the end-to-end tests' own. The identity code is valid and
 * agrees with the date of birth.
 */
export const intakeAnswers: RawIntakeAnswers = {
  ...factory,
  about: {
    ...factory.about,
    firstNames: "Amina Testi",
    lastName: "Esimerkki",
    dateOfBirth,
    personalIdentityCode: formatPersonalIdentityCode({ dateOfBirth, individualNumber: 907 }),
    nativeLanguage: "Somali",
    interpreterLanguage: "Somali",
  },
  contact: { ...factory.contact, preferredContact: "phone" },
  residence: { ...factory.residence, arrivalDate: "2025-11-02" },
  family: { ...factory.family, members: [{ fullName: "Yusuf Esimerkki", relation: "child", dateOfBirth: "2018-06-01", livesInFinland: "yes" }] },
};

const { about, contact, residence, family } = intakeAnswers;
const member = (family.members as Record<string, string>[])[0]!;
const text = (value: unknown) => String(value);

/** The answers the specs check against. */
export const answers = {
  firstNames: text(about.firstNames),
  lastName: text(about.lastName),
  dateOfBirth: text(about.dateOfBirth),
  personalIdentityCode: text(about.personalIdentityCode),
  citizenship: text(about.citizenship),
  nativeLanguage: text(about.nativeLanguage),
  phone: text(contact.phone),
  municipality: text(contact.municipality),
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
  await page.locator(`[name="hasIdentityCode"][value="${text(about.hasIdentityCode)}"]`).check();
  await page.locator('[name="personalIdentityCode"]').fill(answers.personalIdentityCode);
  await page.locator('[name="citizenship"]').fill(answers.citizenship);
  await page.locator('[name="nativeLanguage"]').fill(answers.nativeLanguage);
  await page.locator(`[name="interpreterNeeded"][value="${text(about.interpreterNeeded)}"]`).check();
  await page.locator('[name="interpreterLanguage"]').fill(text(about.interpreterLanguage));
  await continueTo(page, locale, "contact", js);
  await onPage("contact");

  await page.locator('[name="phone"]').fill(answers.phone);
  await page.locator('[name="municipality"]').fill(answers.municipality);
  await page.locator(`[name="preferredContact"][value="${text(contact.preferredContact)}"]`).check();
  await continueTo(page, locale, "residence", js);
  await onPage("residence");

  await page.locator(`[name="permitType"][value="${text(residence.permitType)}"]`).check();
  await page.locator('[name="arrivalDate"]').fill(text(residence.arrivalDate));
  await page.locator(`[name="clientGroup"][value="${text(residence.clientGroup)}"]`).check();
  await continueTo(page, locale, "family", js);
  await onPage("family");

  await page.locator(`[name="maritalStatus"][value="${text(family.maritalStatus)}"]`).check();
  if (withFamilyRow) {
    await page.locator('[name="members.0.fullName"]').fill(member.fullName!);
    await page.locator('[name="members.0.relation"]').selectOption(member.relation!);
    await page.locator('[name="members.0.dateOfBirth"]').fill(member.dateOfBirth!);
    await page.locator(`[name="members.0.livesInFinland"][value="${member.livesInFinland!}"]`).check();
  }
  await continueTo(page, locale, "education-work", js);
  await onPage("education-work");

  const work = intakeAnswers["education-work"];
  await page.locator('[name="educations.0.level"]').selectOption((work.educations as Record<string, string>[])[0]!.level!);
  await page.locator(`[name="finnishLevel"][value="${text(work.finnishLevel)}"]`).check();
  await page.locator(`[name="swedishLevel"][value="${text(work.swedishLevel)}"]`).check();
  await continueTo(page, locale, "service-needs", js);
  await onPage("service-needs");

  for (const need of intakeAnswers["service-needs"].needs as string[]) await page.locator(`[name="needs"][value="${need}"]`).check();
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
