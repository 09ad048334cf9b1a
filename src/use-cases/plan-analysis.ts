import { type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { AreaLevel, DB } from '../db/schema.ts';
import { approvalDeadline, approvedOnTime, type CombinedValue, combineSums, hundredthsToText, targetGroupCoverage } from '../domain/planning.ts';
import { type Actor, can } from '../domain/policy.ts';
import { audit, parseYear, versionField } from './admin-shared.ts';
import { areaScopeChain, authorize } from './authorize.ts';
import { Conflict, type FieldProblem, Invalid, NotFound, parseInput } from './errors.ts';
import { listPrograms, listTargetGroups } from './planning-catalogue.ts';

// Plans seen from above: the figures beside a fund's situation values, the district plan (and
// the same combination for a province, a region or the country), the situation over the years,
// and the district health board's issues. Everything is read live from the plans, so it is
// never stale; the indexes on fund_plan (fiscal_year, status) and plan_situation keep it quick.

type Db = Kysely<DB>;

/** A combined value as text: the plain mean and the population-weighted mean. */
export interface Figure {
  funds: number;
  plain: string | null;
  weighted: string | null;
}

export const COMPARISON_LEVELS = ['district', 'province', 'region', 'country'] as const;
export type Comparison = Record<(typeof COMPARISON_LEVELS)[number], Figure | null>;

function figure(combined: CombinedValue): Figure | null {
  if (combined.funds === 0) return null;
  return {
    funds: combined.funds,
    plain: combined.plainAverage === null ? null : hundredthsToText(combined.plainAverage),
    weighted: combined.weightedAverage === null ? null : hundredthsToText(combined.weightedAverage),
  };
}

/** The columns each level filters on; the country takes every fund. */
const LEVEL_COLUMN = { fund: 'f.fund_code', district: 'f.district_code', province: 'f.province_code', region: 'f.region_code', country: null } as const;
type Level = keyof typeof LEVEL_COLUMN;

/**
 * Which fund plans count: the approved revision of each fund's year, or (for those who may see
 * drafts) the revision being worked on, falling back to the approved one.
 */
function countedPlan(withDrafts: boolean): RawBuilder<boolean> {
  if (!withDrafts) return sql<boolean>`p.status = 'approved'`;
  return sql<boolean>`(p.status in ('draft', 'submitted') or (p.status = 'approved' and not exists (
    select 1 from fund_plan o where o.fund_id = p.fund_id and o.fiscal_year = p.fiscal_year and o.status in ('draft', 'submitted'))))`;
}

/**
 * Situation rows with each fund's place and population, aliased `f`: the approved ones come
 * from situation_fact (kept by triggers); with drafts they are read from the plans themselves.
 */
function situationRows(withDrafts: boolean, fiscalYear: number): RawBuilder<unknown> {
  if (!withDrafts) return sql`situation_fact`;
  return sql`(select s.indicator_code, p.fiscal_year, fa.fund_code, fa.district_code, fa.province_code, fa.region_code,
      e.program_code, s.value, s.target, fy.population
    from plan_situation s join plan_entry e on e.id = s.entry_id join fund_plan p on p.id = e.plan_id
    join fund_area fa on fa.fund_id = p.fund_id
    left join fund_year fy on fy.fund_id = p.fund_id and fy.fiscal_year = p.fiscal_year
    where p.fiscal_year = ${fiscalYear} and ${countedPlan(true)})`;
}

/** count, Σ value, Σ value × population, Σ population of `column` over the rows `where` keeps, as text. */
function sumsOf(column: RawBuilder<unknown>, where: RawBuilder<unknown>): RawBuilder<unknown> {
  const kept = sql`${where} and ${column} is not null`;
  const weighted = sql`${kept} and f.population > 0`;
  return sql`count(*) filter (where ${kept})::text, coalesce(sum(${column} * 100) filter (where ${kept}), 0)::text,
    coalesce(sum(${column} * 100 * f.population) filter (where ${weighted}), 0)::text,
    coalesce(sum(f.population) filter (where ${weighted}), 0)::text`;
}

/** The means from four sums as sumsOf gives them, from `offset` in a row's array. */
function combinedAt(figures: readonly string[], offset: number): CombinedValue {
  const whole = (text: string | undefined) => BigInt((text ?? '0').split('.')[0] ?? '0');
  return combineSums({
    funds: Number(figures[offset] ?? 0),
    valueSum: whole(figures[offset + 1]),
    weightedSum: whole(figures[offset + 2]),
    populationSum: whole(figures[offset + 3]),
  });
}

/**
 * Sums of approved situation values per group and level, for the levels on a scope chain.
 * `groupBy` is the indicator (comparison figures) or the fiscal year (the situation over time).
 */
async function levelSums(
  db: Db,
  options: { indicators: string[]; fiscalYears?: number[]; levels: Partial<Record<Level, string>>; groupBy: 'indicator' | 'year' },
): Promise<Map<string, Partial<Record<Level, CombinedValue>>>> {
  const levels = Object.entries(options.levels) as [Level, string][];
  if (options.indicators.length === 0 || levels.length === 0) return new Map();
  const aggregates = levels.map(([level, code]) => {
    const column = LEVEL_COLUMN[level];
    return sumsOf(sql.ref('f.value'), column ? sql`${sql.ref(column)} = ${code}` : sql`true`);
  });
  const groupColumn = options.groupBy === 'indicator' ? sql.ref('f.indicator_code') : sql`f.fiscal_year::text`;
  const result = await sql<{ key: string; figures: string[] }>`
    select ${groupColumn} as key, array[${sql.join(aggregates)}]::text[] as figures
    from situation_fact f
    join situation_indicator i on i.code = f.indicator_code and i.counts_in_analysis
    where f.indicator_code in (${sql.join(options.indicators)})
      ${options.fiscalYears ? sql`and f.fiscal_year in (${sql.join(options.fiscalYears)})` : sql``}
    group by 1`.execute(db);
  const sums = new Map<string, Partial<Record<Level, CombinedValue>>>();
  for (const row of result.rows) {
    sums.set(row.key, Object.fromEntries(levels.map(([level], i) => [level, combinedAt(row.figures, i * 4)])));
  }
  return sums;
}

/** The levels of a fund's (or an area's) scope chain: TH, region, province, district, fund. */
function levelsOf(chain: readonly string[]): Partial<Record<Level, string>> {
  const names: Level[] = ['country', 'region', 'province', 'district', 'fund'];
  return Object.fromEntries(chain.map((code, i) => [names[i], code]).filter(([name]) => name !== undefined));
}

/**
 * The district, province, region and national figures for indicators in a year, from approved
 * plans: what a fund's officer sees beside their own value.
 */
export async function comparisonFigures(
  db: Db,
  input: { indicators: string[]; fiscalYear: number; scopeChain: readonly string[] },
): Promise<Record<string, Comparison>> {
  const { fund: _, ...levels } = levelsOf(input.scopeChain);
  const sums = await levelSums(db, { indicators: input.indicators, fiscalYears: [input.fiscalYear], levels, groupBy: 'indicator' });
  return Object.fromEntries(
    input.indicators.map((code) => {
      const byLevel = sums.get(code) ?? {};
      return [code, Object.fromEntries(COMPARISON_LEVELS.map((level) => [level, byLevel[level] ? figure(byLevel[level]) : null])) as Comparison];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The situation over the years

export interface SituationSeries {
  indicator: { code: string; name_th: string; name_en: string; unit: string; program_code: string; program_name_th: string; program_name_en: string };
  place: { code: string; level: Level; name_th: string; name_en: string | null };
  fiscalYears: number[];
  /** One line per level from the country down to the place, each value per fiscal year. */
  levels: { level: Level; code: string; name_th: string; name_en: string | null; values: (Figure | null)[] }[];
}

const placeSchema = z.object({
  indicator: z.string().trim().toUpperCase().regex(/^[A-Z0-9_]{2,20}$/, 'planning.error.indicator'),
  place: z.string().trim().toUpperCase().regex(/^(TH|R\d{1,2}|\d{2}|\d{4}|L\d{4}|\d{5})$/, 'registry.error.areaCode'),
});

/** An indicator by fiscal year at every level from the country down to an area or a fund (approved plans). */
export async function getSituationSeries(db: Db, actor: Actor | null, input: { indicator: unknown; place: unknown }): Promise<SituationSeries> {
  authorize(actor, 'plan.view');
  const value = parseInput(placeSchema, input);
  const indicator = await db
    .selectFrom('situation_indicator as i')
    .innerJoin('plan_program as p', 'p.code', 'i.program_code')
    .select(['i.code', 'i.name_th', 'i.name_en', 'i.unit', 'i.program_code', 'p.name_th as program_name_th', 'p.name_en as program_name_en'])
    .where('i.code', '=', value.indicator)
    .executeTakeFirst();
  if (!indicator) throw new NotFound(`indicator ${value.indicator}`);
  const chain = await chainOf(db, value.place);
  const levels = levelsOf(chain);
  const names = await db.selectFrom('area').select(['code', 'name_th', 'name_en', 'level']).where('code', 'in', chain).execute();
  const fund = levels.fund ? await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('code', '=', levels.fund).executeTakeFirst() : undefined;
  const sums = await levelSums(db, { indicators: [indicator.code], levels, groupBy: 'year' });
  const fiscalYears = [...sums.keys()].map(Number).sort((a, b) => a - b);
  const lines = (Object.entries(levels) as [Level, string][]).map(([level, code]) => {
    const named = level === 'fund' ? fund : names.find((n) => n.code === code);
    return {
      level,
      code,
      name_th: named?.name_th ?? code,
      name_en: named?.name_en ?? null,
      values: fiscalYears.map((year) => {
        const combined = sums.get(String(year))?.[level];
        return combined ? figure(combined) : null;
      }),
    };
  });
  const place = lines.at(-1) as (typeof lines)[number];
  return { indicator, place: { code: place.code, level: place.level, name_th: place.name_th, name_en: place.name_en }, fiscalYears, levels: lines };
}

/** TH, region, province, district[, fund] for a fund code or an area code (country to district). */
async function chainOf(db: Db, code: string): Promise<string[]> {
  const fund = await db.selectFrom('fund_area').select(['fund_code', 'district_code', 'province_code', 'region_code']).where('fund_code', '=', code).executeTakeFirst();
  if (fund) return ['TH', fund.region_code, fund.province_code, fund.district_code, fund.fund_code];
  const area = await db.selectFrom('area').select(['path', 'level']).where('code', '=', code).executeTakeFirst();
  if (!area || area.level === 'subdistrict') throw new NotFound(`place ${code}`);
  return areaScopeChain(area.path);
}

// ---------------------------------------------------------------------------------------------
// The district plan, and the same for a province, a region or the country

export interface AreaPlans {
  area: { code: string; level: AreaLevel; name_th: string; name_en: string | null; parent_code: string | null };
  fiscalYear: number;
  /** Whether drafts count (those who may see the area's drafts) or approved plans only. */
  includesDrafts: boolean;
  funds: { total: number; withPlan: number; approved: number; approvedOnTime: number };
  programs: {
    code: string;
    name_th: string;
    name_en: string;
    funds: number;
    indicators: { code: string; name_th: string; name_en: string; unit: string; situation: Figure | null; target: Figure | null }[];
    projects: number;
    budget: string;
  }[];
  coverage: { reached: string[]; missing: string[] };
  /** District level only: each fund and its plan, and every planned project. */
  fundPlans: { code: string; name_th: string; status: string | null; revision: number | null; meeting_date: string | null; approvedOnTime: boolean | null; programs: string[] }[];
  projects: { fund_code: string; fund_name_th: string; program_code: string; title: string; organisation: string; budget: string; support_category: number }[];
}

const DETAIL_LEVELS: readonly AreaLevel[] = ['district'];

/** The plans of every fund in an area for a year, combined per program and indicator. */
export async function getAreaPlans(db: Db, actor: Actor | null, input: { code: unknown; fiscalYear: unknown }): Promise<AreaPlans> {
  const code = String(input.code ?? '').trim().toUpperCase();
  const area = await db.selectFrom('area').select(['code', 'level', 'name_th', 'name_en', 'parent_code', 'path']).where('code', '=', code).executeTakeFirst();
  if (!area || area.level === 'subdistrict') throw new NotFound(`area ${code}`);
  const scopeChain = areaScopeChain(area.path);
  authorize(actor, 'plan.view', { scopeChain });
  const fiscalYear = parseYear(input.fiscalYear);
  const withDrafts = can(actor, 'plan.view_draft', { scopeChain });
  const level = area.level as Exclude<AreaLevel, 'subdistrict'>;
  const levelColumn = LEVEL_COLUMN[level];
  const inFacts = levelColumn ? sql`${sql.ref(levelColumn)} = ${area.code}` : sql`true`;
  const inArea = levelColumn ? sql`${sql.ref(levelColumn.replace('f.', 'fa.'))} = ${area.code}` : sql`true`;
  const counted = sql`p.fiscal_year = ${fiscalYear} and ${countedPlan(withDrafts)} and ${inArea}`;

  const [programs, targetGroups, fundCounts, indicatorRows, programRows, groupRows] = await Promise.all([
    listPrograms(db, { includeInactive: true }),
    listTargetGroups(db),
    sql<{ total: number; with_plan: number; approved: number; on_time: number }>`
      select count(*)::int as total,
        count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = fa.fund_id and ${counted}))::int as with_plan,
        count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = fa.fund_id and p.fiscal_year = ${fiscalYear} and p.status in ('approved', 'superseded')))::int as approved,
        count(*) filter (where exists (select 1 from fund_plan p where p.fund_id = fa.fund_id and p.fiscal_year = ${fiscalYear}
          and p.meeting_date <= ${approvalDeadline(fiscalYear)}))::int as on_time
      from fund_area fa join fund f on f.id = fa.fund_id where f.status = 'active' and ${inArea}`.execute(db),
    sql<{ program_code: string; indicator_code: string; figures: string[] }>`
      select f.program_code, f.indicator_code, array[${sumsOf(sql.ref('f.value'), sql`true`)}, ${sumsOf(sql.ref('f.target'), sql`true`)}]::text[] as figures
      from ${situationRows(withDrafts, fiscalYear)} f
      join situation_indicator i on i.code = f.indicator_code and i.counts_in_analysis
      where f.fiscal_year = ${fiscalYear} and ${inFacts}
      group by 1, 2`.execute(db),
    sql<{ program_code: string; funds: number; projects: number; budget: string }>`
      select e.program_code, count(distinct p.fund_id)::int as funds, count(pp.id)::int as projects, coalesce(sum(pp.budget), 0)::text as budget
      from plan_entry e
      join fund_plan p on p.id = e.plan_id
      join fund_area fa on fa.fund_id = p.fund_id
      left join planned_project pp on pp.entry_id = e.id
      where ${counted}
      group by 1`.execute(db),
    sql<{ code: string }>`
      select distinct g.target_group_code as code
      from plan_entry_target_group g join plan_entry e on e.id = g.entry_id join fund_plan p on p.id = e.plan_id join fund_area fa on fa.fund_id = p.fund_id
      where ${counted}`.execute(db),
  ]);

  const combined = (figures: readonly string[], offset: number) => figure(combinedAt(figures, offset));
  const counts = fundCounts.rows[0] ?? { total: 0, with_plan: 0, approved: 0, on_time: 0 };
  const detail = DETAIL_LEVELS.includes(area.level);
  return {
    area: { code: area.code, level: area.level, name_th: area.name_th, name_en: area.name_en, parent_code: area.parent_code },
    fiscalYear,
    includesDrafts: withDrafts,
    funds: { total: counts.total, withPlan: counts.with_plan, approved: counts.approved, approvedOnTime: counts.on_time },
    programs: programs
      .filter((program) => programRows.rows.some((r) => r.program_code === program.code))
      .map((program) => {
        const row = programRows.rows.find((r) => r.program_code === program.code);
        return {
          code: program.code,
          name_th: program.name_th,
          name_en: program.name_en,
          funds: row?.funds ?? 0,
          indicators: program.indicators
            .map((indicator) => ({ indicator, row: indicatorRows.rows.find((r) => r.indicator_code === indicator.code) }))
            .filter(({ row }) => row !== undefined)
            .map(({ indicator, row }) => ({
              code: indicator.code,
              name_th: indicator.name_th,
              name_en: indicator.name_en,
              unit: indicator.unit,
              situation: combined(row?.figures ?? [], 0),
              target: combined(row?.figures ?? [], 4),
            })),
          projects: row?.projects ?? 0,
          budget: row?.budget ?? '0',
        };
      }),
    coverage: targetGroupCoverage(
      targetGroups.filter((g) => g.in_coverage).map((g) => g.code),
      groupRows.rows.map((r) => r.code),
    ),
    fundPlans: detail ? await districtFundPlans(db, area.code, fiscalYear, withDrafts) : [],
    projects: detail
      ? (
          await sql<AreaPlans['projects'][number]>`
            select f.code as fund_code, f.name_th as fund_name_th, e.program_code, pp.title, pp.organisation, pp.budget::text as budget, pp.support_category
            from planned_project pp join plan_entry e on e.id = pp.entry_id join fund_plan p on p.id = e.plan_id
            join fund_area fa on fa.fund_id = p.fund_id join fund f on f.id = p.fund_id
            where ${counted}
            order by f.code, e.program_code, pp.position`.execute(db)
        ).rows
      : [],
  };
}

async function districtFundPlans(db: Db, districtCode: string, fiscalYear: number, withDrafts: boolean): Promise<AreaPlans['fundPlans']> {
  const rows = await sql<{ code: string; name_th: string; status: string | null; revision: number | null; meeting_date: string | null; programs: string[] | null }>`
    select f.code, f.name_th, p.status, p.revision, (select min(a.meeting_date)::text from fund_plan a where a.fund_id = f.id and a.fiscal_year = ${fiscalYear}) as meeting_date,
      (select array_agg(e.program_code order by e.program_code) from plan_entry e where e.plan_id = p.id) as programs
    from fund f
    left join fund_plan p on p.fund_id = f.id and p.fiscal_year = ${fiscalYear} and ${countedPlan(withDrafts)}
    where f.district_code = ${districtCode} and f.status = 'active'
    order by f.code`.execute(db);
  return rows.rows.map((r) => ({
    code: r.code,
    name_th: r.name_th,
    status: r.status,
    revision: r.revision,
    meeting_date: r.meeting_date,
    approvedOnTime: r.meeting_date ? approvedOnTime(r.meeting_date, fiscalYear) : null,
    programs: r.programs ?? [],
  }));
}

// ---------------------------------------------------------------------------------------------
// The district health board's issues (พชอ.)

export interface DistrictIssues {
  district: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  version: number | null;
  issues: { title: string; program_code: string; indicators: string[]; funds: string[] }[];
  /** The district's funds, and the programs each one's plan for the year holds. */
  funds: { code: string; name_th: string; programs: string[] }[];
  mayEdit: boolean;
}

/** At least two issues a year (domain.md §2), and room for a few more. */
export const MIN_DISTRICT_ISSUES = 2;
export const MAX_DISTRICT_ISSUES = 8;

async function districtOf(db: Db, code: unknown) {
  const area = await db.selectFrom('area').select(['code', 'level', 'name_th', 'name_en', 'path']).where('code', '=', String(code ?? '').trim()).executeTakeFirst();
  if (area?.level !== 'district') throw new NotFound(`district ${String(code)}`);
  return area;
}

export async function getDistrictIssues(db: Db, actor: Actor | null, input: { code: unknown; fiscalYear: unknown }): Promise<DistrictIssues> {
  const district = await districtOf(db, input.code);
  const scopeChain = areaScopeChain(district.path);
  authorize(actor, 'plan.view', { scopeChain });
  const fiscalYear = parseYear(input.fiscalYear);
  const [year, issues, indicators, funds, fundPlans] = await Promise.all([
    db.selectFrom('district_year').select('version').where('district_code', '=', district.code).where('fiscal_year', '=', fiscalYear).executeTakeFirst(),
    db.selectFrom('district_issue').select(['id', 'title', 'program_code']).where('district_code', '=', district.code).where('fiscal_year', '=', fiscalYear).orderBy('position').execute(),
    db
      .selectFrom('district_issue_indicator as ii')
      .innerJoin('district_issue as i', 'i.id', 'ii.issue_id')
      .select(['ii.issue_id', 'ii.indicator_code'])
      .where('i.district_code', '=', district.code)
      .where('i.fiscal_year', '=', fiscalYear)
      .execute(),
    db
      .selectFrom('district_issue_fund as f')
      .innerJoin('district_issue as i', 'i.id', 'f.issue_id')
      .innerJoin('fund', 'fund.id', 'f.fund_id')
      .select(['f.issue_id', 'fund.code'])
      .where('i.district_code', '=', district.code)
      .where('i.fiscal_year', '=', fiscalYear)
      .execute(),
    districtFundPlans(db, district.code, fiscalYear, can(actor, 'plan.view_draft', { scopeChain })),
  ]);
  return {
    district: { code: district.code, name_th: district.name_th, name_en: district.name_en },
    fiscalYear,
    version: year?.version ?? null,
    issues: issues.map((issue) => ({
      title: issue.title,
      program_code: issue.program_code,
      indicators: indicators.filter((i) => i.issue_id === issue.id).map((i) => i.indicator_code),
      funds: funds.filter((f) => f.issue_id === issue.id).map((f) => f.code),
    })),
    funds: fundPlans.map(({ code, name_th, programs }) => ({ code, name_th, programs })),
    mayEdit: can(actor, 'district_issue.edit', { scopeChain }),
  };
}

const cell = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());
const issuesSchema = z.object({
  /** Absent or empty for the year's first save. */
  version: z.preprocess((v) => (v === '' || v === undefined ? null : v), versionField.nullable()),
  issues: z.record(z.string(), z.object({ title: cell, program: cell, indicators: z.record(z.string(), cell).optional().default({}), funds: z.record(z.string(), cell).optional().default({}) })),
});

/** Replaces the board's issues for a year: two or more, each with a program, its indicators and the funds that contribute. */
export async function saveDistrictIssues(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown; fiscalYear: unknown }): Promise<{ version: number }> {
  const district = await districtOf(db, input.code);
  authorize(actor, 'district_issue.edit', { scopeChain: areaScopeChain(district.path) });
  const fiscalYear = parseYear(input.fiscalYear);
  const value = parseInput(issuesSchema, input, 'admin.error.invalid');
  const programs = await listPrograms(db, { includeInactive: true });
  const funds = await db.selectFrom('fund').select(['id', 'code']).where('district_code', '=', district.code).execute();
  const problems: FieldProblem[] = [];
  const issues = Object.entries(value.issues)
    .filter(([key]) => /^\d{1,2}$/.test(key))
    .sort(([a], [b]) => Number(a) - Number(b))
    .filter(([, issue]) => issue.title !== '' || issue.program !== '')
    .map(([key, issue]) => {
      const at = (field: string) => `issues.${key}.${field}`;
      if (issue.title === '') problems.push({ field: at('title'), key: 'planning.error.issueTitle' });
      if (issue.title.length > 300) problems.push({ field: at('title'), key: 'admin.error.tooLong', params: { max: 300 } });
      const program = programs.find((p) => p.code === issue.program);
      if (!program) problems.push({ field: at('program'), key: 'planning.error.program' });
      const indicators = Object.entries(issue.indicators).filter(([, v]) => v === 'on').map(([code]) => code);
      if (program && indicators.some((code) => !program.indicators.some((i) => i.code === code))) problems.push({ field: at('program'), key: 'planning.error.issueIndicator' });
      const fundIds = Object.entries(issue.funds)
        .filter(([, v]) => v === 'on')
        .map(([code]) => funds.find((f) => f.code === code)?.id);
      if (fundIds.some((id) => id === undefined)) problems.push({ field: at('title'), key: 'planning.error.issueFund' });
      return { title: issue.title, program_code: issue.program, indicators, fundIds: fundIds.filter((id): id is number => id !== undefined) };
    });
  if (issues.length < MIN_DISTRICT_ISSUES) problems.push({ field: 'issues.0.title', key: 'planning.error.tooFewIssues', params: { min: MIN_DISTRICT_ISSUES } });
  if (issues.length > MAX_DISTRICT_ISSUES) problems.push({ field: 'issues.0.title', key: 'planning.error.tooManyRows', params: { max: MAX_DISTRICT_ISSUES } });
  if (problems.length > 0) throw new Invalid(problems);

  return db.transaction().execute(async (tx) => {
    const year = await tx.selectFrom('district_year').select('version').where('district_code', '=', district.code).where('fiscal_year', '=', fiscalYear).forUpdate().executeTakeFirst();
    if ((year?.version ?? null) !== value.version) throw new Conflict();
    const version = (year?.version ?? 0) + 1;
    if (year) {
      await tx.updateTable('district_year').set({ version, updated_at: new Date() }).where('district_code', '=', district.code).where('fiscal_year', '=', fiscalYear).execute();
      await tx.deleteFrom('district_issue').where('district_code', '=', district.code).where('fiscal_year', '=', fiscalYear).execute();
    } else {
      await tx.insertInto('district_year').values({ district_code: district.code, fiscal_year: fiscalYear }).execute();
    }
    for (const [position, issue] of issues.entries()) {
      const { id } = await tx
        .insertInto('district_issue')
        .values({ district_code: district.code, fiscal_year: fiscalYear, position, title: issue.title, program_code: issue.program_code })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (issue.indicators.length) await tx.insertInto('district_issue_indicator').values(issue.indicators.map((indicator_code) => ({ issue_id: id, indicator_code }))).execute();
      if (issue.fundIds.length) await tx.insertInto('district_issue_fund').values(issue.fundIds.map((fund_id) => ({ issue_id: id, fund_id }))).execute();
    }
    await audit(tx, actor?.userId ?? null, 'district_issue.save', 'district_year', `${district.code}/${fiscalYear}`, { issues: issues.length });
    return { version };
  });
}

