import { z } from "zod";
import { dataCategories, isSpecialCategory, type DataCategory } from "./data-categories";
import { clientGroups, deliveryMethods } from "./domain-values";
import { publicLocales, type PublicLocale } from "./i18n/locales";
import { defaultRefusalGrounds } from "./rights/refusal-grounds";

/**
 * The register's settings (DESIGN.md, "Register settings"): what differs between a municipality
 * that records clients on consent and one that works under a legal obligation. Stored as JSON in
 * the register_settings row, validated here on every read and write; the public privacy notice is
 * generated from them, and the consent and disclosure rules read them.
 *
 * Free of server imports, so the settings editor can validate with the same schema in the browser.
 */

// ---------------------------------------------------------------------------------------------
// Localised text

const SHORT = 300;
const LONG = 4000;

/** Text in the public languages; Finnish is required, the others fall back (see localised()). */
export function localisedTextSchema(max: number = SHORT) {
  const text = z.string().trim().min(1).max(max);
  return z
    .object({
      fi: text,
      sv: text.optional(),
      en: text.optional(),
      ar: text.optional(),
      uk: text.optional(),
      ru: text.optional(),
    })
    .strict();
}

/** Names in other languages beside a primary name: every language optional. */
function localisedNamesSchema(max: number = SHORT) {
  const text = z.string().trim().min(1).max(max);
  return z
    .object({
      fi: text.optional(),
      sv: text.optional(),
      en: text.optional(),
      ar: text.optional(),
      uk: text.optional(),
      ru: text.optional(),
    })
    .strict();
}

export const localisedText = localisedTextSchema(SHORT);
export const localisedLongText = localisedTextSchema(LONG);

export type LocalisedText = z.output<typeof localisedText>;
export type LocalisedNames = Partial<Record<PublicLocale, string>>;

/**
 * The text in `locale`, else in the first fallback language that has it (Finnish, then English by
 * default), else the first text there is. Empty strings count as missing.
 */
export function localised(
  text: LocalisedNames | LocalisedText | null | undefined,
  locale: string,
  fallbacks: readonly string[] = ["fi", "en"],
): string {
  if (!text) return "";
  const entries = text as Record<string, string | undefined>;
  for (const candidate of [locale, ...fallbacks]) {
    const value = Object.hasOwn(entries, candidate) ? entries[candidate] : undefined;
    if (value) return value;
  }
  for (const candidate of publicLocales) {
    const value = entries[candidate];
    if (value) return value;
  }
  return "";
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** The idle limit of an unfinished intake form when the settings name none. */
export const DEFAULT_DRAFT_IDLE_MINUTES = 20;

export const permanentDocumentKinds = ["initialAssessment", "integrationPlan"] as const;
export type PermanentDocumentKind = (typeof permanentDocumentKinds)[number];

/**
 * Conditions on a statutory disclosure:
 * - `minors_only`: only data of a client under 18 on the day of disclosure,
 * - `purpose_limited`: only for the purpose the entry names (the disclosing staff member confirms it).
 */
export const disclosureConditions = ["minors_only", "purpose_limited"] as const;
export type DisclosureCondition = (typeof disclosureConditions)[number];

const email = z.email().max(254);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,29}$/, "a phone number: digits, spaces, dashes and brackets, optionally starting with +");
const addressLines = z.array(z.string().trim().min(1).max(200)).min(1).max(6);
/** A code in the settings (agency, authority): what forms that name one check too. */
export const SETTINGS_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
/** A Finnish business id (Y-tunnus). */
export const BUSINESS_ID_PATTERN = /^\d{7}-\d$/;

/**
 * An address the public pages show as a link: https to a host name only, so a setting can never
 * become a `javascript:` or `data:` link (or a plain-http one) on the privacy notice.
 */
export const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: "an https:// address" }).max(500);

const code = z
  .string()
  .regex(SETTINGS_CODE_PATTERN, "a code: lower-case letters, digits and underscores, starting with a letter");
const category = z.enum(dataCategories);

function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

const categoryList = z
  .array(category)
  .min(1)
  .max(dataCategories.length)
  .refine(unique, "each category at most once");

// ---------------------------------------------------------------------------------------------
// Sections

export const controllerSchema = z
  .object({
    /** The municipality or cooperation area, e.g. "Kotolan kunta". */
    name: localisedText,
    /** The unit within it, e.g. the wellbeing services department. */
    unit: localisedText.optional(),
    addressLines,
    email,
    phone: phone.optional(),
    businessId: z
      .string()
      .regex(BUSINESS_ID_PATTERN, "a Finnish business id, e.g. 1234567-8")
      .optional(),
  })
  .strict();

/** The contact for the register: a role and a role address, never a person's name. */
export const contactSchema = z
  .object({
    role: localisedText,
    email,
    phone: phone.optional(),
    addressLines: addressLines.optional(),
  })
  .strict();

export const dpoSchema = z
  .object({
    role: localisedText.default({ fi: "Tietosuojavastaava", sv: "Dataskyddsombud", en: "Data protection officer" }),
    email,
    phone: phone.optional(),
    addressLines: addressLines.optional(),
  })
  .strict();

