import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/connection";
import { nextClientNumber } from "@/db/client-numbers";
import {
  agencies,
  appointments,
  caseNotes,
  clients,
  consentTexts,
  consents,
  educations,
  familyMembers,
  functionalCapacityEntries,
  initialAssessments,
  integrationPlanMeasures,
  integrationPlanReviews,
  integrationPlans,
  outcomes,
  residencePermits,
  skills,
  visits,
  workExperiences,
} from "@/db/schema";
import { ensureConsentTexts } from "@/db/settings";
import { encryptField, lookupHash } from "@/lib/crypto";
import type { DataCategory } from "@/lib/data-categories";
import { demoConsentTexts } from "@/demo/consent-texts";
import {
  CENTURY_SIGNS,
  formatPersonalIdentityCode,
  normalizePersonalIdentityCode,
} from "@/lib/personal-identity-code";
import { toSearchName } from "@/lib/search-name";
import { educationLevels, fictionalStreets, jobTitles, origins, skillNames, type Origin } from "./names";
import { addDays, isoDate, type Rng } from "./random";

export type NewClient = typeof clients.$inferInsert;
export type Client = typeof clients.$inferSelect;
type ClientGroup = NonNullable<NewClient["clientGroup"]>;
type RegisterBasis = NewClient["basis"];

/** A fixed "today" for deterministic builds; the seed passes the real time. */
export const FACTORY_NOW = new Date("2026-01-15T09:00:00.000Z");

const INTERPRETED = new Set(["ar", "uk", "ru", "so", "fa-AF", "ti", "ku"]);

export interface BuildClientOptions {
  now?: Date;
  dataKey?: Buffer;
  /** A specific plain identity code (encrypted and hashed like a generated one), or null for none. */
  identityCode?: string | null;
  /** Force an origin by key (see names.ts). */
  origin?: string;
}

export interface BuiltClient {
  values: NewClient;
  /** The plain identity code the encrypted column holds, for tests; null when the client has none. */
  identityCode: string | null;
  origin: Origin;
}

function pickOrigin(rng: Rng, key?: string): Origin {
  if (key) {
    const origin = origins.find((candidate) => candidate.key === key);
    if (!origin) throw new Error(`No origin ${key}`);
    return origin;
  }
  const weights = Object.fromEntries(origins.map((origin) => [origin.key, origin.weight]));
  const chosen = rng.weighted(weights);
  return origins.find((origin) => origin.key === chosen) as Origin;
}

function familyName(rng: Rng, origin: Origin, female: boolean): string {
  const name = rng.pick(origin.family);
  return typeof name === "string" ? name : name[female ? 1 : 0];
}

/** Every century sign that fits the year, including those introduced in 2023. */
function centurySignFor(rng: Rng, year: number): string {
  const century = Math.floor(year / 100) * 100;
  const signs = Object.entries(CENTURY_SIGNS)
    .filter(([, value]) => value === century)
    .map(([sign]) => sign);
  return rng.pick(signs);
}

/**
 * A synthetic personal identity code: valid checksum, individual number in 900–999 (the temporary
 * range, never a real person's permanent code), any century sign that fits.
 */
export function syntheticIdentityCode(rng: Rng, dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4));
  return formatPersonalIdentityCode({
    dateOfBirth,
    individualNumber: rng.int(900, 999),
    centurySign: centurySignFor(rng, year),
  });
}

/** ASCII for e-mail local parts. */
function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ı/g, "i")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

/** A fictional mobile number: 040 000 and four digits. */
export function fictionalPhone(rng: Rng): string {
  return `040 000 ${String(rng.int(0, 9999)).padStart(4, "0")}`;
}

/**
 * An insert object for the clients table describing an invented person, with `identityCode` the
 * plain code behind the encrypted column.
 */
