import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { seedDemoPlanYears } from '../src/db/seed/demo-plans.ts';
import { comparisonFigures, getAreaPlans, getSituationSeries } from '../src/use-cases/plan-analysis.ts';
import { getPlanEntry } from '../src/use-cases/plans.ts';
import { deferSummary, fundsOf, refreshSummary } from './overview-data.ts';
import { median } from './registry.ts';

/** The seven years before the demo's three, so the plans span ten fiscal years. */
const EARLIER_YEARS = [2561, 2562, 2563, 2564, 2565, 2566, 2567];

/**
 * Planning at national scale (issue 4): every demo fund with a plan in each of ten fiscal years,
 * then the reads a page makes: the figures beside a fund's values, the district plan and the
 * same for a province, a region and the country, and an indicator over ten years.
 */
export async function benchPlanning(database: Database): Promise<void> {
  const db = database.db;
  let start = performance.now();
  await db.transaction().execute(async (tx) => {
    await deferSummary(tx);
    // Year profiles for the earlier years: the 2568 population, a little smaller each year back.
    await sql`insert into fund_year (fund_id, fiscal_year, population, population_as_of, income_band, cofunding_budget)
      select fund_id, y.fy, round(population * (1 - 0.004 * (2568 - y.fy))), make_date(y.fy - 544, 4, 1), income_band, cofunding_budget
      from fund_year cross join (values ${sql.join(EARLIER_YEARS.map((fy) => sql`(${sql.lit(fy)})`))}) as y(fy)
      where fiscal_year = 2568
      on conflict do nothing`.execute(tx);
    await seedDemoPlanYears(tx, EARLIER_YEARS);
  });
  await sql`analyze`.execute(db);
  console.log(`add plans for FY 2561–2567 (ten fiscal years in all): ${(performance.now() - start).toFixed(0)} ms`);
  start = performance.now();
  await refreshSummary(db, EARLIER_YEARS, fundsOf());
  console.log(`overview summary for FY 2561–2567 (each fund-year once): ${(performance.now() - start).toFixed(0)} ms`);
  const counts = await sql<{ plans: number; situations: number; years: number }>`
    select (select count(*)::int from fund_plan) as plans, (select count(*)::int from plan_situation) as situations,
      (select count(distinct fiscal_year)::int from fund_plan) as years`.execute(db);
  console.log(`plans: ${counts.rows[0]?.plans} fund-years over ${counts.rows[0]?.years} fiscal years, ${counts.rows[0]?.situations} situation values`);

  const fund = await db.selectFrom('fund_area').select(['fund_code', 'district_code', 'province_code', 'region_code']).where('fund_code', '=', 'L1976').executeTakeFirstOrThrow();
  const chain = ['TH', fund.region_code, fund.province_code, fund.district_code, fund.fund_code];
  const entry = await db
    .selectFrom('plan_entry as e')
    .innerJoin('fund_plan as p', 'p.id', 'e.plan_id')
    .innerJoin('fund', 'fund.id', 'p.fund_id')
    .select('e.program_code')
    .where('fund.code', '=', 'L1976')
    .where('p.fiscal_year', '=', 2569)
    .orderBy('e.program_code')
    .executeTakeFirstOrThrow();
  const indicators = (await db.selectFrom('situation_indicator').select('code').where('program_code', '=', entry.program_code).execute()).map((i) => i.code);
  const admin = { userId: 0, roles: [{ role: 'admin' as const, scopeCode: 'TH' }] };

  start = performance.now();
  const cases: [string, () => Promise<unknown>][] = [
    [`figures beside a fund's values (${indicators.length} indicators × district, province, region, country)`, () => comparisonFigures(db, { indicators, fiscalYear: 2569, scopeChain: chain })],
    [`situation entry page data (L1976, ${entry.program_code}, FY 2569)`, () => getPlanEntry(db, null, { code: 'L1976', fiscalYear: 2569, program: entry.program_code })],
    ['district plan (3304, FY 2569, public)', () => getAreaPlans(db, null, { code: '3304', fiscalYear: 2569 })],
    ['district plan (3304, FY 2570, with drafts)', () => getAreaPlans(db, admin, { code: '3304', fiscalYear: 2570 })],
    ['province plans combined (33)', () => getAreaPlans(db, null, { code: '33', fiscalYear: 2569 })],
    ['region plans combined (R10)', () => getAreaPlans(db, null, { code: 'R10', fiscalYear: 2569 })],
    ['national plans combined (TH)', () => getAreaPlans(db, null, { code: 'TH', fiscalYear: 2569 })],
    ['situation over ten years (NCD01, country → fund)', () => getSituationSeries(db, null, { indicator: 'NCD01', place: 'L1976' })],
  ];
  for (const [label, run] of cases) {
    console.log(`${label}: median ${(await median(run, 7)).toFixed(1)} ms`);
  }
}
