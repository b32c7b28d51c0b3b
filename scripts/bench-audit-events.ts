/**
 * The audit events of bench:access-report (scripts/bench-access-report.ts): made with SQL in a
 * database of their own, and the filters the officer's page is timed with.
 */
import { performance } from "node:perf_hooks";
import { like, sql } from "drizzle-orm";
import postgres from "postgres";
import type { Database } from "@/db/connection";
import { auditEvents, clients, staffUsers } from "@/db/schema";
import type { Rng } from "@/demo/factories";
import type { AuditAction } from "@/lib/audit-actions";
import type { AuditCursor, AuditTrailFilter } from "@/lib/audit-view";
import { helsinkiDate } from "@/lib/helsinki-time";

export class Refusal extends Error {
  override name = "Refusal";
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Checks a database before anything (even migrations) touches it: synthetic clients only. */
export async function refuseRealData(url: string): Promise<void> {
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [table] = await probe`select to_regclass('public.clients') is not null as present`;
    if (!table?.present) return;
    const [counts] = await probe`select count(*) filter (where not is_synthetic)::int as real from clients`;
    const real = Number(counts?.real ?? 0);
    if (real > 0) throw new Refusal(`The database holds ${real} client(s) not marked synthetic: the benchmark never runs on real data. Create an empty database for it.`);
  } finally {
    await probe.end({ timeout: 5 });
  }
}

const STAFF = 200;
const CLIENTS = 20_000;
/** The events span two years up to now: about 1 400 a day at a million. */
const SPAN_DAYS = 730;
const CHUNK = 100_000;

/**
 * The mix of a municipality's log, in percent: mostly case views, searches and case work. The
 * rare ones (role changes) are added by position, once every 9 973 events.
 */
const ACTION_WEIGHTS: [AuditAction, number][] = [
  ["client.viewed", 30],
  ["client.searched", 8],
  ["client.list_viewed", 6],
  ["client.access_reason_given", 1],
  ["client.identity_code_revealed", 2],
  ["client.functional_capacity_viewed", 2],
  ["client.updated", 4],
  ["case.note_added", 6],
  ["case.appointment_booked", 6],
  ["case.visit_recorded", 5],
  ["case.plan_recorded", 2],
  ["auth.sign_in", 8],
  ["auth.sign_out", 5],
  ["auth.sign_in_failed", 1],
  ["intake.viewed", 3],
  ["intake.queue_viewed", 3],
  ["disclosure.recorded", 1],
  ["disclosure.previewed", 1],
  ["consent.recorded", 2],
  ["disclosure.log_viewed", 1],
  ["audit.viewed", 1],
  ["export.created", 1],
  ["write.refused", 1],
];

/** Bench accounts (disabled, no usable password) and synthetic clients, by SQL, for the joins. */
async function makeActorsAndClients(probe: postgres.Sql): Promise<void> {
  await probe`
    insert into staff_users (email, display_name, role, password_hash, is_demo, disabled_at)
    select 'bench.audit.' || lpad(n::text, 3, '0') || '@example.invalid', 'Bench staff ' || n,
           (array['caseworker','caseworker','caseworker','coordinator'])[1 + n % 4]::staff_role, '!bench-no-login', true, now()
    from generate_series(1, ${STAFF}) n
    on conflict (email) do nothing`;
  const [have] = await probe`select count(*)::int as n from clients`;
  if (Number(have?.n ?? 0) >= CLIENTS) return;
  await probe`
    insert into clients (client_number, first_names, last_name, search_name, date_of_birth, basis, status, is_synthetic)
    select '2025-' || lpad(n::text, 6, '0'), 'Bench', 'Asiakas ' || n, 'bench asiakas ' || n, date '1960-01-01' + (n % 20000),
           'consent_written', 'active', true
    from generate_series(1, ${CLIENTS}) n
    on conflict (client_number) do nothing`;
}

/**
 * Fills the audit table up to `target` events with SQL, a chunk at a time: seq after the highest,
 * times spread evenly over the last two years, actors and clients from the bench's own, the
 * details client views and lists carry (basis, clientIds). Placeholder hashes: no chain.
 */
