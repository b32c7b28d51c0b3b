import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/connection";
import { rawIntakeAnswers, type RawIntakeAnswers } from "@/demo/factories/intake-answers";
import { consentTextToShow, createDraft, loadDraft, saveDraftConsent, saveDraftStep, submitIntake, type IntakeConsentAnswer } from "@/db/intake";
import { consentSchemaFor, intakeSteps, stepSchemas } from "@/lib/intake/steps";
import type { RegisterSettings } from "@/lib/register-settings";

/** The answers as the form posts them: the one factory the seed and the tests share. */
export { rawIntakeAnswers, type RawIntakeAnswers } from "@/demo/factories/intake-answers";

/** The consent texts the consent page shows in `locale`, as the consent action records them. */
export async function shownConsentTexts(db: Executor, locale: string): Promise<IntakeConsentAnswer["shownTexts"]> {
  const shown: IntakeConsentAnswer["shownTexts"] = {};
  for (const kind of ["storage", "obtain_data", "disclosure"] as const) {
    const text = await consentTextToShow({ db, kind, locale });
    if (text) shown[kind] = text.id;
  }
  return shown;
}

export const defaultConsentForm = { storageConsent: "yes", obtainFrom: "wellbeing_county", discloseTo: ["te_office"] };

/**
 * Fills in every step of a new draft as the pages do (reloading it before each save), gives the
 * consent validated with the settings' schema, and submits it.
 */
export async function submitCompleteIntake({
  db,
  settings,
  locale = "fi",
  raw = rawIntakeAnswers(),
  consentForm = defaultConsentForm,
  now,
}: {
  db: Executor;
  settings: RegisterSettings;
  locale?: string;
  raw?: RawIntakeAnswers;
  consentForm?: Record<string, unknown>;
  now?: Date;
}): Promise<{ submissionId: string; reference: string }> {
  const draftId = await createDraft({ db, locale });
  for (const step of intakeSteps) {
    const draft = await loadDraft({ db, draftId });
    if (!draft) throw new Error("The draft vanished while being filled in");
    await saveDraftStep({ db, draft, step, value: stepSchemas[step].parse(raw[step]) as never, locale });
  }
  const draft = await loadDraft({ db, draftId });
  if (!draft) throw new Error("The draft vanished while being filled in");
  const parsed = consentSchemaFor({
    storageConsentRequired: settings.legalBasis.kind === "consent",
    authorityCodes: settings.obtainFromAuthorities.map((authority) => authority.code),
    agencyCodes: settings.agencies.filter((agency) => agency.intakeConsent).map((agency) => agency.code),
  }).parse(consentForm);
  await saveDraftConsent({
    db,
    draft,
    consent: {
      storageConsent: parsed.storageConsent === "yes",
      obtainFrom: parsed.obtainFrom as string[],
      discloseTo: parsed.discloseTo as string[],
      shownTexts: await shownConsentTexts(db, locale),
    },
  });
  return submitIntake({ db, draftId, settings, now });
}

/** Rows of a raw query on either driver (PGlite answers { rows }, postgres.js an array). */
export async function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/**
 * Where `needle` occurs, case-insensitively, in any column of any table of the public schema
 * (every column cast to text, so jsonb, arrays and text alike): { table: { column: rows } }.
 */
export async function occurrencesAnywhere(db: Executor, needle: string): Promise<Record<string, Record<string, number>>> {
  const columns = await rawRows<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  const found: Record<string, Record<string, number>> = {};
  for (const [table, names] of byTable) {
    const counts = sql.join(
      names.map((name) => sql`count(*) filter (where strpos(upper(${sql.identifier(name)}::text), upper(${needle})) > 0)::int as ${sql.identifier(name)}`),
      sql`, `,
    );
    const [row] = await rawRows<Record<string, number>>(db, sql`select ${counts} from ${sql.identifier(table)}`);
    for (const [column, n] of Object.entries(row ?? {})) {
      if (Number(n) > 0) (found[table] ??= {})[column] = Number(n);
    }
  }
  return found;
}

/** How many tables of the public schema occurrencesAnywhere searches (to prove it searched them all). */
export async function publicTableCount(db: Executor): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  return Number(row?.n);
}
