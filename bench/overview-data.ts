import { performance } from 'node:perf_hooks';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';

/** The ten fiscal years the national dataset covers. */
export const YEARS = [2561, 2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570];
export const PROPOSALS_PER_FUND_YEAR = 25;

export interface LoadOptions {
  /** Only the funds of these provinces (PGlite at a tenth of the scale); all funds when absent. */
  provinces?: string[];
  log?: (line: string) => void;
}

/** The funds a load covers, as a subquery of fund ids. */
export function fundsOf(provinces?: string[]): RawBuilder<unknown> {
  return provinces ? sql`(select fund_id from fund_area where province_code in (${sql.join(provinces)}))` : sql`(select fund_id from fund_area)`;
}

/** Two lanes: PostgreSQL gets a connection per lane (two cores); PGlite runs them in turn. */
const LANES = 2;

async function inLanes<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<void> {
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      for (let i = lane; i < items.length; i += LANES) await run(items[i]!);
    }),
  );
}

/**
 * Recomputes the summary of `funds` for `years` once, after a load that deferred it: the
 * migration's own fund_year_summary_refresh_keys, one call per year and lane. The lanes split
 * the funds by the function's lock buckets (fund id mod 32), so they never wait on each other.
 */
export async function refreshSummary(db: Kysely<DB>, years: number[], funds: RawBuilder<unknown>): Promise<void> {
  const calls = years.flatMap((fy) => [0, 1].map((half) => ({ fy, half })));
  await inLanes(calls, ({ fy, half }) =>
    sql`select fund_year_summary_refresh_keys(array(
        select row(fund_id, ${sql.lit(fy)})::fund_year_key from ${funds} f
        where (fund_id % 32 < 16) = ${sql.lit(half === 0)} order by 1))`.execute(db),
  );
}

/** Inside a load's transaction: the summary triggers skip it (refreshSummary recomputes after). */
export const deferSummary = (tx: Kysely<DB>) => sql`select set_config('kongtun.summary_deferred', 'on', true)`.execute(tx);

/**
 * The national dataset of issue 7 on top of the demo (7,261 funds) and the plans of ten years:
 * for every fund and fiscal year 25 proposals (about 60% approved and followed as projects) with
 * activities, expense lines and target groups; reporting periods and some reports; a ledger with
 * the year's receipts and a payment for each instalment, balanced two-line postings; months
 * closed up to the current one. Few large INSERT … SELECT statements, one fiscal year each;
 * pseudo-random values come from a hash of integer keys, so every run loads the same rows. The
 * summary triggers are deferred for the load and each fund-year is recomputed once at its end.
 */