export function buildClientWithCode(rng: Rng, overrides: Partial<NewClient> = {}, options: BuildClientOptions = {}): BuiltClient {
  const now = options.now ?? FACTORY_NOW;
  const origin = pickOrigin(rng, options.origin);
  const female = rng.chance(0.5);
  const firstNames = rng.chance(0.2)
    ? rng.sample(female ? origin.female : origin.male, 2).join(" ")
    : rng.pick(female ? origin.female : origin.male);
  const lastName = familyName(rng, origin, female);

  const minor = rng.chance(0.06);
  const age = minor ? rng.int(15, 17) : rng.int(18, 64);
  const dateOfBirth = isoDate(addDays(now, -(age * 365 + rng.int(0, 364))));
  const arrivalDate = isoDate(addDays(now, -rng.int(20, 3 * 365)));
  const clientGroup: ClientGroup = rng.weighted({ resident: 70, reception_services: 15, settlement_services: 15 });

  const hasCode = options.identityCode !== undefined ? options.identityCode !== null : rng.chance(clientGroup === "reception_services" ? 0.4 : 0.95);
  const identityCode = hasCode
    ? normalizePersonalIdentityCode(options.identityCode ?? syntheticIdentityCode(rng, dateOfBirth))
    : null;

  const interpreterNeeded = INTERPRETED.has(origin.language) && rng.chance(0.7);
  const married = !minor && rng.chance(0.55);
  const street = `${rng.pick(fictionalStreets)} ${rng.int(1, 60)}${rng.chance(0.6) ? ` ${rng.pick(["A", "B", "C"])} ${rng.int(1, 40)}` : ""}`;
  const hasEmail = rng.chance(0.75);
  const emailNumber = rng.int(1, 99);

  const values: NewClient = {
    clientNumber: `T-${String(rng.int(0, 99_999_999)).padStart(8, "0")}`,
    firstNames,
    lastName,
    searchName: toSearchName(firstNames, lastName),
    dateOfBirth,
    personalIdentityCodeEncrypted: identityCode ? encryptField(identityCode, options.dataKey) : null,
    personalIdentityCodeHash: identityCode ? lookupHash(identityCode, options.dataKey) : null,
    gender: female ? "female" : "male",
    unhcrId: clientGroup === "settlement_services" && rng.chance(0.7) ? `SYN-${rng.int(100, 999)}-${String(rng.int(0, 99_999)).padStart(5, "0")}` : null,
    streetAddress: clientGroup === "reception_services" ? "Vastaanottokeskus, Kotolantie 40" : street,
    postalCode: "99990",
    postOffice: "Kotola",
    phone: rng.chance(0.9) ? fictionalPhone(rng) : null,
    email: hasEmail ? `${asciiSlug(firstNames.split(" ")[0] ?? firstNames)}.${asciiSlug(lastName)}${emailNumber}@example.invalid` : null,
    homeMunicipality: clientGroup === "reception_services" ? null : "Kotola",
    preferredLanguage: origin.language,
    interpreterNeeded,
    interpreterLanguage: interpreterNeeded ? origin.language : null,
    preferredContactMethod: rng.pick(["phone", "sms", "email", "in_person"]),
    citizenships: rng.chance(0.05) ? [origin.citizenship, "FI"] : [origin.citizenship],
    arrivalDate,
    clientGroup,
    maritalStatus: minor ? "single" : married ? "married" : rng.pick(["single", "divorced", "widowed"]),
    basis: rng.chance(0.8) ? "consent_electronic" : "consent_written",
    status: "active",
    isSynthetic: true,
    ...overrides,
  };
  return { values, identityCode, origin };
}

/** An insert object for the clients table describing an invented person (see buildClientWithCode). */
export function buildClient(rng: Rng, overrides: Partial<NewClient> = {}, options: BuildClientOptions = {}): NewClient {
  return buildClientWithCode(rng, overrides, options).values;
}

// ---------------------------------------------------------------------------------------------
// A client with a case

/** What insertClientWithCase looks up once; the seed prepares it for all clients. */
export interface CaseContext {
  consentTextIds: Map<string, { id: string; sha256: string }>;
  agencyIds: Map<string, string>;
}

