/**
 * npm run bench:access-report [-- --events N --runs N]
 *
 * Issue 11's benchmark, in two parts, on PostgreSQL:
 *
 * 1. The access report: a synthetic client with a full case (every section, consents, disclosures
 *    to two agencies, a hundred looks at the case) is made in the database named by DATABASE_URL,
 *    and the report and its PDF are built (server/pdf/rights-documents.ts accessReportFor) in
 *    Finnish and in Arabic, `--runs` times each (default 20) after warm-up. Goal: under 1 s each.
 * 2. The audit view's filtered query (db/audit-view.ts readAuditTrail, the page the officer reads)
 *    over N audit events (default 1 000 000), 100 queries per kind of filter after warm-up.
 *    Goal: p95 under 200 ms for every kind. The unusual-access list of 30 days is timed apart.
 *
 * The events of part 2 are made with SQL (generate_series) in about two minutes, with placeholder
 * hashes: they do not form a valid chain, so they go into a database of their own, beside the
 * report's, whose chain stays intact: `<name>_audit` on the same server (created when missing), or
 * BENCH_AUDIT_DATABASE_URL. Rerunning reuses the events made before.
 *
 * It never touches real data: it refuses to run without DATABASE_URL and refuses a database that
 * holds any client not marked is_synthetic. VACUUM and CREATE DATABASE need the owner:
 *
 *   psql -h 127.0.0.1 -U postgres -c "create database kotona_bench_report"
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kotona_bench_report \
 *     KOTONA_DATA_KEY=$(openssl rand -base64 32) AUTH_SECRET=x npm run bench:access-report
 *   psql -h 127.0.0.1 -U postgres -c "drop database kotona_bench_report" -c "drop database kotona_bench_report_audit"
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { count } from "drizzle-orm";
import postgres from "postgres";
import { reviewUnusualAccess } from "@/db/audit-review";
import { readAuditTrail } from "@/db/audit-view";
import { openDatabase } from "@/db/connection";
import { auditEvents } from "@/db/schema";
import { createRng } from "@/demo/factories";
import type { AuditTrailFilter } from "@/lib/audit-view";
import { ConfigurationError, secrets } from "@/lib/secrets";
import { makeBenchEvents, percentile, Refusal, refuseRealData, sampleFilters, type FilterKind } from "./bench-audit-events";
import { makeFullCase } from "./bench-full-case";

const USAGE = `Usage: npm run bench:access-report [-- --events N --runs N]

  --events N   audit events in the audit database before timing (default 1000000)
  --runs N     timed builds of the report per language (default 20)

DATABASE_URL must name a PostgreSQL database holding no real (non-synthetic) clients; the events go
into BENCH_AUDIT_DATABASE_URL, or <that database>_audit on the same server.
KOTONA_DATA_KEY and AUTH_SECRET must be set as for the server.`;

const REPORT_GOAL_MS = 1_000;
const AUDIT_GOAL_P95_MS = 200;
const QUERIES_PER_KIND = 100;
const WARM_UP = 10;

function parseOptions(): { events: number; runs: number } {
  const { values } = parseArgs({ options: { events: { type: "string" }, runs: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const events = values.events === undefined ? 1_000_000 : Number(values.events);
  const runs = values.runs === undefined ? 20 : Number(values.runs);
  if (!Number.isInteger(events) || events < 1_000 || events > 20_000_000) throw new Refusal(`--events must be a whole number from 1000 to 20000000.\n\n${USAGE}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > 1_000) throw new Refusal(`--runs must be a whole number from 1 to 1000.\n\n${USAGE}`);
  return { events, runs };
}

/** The audit database: BENCH_AUDIT_DATABASE_URL, or `<name>_audit` beside the report's, created when missing. */
async function auditDatabaseUrl(url: string): Promise<string> {
  if (process.env.BENCH_AUDIT_DATABASE_URL) return process.env.BENCH_AUDIT_DATABASE_URL;
  const target = new URL(url);
  const name = `${target.pathname.slice(1)}_audit`;
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Refusal(`Cannot name the audit database after "${target.pathname.slice(1)}": set BENCH_AUDIT_DATABASE_URL.`);
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 as present from pg_database where datname = ${name}`;
    if (!found) {
      console.log(`Creating the database ${name} for the audit events…`);
      await admin.unsafe(`create database ${name}`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  target.pathname = `/${name}`;
  return target.toString();
}

function line(label: string, timings: number[], goal: number, informational = false): boolean {
  const sorted = [...timings].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const met = p95 < goal;
  console.log(
    `${label.padEnd(30)}${percentile(sorted, 50).toFixed(1).padStart(9)}${p95.toFixed(1).padStart(9)}${(sorted.at(-1) ?? Number.NaN).toFixed(1).padStart(9)}` +
      `${informational ? "   (not in the goal)" : met ? "" : "   <- over the goal"}`,
  );
  return met || informational;
}

async function benchReport(url: string, runs: number): Promise<boolean> {
  const handle = await openDatabase({ kind: "postgres", url }, { migrate: true });
  try {
    const db = handle.db;
    console.log("Making a client with a full case (every section, consents, four disclosures, a hundred looks)…");
    const { clientId, dpo, consultations, recipients } = await makeFullCase(db);
    // Imported here: the PDF renderer loads its fonts on first use, which is timed as warm-up.
    const { accessReportFor } = await import("@/server/pdf/rights-documents");
    console.log(`\nThe access report and its PDF (${recipients} recipients, ${consultations} consultations), ${runs} runs per language after 3 warm-up runs:\n`);
    console.log(`${"language".padEnd(30)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}`);
    let ok = true;
    for (const locale of ["fi", "ar"] as const) {
      const timings: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs + 3; i += 1) {
        const started = performance.now();
        const made = await accessReportFor({ db, actor: dpo, clientId, locale });
        const elapsed = performance.now() - started;
        if (made.report.consultations.length < consultations) throw new Error(`The ${locale} report lists ${made.report.consultations.length} consultations, not ${consultations}.`);
        bytes = made.pdf.length;
        if (i >= 3) timings.push(elapsed);
      }
      ok = line(`${locale} (PDF ${Math.round(bytes / 1024)} KB)`, timings, REPORT_GOAL_MS) && ok;
    }
    console.log(`Goal: every build < ${REPORT_GOAL_MS} ms at p95: ${ok ? "met" : "MISSED"}.`);
    return ok;
  } finally {
    await handle.close();
  }
}

async function benchAuditQuery(url: string, events: number): Promise<boolean> {
  await refuseRealData(url);
  await makeBenchEvents(url, events);
  const handle = await openDatabase({ kind: "postgres", url }, { migrate: true });
  try {
    const db = handle.db;
    const rng = createRng(11_200_000);
    const kinds: FilterKind[] = await sampleFilters(db, rng, QUERIES_PER_KIND + WARM_UP);
    const [counted] = await db.select({ n: count() }).from(auditEvents);
    console.log(`\nThe audit view's page (50 events, keyset on seq) over ${counted?.n ?? "?"} events, ${QUERIES_PER_KIND} queries per filter after ${WARM_UP} warm-up:\n`);
    console.log(`${"filter".padEnd(30)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}`);
    let ok = true;
    const all: number[] = [];
    for (const kind of kinds) {
      const timings: number[] = [];
      for (const [index, { filter, cursor }] of kind.queries.entries()) {
        const started = performance.now();
        const page = await readAuditTrail({ db, filter: filter as AuditTrailFilter, cursor });
        const elapsed = performance.now() - started;
        if (kind.expectRows && page.rows.length === 0) throw new Error(`${kind.label}: ${JSON.stringify(filter)} found nothing, but was taken from an event.`);
        if (index >= WARM_UP) timings.push(elapsed);
      }
      all.push(...timings);
      ok = line(kind.label, timings, AUDIT_GOAL_P95_MS) && ok;
    }
    line("all filters together", all, AUDIT_GOAL_P95_MS, true);
    const unusual: number[] = [];
    for (const [index, days] of kinds[0]!.windows.entries()) {
      const started = performance.now();
      await reviewUnusualAccess({ db, days, thresholds: { distinctClientsViewedPerDay: 25, failedSignInsPerDay: 5 } });
      if (index >= 2) unusual.push(performance.now() - started);
    }
    line("unusual access, 30 days", unusual, AUDIT_GOAL_P95_MS, true);
    console.log(`Goal: p95 < ${AUDIT_GOAL_P95_MS} ms for every filter: ${ok ? "met" : "MISSED"}.`);
    return ok;
  } finally {
    await handle.close();
  }
}

async function main() {
  const options = parseOptions();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Refusal("DATABASE_URL is not set. The benchmark writes synthetic data, so it only runs on a database named explicitly (see scripts/bench-access-report.ts).");
  secrets(); // KOTONA_DATA_KEY and AUTH_SECRET, checked before anything is written.
  await refuseRealData(url);
  const auditUrl = await auditDatabaseUrl(url);
  const reportOk = await benchReport(url, options.runs);
  const auditOk = await benchAuditQuery(auditUrl, options.events);
  if (!reportOk || !auditOk) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof Refusal || error instanceof ConfigurationError) {
    console.error(`bench:access-report: ${error.message}`);
  } else {
    console.error(error instanceof Error ? `bench:access-report failed: ${error.message}` : error);
    if (error instanceof Error && error.cause) console.error(error.cause);
  }
  process.exit(1);
});