export const legalBasisSchema = z
  .object({
    kind: z.enum(["consent", "legal_obligation"]),
    /** The provisions the processing rests on, e.g. the Act on the Promotion of Integration. */
    provisions: z.array(localisedText).max(20).default([]),
  })
  .strict()
  .refine((basis) => basis.kind !== "legal_obligation" || basis.provisions.length > 0, {
    message: "a legal-obligation basis names at least one provision",
    path: ["provisions"],
  });

/** An authority data may be obtained from with the client's separate consent (DESIGN.md rule 2). */
export const obtainFromAuthoritySchema = z
  .object({
    code,
    name: localisedText,
    /** What is obtained, e.g. "information on social and health services". */
    description: localisedLongText.optional(),
  })
  .strict();

export const agencySettingsSchema = z
  .object({
    code,
    /** The agency's name in Finnish; `names` carries the other languages. */
    name: z.string().trim().min(1).max(SHORT),
    names: localisedNamesSchema().optional(),
    businessId: z
      .string()
      .regex(BUSINESS_ID_PATTERN, "a Finnish business id, e.g. 1234567-8")
      .optional(),
    insideEea: z.boolean(),
    deliveryMethod: z.enum(deliveryMethods).default("secure_email"),
    /**
     * When set, the electronic intake form offers a separate, optional consent to disclose these
     * categories to this agency for this purpose (DESIGN.md rule 2).
     */
    intakeConsent: z
      .object({
        categories: categoryList,
        purpose: localisedText,
        /** How long the consent given in the form is valid. */
        validMonths: z.number().int().min(1).max(120).default(24),
      })
      .strict()
      .optional(),
  })
  .strict();

export const statutoryDisclosureSchema = z
  .object({
    agencyCode: code,
    provision: localisedText,
    categories: categoryList.refine(
      (categories) => !categories.some(isSpecialCategory),
      "special categories (functional capacity) are disclosed only with a consent that names them",
    ),
    condition: z.enum(disclosureConditions).optional(),
    purpose: localisedText.optional(),
  })
  .strict()
  .refine((entry) => entry.condition !== "purpose_limited" || entry.purpose !== undefined, {
    message: "a purpose-limited disclosure names its purpose",
    path: ["purpose"],
  });

export const retentionSchema = z
  .object({
    /** Intake submissions not accepted within this many days are deleted (DESIGN.md rule 7). */
    intakeSubmissionDays: z.number().int().min(1).max(365).default(30),
    /** Months after the purpose ended before the electronic client data is deleted; 0 = at once. */
    caseMonthsAfterPurposeEnded: z.number().int().min(0).max(600).default(0),
    /** Documents kept permanently (exported to the archive before deletion). */
    permanentDocuments: z
      .array(z.enum(permanentDocumentKinds))
      .refine(unique, "each document kind at most once")
      .default([]),
    /** The archive decision behind permanent retention, shown in the privacy notice. */
    archiveDecision: localisedText.optional(),
    /**
     * An unfinished intake form is deleted this many minutes after its last saved page (an idle
     * limit, so the next person at a shared computer never finds it); the privacy notice says so.
     */
    intakeDraftIdleMinutes: z.number().int().min(5).max(240).default(DEFAULT_DRAFT_IDLE_MINUTES),
  })
  .strict();

export const ombudsmanSchema = z
  .object({
    name: localisedText,
    addressLines,
    url: httpsUrl.optional(),
  })
  .strict();

/** Shown to a newcomer who refuses consent, so they still know where to get service. */
export const serviceContactSchema = z
  .object({
    name: localisedText,
    phone,
    email: email.optional(),
    visitingAddressLines: addressLines,
    openingHours: localisedText,
  })
  .strict();

/**
 * What the data protection officer's audit view lists as unusual access worth a look
 * (lib/audit-view.ts): one staff member viewing more distinct clients in one Helsinki day than
 * this, and this many failed sign-ins of one account (or of unknown emails) in one day.
 */
export const auditReviewSchema = z
  .object({
    distinctClientsViewedPerDay: z.number().int().min(1).max(10_000).default(30),
    failedSignInsPerDay: z.number().int().min(2).max(1_000).default(5),
  })
  .strict();

/**
 * A ground a refusal certificate may give (lib/rights/refusal-certificate.ts): its provision and its
 * text in the person's language. `statutoryDuty`: the controller's legal duty to process the data.
 */
export const refusalGroundSchema = z
  .object({
    code,
    provision: localisedText,
    text: localisedLongText,
    statutoryDuty: z.boolean().default(false),
  })
  .strict();

export const defaultOmbudsman = {
  name: {
    fi: "Tietosuojavaltuutetun toimisto",
    sv: "Dataombudsmannens byrå",
    en: "Office of the Data Protection Ombudsman",
    ar: "مكتب أمين حماية البيانات",
    uk: "Офіс Уповноваженого з питань захисту даних",
    ru: "Бюро Уполномоченного по защите данных",
  },
  addressLines: ["PL 800", "00531 Helsinki"],
  url: "https://tietosuoja.fi",
} satisfies z.input<typeof ombudsmanSchema>;