export async function loadOverviewData(db: Kysely<DB>, options: LoadOptions = {}): Promise<Record<string, number>> {
  const log = options.log ?? console.log;
  const funds = fundsOf(options.provinces);
  const timings: Record<string, number> = {};
  // Each part then analyzes what it filled, in its transaction, so that the next statements
  // are planned for the rows there now and not for the near-empty tables of the demo.
  const part = async (label: string, run: () => Promise<unknown>, tx?: Kysely<DB>, tables?: string) => {
    const start = performance.now();
    await run();
    if (tx && tables) await sql.raw(`analyze ${tables}`).execute(tx);
    timings[label] = (timings[label] ?? 0) + (performance.now() - start);
  };

  // A number in [0, 1) from an integer key and a salt: hashint8extended is PostgreSQL's own
  // (PGlite's too), about ten times cheaper than hashing text with md5.
  await sql`create or replace function bench_rand(k bigint, salt integer) returns double precision language sql immutable parallel safe
    as $$ select (hashint8extended(k, salt) & 281474976710655)::double precision / 281474976710656 $$`.execute(db);
  // An expense line's amount, from its key: unit cost × units × times.
  await sql`create or replace function bench_unit_cost(k bigint) returns numeric language sql immutable parallel safe
    as $$ select (10 * (1 + floor(bench_rand(k, 1) * 40)))::numeric $$`.execute(db);
  await sql`create or replace function bench_units(k bigint) returns integer language sql immutable parallel safe
    as $$ select (1 + floor(bench_rand(k, 2) * 30))::integer $$`.execute(db);
  await sql`create or replace function bench_times(k bigint) returns integer language sql immutable parallel safe
    as $$ select (1 + floor(bench_rand(k, 3) * 3))::integer $$`.execute(db);

  const today = sql`(now() at time zone 'Asia/Bangkok')::date`;
  // The years are independent of each other, so two load at a time, each in one transaction.
  await inLanes(YEARS, async (fy) => {
    const y = sql.lit(fy);
    const yearStart = sql`make_date(${sql.lit(fy - 544)}, 10, 1)`;
    const yearEnd = sql`make_date(${sql.lit(fy - 543)}, 9, 30)`;
    // A proposal's key: fund, year and its number in the year; an expense line's adds its place.
    const proposalKey = (fundId: RawBuilder<unknown>, n: RawBuilder<unknown>) => sql`((${fundId} * 100 + ${sql.lit(fy - 2560)}) * 100 + ${n})`;
    await db.transaction().execute(async (tx) => {
      await deferSummary(tx);
      // Proposals with their activities and expense lines, one statement.
      await part(
        'proposals, activities, expense lines',
        () =>
          sql`with src as (
              select f.id as fund_id, f.code as fund_code, n, k,
                bench_rand(k, 10) as rs, bench_rand(k, 11) as ro, bench_rand(k, 12) as rc,
                (n - 1) % 8 as start_month, 2 + floor(bench_rand(k, 13) * 6)::integer as months, b.budget
              from fund f
              cross join generate_series(1, ${sql.lit(PROPOSALS_PER_FUND_YEAR)}) as n
              cross join lateral (select ${proposalKey(sql`f.id`, sql`n`)} as k) key
              cross join lateral (select sum(bench_unit_cost(k * 10 + a * 2 + e) * bench_units(k * 10 + a * 2 + e) * bench_times(k * 10 + a * 2 + e)) as budget
                from generate_series(1, 2) a cross join generate_series(1, 2) e) b
              where f.id in ${funds}
            ), shaped as (
              select src.*,
                case when rs < 0.60 then 'approved' when rs < 0.66 then 'rejected' when rs < 0.70 then 'withdrawn'
                  when rs < 0.73 then 'deferred' when rs < 0.76 then 'cancelled'
                  when ${y} < 2570 then 'rejected'
                  when rs < 0.82 then 'draft' when rs < 0.87 then 'submitted' when rs < 0.90 then 'in_review'
                  when rs < 0.93 then 'returned' when rs < 0.96 then 'reviewed' else 'on_agenda' end as state,
                1 + floor(ro * 6)::smallint as organisation_type,
                (case when rc < 0.30 then 1 when rc < 0.70 then 2 when rc < 0.85 then 3 when rc < 0.95 then 4 else 5 end)::smallint as support_category,
                (${yearStart} + make_interval(months => start_month))::date as period_start,
                least((${yearStart} + make_interval(months => start_month + months))::date - 1, ${yearEnd}) as period_end
              from src
            ), p as (
              insert into proposal (fund_id, fiscal_year, state, organisation_name, organisation_type, title, rationale,
                period_start, period_end, place, expected_results, support_category, budget, coordinator_name,
                approved_amount, decided_at, project_code, project_seq, submitted_at, project_status, project_status_at, origin)
              select fund_id, ${y}, state, 'ชมรมสุขภาพหมู่ ' || (1 + n % 12), organisation_type,
                'โครงการส่งเสริมสุขภาพชุมชน ลำดับที่ ' || n, 'หลักการและเหตุผลของโครงการ', period_start, period_end,
                'ศาลาประชาคมหมู่ ' || (1 + n % 12), 'ผู้เข้าร่วมมีความรู้และพฤติกรรมสุขภาพดีขึ้น', support_category, budget,
                'ผู้ประสานงาน ' || n,
                case when state = 'approved' then budget end,
                case when state in ('approved', 'rejected', 'deferred') then (period_start - 20)::timestamptz end,
                case when state = 'approved' then lpad((${y} % 100)::text, 2, '0') || '-' || fund_code || '-' || support_category || '-' || (60 + n) end,
                case when state = 'approved' then 60 + n end,
                case when state <> 'draft' then (period_start - 40)::timestamptz end,
                case when state = 'approved' then (case when period_end < ${today} then 'completed' else 'running' end) end,
                case when state = 'approved' then (period_start - 20)::timestamptz end,
                'system'
              from shaped
              returning id, fund_id, title
            ), a as (
              insert into proposal_activity (proposal_id, position, title, detail)
              select p.id, a, (array['อบรมให้ความรู้', 'คัดกรองและติดตามเยี่ยมบ้าน', 'รณรงค์ในชุมชน', 'ประเมินผลและถอดบทเรียน'])[1 + (a + p.id % 3) % 4], ''
              from p cross join generate_series(1, 2) a
            )
            insert into proposal_expense (proposal_id, activity_position, position, expense_group, item, unit_cost, units, times)
            select p.id, a, e, (array['compensation', 'services', 'materials', 'travel'])[1 + (a * 2 + e) % 4],
              (array['ค่าตอบแทนวิทยากร', 'ค่าอาหารว่างและเครื่องดื่ม', 'ค่าวัสดุอุปกรณ์', 'ค่าเดินทาง'])[1 + (a * 2 + e) % 4],
              bench_unit_cost(k.k * 10 + a * 2 + e), bench_units(k.k * 10 + a * 2 + e), bench_times(k.k * 10 + a * 2 + e)
            from p
            cross join lateral (select ${proposalKey(sql`p.fund_id`, sql`substring(p.title from '[0-9]+$')::bigint`)} as k) k
            cross join generate_series(1, 2) a cross join generate_series(1, 2) e`.execute(tx),
        tx,
        'proposal, proposal_activity, proposal_expense',
      );
      const projects = sql`(select * from proposal where fiscal_year = ${y} and project_seq > 60 and fund_id in ${funds})`;
      await part(
        'target groups',
        () =>
          sql`with g as (select array_agg(code order by sort_order) as codes from target_group),
            picks as (
              select p.id, g.codes, floor(bench_rand(p.id, 20) * array_length(g.codes, 1))::integer as i,
                1 + floor(bench_rand(p.id, 21) * (array_length(g.codes, 1) - 1))::integer as step,
                bench_rand(p.id, 22) < 0.5 as two
              from ${projects} p cross join g
            )
            insert into proposal_target_group (proposal_id, target_group_code, people)
            select id, codes[1 + (i + s * step) % array_length(codes, 1)], 20 + floor(bench_rand(id * 2 + s, 23) * 180)::integer
            from picks cross join generate_series(0, 1) s
            where s = 0 or two`.execute(tx),
        tx,
        'proposal_target_group',
      );
      await part(
        'reporting periods',
        () =>
          sql`insert into project_period (proposal_id, number, period_start, period_end, report_due, instalment)
            select p.id, k, p.period_start + ((p.period_end - p.period_start + 1) * (k - 1) / c),
              p.period_start + ((p.period_end - p.period_start + 1) * k / c) - 1,
              p.period_start + ((p.period_end - p.period_start + 1) * k / c) - 1 + 30,
              case when k < c then round(p.approved_amount / c, 2) else p.approved_amount - round(p.approved_amount / c, 2) * (c - 1) end
            from ${projects} p
            cross join lateral (select case when bench_rand(p.id, 30) < 0.5 then 1 else 2 end as c) c
            cross join lateral generate_series(1, c.c) k`.execute(tx),
        tx,
        'project_period',
      );
      // Some reports: ส.1 and ง.1 for most periods past due, ง.2 and ส.3 for half the ended
      // projects; a few come in late.
      await part(
        'reports',
        () =>
          sql`with owed as (
              select pp.proposal_id, k.kind, k.salt, pp.number, pp.report_due as due
              from project_period pp join ${projects} p on p.id = pp.proposal_id
              cross join (values ('progress', 40), ('financial', 41)) k (kind, salt)
              where pp.report_due < ${today} and bench_rand(pp.proposal_id * 2 + pp.number, k.salt) < 0.75
              union all
              select p.id, k.kind, k.salt, null, p.period_end + 30
              from ${projects} p cross join (values ('closing_financial', 42), ('final', 43)) k (kind, salt)
              where p.period_end + 30 < ${today} and bench_rand(p.id, 44) < 0.5
            )
            insert into project_report (proposal_id, kind, period_number, state, due_date, submitted_at, accepted_at)
            select proposal_id, kind, number, 'accepted', due,
              ((due + (floor(bench_rand(proposal_id * 4 + coalesce(number, 3), salt + 10) * 40) - 28)::integer)::timestamp + time '10:00') at time zone 'Asia/Bangkok',
              ((due + 20)::timestamp + time '10:00') at time zone 'Asia/Bangkok'
            from owed`.execute(tx),
        tx,
        'project_report',
      );
      // The books: the year's NHSO transfer and local co-funding in October, and each
      // instalment paid in the month its period starts (debit the category, credit the bank).
      // Each entry takes its id up front, so its two lines need no join back to the entries.
      await part(
        'ledger postings',
        () =>
          sql`with src as (
              select fy.fund_id, date_trunc('month', ${yearStart})::date + 14 as entry_date, 'receipt' as kind,
                'RCV' || ${y} || '-' || (50000 + r.j) as reference, r.account as account_code,
                round(coalesce(fy.population, 5000) * 45.0 * (r.share), 2) as amount,
                null::bigint as proposal_id, null::smallint as organisation_type, r.label as description
              from fund_year fy
              cross join (values (1, '40100', 1.0, 'รับเงินโอนจาก สปสช.'), (2, '40200', 0.4, 'รับเงินสมทบจาก อปท.')) as r (j, account, share, label)
              where fy.fiscal_year = ${y} and fy.fund_id in ${funds}
              union all
              select p.fund_id, pp.period_start + 4, 'payment',
                'PAY' || ${y} || '-' || (50000 + p.project_seq * 10 + pp.number), '50' || p.support_category || '00',
                pp.instalment, p.id, p.organisation_type, 'จ่ายเงินโครงการ ' || p.project_code || ' งวดที่ ' || pp.number
              from ${projects} p join project_period pp on pp.proposal_id = p.id
              where pp.instalment > 0 and pp.period_start <= ${today}
            ), kept as materialized (
              select nextval(pg_get_serial_sequence('ledger_entry', 'id')) as id, src.* from src
              where not exists (select 1 from ledger_month_close c
                where c.fund_id = src.fund_id and c.month = date_trunc('month', src.entry_date)::date)
            ), e as (
              insert into ledger_entry (id, fund_id, fiscal_year, entry_date, kind, reference, description, proposal_id, organisation_type)
              overriding system value
              select id, fund_id, ${y}, entry_date, kind, reference, description, proposal_id, organisation_type from kept
            )
            insert into ledger_line (entry_id, position, account_code, debit, credit)
            select k.id, l.position,
              case when l.position = 1 then (case when k.kind = 'receipt' then '10100' else k.account_code end)
                else (case when k.kind = 'receipt' then k.account_code else '10100' end) end,
              case when l.position = 1 then k.amount else 0 end,
              case when l.position = 2 then k.amount else 0 end
            from kept k cross join (values (1), (2)) l (position)`.execute(tx),
        tx,
        'ledger_entry, ledger_line, ledger_month_total',
      );
      // Months closed after their postings: every month before the current one.
      await part(
        'month closes',
        () =>
          sql`insert into ledger_month_close (fund_id, month, closed_at)
            select f.fund_id, m::date, m + interval '1 month 5 days'
            from ${funds} f cross join generate_series(${yearStart}::timestamp, ${yearEnd}::timestamp, interval '1 month') m
            where m + interval '1 month' <= date_trunc('month', ${today})
            on conflict do nothing`.execute(tx),
        tx,
        'ledger_month_close',
      );
    });
    log(`loaded FY ${fy}`);
  });
  await part('summary recompute (each fund-year once)', () => refreshSummary(db, YEARS, funds));
  await part('analyze', () => sql`analyze`.execute(db));
  for (const [label, ms] of Object.entries(timings)) log(`load ${label}: ${(ms / 1000).toFixed(1)} s`);
  return timings;
}