export async function loadCaseContext(db: Executor): Promise<CaseContext> {
  await ensureConsentTexts({ db, texts: demoConsentTexts });
  const texts = await db.select().from(consentTexts).where(inArray(consentTexts.locale, ["fi", "en"]));
  const consentTextIds = new Map<string, { id: string; sha256: string }>();
  for (const text of texts.sort((a, b) => a.version - b.version)) {
    consentTextIds.set(`${text.kind}:${text.locale}`, { id: text.id, sha256: text.sha256 });
  }
  const rows = await db.select({ id: agencies.id, code: agencies.code }).from(agencies).where(eq(agencies.active, true));
  return { consentTextIds, agencyIds: new Map(rows.map((row) => [row.code, row.id])) };
}

export type CaseStage = "new" | "assessed" | "planned";

export interface InsertClientOptions extends BuildClientOptions {
  /** Null or absent: unassigned. */
  assignedCaseworkerId?: string | null;
  /** Shown as the author of the assessment and plan. */
  caseworkerName?: string;
  /** Register basis; by default the client's consent basis drawn by buildClient. */
  basis?: RegisterBasis;
  stage?: CaseStage;
  overrides?: Partial<NewClient>;
  context?: CaseContext;
}

export interface InsertedCase {
  client: Client;
  identityCode: string | null;
  integrationPlanId: string | null;
}

/**
 * Service needs of an assessment: the code the register stores (lib/intake/steps.ts serviceNeeds)
 * and the caseworker's own words for it in the assessment's text.
 */
const SERVICE_NEEDS = [
  { code: "language_course", words: "suomen kielen koulutus" },
  { code: "job_search", words: "työnhaku" },
  { code: "housing", words: "asuminen" },
  { code: "daycare_or_school", words: "lasten varhaiskasvatus" },
  { code: "health", words: "terveyspalvelut" },
  { code: "recognition_of_qualifications", words: "tutkinnon tunnustaminen" },
  { code: "other", words: "arjen taidot" },
  { code: "money_and_benefits", words: "talousneuvonta" },
] as const;

const NOTE_BODIES = [
  "Asiakas asioi tulkin välityksellä. Käytiin läpi asumiseen liittyviä kysymyksiä ja sovittiin seuraavasta tapaamisesta.",
  "Ohjattu Kelan palveluihin ja autettu lomakkeen täyttämisessä.",
  "Asiakas kertoi aloittaneensa kielikurssin. Motivaatio hyvä.",
  "Puhelinkeskustelu: asiakas kysyi lasten koulupaikasta. Ohjattu sivistyspalveluihin.",
  "Sovittu tutkintotodistusten käännättämisestä ja tutkinnon tunnustamisen hakemisesta.",
  "Asiakas ei saapunut sovittuun tapaamiseen. Uusi aika lähetetty tekstiviestillä.",
] as const;

/**
 * Inserts a synthetic client and a realistic case in one transaction: a client number from the
 * yearly counter, residence permits, family, skills, education, appointments and a visit, the
 * storage consent (on a consent basis), an initial assessment and an integration plan with a
 * review date (by stage), outcomes, sometimes a functional capacity entry, and notes.
 */
