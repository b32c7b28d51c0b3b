import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { acceptSubmission } from "@/db/intake-decisions";
import { mergeOffer, mergeSubmission } from "@/db/intake-merge";
import { staffUsers } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import type { StaffActor } from "@/lib/auth/client-access";
import { educationLevels, familyRelations, serviceNeeds } from "@/lib/domain-values";
import { publicLocales } from "@/lib/i18n/locales";
import type { RegisterSettings } from "@/lib/register-settings";
import { createTestDatabase, testBackend } from "../helpers/database";
import { rawIntakeAnswers, rawRows, submitCompleteIntake, type RawIntakeAnswers } from "../helpers/intake";

/**
 * Store codes, show labels (docs/decisions/0006, issue 10): whatever the intake writes for a client
 * is a code or the person's own words. The rule is checked on the raw rows: every text, array and
 * jsonb value of every row that holds the client (read as JSON with raw SQL, so no mapping in
 * between hides anything) against every label the messages have for a stored code, in every
 * language, and against the sentences the intake decisions used to write.
 */

type Messages = { [key: string]: string | Messages };
const load = (locale: string) => JSON.parse(readFileSync(path.resolve(__dirname, "../../messages", `${locale}.json`), "utf8")) as Messages;
function at(messages: Messages, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Messages)[part] : undefined), messages);
}
function leaves(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (node && typeof node === "object") return Object.values(node).flatMap(leaves);
  return [];
}

const messages = publicLocales.map(load);

/** Labels of stored codes: every option of the intake form, the staff's labels of levels, kinds, channels and outcomes, the merge's field names. */
const LABEL_GROUPS = ["intake.options", "clientCase.languageLevels", "caseDetails.skillKinds", "caseForms.channels", "caseForms.outcomeKinds", "intakeMerge.fields"];
const labels = new Set(messages.flatMap((m) => LABEL_GROUPS.flatMap((group) => leaves(at(m, group)))));

/** Words that were labels in the code before issue 10 (lib/intake/answer-rows.ts, db/intake-merge.ts): none may be a stored value. */
const OLD_LABELS = ["äidinkieli", "suomi", "ruotsi", "kyllä", "ei", "puhelin", "sähköposti", "tulkin tarve", "yhteydenottotapa", "asiointikieli", "siviilisääty", "kansalaisuudet"];

/** Sentences an intake decision writes or wrote: their fixed words may appear inside no stored text. */
const SENTENCE_PARTS = [
  ...messages.flatMap((m) =>
    leaves(at(m, "clientCase.intakeNote")).flatMap((template) =>
      template
        .split(/\{\w+\}/)
        .map((part) => part.trim().replace(/[.:,]$/, "").trim())
        .filter((part) => part.length >= 8),
    ),
  ),
  "Kokemusta",
  "ilmoitettu lomakkeella",
  "Palvelutarpeet",
  "Lisätiedot",
  "Lasten hoito ja koulu",
  "Sähköinen asiakastietolomake",
  "Päivitetyt tiedot",
  "Aiemmat tiedot",
  "Lisätyt tiedot",
];

/** Every string in a JSON value, with where it was found. */
function strings(value: unknown, where: string, out: { where: string; text: string }[] = []): { where: string; text: string }[] {
  if (typeof value === "string") out.push({ where, text: value });
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, `${where}[${index}]`, out));
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) strings(item, `${where}.${key}`, out);
  return out;
}

