import { type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { fromNumeric } from '../domain/money.ts';
import { type AreaLevel, addOverviewFigures, areaLevelOfCode, CHILD_LEVEL, emptyOverviewFigures, expectedMonthCloses, type OverviewFigures } from '../domain/overview.ts';
import type { Actor } from '../domain/policy.ts';
import { authorize } from './authorize.ts';
import { NotFound, parseInput } from './errors.ts';

// Overviews from the country down to one fund (issue 7). The figures are sums over the summary
// tables kept current by triggers (fund_year_summary, 0014; per district, 0021), made by the
// functions district_overview and fund_overview; getOverviewFromBaseTables adds up the very same
// figures from the base tables, to check the summary and to measure what it buys.

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

// Two statements per overview, at once: the place with its names, and every figure of both years.
async function overviewFrom(db: Kysely<DB>, source: Source, input: z.infer<typeof overviewInput>, today: string): Promise<Overview> {
  const level = areaLevelOfCode(input.area);
  if (!level) throw new NotFound();
  const [place, figures] = await Promise.all([
    placeOf(db, input.area, level),
    figuresByChild(db, source, { code: input.area, level }, input.fiscalYear, today),
  ]);
  // Every child area, with or without funds (Bangkok's region has none).
  const children = place.children
    .map((child) => ({ ...child, figures: figures.children.get(child.code) ?? emptyOverviewFigures() }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  return {
    area: place.area,
    breadcrumbs: place.breadcrumbs,
    fiscalYear: input.fiscalYear,
    asOf: today,
    totals: figures.totals,
    previous: figures.previous,
    children,
    targetGroups: place.targetGroups,
  };
}

interface PlaceRow {
  kind: 'place' | 'above' | 'child';
  code: string;
  level: AreaLevel;
  name_th: string;
  name_en: string | null;
  path: string | null;
  target_groups: number | null;
}

/** The area (a fund, or an area of any level but the subdistrict), the areas above it and its child areas' names. */
async function placeOf(db: Kysely<DB>, code: string, level: AreaLevel) {
  const childLevel = CHILD_LEVEL[level];
  const place =
    level === 'fund'
      ? sql`select f.code, 'fund' as level, f.name_th, f.name_en, a.path || '/' || f.code as path
          from fund f join area a on a.code = f.district_code where f.code = ${code}`
      : sql`select a.code, a.level, a.name_th, a.name_en, a.path from area a where a.code = ${code} and a.level = ${level}`;
  const children =
    childLevel === 'fund'
      ? sql`select f.code, 'fund', f.name_th, f.name_en from fund f where f.district_code = ${code}`
      : childLevel
        ? sql`select a.code, a.level, a.name_th, a.name_en from area a where a.parent_code = ${code} and a.level = ${childLevel}`
        : null;
  const { rows } = await sql<PlaceRow>`
    with place as (${place})
    select 'place' as kind, p.code, p.level, p.name_th, p.name_en, p.path,
      (select count(*)::integer from target_group where in_coverage) as target_groups
    from place p
    union all
    select 'above', a.code, a.level, a.name_th, a.name_en, a.path, null
    from place p join area a on a.code = any (string_to_array(p.path, '/')) and a.code <> p.code
    ${children ? sql`union all select 'child', c.*, null, null from (${children}) c where exists (select 1 from place)` : sql``}`.execute(db);
  const found = rows.find((r) => r.kind === 'place');
  if (!found) throw new NotFound();
  const asArea = (r: PlaceRow): OverviewArea => ({ code: r.code, level: r.level, nameTh: r.name_th, nameEn: r.name_en });
  return {
    area: asArea(found),
    breadcrumbs: rows.filter((r) => r.kind === 'above').sort((a, b) => a.path!.length - b.path!.length).map(asArea),
    children: rows.filter((r) => r.kind === 'child').map(asArea),
    targetGroups: Number(found.target_groups),
  };
}

interface FigureRow {
  fiscal_year: number;
  code: string | null;
  funds: string | number;
  [column: string]: string | number | null;
}

/** Figures that are the sum of the same-named figure of each fund-year. */
const SUMMED_COLUMNS = [
  'plan_programs', 'proposals_developed', 'projects_followed', 'projects_paper', 'projects_imported',
  'approved_budget', 'approved_peoples_group', 'population', 'target_people',
  'opening_balance', 'received_nhso', 'received_local', 'received_interest', 'received_other', 'refunded',
  'paid', 'paid_1', 'paid_2', 'paid_3', 'paid_4', 'paid_5', 'paid_peoples_group',
  'paid_q1', 'paid_q2', 'paid_q3', 'paid_q4', 'balance',
] as const;

interface AreaFigureQuery {
  area: { code: string; level: AreaLevel };
  /** The fund_area column of the child areas; none for a fund. */
  childColumn: string | null;
  fiscalYear: number;
  today: string;
}

/**
 * The year's and the year before's figures per child area, in one statement; each total is its
 * children's added up here (every figure adds up). From the summary, the functions of 0021 make
 * it (per district above the district: 928 rows a year for the country; per fund below).
 */
async function figuresByChild(db: Kysely<DB>, source: Source, area: { code: string; level: AreaLevel }, fiscalYear: number, today: string) {
  const childLevel = CHILD_LEVEL[area.level];
  const query: AreaFigureQuery = { area, childColumn: childLevel ? AREA_COLUMN[childLevel] : null, fiscalYear, today };
  const rows = source === 'summary' ? await figuresFromSummary(db, query) : await figuresFromBaseTables(db, query);
  const sumOf = (year: number) =>
    rows.filter((r) => Number(r.fiscal_year) === year).reduce((sum, r) => addOverviewFigures(sum, figuresOf(r)), emptyOverviewFigures());
  return {
    totals: sumOf(fiscalYear),
    previous: sumOf(fiscalYear - 1),
    children: new Map(rows.filter((r) => Number(r.fiscal_year) === fiscalYear).map((r) => [String(r.code), figuresOf(r)])),
  };
}

/** From the summary (0021): district_overview for the country, a region or a province, fund_overview below. */
async function figuresFromSummary(db: Kysely<DB>, { area, fiscalYear, today }: AreaFigureQuery) {
  const years = [fiscalYear, fiscalYear - 1];
  const closes = years.map((y) => expectedMonthCloses(y, today));
  const perDistrict = area.level === 'country' || area.level === 'region' || area.level === 'province';
  const { rows } = await sql<FigureRow>`
    select * from ${sql.raw(perDistrict ? 'district_overview' : 'fund_overview')}(
      ${area.level}, ${area.code}, ${years}::integer[], ${closes}::integer[], ${today}::date)`.execute(db);
  return rows;
}

/** Each of the area's funds with its fund-years computed from the base tables, added up as fund_overview adds up the summary. */
async function figuresFromBaseTables(db: Kysely<DB>, { area, childColumn, fiscalYear, today }: AreaFigureQuery) {
  const areaColumn = AREA_COLUMN[area.level];
  const where = areaColumn ? sql`where fa.${sql.ref(areaColumn)} = ${area.code}` : sql``;
  const child: RawBuilder<unknown> = childColumn ? sql`fa.${sql.ref(childColumn)}` : sql`null::text`;
  const years = sql`(values ${sql.join([fiscalYear, fiscalYear - 1].map((y) => sql`(${sql.lit(y)}, ${sql.lit(expectedMonthCloses(y, today))})`))}) as y (fiscal_year, closes)`;
  const { rows } = await sql<FigureRow>`
    with reports as (
      select fa.fund_id, y.fiscal_year, sum(r.expected) as expected, sum(r.on_time) as on_time, sum(r.submitted) as submitted
      from fund_area fa cross join ${years} cross join lateral fund_year_reports_of(fa.fund_id, y.fiscal_year) r
      ${areaColumn ? sql`${where} and` : sql`where`} r.due_date < ${today}
      group by fa.fund_id, y.fiscal_year)
    select y.fiscal_year, ${child} as code,
      count(*) as funds,
      count(*) filter (where s.is_active) as active_funds,
      count(*) filter (where s.has_plan) as funds_with_plan,
      ${sql.join(SUMMED_COLUMNS.map((c) => sql`coalesce(sum(${sql.ref(`s.${c}`)}), 0) as ${sql.ref(c)}`))},
      coalesce(sum(s.target_groups_covered) filter (where s.is_active), 0) as target_groups_reached,
      coalesce(sum(r.expected), 0) as reports_due,
      coalesce(sum(r.on_time), 0) as reports_on_time,
      coalesce(sum(r.submitted), 0) as reports_submitted,
      count(*) filter (where s.population is null) as missing_population,
      count(*) filter (where s.has_plan is not true) as missing_plan,
      count(*) filter (where s.has_financial_plan is not true) as missing_financial_plan,
      count(*) filter (where coalesce(s.months_closed, 0) < y.closes) as missing_month_closes,
      count(*) filter (where r.expected > r.submitted) as missing_reports
    from fund_area fa
    cross join ${years}
    left join lateral (select g.*, m.* from fund_year_figures_of(fa.fund_id, y.fiscal_year) g
      cross join fund_year_money_of(fa.fund_id, y.fiscal_year, true) m) s on fund_year_recorded(fa.fund_id, y.fiscal_year)
    left join reports r on r.fund_id = fa.fund_id and r.fiscal_year = y.fiscal_year
    ${where}
    group by y.fiscal_year, ${child}`.execute(db);
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