export async function insertClientWithCase(db: Executor, rng: Rng, opts: InsertClientOptions = {}): Promise<InsertedCase> {
  const now = opts.now ?? FACTORY_NOW;
  const context = opts.context ?? (await loadCaseContext(db));
  const built = buildClientWithCode(rng, opts.overrides ?? {}, opts);
  const stage: CaseStage = opts.stage ?? rng.weighted({ new: 10, assessed: 20, planned: 70 });
  const basis: RegisterBasis = opts.basis ?? built.values.basis;
  const caseworkerId = opts.assignedCaseworkerId ?? null;
  const authors = opts.caseworkerName ?? "Ohjaaja";
  const arrival = new Date(`${built.values.arrivalDate ?? isoDate(now)}T10:00:00.000Z`);
  const registeredAt = minDate(addDays(arrival, rng.int(3, 20)), addDays(now, -1));
  const origin = built.origin;

  return db.transaction(async (tx) => {
    const clientNumber = opts.overrides?.clientNumber ?? (await nextClientNumber(tx, registeredAt.getUTCFullYear()));
    const [client] = await tx
      .insert(clients)
      .values({
        ...built.values,
        clientNumber,
        basis,
        assignedCaseworkerId: caseworkerId,
        createdAt: registeredAt,
        updatedAt: registeredAt,
      })
      .returning();
    if (!client) throw new Error("Inserting the client returned no row");
    const clientId = client.id;

    // Storage basis (DESIGN.md rule 1).
    if (basis !== "legal_obligation") {
      const locale = origin.language === "fi" || rng.chance(0.5) ? "fi" : "en";
      const text = context.consentTextIds.get(`storage:${locale}`);
      const written = basis === "consent_written";
      await tx.insert(consents).values({
        clientId,
        kind: "storage",
        granted: true,
        categories: [],
        givenAt: registeredAt,
        channel: written ? "written" : "electronic_form",
        consentTextId: text?.id ?? null,
        textSha256: text?.sha256 ?? null,
        locale,
        paperReference: written ? `SUOST-${registeredAt.getUTCFullYear()}-${String(rng.int(1, 9999)).padStart(4, "0")}` : null,
        recordedBy: written ? caseworkerId : null,
      });

      const teOffice = context.agencyIds.get("te_office");
      if (teOffice && rng.chance(0.4)) {
        const text = context.consentTextIds.get(`disclosure:${locale}`);
        const categories: DataCategory[] = ["identity", "contact", "skills", "education", "servicePlan"];
        const withdrawn = rng.chance(0.1);
        await tx.insert(consents).values({
          clientId,
          kind: "disclosure",
          granted: true,
          agencyId: teOffice,
          categories,
          purpose: "Työllisyyspalvelujen ja kotoutumiskoulutuksen järjestäminen",
          validFrom: isoDate(registeredAt),
          validUntil: isoDate(addDays(registeredAt, 365)),
          givenAt: registeredAt,
          channel: "written",
          consentTextId: text?.id ?? null,
          textSha256: text?.sha256 ?? null,
          locale,
          paperReference: `SUOST-${registeredAt.getUTCFullYear()}-${String(rng.int(1, 9999)).padStart(4, "0")}`,
          recordedBy: caseworkerId,
          withdrawnAt: withdrawn ? minDate(addDays(registeredAt, 60), now) : null,
          withdrawalChannel: withdrawn ? "visit" : null,
          withdrawalRecordedBy: withdrawn ? caseworkerId : null,
        });
      }
      if (rng.chance(0.2)) {
        const text = context.consentTextIds.get(`obtain_data:${locale}`);
        await tx.insert(consents).values({
          clientId,
          kind: "obtain_data",
          granted: true,
          sourceAuthority: "wellbeing_county",
          categories: ["servicePlan"],
          purpose: "Sosiaali- ja terveyspalvelujen tarpeen selvittäminen",
          validFrom: isoDate(registeredAt),
          validUntil: isoDate(addDays(registeredAt, 365)),
          givenAt: registeredAt,
          channel: "written",
          consentTextId: text?.id ?? null,
          textSha256: text?.sha256 ?? null,
          locale,
          recordedBy: caseworkerId,
        });
      }
    }

    // Residence.
    const permitType = rng.pick(origin.permits);
    const permitFrom = addDays(arrival, -rng.int(0, 60));
    await tx.insert(residencePermits).values({
      clientId,
      permitType,
      validFrom: isoDate(permitFrom),
      validUntil: permitType === "permanent" ? null : isoDate(addDays(permitFrom, rng.pick([365, 2 * 365, 4 * 365]))),
      createdAt: registeredAt,
    });
    if (permitType !== "permanent" && rng.chance(0.2)) {
      await tx.insert(residencePermits).values({
        clientId,
        permitType: "permanent",
        validFrom: null,
        validUntil: null,
        notes: "Pysyvää oleskelulupaa haettu, päätös odottaa.",
        createdAt: registeredAt,
      });
    }

    // Family.
    const family: (typeof familyMembers.$inferInsert)[] = [];
    const female = built.values.gender === "female";
    if (built.values.maritalStatus === "married") {
      const spouseFirst = rng.pick(female ? origin.male : origin.female);
      family.push({
        clientId,
        relation: "spouse",
        fullName: `${spouseFirst} ${built.values.lastName}`,
        dateOfBirth: isoDate(addDays(new Date(`${built.values.dateOfBirth}T00:00:00Z`), rng.int(-2000, 2000))),
        livesInFinland: rng.chance(0.75),
        createdAt: registeredAt,
      });
    }
    const children = built.values.maritalStatus === "single" ? (rng.chance(0.15) ? 1 : 0) : rng.int(0, 3);
    for (let i = 0; i < children; i++) {
      const childAge = rng.int(0, 16);
      const childFirst = rng.pick(rng.chance(0.5) ? origin.female : origin.male);
      family.push({
        clientId,
        relation: "child",
        fullName: `${childFirst} ${built.values.lastName}`,
        dateOfBirth: isoDate(addDays(now, -(childAge * 365 + rng.int(0, 364)))),
        livesInFinland: rng.chance(0.9),
        clientIsGuardian: true,
        daycareOrSchoolNeed: childAge < 7 ? "varhaiskasvatus" : "perusopetus",
        createdAt: registeredAt,
      });
    }
    if (family.length > 0) await tx.insert(familyMembers).values(family);

    // Skills, languages, work, education.
    await tx.insert(skills).values([
      // Languages by code (shown in the reader's language); levels as a caseworker records them (CEFR).
      { clientId, kind: "language", name: origin.language, level: "native", createdAt: registeredAt },
      { clientId, kind: "language", name: "fi", level: rng.pick(["A0", "A1.1", "A1.2", "A2.1", "B1.1"]), createdAt: registeredAt },
      ...(rng.chance(0.5)
        ? [{ clientId, kind: "language", name: "en", level: rng.pick(["A2", "B1", "B2", "C1"]), createdAt: registeredAt }]
        : []),
      ...rng.sample(skillNames, rng.int(1, 2)).map((name) => ({ clientId, kind: "skill", name, createdAt: registeredAt })),
    ]);
    const jobs = built.values.dateOfBirth && ageInYears(built.values.dateOfBirth, now) >= 20 ? rng.int(0, 2) : 0;
    if (jobs > 0) {
      await tx.insert(workExperiences).values(
        rng.sample(jobTitles, jobs).map((jobTitle) => {
          const endYear = arrival.getUTCFullYear() - rng.int(0, 3);
          return {
            clientId,
            jobTitle,
            country: origin.citizenship,
            startYear: endYear - rng.int(1, 8),
            endYear,
            createdAt: registeredAt,
          };
        }),
      );
    }
    const education = rng.pick(educationLevels);
    const endYear = arrival.getUTCFullYear() - rng.int(1, 10);
    await tx.insert(educations).values({
      clientId,
      level: education.level,
      field: rng.pick(education.fields),
      country: origin.citizenship,
      startYear: endYear - rng.int(2, 5),
      endYear,
      recognisedInFinland: education.level === "bachelor" ? rng.chance(0.3) : null,
      createdAt: registeredAt,
    });

    // Appointments: one held (with its visit), one ahead.
    const interpreterLanguage = built.values.interpreterNeeded ? (built.values.interpreterLanguage ?? null) : null;
    const heldAt = atHour(minDate(addDays(registeredAt, rng.int(1, 14)), addDays(now, -1)), rng.int(8, 14));
    const [held] = await tx
      .insert(appointments)
      .values({
        clientId,
        startsAt: heldAt,
        channel: "in_person",
        interpreterLanguage,
        staffId: caseworkerId,
        status: "held",
        purpose: stage === "new" ? "Ohjaus ja neuvonta" : "Palvelutarpeen arviointi",
        createdAt: registeredAt,
      })
      .returning({ id: appointments.id });
    await tx.insert(visits).values({
      clientId,
      appointmentId: held?.id ?? null,
      occurredAt: heldAt,
      channel: "in_person",
      interpreterLanguage,
      staffId: caseworkerId,
      notes: "Tapaaminen pidetty suunnitellusti.",
      createdAt: heldAt,
    });
    await tx.insert(appointments).values({
      clientId,
      startsAt: atHour(addDays(now, rng.int(1, 30)), rng.int(8, 15)),
      durationMinutes: rng.pick([30, 45, 60, 90]),
      channel: rng.weighted({ in_person: 6, phone: 3, video: 1 }),
      interpreterLanguage,
      staffId: caseworkerId,
      status: "booked",
      purpose: stage === "planned" ? "Kotoutumissuunnitelman seuranta" : "Ohjaus ja neuvonta",
      createdAt: registeredAt,
    });

    // Initial assessment and integration plan.
    let integrationPlanId: string | null = null;
    if (stage !== "new") {
      const assessedOn = minDate(addDays(heldAt, 0), now);
      const needs = rng.sample(SERVICE_NEEDS, rng.int(2, 4));
      await tx.insert(initialAssessments).values({
        clientId,
        assessedOn: isoDate(assessedOn),
        content: `Osaamisen ja kotoutumisen palvelutarpeen arvioinnissa selvitettiin asiakkaan koulutus- ja työhistoria, kielitaito sekä perhetilanne. Suomen kielen taso arvioitiin, ja asiakkaan tavoitteista keskusteltiin. Keskeiset palvelutarpeet: ${needs.map((need) => need.words).join(", ")}.`,
        furtherMeasures: "Ohjaus kotoutumiskoulutukseen ja kotoutumissuunnitelman laatiminen.",
        plannedPlanDate: isoDate(addDays(assessedOn, 21)),
        authors,
        sources: interpreterLanguage ? "Asiakkaan haastattelu tulkin välityksellä" : "Asiakkaan haastattelu",
        serviceNeeds: needs.map((need) => need.code),
        createdBy: caseworkerId,
        createdAt: assessedOn,
      });

      if (stage === "planned") {
        const planDate = minDate(addDays(assessedOn, rng.int(14, 35)), now);
        let reviewDue = addDays(planDate, 182);
        const reviews: Date[] = [];
        while (reviewDue < now && reviews.length < 4) {
          // Most reviews are held on time; some are overdue, which the caseload shows.
          if (rng.chance(0.9)) {
            reviews.push(reviewDue);
            reviewDue = addDays(reviewDue, 182);
          } else {
            break;
          }
        }
        const [plan] = await tx
          .insert(integrationPlans)
          .values({
            clientId,
            planDate: isoDate(planDate),
            validUntil: isoDate(addDays(planDate, 3 * 365)),
            goals: rng.pick([
              "Suomen kielen taito tasolle B1 ja työllistyminen omalle alalle.",
              "Ammatillisen koulutuksen aloittaminen ja arjen sujuminen uudessa kotikunnassa.",
              "Tutkinnon tunnustaminen ja työllistyminen koulutusta vastaavaan työhön.",
              "Lasten koulunkäynnin tukeminen ja oma opiskelu kotoutumiskoulutuksessa.",
            ]),
            jobSearch: rng.chance(0.7) ? "Työnhakijaksi ilmoittautuminen ja työnhakuvalmennus." : null,
            studies: "Kotoutumiskoulutus, suomen kieli.",
            skillsAcquisition: rng.chance(0.4) ? "Työkokeilu omalla alalla kielikoulutuksen rinnalla." : null,
            authors,
            reviewDueOn: isoDate(reviewDue),
            sources: "Palvelutarpeen arviointi ja asiakkaan haastattelu",
            createdBy: caseworkerId,
            createdAt: planDate,
          })
          .returning({ id: integrationPlans.id });
        if (!plan) throw new Error("Inserting the integration plan returned no row");
        integrationPlanId = plan.id;
        await tx.insert(integrationPlanMeasures).values([
          {
            planId: plan.id,
            description: "Suomen kielen kotoutumiskoulutus",
            provider: "Kotolan aikuisopisto",
            startsOn: isoDate(addDays(planDate, 30)),
            endsOn: isoDate(addDays(planDate, 30 + 365)),
            createdAt: planDate,
          },
          {
            planId: plan.id,
            description: rng.pick(["Työelämävalmennus", "Ammatillinen kielikoulutus", "Arjen taitojen ryhmä"]),
            provider: rng.pick(["Kotolanmaan TE-toimisto", "Kotolan kunta"]),
            startsOn: isoDate(addDays(planDate, 120)),
            endsOn: null,
            createdAt: planDate,
          },
        ]);
        if (reviews.length > 0) {
          await tx.insert(integrationPlanReviews).values(
            reviews.map((reviewedOn, index) => ({
              planId: plan.id,
              reviewedOn: isoDate(reviewedOn),
              summary: "Suunnitelman toteutuminen käyty läpi. Kielikoulutus etenee; tavoitteet pidetään ennallaan.",
              nextReviewOn: isoDate(index === reviews.length - 1 ? reviewDue : addDays(reviewedOn, 182)),
              reviewedBy: caseworkerId,
              createdAt: reviewedOn,
            })),
          );
        }

        const outcome = rng.weighted({ none: 65, work: 20, education: 15 });
        if (outcome !== "none") {
          const startedOn = minDate(addDays(planDate, rng.int(60, 400)), now);
          await tx.insert(outcomes).values({
            clientId,
            kind: outcome,
            description:
              outcome === "work"
                ? `Työsuhde: ${rng.pick(jobTitles)}, ${rng.pick(["osa-aikainen", "kokoaikainen", "määräaikainen"])}`
                : `Opiskelu: ${rng.pick(["ammatillinen koulutus", "aikuisten perusopetus", "valmentava koulutus"])}`,
            startedOn: isoDate(startedOn),
            createdAt: startedOn,
          });
        }
      }
    }

    if (rng.chance(0.1)) {
      await tx.insert(functionalCapacityEntries).values({
        clientId,
        assessedOn: isoDate(minDate(addDays(heldAt, 7), now)),
        content: rng.pick([
          "Asiakas kertoo selkävaivasta, joka rajoittaa raskasta fyysistä työtä. Ohjattu terveysasemalle.",
          "Asiakas kertoo univaikeuksista, jotka vaikeuttavat opiskelua. Ohjattu hyvinvointialueen palveluihin.",
          "Työkyky arvioitu yhdessä asiakkaan kanssa: kevyt työ mahdollista, pitkät seisomatyöt eivät.",
        ]),
        recordedBy: caseworkerId,
      });
    }

    const notes = rng.sample(NOTE_BODIES, rng.int(1, 3));
    await tx.insert(caseNotes).values(
      notes.map((body, index) => ({
        clientId,
        body,
        authorId: caseworkerId,
        createdAt: minDate(addDays(registeredAt, 7 * (index + 1)), now),
      })),
    );

    return { client, identityCode: built.identityCode, integrationPlanId };
  });
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

function atHour(date: Date, hour: number): Date {
  const copy = new Date(date);
  copy.setUTCHours(hour - 2, 0, 0, 0); // roughly local office hours in Finland
  return copy;
}

function ageInYears(dateOfBirth: string, now: Date): number {
  return Math.floor((now.getTime() - new Date(`${dateOfBirth}T00:00:00Z`).getTime()) / (365.25 * 86_400_000));
}