// ---------------------------------------------------------------------------------------------
// The whole settings object

export const registerSettingsSchema = z
  .object({
    controller: controllerSchema,
    contact: contactSchema,
    dpo: dpoSchema,
    register: z
      .object({
        name: localisedText,
        purpose: localisedLongText,
      })
      .strict(),
    legalBasis: legalBasisSchema,
    /** Where the data comes from, one paragraph each. */
    dataSources: z.array(localisedLongText).min(1).max(20),
    obtainFromAuthorities: z.array(obtainFromAuthoritySchema).max(30).default([]),
    clientGroups: z.array(z.enum(clientGroups)).min(1).refine(unique, "each client group at most once"),
    agencies: z.array(agencySettingsSchema).max(100).default([]),
    statutoryDisclosures: z.array(statutoryDisclosureSchema).max(100).default([]),
    /** The safe default: nothing leaves the EU/EEA. */
    transfersOutsideEea: z.enum(["forbidden", "written_consent"]).default("forbidden"),
    retention: retentionSchema.default({
      intakeSubmissionDays: 30,
      caseMonthsAfterPurposeEnded: 0,
      permanentDocuments: [],
      intakeDraftIdleMinutes: DEFAULT_DRAFT_IDLE_MINUTES,
    }),
    ombudsman: ombudsmanSchema.default(defaultOmbudsman),
    /** The reasons a refusal certificate may give (DESIGN.md rule 6). */
    refusalGrounds: z.array(refusalGroundSchema).min(1).max(40).default([...defaultRefusalGrounds]),
    auditReview: auditReviewSchema.default({ distinctClientsViewedPerDay: 30, failedSignInsPerDay: 5 }),
    securityPrinciples: localisedLongText,
    serviceContact: serviceContactSchema,
  })
  .strict()
  .superRefine((settings, ctx) => {
    const agencyCodes = settings.agencies.map((agency) => agency.code);
    if (!unique(agencyCodes)) {
      ctx.addIssue({ code: "custom", message: "agency codes must be unique", path: ["agencies"] });
    }
    if (!unique(settings.refusalGrounds.map((ground) => ground.code))) {
      ctx.addIssue({ code: "custom", message: "refusal ground codes must be unique", path: ["refusalGrounds"] });
    }
    if (settings.legalBasis.kind === "legal_obligation" && !settings.refusalGrounds.some((ground) => ground.statutoryDuty)) {
      ctx.addIssue({ code: "custom", message: "under a legal obligation the refusal grounds include the statutory duty", path: ["refusalGrounds"] });
    }
    if (!unique(settings.obtainFromAuthorities.map((authority) => authority.code))) {
      ctx.addIssue({ code: "custom", message: "authority codes must be unique", path: ["obtainFromAuthorities"] });
    }
    settings.statutoryDisclosures.forEach((entry, index) => {
      const agency = settings.agencies.find((candidate) => candidate.code === entry.agencyCode);
      if (!agency) {
        ctx.addIssue({
          code: "custom",
          message: `no agency with code "${entry.agencyCode}" in agencies`,
          path: ["statutoryDisclosures", index, "agencyCode"],
        });
      } else if (!agency.insideEea) {
        ctx.addIssue({
          code: "custom",
          message: "a statutory disclosure cannot go outside the EU/EEA: such transfers need the client's written consent",
          path: ["statutoryDisclosures", index, "agencyCode"],
        });
      }
    });
  });

/** The settings as validated and with defaults filled in: what the code reads. */
export type RegisterSettings = z.output<typeof registerSettingsSchema>;
/** What an administrator (or the demo) writes: defaults may be left out. */
export type RegisterSettingsInput = z.input<typeof registerSettingsSchema>;
export type AgencySettings = z.output<typeof agencySettingsSchema>;
export type StatutoryDisclosure = z.output<typeof statutoryDisclosureSchema>;
export type LegalBasis = z.output<typeof legalBasisSchema>;
export type RefusalGround = z.output<typeof refusalGroundSchema>;

export function parseRegisterSettings(value: unknown): RegisterSettings {
  return registerSettingsSchema.parse(value);
}

/** The statutory disclosure entries for an agency (empty when disclosures need consent). */
export function statutoryDisclosuresFor(settings: RegisterSettings, agencyCode: string): StatutoryDisclosure[] {
  return settings.statutoryDisclosures.filter((entry) => entry.agencyCode === agencyCode);
}

export function agencyByCode(settings: RegisterSettings, agencyCode: string): AgencySettings | undefined {
  return settings.agencies.find((agency) => agency.code === agencyCode);
}

/** Every category any statutory entry names, for the privacy notice's "regular disclosures" section. */
export function statutorilyDisclosedCategories(settings: RegisterSettings): DataCategory[] {
  const named = new Set(settings.statutoryDisclosures.flatMap((entry) => entry.categories));
  return dataCategories.filter((category) => named.has(category));
}
