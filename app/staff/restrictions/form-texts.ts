import { getTranslations } from "next-intl/server";
import { localeNames, publicLocales, type PublicLocale } from "@/lib/i18n/locales";
import { refusalCodes } from "@/lib/refusal";
import { recordFormTexts } from "../clients/[clientId]/record-form-texts";

/** The texts the restriction and notice forms share: the case forms' field errors, and this domain's refusals by code. */
export async function restrictionFormTexts() {
  const common = await recordFormTexts();
  const tr = await getTranslations("restrictions");
  const tn = await getTranslations("recipientNotices");
  return {
    ...common,
    formErrorText: {
      ...Object.fromEntries(refusalCodes.notice.map((code) => [code, tn(`refused.${code}`)])),
      ...Object.fromEntries(refusalCodes.restriction.map((code) => [code, tr(`refused.${code}`)])),
      // A form-level schema issue (a notice naming neither its request nor its restriction).
      invalid: tn("refused.other"),
      other: tr("refused.other"),
    },
  };
}

/** The letter-language field: each of the six languages by its own name. */
export function letterLocaleOptions(): { value: PublicLocale; label: string }[] {
  return publicLocales.map((locale) => ({ value: locale, label: localeNames[locale] }));
}
