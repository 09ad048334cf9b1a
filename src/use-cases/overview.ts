import { type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { fromNumeric } from '../domain/money.ts';
import { type AreaLevel, addOverviewFigures, CHILD_LEVEL, emptyOverviewFigures, expectedMonthCloses, type OverviewFigures } from '../domain/overview.ts';
import type { Actor } from '../domain/policy.ts';
import { authorize } from './authorize.ts';
import { NotFound, parseInput } from './errors.ts';

// Overviews from the country down to one fund (issue 7). The figures are sums over
// fund_year_summary (kept current by triggers, 0014); getOverviewFromBaseTables adds up the very
// same figures from the base tables, to check the summary and to measure what it buys.

export interface OverviewArea {
  code: string;
  level: AreaLevel;
  nameTh: string;
  nameEn: string | null;
}

export interface OverviewRow extends OverviewArea {
  figures: OverviewFigures;
}

export interface Overview {
  area: OverviewArea;
  /** From the country down to the area's parent. */
  breadcrumbs: OverviewArea[];
  fiscalYear: number;
  /** The day the reports due and month closes expected are counted for. */
  asOf: string;
  totals: OverviewFigures;
  previous: OverviewFigures;
  children: OverviewRow[];
  targetGroups: number;
}

const overviewInput = z.object({
  area: z.string().trim().toUpperCase().regex(/^(TH|R([1-9]|1[0-3])|[0-9]{2}|[0-9]{4}|L[0-9]{4}|[0-9]{5})$/, 'overview.error.area'),
  fiscalYear: z.coerce.number().int('overview.error.fiscalYear').min(2550, 'overview.error.fiscalYear').max(2600, 'overview.error.fiscalYear'),
});

/** The column of fund_area that places a fund in an area of each level. */
const AREA_COLUMN: Record<AreaLevel, string | null> = {
  country: null,
  region: 'region_code',
  province: 'province_code',
  district: 'district_code',
  fund: 'fund_code',
};

type Source = 'summary' | 'base';

export async function getOverview(db: Kysely<DB>, actor: Actor | null, input: unknown, today = toBangkokIsoDate(new Date())): Promise<Overview> {
  authorize(actor, 'area.view');
  return overviewFrom(db, 'summary', parseInput(overviewInput, input), today);
}

/** The same overview added up from the base tables (tests and the benchmark). */
export async function getOverviewFromBaseTables(db: Kysely<DB>, input: unknown, today = toBangkokIsoDate(new Date())): Promise<Overview> {
  return overviewFrom(db, 'base', parseInput(overviewInput, input), today);
}

async function overviewFrom(db: Kysely<DB>, source: Source, input: z.infer<typeof overviewInput>, today: string): Promise<Overview> {
  const { area, breadcrumbs } = await findArea(db, input.area);
  const [current, previous, groups] = await Promise.all([
    figuresByChild(db, source, area, input.fiscalYear, today),
    figuresByChild(db, source, area, input.fiscalYear - 1, today, false),
    db.selectFrom('target_group').select((eb) => eb.fn.countAll<number>().as('n')).where('in_coverage', '=', true).executeTakeFirstOrThrow(),
  ]);
  const childLevel = CHILD_LEVEL[area.level];
  const names = childLevel ? await childNames(db, area, childLevel) : new Map<string, OverviewArea>();
  // Every child area, with or without funds (Bangkok's region has none).
  const figures = new Map(current.children.map((row) => [row.code, row.figures]));
  const children = [...names.values()]
    .map((child) => ({ ...child, figures: figures.get(child.code) ?? emptyOverviewFigures() }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  return {
    area,
    breadcrumbs,
    fiscalYear: input.fiscalYear,
    asOf: today,
    totals: current.totals,
    previous: previous.totals,
    children,
    targetGroups: Number(groups.n),
  };
}

async function findArea(db: Kysely<DB>, code: string): Promise<{ area: OverviewArea; breadcrumbs: OverviewArea[] }> {
  const place = code.startsWith('L') || code.length === 5
    ? await db
        .selectFrom('fund')
        .innerJoin('area', 'area.code', 'fund.district_code')
        .select(['fund.code', 'fund.name_th', 'fund.name_en', 'area.path'])
        .where('fund.code', '=', code)
        .executeTakeFirst()
        .then((f) => f && { area: { code: f.code, level: 'fund' as const, nameTh: f.name_th, nameEn: f.name_en }, path: `${f.path}/${f.code}` })
    : await db
        .selectFrom('area')
        .select(['code', 'level', 'name_th', 'name_en', 'path'])
        .where('code', '=', code)
        .where('level', '!=', 'subdistrict')
        .executeTakeFirst()
        .then((a) => a && { area: { code: a.code, level: a.level as AreaLevel, nameTh: a.name_th, nameEn: a.name_en }, path: a.path });
  if (!place) throw new NotFound();
  const upper = place.path.split('/').slice(0, -1);
  const rows = upper.length
    ? await db.selectFrom('area').select(['code', 'level', 'name_th', 'name_en']).where('code', 'in', upper).execute()
    : [];
  const breadcrumbs = upper.flatMap((c) => {
    const r = rows.find((row) => row.code === c);
    return r ? [{ code: r.code, level: r.level as AreaLevel, nameTh: r.name_th, nameEn: r.name_en }] : [];
  });
  return { area: place.area, breadcrumbs };
}

async function childNames(db: Kysely<DB>, area: OverviewArea, level: AreaLevel): Promise<Map<string, OverviewArea>> {
  const rows =
    level === 'fund'
      ? await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('district_code', '=', area.code).execute()
      : await db.selectFrom('area').select(['code', 'name_th', 'name_en']).where('parent_code', '=', area.code).where('level', '=', level).execute();
  return new Map(rows.map((r) => [r.code, { code: r.code, level, nameTh: r.name_th, nameEn: r.name_en }]));
}

interface FigureRow {
  code: string | null;
  funds: string | number;
  [column: string]: string | number | null;
}

/** Figures that are the sum of the same-named column of fund_year_summary and district_year_summary. */
const SUMMED_COLUMNS = [
  'plan_programs', 'proposals_developed', 'projects_followed', 'projects_paper', 'projects_imported',
  'approved_budget', 'approved_peoples_group', 'population', 'target_people',
  'opening_balance', 'received_nhso', 'received_local', 'received_interest', 'received_other', 'refunded',
  'paid', 'paid_1', 'paid_2', 'paid_3', 'paid_4', 'paid_5', 'paid_peoples_group',
  'paid_q1', 'paid_q2', 'paid_q3', 'paid_q4', 'balance',
] as const;

const sumsOf = (alias: string) => sql.join(SUMMED_COLUMNS.map((c) => sql`coalesce(sum(${sql.ref(`${alias}.${c}`)}), 0) as ${sql.ref(c)}`));

/**
 * The area's figures per child area; the area's total is its children's added up here, cheaper
 * than a second grouping level in the statement (every figure adds up). Above the district the
 * summary is read per district (928 rows a year for the country), below it per fund.
 */
async function figuresByChild(db: Kysely<DB>, source: Source, area: OverviewArea, fiscalYear: number, today: string, withChildren = true) {
  const childLevel = CHILD_LEVEL[area.level];
  const childColumn = childLevel && withChildren ? AREA_COLUMN[childLevel] : null;
  const fromDistricts = source === 'summary' && (area.level === 'country' || area.level === 'region' || area.level === 'province');
  const rows = fromDistricts
    ? await figuresFromDistricts(db, area, childColumn, fiscalYear, today)
    : await figuresFromFunds(db, source, area, childColumn, fiscalYear, today);
  if (!childColumn) return { totals: rows[0] ? figuresOf(rows[0]) : emptyOverviewFigures(), children: [] };
  const children = rows.map((r) => ({ code: String(r.code), figures: figuresOf(r) }));
  return { totals: children.reduce((sum, c) => addOverviewFigures(sum, c.figures), emptyOverviewFigures()), children };
}

/** One statement: the area's funds, each with its fund-year from the summary or computed from the base tables. */
async function figuresFromFunds(db: Kysely<DB>, source: Source, area: OverviewArea, childColumn: string | null, fiscalYear: number, today: string) {
  const areaColumn = AREA_COLUMN[area.level];
  const where = areaColumn ? sql`where fa.${sql.ref(areaColumn)} = ${area.code}` : sql``;
  const child: RawBuilder<unknown> = childColumn ? sql`fa.${sql.ref(childColumn)}` : sql`null::text`;
  const year: RawBuilder<unknown> =
    source === 'summary'
      ? sql`left join fund_year_summary s on s.fund_id = fa.fund_id and s.fiscal_year = ${fiscalYear}`
      : sql`left join lateral (select g.*, m.* from fund_year_figures_of(fa.fund_id, ${fiscalYear}) g
          cross join fund_year_money_of(fa.fund_id, ${fiscalYear}, true) m) s on fund_year_recorded(fa.fund_id, ${fiscalYear})`;
  const reports: RawBuilder<unknown> =
    source === 'summary'
      ? sql`select r.fund_id, sum(r.expected) as expected, sum(r.on_time) as on_time, sum(r.submitted) as submitted
          from fund_report_due r join fund_area fa on fa.fund_id = r.fund_id
          ${areaColumn ? sql`${where} and` : sql`where`} r.fiscal_year = ${fiscalYear} and r.due_date < ${today}
          group by r.fund_id`
      : sql`select fa.fund_id, sum(r.expected) as expected, sum(r.on_time) as on_time, sum(r.submitted) as submitted
          from fund_area fa cross join lateral fund_year_reports_of(fa.fund_id, ${fiscalYear}) r
          ${areaColumn ? sql`${where} and` : sql`where`} r.due_date < ${today}
          group by fa.fund_id`;
  const closes = expectedMonthCloses(fiscalYear, today);
  const { rows } = await sql<FigureRow>`
    with reports as (${reports})
    select ${child} as code,
      count(*) as funds,
      count(*) filter (where s.is_active) as active_funds,
      count(*) filter (where s.has_plan) as funds_with_plan,
      ${sumsOf('s')},
      coalesce(sum(s.target_groups_covered) filter (where s.is_active), 0) as target_groups_reached,
      coalesce(sum(r.expected), 0) as reports_due,
      coalesce(sum(r.on_time), 0) as reports_on_time,
      coalesce(sum(r.submitted), 0) as reports_submitted,
      count(*) filter (where s.population is null) as missing_population,
      count(*) filter (where s.has_plan is not true) as missing_plan,
      count(*) filter (where s.has_financial_plan is not true) as missing_financial_plan,
      count(*) filter (where coalesce(s.months_closed, 0) < ${closes}) as missing_month_closes,
      count(*) filter (where r.expected > r.submitted) as missing_reports
    from fund_area fa
    ${year}
    left join reports r on r.fund_id = fa.fund_id
    ${where}
    ${childColumn ? sql`group by ${child}` : sql``}`.execute(db);
  return rows;
}

/**
 * From the district summary (0021): its sums per child area, the funds counted where they are
 * now, and the figures of the day (month closes expected, reports due) from its per-day rows.
 * A fund-year with nothing recorded has no summary row: it misses every expected entry.
 */
async function figuresFromDistricts(db: Kysely<DB>, area: OverviewArea, childColumn: string | null, fiscalYear: number, today: string) {
  const areaColumn = AREA_COLUMN[area.level];
  const inArea = (alias: string) => (areaColumn ? sql`and ${sql.ref(`${alias}.${areaColumn}`)} = ${area.code}` : sql``);
  const child = (alias: string): RawBuilder<unknown> => (childColumn ? sql.ref(`${alias}.${childColumn}`) : sql`''`);
  const closes = expectedMonthCloses(fiscalYear, today);
  const { rows } = await sql<FigureRow>`
    with funds as (
      select ${child('fa')} as code, count(*) as funds from fund_area fa where true ${inArea('fa')} group by 1
    ), d as (
      select ${child('d')} as code, sum(d.funds_recorded) as funds_recorded, sum(d.active_funds) as active_funds,
        sum(d.funds_with_population) as funds_with_population, sum(d.funds_with_plan) as funds_with_plan,
        sum(d.funds_with_financial_plan) as funds_with_financial_plan, sum(d.target_groups_reached) as target_groups_reached,
        ${sumsOf('d')}
      from district_year_summary d where d.fiscal_year = ${fiscalYear} ${inArea('d')} group by 1
    ), c as (
      select ${child('c')} as code, sum(c.funds) as funds_short
      from district_month_close c where c.fiscal_year = ${fiscalYear} and c.months_closed < ${closes} ${inArea('c')} group by 1
    ), r as (
      select ${child('r')} as code, sum(r.expected) as reports_due, sum(r.on_time) as reports_on_time,
        sum(r.submitted) as reports_submitted, sum(r.funds_first_unsubmitted) as missing_reports
      from district_report_due r where r.fiscal_year = ${fiscalYear} and r.due_date < ${today} ${inArea('r')} group by 1
    )
    select f.code, f.funds,
      coalesce(d.active_funds, 0) as active_funds,
      coalesce(d.funds_with_plan, 0) as funds_with_plan,
      ${sql.join(SUMMED_COLUMNS.map((c) => sql`coalesce(${sql.ref(`d.${c}`)}, 0) as ${sql.ref(c)}`))},
      coalesce(d.target_groups_reached, 0) as target_groups_reached,
      coalesce(r.reports_due, 0) as reports_due,
      coalesce(r.reports_on_time, 0) as reports_on_time,
      coalesce(r.reports_submitted, 0) as reports_submitted,
      f.funds - coalesce(d.funds_with_population, 0) as missing_population,
      f.funds - coalesce(d.funds_with_plan, 0) as missing_plan,
      f.funds - coalesce(d.funds_with_financial_plan, 0) as missing_financial_plan,
      ${closes > 0 ? sql`f.funds - coalesce(d.funds_recorded, 0) + ` : sql``}coalesce(c.funds_short, 0) as missing_month_closes,
      coalesce(r.missing_reports, 0) as missing_reports
    from funds f
    left join d on d.code = f.code
    left join c on c.code = f.code
    left join r on r.code = f.code`.execute(db);
  return rows;
}

function figuresOf(row: FigureRow): OverviewFigures {
  const n = (key: string) => Number(row[key] ?? 0);
  const baht = (key: string) => fromNumeric(String(row[key] ?? '0'));
  return {
    funds: n('funds'),
    activeFunds: n('active_funds'),
    fundsWithPlan: n('funds_with_plan'),
    planPrograms: n('plan_programs'),
    proposalsDeveloped: n('proposals_developed'),
    projectsFollowed: n('projects_followed'),
    projectsPaper: n('projects_paper'),
    projectsImported: n('projects_imported'),
    approvedBudget: baht('approved_budget'),
    approvedPeoplesGroup: baht('approved_peoples_group'),
    population: n('population'),
    targetPeople: n('target_people'),
    targetGroupsReached: n('target_groups_reached'),
    openingBalance: baht('opening_balance'),
    receivedNhso: baht('received_nhso'),
    receivedLocal: baht('received_local'),
    receivedInterest: baht('received_interest'),
    receivedOther: baht('received_other'),
    refunded: baht('refunded'),
    paid: baht('paid'),
    paidByCategory: [baht('paid_1'), baht('paid_2'), baht('paid_3'), baht('paid_4'), baht('paid_5')],
    paidPeoplesGroup: baht('paid_peoples_group'),
    paidByQuarter: [baht('paid_q1'), baht('paid_q2'), baht('paid_q3'), baht('paid_q4')],
    balance: baht('balance'),
    reportsDue: n('reports_due'),
    reportsOnTime: n('reports_on_time'),
    reportsSubmitted: n('reports_submitted'),
    missing: {
      population: n('missing_population'),
      plan: n('missing_plan'),
      financialPlan: n('missing_financial_plan'),
      monthCloses: n('missing_month_closes'),
      reports: n('missing_reports'),
    },
  };
}