export async function makeBenchEvents(url: string, target: number): Promise<void> {
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [table] = await probe`select to_regclass('public.audit_events') is not null as present`;
    if (!table?.present) {
      // Migrate first (the caller opens the database with migrate: true), then come back.
      await probe.end({ timeout: 5 });
      const { openDatabase } = await import("@/db/connection");
      await (await openDatabase({ kind: "postgres", url }, { migrate: true })).close();
      return makeBenchEvents(url, target);
    }
    await makeActorsAndClients(probe);
    const [state] = await probe`select count(*)::int as n, coalesce(max(seq), 0)::bigint as last from audit_events`;
    const have = Number(state?.n ?? 0);
    if (have >= target) {
      console.log(`The audit database holds ${have} events already: nothing to add.`);
      return;
    }
    const missing = target - have;
    const first = Number(state?.last ?? 0) + 1;
    const actions = ACTION_WEIGHTS.flatMap(([action, weight]) => Array<string>(weight).fill(action));
    const stepSeconds = (SPAN_DAYS * 86_400) / target;
    console.log(`Adding ${missing} audit events with SQL (${have} present)…`);
    const started = performance.now();
    await probe`select setseed(0.11)`;
    for (let lo = first; lo < first + missing; lo += CHUNK) {
      const hi = Math.min(first + missing - 1, lo + CHUNK - 1);
      await probe`
        with pool as (
          select (select array_agg(id order by email) from staff_users where email like 'bench.audit.%') as staff,
                 (select array_agg(id order by client_number) from clients where is_synthetic) as clients,
                 ${actions}::text[] as actions,
                 now() - ${SPAN_DAYS}::int * interval '1 day' as since
        )
        insert into audit_events (seq, occurred_at, actor_id, action, client_id, details, reason, request_id, prev_hash, hash, hash_version)
        select g,
          pool.since + (g - ${first}::bigint) * ${stepSeconds}::float8 * interval '1 second',
          case when a.action = 'auth.sign_in_failed' and random() < 0.3 then null
               else pool.staff[1 + ((g::bigint * 7919 + (random() * 3)::int) % array_length(pool.staff, 1))] end,
          a.action,
          case when (a.action like 'client.%' and a.action not in ('client.searched', 'client.list_viewed')) or a.action like 'case.%'
                    or a.action in ('disclosure.recorded', 'disclosure.previewed', 'consent.recorded')
               then pool.clients[1 + floor(random() * array_length(pool.clients, 1))::int] end,
          case when a.action = 'client.viewed' then jsonb_build_object('basis', case when random() < 0.03 then 'reason_given' else 'assigned' end)
               when a.action in ('client.searched', 'client.list_viewed') then jsonb_build_object('clientIds', jsonb_build_array(
                 pool.clients[1 + floor(random() * array_length(pool.clients, 1))::int],
                 pool.clients[1 + floor(random() * array_length(pool.clients, 1))::int],
                 pool.clients[1 + floor(random() * array_length(pool.clients, 1))::int]))
               else '{}'::jsonb end,
          case when a.action = 'client.access_reason_given' then 'Bench: sijaisuus' end,
          'bench', 'bench', 'bench', 2
        from pool, generate_series(${lo}::bigint, ${hi}::bigint) g
        cross join lateral (select case when g % 9973 = 0 then 'staff.role_changed' else pool.actions[1 + floor(random() * array_length(pool.actions, 1))::int] end as action) a`;
      console.log(`  ${hi - first + 1} / ${missing} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    console.log("VACUUM ANALYZE audit_events…");
    await probe`vacuum (analyze) audit_events`;
  } finally {
    await probe.end({ timeout: 5 });
  }
}

export interface FilterKind {
  label: string;
  expectRows: boolean;
  queries: { filter: AuditTrailFilter; cursor: AuditCursor }[];
  /** 30-day windows for the unusual-access list. */
  windows: { from: string; to: string }[];
}

/** The officer's filters, each drawn `n` times from the data: clients, staff, actions and days that exist. */
export async function sampleFilters(db: Database, rng: Rng, n: number): Promise<FilterKind[]> {
  const [span] = await db
    .select({
      first: sql<number>`extract(epoch from min(${auditEvents.occurredAt}))::float8 * 1000`.mapWith(Number),
      last: sql<number>`extract(epoch from max(${auditEvents.occurredAt}))::float8 * 1000`.mapWith(Number),
      maxSeq: sql<number>`max(${auditEvents.seq})`.mapWith(Number),
    })
    .from(auditEvents);
  if (!span?.maxSeq) throw new Refusal("The audit database holds no events.");
  const someClients = (await db.select({ id: clients.id }).from(clients).where(sql`${clients.isSynthetic}`).orderBy(sql`random()`).limit(500)).map((row) => row.id);
  const someStaff = (await db.select({ id: staffUsers.id }).from(staffUsers).where(like(staffUsers.email, "bench.audit.%"))).map((row) => row.id);
  const day = () => helsinkiDate(new Date(span.first + rng.next() * (span.last - span.first)));
  const plusDays = (date: string, days: number) => {
    const next = new Date(`${date}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + days);
    return next.toISOString().slice(0, 10);
  };
  const range = (days: number) => {
    const from = day();
    return { from, to: plusDays(from, days - 1) };
  };
  const times = <T>(make: () => T) => Array.from({ length: n }, make);
  const page1 = (filter: AuditTrailFilter) => ({ filter, cursor: null });
  const deeper = (filter: AuditTrailFilter) => ({ filter, cursor: rng.chance(0.7) ? null : { before: rng.int(1, span.maxSeq) } });
  const common: AuditAction[] = ["client.viewed", "case.note_added", "auth.sign_in", "client.searched"];
  const rare: AuditAction[] = ["staff.role_changed", "auth.sign_in_failed", "client.identity_code_revealed", "client.access_reason_given"];
  const kinds: Omit<FilterKind, "windows">[] = [
    { label: "newest events, no filter", expectRows: true, queries: times(() => deeper({})) },
    { label: "client", expectRows: false, queries: times(() => deeper({ clientId: rng.pick(someClients) })) },
    { label: "client + action", expectRows: false, queries: times(() => page1({ clientId: rng.pick(someClients), action: "client.viewed" })) },
    { label: "client + a year", expectRows: false, queries: times(() => page1({ clientId: rng.pick(someClients), ...range(365) })) },
    { label: "staff member", expectRows: true, queries: times(() => deeper({ staffId: rng.pick(someStaff) })) },
    { label: "staff member + a month", expectRows: true, queries: times(() => page1({ staffId: rng.pick(someStaff), ...range(30) })) },
    { label: "common action", expectRows: true, queries: times(() => deeper({ action: rng.pick(common) })) },
    { label: "rare action", expectRows: false, queries: times(() => deeper({ action: rng.pick(rare) })) },
    { label: "one day", expectRows: true, queries: times(() => page1(range(1))) },
    { label: "a month", expectRows: true, queries: times(() => page1(range(30))) },
    { label: "common action + a month", expectRows: true, queries: times(() => page1({ action: rng.pick(common), ...range(30) })) },
    { label: "staff + action + a week", expectRows: false, queries: times(() => page1({ staffId: rng.pick(someStaff), action: rng.pick(common), ...range(7) })) },
  ];
  const windows = times(() => range(30));
  return kinds.map((kind) => ({ ...kind, windows }));
}
