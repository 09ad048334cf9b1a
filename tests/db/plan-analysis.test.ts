import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { saveFundYear } from '../../src/use-cases/funds-write.ts';
import { comparisonFigures, getAreaPlans, getDistrictIssues, getSituationSeries, saveDistrictIssues } from '../../src/use-cases/plan-analysis.ts';
import { addPlanProgram, getFundPlanYear, savePlanEntry, startFundPlan, transitionFundPlan } from '../../src/use-cases/plans.ts';
import { actorFor, refusal } from '../support/actors.ts';
import { createTestDatabase } from '../support/test-db.ts';

function problemsOf(error: unknown): Record<string, string> {
  expect(error).toBeInstanceOf(Invalid);
  return Object.fromEntries((error as Invalid).problems.map((p) => [p.field, p.key]));
}

/** Hundredths as the use cases write them: '15', '17.5', '21.67'. */
function text(hundredths: bigint): string {
  const fraction = String(hundredths % 100n).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${hundredths / 100n}.${fraction}` : String(hundredths / 100n);
}

/** The plain and population-weighted means, rounded half up, worked out here from the rows. */
function expectedFigure(rows: { value: string; population: number | null }[]) {
  if (rows.length === 0) return null;
  const h = (value: string) => BigInt(Math.round(Number(value) * 100));
  const half = (n: bigint, d: bigint) => (n * 2n + d) / (2n * d);
  const weighted = rows.filter((r) => r.population !== null && r.population > 0);
  const population = weighted.reduce((sum, r) => sum + BigInt(r.population!), 0n);
  return {
    funds: rows.length,
    plain: text(half(rows.reduce((sum, r) => sum + h(r.value), 0n), BigInt(rows.length))),
    weighted: population === 0n ? null : text(half(weighted.reduce((sum, r) => sum + h(r.value) * BigInt(r.population!), 0n), population)),
  };
}

describe('plans seen from above', () => {
  let database: Database;
  let db: Kysely<DB>;
  let admin: Actor;
  let officerA: Actor;
  let mentor3304: Actor;
  let province33: Actor;
  let pcho3304: Actor;
  let pcho5601: Actor;
  const CHAIN_A = ['TH', 'R10', '33', '3304', 'L1976'];

  beforeAll(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    admin = await actorFor(db, 'admin');
    officerA = await actorFor(db, 'officer.l1976');
    mentor3304 = await actorFor(db, 'mentor3304');
    province33 = await actorFor(db, 'province33');
    pcho3304 = await actorFor(db, 'pcho3304');
    pcho5601 = await actorFor(db, 'pcho5601');
  });
  afterAll(() => database.close());

  const fundId = async (code: string) => (await db.selectFrom('fund').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const versionOf = async (code: string, fiscalYear: number) => String((await getFundPlanYear(db, admin, { code, fiscalYear })).plan!.version);

  describe('comparison figures, on plans made for FY 2572 (a year with no demo plans)', () => {
    const FY = 2572;
    // L1976, L1977, L1978: district 3304 (province 33, region 10); L1935: district 3301 (province 33);
    // the first fund of province 34 (region 10, no population declared); L4579: district 5601 (region 1).
    let fund34: string;

    /** A plan for FY 2572 holding one value of COM02 (percent), approved unless `draft`. */
    async function planWith(code: string, value: string, options: { draft?: boolean } = {}) {
      await startFundPlan(db, admin, { code, fiscalYear: String(FY), copy: 'empty' });
      await addPlanProgram(db, admin, { code, fiscalYear: String(FY), version: '1', program: 'communicable' });
      await savePlanEntry(db, admin, { code, fiscalYear: String(FY), program: 'communicable', version: '2', situations: { COM02: { value } } });
      if (options.draft) return;
      await transitionFundPlan(db, admin, { code, fiscalYear: String(FY), version: '3', transition: 'submit' });
      await transitionFundPlan(db, admin, { code, fiscalYear: String(FY), version: '4', transition: 'approve', meeting_number: '1/2572', meeting_date: '1/12/2571' });
    }

    beforeAll(async () => {
      fund34 = (await db.selectFrom('fund').select('code').where('district_code', 'like', '34%').orderBy('code').limit(1).executeTakeFirstOrThrow()).code;
      const populations: [string, number][] = [
        ['L1976', 1000],
        ['L1977', 3000],
        ['L1978', 5000],
        ['L1935', 2000],
        ['L4579', 4000],
      ];
      for (const [code, population] of populations) {
        await db.insertInto('fund_year').values({ fund_id: await fundId(code), fiscal_year: FY, population }).execute();
      }
      await planWith('L1976', '10');
      await planWith('L1977', '20');
      await planWith('L1978', '90', { draft: true });
      await planWith('L1935', '30');
      await planWith(fund34, '40');
      await planWith('L4579', '50');
    });

    it('gives plain and population-weighted means for the district, province, region and country, from approved plans only', async () => {
      const figures = await comparisonFigures(db, { indicators: ['COM02', 'COM01'], fiscalYear: FY, scopeChain: CHAIN_A });
      expect(figures).toEqual({
        COM02: {
          // L1976 10 (1,000 people), L1977 20 (3,000); L1978's draft 90 does not count.
          district: { funds: 2, plain: '15', weighted: '17.5' },
          // + L1935 30 (2,000): (10 + 20 + 30) / 3; (10×1000 + 20×3000 + 30×2000) / 6000 = 21.666…
          province: { funds: 3, plain: '20', weighted: '21.67' },
          // + province 34's fund, 40 with no population: in the plain mean only.
          region: { funds: 4, plain: '25', weighted: '21.67' },
          // + L4579 50 (4,000): 150 / 5; 330,000 / 10,000.
          country: { funds: 5, plain: '30', weighted: '33' },
        },
        COM01: { district: null, province: null, region: null, country: null },
      });
      // From another district's point of view.
      const fromPhayao = await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: ['TH', 'R1', '56', '5601', 'L4579'] });
      expect(fromPhayao.COM02).toEqual({
        district: { funds: 1, plain: '50', weighted: '50' },
        province: { funds: 1, plain: '50', weighted: '50' },
        region: { funds: 1, plain: '50', weighted: '50' },
        country: { funds: 5, plain: '30', weighted: '33' },
      });
    });

    it('counts the draft once it is approved, and only the revision in force of a revised plan', async () => {
      await transitionFundPlan(db, admin, { code: 'L1978', fiscalYear: String(FY), version: '3', transition: 'submit' });
      await transitionFundPlan(db, admin, { code: 'L1978', fiscalYear: String(FY), version: '4', transition: 'approve', meeting_number: '1/2572', meeting_date: '2/12/2571' });
      let district = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: CHAIN_A })).COM02!.district;
      // (10 + 20 + 90) / 3; (10 000 + 60 000 + 450 000) / 9 000 = 57.777…
      expect(district).toEqual({ funds: 3, plain: '40', weighted: '57.78' });

      // L1976 revises its plan to 13: while the revision is a draft the approved 10 counts.
      await transitionFundPlan(db, admin, { code: 'L1976', fiscalYear: String(FY), version: '5', transition: 'revise' });
      await savePlanEntry(db, admin, { code: 'L1976', fiscalYear: String(FY), program: 'communicable', version: '1', situations: { COM02: { value: '13' } } });
      district = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: CHAIN_A })).COM02!.district;
      expect(district).toEqual({ funds: 3, plain: '40', weighted: '57.78' });
      await transitionFundPlan(db, admin, { code: 'L1976', fiscalYear: String(FY), version: '2', transition: 'submit' });
      await transitionFundPlan(db, admin, { code: 'L1976', fiscalYear: String(FY), version: '3', transition: 'approve', meeting_number: '2/2572', meeting_date: '5/1/2572' });
      district = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: CHAIN_A })).COM02!.district;
      // (13 + 20 + 90) / 3 = 41; (13 000 + 60 000 + 450 000) / 9 000 = 58.111…
      expect(district).toEqual({ funds: 3, plain: '41', weighted: '58.11' });
    });

    it('follows a corrected population and a fund moving district after its plan was approved', async () => {
      // L1977's population for the year corrected from 3,000 to 1,000 by its officer.
      const year = await db.selectFrom('fund_year').select('version').where('fund_id', '=', await fundId('L1977')).where('fiscal_year', '=', FY).executeTakeFirstOrThrow();
      await saveFundYear(db, await actorFor(db, 'officer.l1977'), {
        code: 'L1977',
        fiscalYear: String(FY),
        version: String(year.version),
        population: '1000',
        population_as_of: '',
        income_band: '',
        cofunding_budget: '',
      });
      let figures = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: CHAIN_A })).COM02!;
      // (13 × 1,000 + 20 × 1,000 + 90 × 5,000) / 7,000 = 69
      expect(figures.district).toEqual({ funds: 3, plain: '41', weighted: '69' });

      // L1935 (30, 2,000 people) moves from 3301 into 3304, and back.
      const moveL1935 = (district: string) => db.updateTable('fund').set({ district_code: district }).where('code', '=', 'L1935').execute();
      await moveL1935('3304');
      figures = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: CHAIN_A })).COM02!;
      // (13 + 20 + 90 + 30) / 4 = 38.25; (13 000 + 20 000 + 450 000 + 60 000) / 9 000 = 60.333…
      expect(figures.district).toEqual({ funds: 4, plain: '38.25', weighted: '60.33' });
      expect(figures.province).toEqual({ funds: 4, plain: '38.25', weighted: '60.33' });
      await moveL1935('3301');
      figures = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: FY, scopeChain: CHAIN_A })).COM02!;
      expect(figures.district).toEqual({ funds: 3, plain: '41', weighted: '69' });
    });

    it('draws the situation over the years from the country down to the fund, matching the comparison figures', async () => {
      const series = await getSituationSeries(db, null, { indicator: 'com02', place: 'l1976' });
      expect(series.indicator).toMatchObject({ code: 'COM02', program_code: 'communicable', unit: 'percent' });
      expect(series.place).toMatchObject({ code: 'L1976', level: 'fund' });
      expect(series.levels.map((l) => [l.level, l.code])).toEqual([
        ['country', 'TH'],
        ['region', 'R10'],
        ['province', '33'],
        ['district', '3304'],
        ['fund', 'L1976'],
      ]);
      expect(series.fiscalYears).toEqual([...series.fiscalYears].sort((a, b) => a - b));
      expect(new Set(series.fiscalYears).size).toBe(series.fiscalYears.length);
      expect(series.fiscalYears.at(-1)).toBe(FY);
      expect(series.fiscalYears).toContain(2569);
      for (const year of series.fiscalYears) {
        const at = series.fiscalYears.indexOf(year);
        const comparison = (await comparisonFigures(db, { indicators: ['COM02'], fiscalYear: year, scopeChain: CHAIN_A })).COM02!;
        for (const level of ['country', 'region', 'province', 'district'] as const) {
          expect({ year, level, figure: series.levels.find((l) => l.level === level)!.values[at] }).toEqual({ year, level, figure: comparison[level] });
        }
      }
      expect(series.levels.find((l) => l.level === 'fund')!.values.at(-1)).toEqual({ funds: 1, plain: '13', weighted: '13' });

      const district = await getSituationSeries(db, null, { indicator: 'COM02', place: '3304' });
      expect(district.levels.map((l) => l.level)).toEqual(['country', 'region', 'province', 'district']);
      expect(district.place).toMatchObject({ code: '3304', level: 'district' });
      expect(await refusal(() => getSituationSeries(db, null, { indicator: 'NOPE99', place: '3304' }))).toBeInstanceOf(NotFound);
      expect(await refusal(() => getSituationSeries(db, null, { indicator: 'COM02', place: 'L9999' }))).toBeInstanceOf(NotFound);
    });
  });

  describe('the district plan', () => {
    /** What the demo data holds for 3304 in a year, counted here independently of the use case. */
    async function independent(fiscalYear: number, withDrafts: boolean) {
      const counted = withDrafts
        ? sql`(p.status in ('draft', 'submitted') or (p.status = 'approved' and not exists (select 1 from fund_plan o where o.fund_id = p.fund_id and o.fiscal_year = p.fiscal_year and o.status in ('draft', 'submitted'))))`
        : sql`p.status = 'approved'`;
      const funds = await sql<{ total: number; with_plan: number; approved: number }>`
        select count(*)::int as total,
          count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = f.id and p.fiscal_year = ${fiscalYear}))::int as with_plan,
          count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = f.id and p.fiscal_year = ${fiscalYear} and p.status = 'approved'))::int as approved
        from fund f where f.district_code = '3304' and f.status = 'active'`.execute(db);
      const programs = await sql<{ code: string; funds: number; projects: number; budget: string }>`
        select e.program_code as code, count(distinct p.fund_id)::int as funds, count(pp.id)::int as projects, coalesce(sum(pp.budget), 0)::text as budget
        from fund f join fund_plan p on p.fund_id = f.id and p.fiscal_year = ${fiscalYear} and ${counted}
        join plan_entry e on e.plan_id = p.id join plan_program pr on pr.code = e.program_code
        left join planned_project pp on pp.entry_id = e.id
        where f.district_code = '3304'
        group by e.program_code, pr.sort_order order by pr.sort_order`.execute(db);
      const projects = await sql<{ fund_code: string; title: string; budget: string }>`
        select f.code as fund_code, pp.title, pp.budget::text as budget
        from fund f join fund_plan p on p.fund_id = f.id and p.fiscal_year = ${fiscalYear} and ${counted}
        join plan_entry e on e.plan_id = p.id join planned_project pp on pp.entry_id = e.id
        where f.district_code = '3304'`.execute(db);
      const values = async (indicator: string) =>
        (
          await sql<{ value: string; population: number | null }>`
            select s.value::text as value, fy.population
            from fund f join fund_plan p on p.fund_id = f.id and p.fiscal_year = ${fiscalYear} and ${counted}
            join plan_entry e on e.plan_id = p.id join plan_situation s on s.entry_id = e.id
            left join fund_year fy on fy.fund_id = f.id and fy.fiscal_year = p.fiscal_year
            where f.district_code = '3304' and s.indicator_code = ${indicator}`.execute(db)
        ).rows;
      return { funds: funds.rows[0]!, programs: programs.rows, projects: projects.rows, values };
    }

    it('adds up the funds, programs, indicators and projects of district 3304 in FY 2569', async () => {
      const area = await getAreaPlans(db, null, { code: '3304', fiscalYear: '2569' });
      const expected = await independent(2569, false);
      expect(area.area).toMatchObject({ code: '3304', level: 'district', parent_code: '33' });
      expect(area.includesDrafts).toBe(false);
      // Every demo fund has an approved plan for 2569.
      expect(expected.funds.total).toBeGreaterThan(3);
      expect(expected.funds.approved).toBe(expected.funds.total);
      expect(area.funds).toMatchObject({ total: expected.funds.total, withPlan: expected.funds.approved, approved: expected.funds.approved });
      expect(area.programs.map((p) => ({ code: p.code, funds: p.funds, projects: p.projects, budget: p.budget }))).toEqual(expected.programs);
      expect(area.programs.map((p) => p.code)).toContain('fund_admin');

      // The chronic-disease program's first indicator, combined here from the rows.
      const ncd = area.programs.find((p) => p.code === 'ncd')!;
      const ncd01 = ncd.indicators.find((i) => i.code === 'NCD01')!;
      const rows = await expected.values('NCD01');
      expect(rows.length).toBeGreaterThan(1);
      expect(ncd01.situation).toEqual(expectedFigure(rows));

      expect(area.projects).toHaveLength(expected.projects.length);
      expect(area.projects.map((p) => `${p.fund_code} ${p.title} ${p.budget}`).sort()).toEqual(expected.projects.map((p) => `${p.fund_code} ${p.title} ${p.budget}`).sort());
      expect(area.fundPlans).toHaveLength(expected.funds.total);
      expect(area.fundPlans.every((f) => f.status === 'approved' && f.revision === 1 && f.programs.length > 0)).toBe(true);
      expect(area.funds.approvedOnTime).toBe(area.fundPlans.filter((f) => f.approvedOnTime).length);
    });

    it('adds up the whole country the same way, without the lists', async () => {
      const country = await getAreaPlans(db, null, { code: 'th', fiscalYear: '2569' });
      const counts = await sql<{ total: number; approved: number; ncd: number }>`
        select count(*)::int as total,
          count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = f.id and p.fiscal_year = 2569 and p.status = 'approved'))::int as approved,
          count(*) filter (where exists (select 1 from fund_plan p join plan_entry e on e.plan_id = p.id
            where p.fund_id = f.id and p.fiscal_year = 2569 and p.status = 'approved' and e.program_code = 'ncd'))::int as ncd
        from fund f where f.status = 'active'`.execute(db);
      const expected = counts.rows[0]!;
      expect(country.area).toMatchObject({ code: 'TH', level: 'country' });
      expect(country.funds).toMatchObject({ total: expected.total, withPlan: expected.approved, approved: expected.approved });
      expect(country.programs.find((p) => p.code === 'ncd')?.funds).toBe(expected.ncd);
      expect([country.projects, country.fundPlans]).toEqual([[], []]);
    });

    it('counts drafts for the people of the area and approved plans only for the public (FY 2570)', async () => {
      const publicView = await getAreaPlans(db, null, { code: '3304', fiscalYear: '2570' });
      const internal = await getAreaPlans(db, mentor3304, { code: '3304', fiscalYear: '2570' });
      const approvedOnly = await independent(2570, false);
      const withDrafts = await independent(2570, true);
      expect([publicView.includesDrafts, internal.includesDrafts]).toEqual([false, true]);
      expect(withDrafts.funds.with_plan).toBeGreaterThan(approvedOnly.funds.approved);
      expect(publicView.funds).toMatchObject({ total: approvedOnly.funds.total, withPlan: approvedOnly.funds.approved, approved: approvedOnly.funds.approved });
      expect(internal.funds).toMatchObject({ total: withDrafts.funds.total, withPlan: withDrafts.funds.with_plan, approved: approvedOnly.funds.approved });
      expect(publicView.programs.map((p) => ({ code: p.code, funds: p.funds, projects: p.projects, budget: p.budget }))).toEqual(approvedOnly.programs);
      expect(internal.programs.map((p) => ({ code: p.code, funds: p.funds, projects: p.projects, budget: p.budget }))).toEqual(withDrafts.programs);
      expect(publicView.projects).toHaveLength(approvedOnly.projects.length);
      expect(internal.projects).toHaveLength(withDrafts.projects.length);
      const statusOf = (view: typeof publicView) => Object.fromEntries(view.fundPlans.slice(0, 4).map((f) => [f.code, f.status]));
      expect(statusOf(publicView)).toEqual({ L1976: null, L1977: null, L1978: 'approved', L1979: null });
      expect(statusOf(internal)).toEqual({ L1976: 'draft', L1977: 'submitted', L1978: 'approved', L1979: 'draft' });
    });

    it('changes as soon as a fund saves its draft, for those who see drafts', async () => {
      const before = await getAreaPlans(db, mentor3304, { code: '3304', fiscalYear: '2570' });
      expect(before.programs.map((p) => p.code)).not.toContain('covid19');
      let version = await versionOf('L1976', 2570);
      version = String((await addPlanProgram(db, officerA, { code: 'L1976', fiscalYear: '2570', version, program: 'covid19' })).version);
      await savePlanEntry(db, officerA, {
        code: 'L1976',
        fiscalYear: '2570',
        program: 'covid19',
        version,
        situations: { COV01: { numerator: '140', denominator: '200' } },
        projects: { '0': { title: 'โครงการวัคซีนผู้สูงอายุ', organisation: 'รพ.สต.', budget: '12,345.67', support_category: '1' } },
      });
      const after = await getAreaPlans(db, mentor3304, { code: '3304', fiscalYear: '2570' });
      const covid = after.programs.find((p) => p.code === 'covid19');
      expect(covid).toMatchObject({ funds: 1, projects: 1, budget: '12345.67' });
      expect(covid!.indicators).toEqual([
        expect.objectContaining({ code: 'COV01', situation: { funds: 1, plain: '70', weighted: '70' }, target: null }),
      ]);
      expect(after.projects.filter((p) => p.program_code === 'covid19')).toEqual([
        { fund_code: 'L1976', fund_name_th: expect.any(String), program_code: 'covid19', title: 'โครงการวัคซีนผู้สูงอายุ', organisation: 'รพ.สต.', budget: '12345.67', support_category: 1 },
      ]);
      expect(after.fundPlans.find((f) => f.code === 'L1976')!.programs).toContain('covid19');
      // Not for the public: it is a draft.
      const publicView = await getAreaPlans(db, null, { code: '3304', fiscalYear: '2570' });
      expect(publicView.programs.map((p) => p.code)).not.toContain('covid19');
      expect(publicView.projects.some((p) => p.program_code === 'covid19')).toBe(false);

      // The province: the same sums for its officer, without the list of projects or funds.
      const province = await getAreaPlans(db, province33, { code: '33', fiscalYear: '2570' });
      expect(province.area.level).toBe('province');
      expect(province.includesDrafts).toBe(true);
      expect(province.programs.find((p) => p.code === 'covid19')).toMatchObject({ funds: 1, projects: 1, budget: '12345.67' });
      expect([province.projects, province.fundPlans]).toEqual([[], []]);
      expect(province.funds.total).toBeGreaterThan(after.funds.total);
      // The district's mentor has no say beyond the district: no drafts at the province.
      expect((await getAreaPlans(db, mentor3304, { code: '33', fiscalYear: '2570' })).includesDrafts).toBe(false);
      expect(await refusal(() => getAreaPlans(db, null, { code: '9999', fiscalYear: '2570' }))).toBeInstanceOf(NotFound);
    });
  });

  describe("the district health board's issues", () => {
    const issueRows = async (district: string, fiscalYear: number) => {
      const issues = await db.selectFrom('district_issue').selectAll().where('district_code', '=', district).where('fiscal_year', '=', fiscalYear).orderBy('position').execute();
      const ids = issues.map((i) => i.id);
      return {
        year: await db.selectFrom('district_year').selectAll().where('district_code', '=', district).where('fiscal_year', '=', fiscalYear).executeTakeFirst(),
        issues,
        indicators: ids.length ? await db.selectFrom('district_issue_indicator').selectAll().where('issue_id', 'in', ids).orderBy('issue_id').orderBy('indicator_code').execute() : [],
        funds: ids.length ? await db.selectFrom('district_issue_fund').selectAll().where('issue_id', 'in', ids).orderBy('issue_id').orderBy('fund_id').execute() : [],
      };
    };
    const independentFundCount = async (district: string) =>
      Number((await db.selectFrom('fund').select((eb) => eb.fn.countAll<number>().as('n')).where('district_code', '=', district).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
    const valid = (version: string) => ({
      code: '3304',
      fiscalYear: '2569',
      version,
      issues: {
        '0': { title: 'ลดผู้ป่วยเบาหวานรายใหม่', program: 'ncd', indicators: { NCD01: 'on', NCD04: 'on' }, funds: { L1976: 'on', L1977: 'on' } },
        '1': { title: 'ผู้สูงอายุได้รับการดูแล', program: 'elderly', indicators: { ELD01: 'on' }, funds: { L1978: 'on' } },
        '2': { title: '', program: '', indicators: {}, funds: {} },
      },
    });

    it('shows the demo issues of 3304 with the funds that contribute', async () => {
      const issues = await getDistrictIssues(db, null, { code: '3304', fiscalYear: '2569' });
      expect(issues.version).toBe(1);
      expect(issues.issues.map((i) => i.program_code)).toEqual(['ncd', 'elderly', 'communicable']);
      expect(issues.mayEdit).toBe(false);
      expect((await getDistrictIssues(db, pcho3304, { code: '3304', fiscalYear: '2569' })).mayEdit).toBe(true);
      expect((await getDistrictIssues(db, pcho5601, { code: '3304', fiscalYear: '2569' })).mayEdit).toBe(false);
      const ncd = issues.issues[0]!;
      const withNcd = await sql<{ code: string }>`
        select f.code from fund f join fund_plan p on p.fund_id = f.id and p.fiscal_year = 2569 join plan_entry e on e.plan_id = p.id
        where f.district_code = '3304' and e.program_code = 'ncd' order by f.code`.execute(db);
      expect([...ncd.funds].sort()).toEqual(withNcd.rows.map((r) => r.code));
      expect(issues.funds.length).toBe(await independentFundCount('3304'));
    });

    it('refuses fewer than two issues, an unknown program, an indicator of another program and a fund outside the district, changing nothing', async () => {
      const before = await issueRows('3304', 2569);
      const base = valid('1');
      const cases: [Record<string, unknown>, Record<string, string>][] = [
        [{ '0': base.issues['0'] }, { 'issues.0.title': 'planning.error.tooFewIssues' }],
        [{ ...base.issues, '1': { ...base.issues['1'], program: 'astrology' } }, { 'issues.1.program': 'planning.error.program' }],
        [{ ...base.issues, '0': { ...base.issues['0'], indicators: { NCD01: 'on', TOB01: 'on' } } }, { 'issues.0.program': 'planning.error.issueIndicator' }],
        [{ ...base.issues, '1': { ...base.issues['1'], funds: { L1978: 'on', L4579: 'on' } } }, { 'issues.1.title': 'planning.error.issueFund' }],
        [{ ...base.issues, '1': { ...base.issues['1'], title: '' } }, { 'issues.1.title': 'planning.error.issueTitle' }],
      ];
      const outcomes = [];
      for (const [issues] of cases) {
        try {
          await saveDistrictIssues(db, pcho3304, { ...base, issues });
          outcomes.push({ issues, saved: true });
        } catch (error) {
          outcomes.push({ issues, problems: error instanceof Invalid ? problemsOf(error) : String(error) });
        }
      }
      expect(outcomes).toEqual(cases.map(([issues, problems]) => ({ issues, problems })));
      expect(await issueRows('3304', 2569)).toEqual(before);
    });

    it('replaces the previous issues with a valid save, and refuses a stale version', async () => {
      const before = await issueRows('3304', 2569);
      expect(before.issues).toHaveLength(3);
      // A form claiming to be the year's first, or from a version not yet saved: Conflict.
      expect(await refusal(() => saveDistrictIssues(db, pcho3304, valid('')))).toBeInstanceOf(Conflict);
      expect(await refusal(() => saveDistrictIssues(db, pcho3304, valid('2')))).toBeInstanceOf(Conflict);
      expect(await issueRows('3304', 2569)).toEqual(before);

      expect(await saveDistrictIssues(db, pcho3304, valid('1'))).toEqual({ version: 2 });
      const saved = await getDistrictIssues(db, pcho3304, { code: '3304', fiscalYear: '2569' });
      expect(saved.version).toBe(2);
      expect(saved.issues.map((i) => ({ ...i, indicators: [...i.indicators].sort(), funds: [...i.funds].sort() }))).toEqual([
        { title: 'ลดผู้ป่วยเบาหวานรายใหม่', program_code: 'ncd', indicators: ['NCD01', 'NCD04'], funds: ['L1976', 'L1977'] },
        { title: 'ผู้สูงอายุได้รับการดูแล', program_code: 'elderly', indicators: ['ELD01'], funds: ['L1978'] },
      ]);
      const after = await issueRows('3304', 2569);
      expect(after.issues).toHaveLength(2);
      expect(after.indicators).toHaveLength(3);
      expect(after.funds).toHaveLength(3);
      // The old issues and their links are gone.
      const oldIds = before.issues.map((i) => i.id);
      expect(after.issues.some((i) => oldIds.includes(i.id))).toBe(false);
      const orphans = await db.selectFrom('district_issue_fund').select('issue_id').where('issue_id', 'in', oldIds).execute();
      expect(orphans).toEqual([]);
      // The other year is untouched.
      expect((await issueRows('3304', 2570)).issues).toHaveLength(3);
      // The form from before the save is now stale.
      expect(await refusal(() => saveDistrictIssues(db, pcho3304, valid('1')))).toBeInstanceOf(Conflict);
      expect(await issueRows('3304', 2569)).toEqual(after);
    });

    it("saves a year's first issues with no version", async () => {
      expect((await getDistrictIssues(db, admin, { code: '3304', fiscalYear: '2571' })).version).toBeNull();
      expect(await saveDistrictIssues(db, admin, { ...valid(''), fiscalYear: '2571' })).toEqual({ version: 1 });
      expect((await getDistrictIssues(db, null, { code: '3304', fiscalYear: '2571' })).issues).toHaveLength(2);
    });

    it("refuses another district's secretary, the district's mentor, a fund officer and the public", async () => {
      const before = await issueRows('3304', 2569);
      const version = String(before.year!.version);
      for (const actor of [pcho5601, mentor3304, officerA, province33, null]) {
        expect(await refusal(() => saveDistrictIssues(db, actor, valid(version)))).toBeInstanceOf(Forbidden);
      }
      expect(await issueRows('3304', 2569)).toEqual(before);
      // Its own district, it may.
      const own = await issueRows('5601', 2569);
      await saveDistrictIssues(db, pcho5601, {
        code: '5601',
        fiscalYear: '2569',
        version: String(own.year!.version),
        issues: { '0': { title: 'อาหารปลอดภัย', program: 'food_nutrition' }, '1': { title: 'ลดการดื่มสุรา', program: 'alcohol' } },
      });
      expect((await issueRows('5601', 2569)).year!.version).toBe(own.year!.version + 1);
    });
  });
});