/** Every row that holds the client, table by table, as JSON read with raw SQL. */
async function rowsOfClient(db: Executor, clientId: string): Promise<Record<string, unknown[]>> {
  const links = await rawRows<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
          and (c.column_name in ('client_id', 'accepted_client_id') or (c.table_name = 'clients' and c.column_name = 'id'))
        order by c.table_name, c.column_name`,
  );
  const rows: Record<string, unknown[]> = {};
  for (const { table_name, column_name } of links) {
    const found = await rawRows<{ row: unknown }>(
      db,
      sql`select to_jsonb(t) as row from ${sql.identifier(table_name)} t where ${sql.identifier(column_name)} = ${clientId}`,
    );
    rows[`${table_name}.${column_name}`] = found.map((r) => (typeof r.row === "string" ? (JSON.parse(r.row) as unknown) : r.row));
  }
  return rows;
}

/** The person's answers with every option the form has where it allows more than one, so every option group is written. */
function everyOption(i: number): RawIntakeAnswers {
  const raw = rawIntakeAnswers(i);
  raw["education-work"] = {
    educations: educationLevels.map((level, n) => ({ level, field: `Ala ${n}`, country: "Somalia", endYear: String(1990 + n) })),
    work: [
      { jobTitle: "Räätäli", country: "Kenia", years: "5" },
      { jobTitle: "Myyjä", country: "", years: "" },
    ],
    finnishLevel: "intermediate",
    swedishLevel: "beginner",
  };
  raw.family = {
    ...raw.family,
    members: familyRelations.map((relation, n) => ({ fullName: `Jäsen${n} Hassan`, relation, dateOfBirth: `20${10 + n}-05-05`, livesInFinland: n % 2 ? "yes" : "no" })),
  };
  raw["service-needs"] = { needs: [...serviceNeeds], details: "Apua pankkiasioissa" };
  return raw;
}

describe(`the register stores codes, not labels, on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  let actor: StaffActor;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 0 });
    settings = await getRegisterSettings({ db });
    const [staff] = await db.insert(staffUsers).values({ email: "ohjaaja.codes@example.invalid", displayName: "Ohjaaja", role: "caseworker", passwordHash: "-" }).returning();
    actor = { userId: staff!.id, role: "caseworker", sessionId: "codes-session", requestId: null };
  });
  afterAll(async () => handle?.close());

  it("the checks are real: the labels of every option group, in every language, and the old sentences are on the list", () => {
    expect(labels).toContain("Lukio tai vastaava");
    expect(labels).toContain("Vähän");
    expect(labels).toContain("Se on äidinkieleni");
    expect(labels).toContain("Suomen tai ruotsin kielen kurssi");
    expect(labels).toContain("Secondary school");
    expect(labels).toContain("Средняя школа");
    expect(labels).toContain("المدرسة الثانوية");
    expect(SENTENCE_PARTS).toContain("Electronic intake form");
    // No code is itself a label (else a code would be taken for one).
    const codes = [...educationLevels, ...familyRelations, ...serviceNeeds, "native", "beginner", "intermediate", "fi", "sv"];
    expect(codes.filter((code) => labels.has(code))).toEqual([]);
  });

  it("after an accept and a merge, no text, array or jsonb value of any row holding the client is a label, and none holds a sentence of one", async () => {
    const { submissionId } = await submitCompleteIntake({ db, settings, raw: everyOption(1), locale: "fi" });
    const { clientId } = await acceptSubmission({ db, actor, input: { submissionId } });

    // The same person again, with other contact details and languages: merged with everything confirmed.
    const again = everyOption(1);
    again.contact = { ...again.contact, phone: "040 765 4321", preferredContact: "email" };
    again.about = { ...again.about, nativeLanguage: "arabia", interpreterNeeded: "no", interpreterLanguage: "" };
    again["education-work"] = { ...again["education-work"], finnishLevel: "advanced", swedishLevel: "intermediate" };
    const second = await submitCompleteIntake({ db, settings, raw: again, locale: "sv" });
    const offer = await mergeOffer({ db, actor, submissionId: second.submissionId, clientId });
    if (offer.kind !== "offer") throw new Error(`no merge offer: ${offer.kind}`);
    const apply = [...offer.proposal.fields, ...offer.proposal.rows, ...offer.proposal.familyLinks].map((p) => p.key);
    expect(apply.length).toBeGreaterThan(0);
    await mergeSubmission({ db, actor, input: { submissionId: second.submissionId, clientId, apply, identityCheck: "identity_document", submitter: "client" } });

    const rows = await rowsOfClient(db, clientId);
    // Every kind of row the intake writes is there, so the check below saw them.
    for (const table of ["clients.id", "educations.client_id", "skills.client_id", "work_experiences.client_id", "family_members.client_id", "residence_permits.client_id", "case_notes.client_id", "consents.client_id"]) {
      expect(rows[table]?.length, table).toBeGreaterThan(0);
    }
    const values = Object.entries(rows).flatMap(([table, list]) => list.flatMap((row, index) => strings(row, `${table}#${index}`)));
    expect(values.length).toBeGreaterThan(100);

    const labelsStored = values.filter(({ text }) => labels.has(text) || OLD_LABELS.includes(text));
    const sentencesStored = values.filter(({ text }) => SENTENCE_PARTS.some((part) => text.includes(part)));
    expect(labelsStored).toEqual([]);
    expect(sentencesStored).toEqual([]);
  });
});
