import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { MIGRATIONS_FOLDER, PGLITE_EXTENSIONS } from "@/db/connection";
import { createPostgresDatabase, dropPostgresDatabase, testBackend, urlFor } from "../helpers/database";

/**
 * drizzle/0011_store_codes.sql on a database with old rows: the Finnish labels and words the intake
 * and the demo factory stored become codes, the years in a sentence move to their column, and what
 * staff typed stays as it was. The database is migrated up to the migration before issue 10's, the
 * rows are written as the old code wrote them, then the rest of the migrations run.
 */

const FIRST_NEW = "0010_store_codes_columns";

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A copy of the migrations folder holding only the migrations before issue 10's. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kotona-migrations-"));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as Journal;
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  if (cut < 0) throw new Error(`No migration ${tag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

interface Runner {
  migrate(folder: string): Promise<void>;
  run(query: SQL): Promise<void>;
  rows<T>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

async function runner(): Promise<Runner> {
  if (testBackend() === "pglite") {
    const client = new PGlite({ extensions: PGLITE_EXTENSIONS });
    const db = drizzlePglite(client);
    return {
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      run: async (query) => void (await db.execute(query)),
      rows: async <T,>(query: SQL) => (await db.execute(query)).rows as T[],
      close: () => client.close(),
    };
  }
  const name = await createPostgresDatabase();
  const client = postgres(urlFor(name), { max: 1, onnotice: () => {} });
  const db = drizzlePostgres(client);
  return {
    migrate: (folder) => migratePostgres(db, { migrationsFolder: folder }),
    run: async (query) => void (await db.execute(query)),
    rows: async <T,>(query: SQL) => [...(await db.execute(query))] as T[],
    close: async () => {
      await client.end();
      await dropPostgresDatabase(name);
    },
  };
}

const REAL = "00000000-0000-4000-8000-000000000001";
const SYNTHETIC = "00000000-0000-4000-8000-000000000002";

describe(`the store-codes migration on ${testBackend()}`, () => {
  let r: Runner | undefined;
  let oldFolder: string | undefined;
  afterAll(async () => {
    await r?.close();
    if (oldFolder) rmSync(oldFolder, { recursive: true, force: true });
  });

  it("converts the labels the intake and the factory stored to codes, moves the years to their column, and leaves what staff typed alone", async () => {
    r = await runner();
    oldFolder = migrationsBefore(FIRST_NEW);
    await r.migrate(oldFolder);

    // Rows as the code before issue 10 wrote them: a client accepted from the intake (with a few
    // things staff typed later), and a synthetic client from the demo factory.
    await r.run(sql`insert into clients (id, client_number, first_names, last_name, search_name, basis, is_synthetic) values
      (${REAL}, '2026-000001', 'Amina', 'Hassan', 'amina hassan', 'consent_electronic', false),
      (${SYNTHETIC}, '2026-000002', 'Olena', 'Melnyk', 'olena melnyk', 'consent_written', true)`);
    await r.run(sql`insert into educations (client_id, level, field) values
      (${REAL}, 'Lukio tai vastaava', 'Kauppa'), (${REAL}, 'Alempi korkeakoulututkinto (kandidaatti)', null), (${REAL}, 'Muu', null),
      (${REAL}, 'korkeakoulututkinto', null),
      (${SYNTHETIC}, 'korkeakoulututkinto', 'tekniikka'), (${SYNTHETIC}, 'perusopetus', null), (${SYNTHETIC}, 'ammatillinen koulutus', 'logistiikka')`);
    await r.run(sql`insert into skills (client_id, kind, name, level) values
      (${REAL}, 'language', 'somali', 'äidinkieli'), (${REAL}, 'language', 'englanti', null),
      (${REAL}, 'language', 'suomi', 'Vähän'), (${REAL}, 'language', 'ruotsi', 'Melko hyvin'),
      (${REAL}, 'language', 'suomi', 'B1.1'), (${REAL}, 'language', 'arabia', 'A2'), (${REAL}, 'skill', 'hitsaus', null),
      (${SYNTHETIC}, 'language', 'ukraina', 'äidinkieli'), (${SYNTHETIC}, 'language', 'suomi', 'A1.2'),
      (${SYNTHETIC}, 'language', 'englanti', 'B2'), (${SYNTHETIC}, 'language', 'dari', 'äidinkieli'), (${SYNTHETIC}, 'skill', 'ompelu', null)`);
    await r.run(sql`insert into work_experiences (client_id, job_title, description) values
      (${REAL}, 'Räätäli', 'Kokemusta 5 v (ilmoitettu lomakkeella)'), (${REAL}, 'Kokki', 'Kokemusta 12 v (ilmoitettu lomakkeella)'),
      (${REAL}, 'Myyjä', 'Kokemusta noin 5 v, kertoi itse'), (${REAL}, 'Siivooja', null)`);
    await r.run(sql`insert into initial_assessments (client_id, assessed_on, content, authors, service_needs) values
      (${SYNTHETIC}, '2026-01-02', 'Palvelutarpeet: työnhaku, arjen taidot.', 'Ohjaaja', array['työnhaku', 'arjen taidot', 'talousneuvonta']),
      (${REAL}, '2026-01-03', 'Arvio.', 'Ohjaaja', array['työnhaku'])`);
    await r.run(sql`insert into case_notes (client_id, body) values (${REAL}, 'Sähköinen asiakastietolomake ABC hyväksytty 1.6.2026.')`);

    await r.migrate(MIGRATIONS_FOLDER);

    const educations = await r.rows<{ client_id: string; level: string; field: string | null }>(sql`select client_id, level, field from educations order by client_id, level`);
    expect(educations.filter((e) => e.client_id === REAL).map((e) => e.level).sort()).toEqual(["bachelor", "korkeakoulututkinto", "other", "secondary"]);
    // The factory's own words, on synthetic clients only: a real client's value that is no label stays as it is.
    expect(educations.filter((e) => e.client_id === SYNTHETIC).map((e) => [e.level, e.field]).sort()).toEqual(
      [
        ["bachelor", "tekniikka"],
        ["primary", null],
        ["vocational", "logistiikka"],
      ].sort(),
    );

    const skills = await r.rows<{ client_id: string; kind: string; name: string; level: string | null }>(sql`select client_id, kind, name, level from skills`);
    const of = (clientId: string) => skills.filter((s) => s.client_id === clientId).map((s) => [s.kind, s.name, s.level]).sort();
    expect(of(REAL)).toEqual(
      [
        ["language", "somali", "native"],
        ["language", "englanti", null],
        ["language", "fi", "beginner"],
        ["language", "sv", "intermediate"],
        // Staff typed these: the level is no label of the form, so the row stays as typed.
        ["language", "suomi", "B1.1"],
        ["language", "arabia", "A2"],
        ["skill", "hitsaus", null],
      ].sort(),
    );
    expect(of(SYNTHETIC)).toEqual(
      [
        ["language", "uk", "native"],
        ["language", "fi", "A1.2"],
        ["language", "en", "B2"],
        ["language", "fa-AF", "native"],
        ["skill", "ompelu", null],
      ].sort(),
    );

    const work = await r.rows<{ job_title: string; years: number | null; description: string | null }>(sql`select job_title, years, description from work_experiences`);
    expect(Object.fromEntries(work.map((w) => [w.job_title, [w.years, w.description]]))).toEqual({
      Räätäli: [5, null],
      Kokki: [12, null],
      // Not the intake's sentence: what staff wrote stays, in full.
      Myyjä: [null, "Kokemusta noin 5 v, kertoi itse"],
      Siivooja: [null, null],
    });

    const assessments = await r.rows<{ client_id: string; service_needs: string[] }>(sql`select client_id, service_needs from initial_assessments`);
    expect(Object.fromEntries(assessments.map((a) => [a.client_id, a.service_needs]))).toEqual({
      [SYNTHETIC]: ["job_search", "other", "money_and_benefits"],
      [REAL]: ["työnhaku"],
    });

    // Earlier notes keep their text; the new column is empty on them.
    expect(await r.rows(sql`select body, intake_decision from case_notes`)).toEqual([{ body: "Sähköinen asiakastietolomake ABC hyväksytty 1.6.2026.", intake_decision: null }]);
  });
});
