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

/**
 * One statement: the area's funds, each with its fund-year (from the summary or computed from
 * the base tables), added up per child area; the area's total is its children's added up here,
 * cheaper than a second grouping level in the statement (every figure adds up).
 */
async function figuresByChild(db: Kysely<DB>, source: Source, area: OverviewArea, fiscalYear: number, today: string, withChildren = true) {
  const areaColumn = AREA_COLUMN[area.level];
  const childLevel = CHILD_LEVEL[area.level];
  const childColumn = childLevel && withChildren ? AREA_COLUMN[childLevel] : null;
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
      coalesce(sum(s.plan_programs), 0) as plan_programs,
      coalesce(sum(s.proposals_developed), 0) as proposals_developed,
      coalesce(sum(s.projects_followed), 0) as projects_followed,
      coalesce(sum(s.projects_paper), 0) as projects_paper,
      coalesce(sum(s.projects_imported), 0) as projects_imported,
      coalesce(sum(s.approved_budget), 0) as approved_budget,
      coalesce(sum(s.approved_peoples_group), 0) as approved_peoples_group,
      coalesce(sum(s.population), 0) as population,
      coalesce(sum(s.target_people), 0) as target_people,
      coalesce(sum(s.target_groups_covered) filter (where s.is_active), 0) as target_groups_reached,
      coalesce(sum(s.opening_balance), 0) as opening_balance,
      coalesce(sum(s.received_nhso), 0) as received_nhso,
      coalesce(sum(s.received_local), 0) as received_local,
      coalesce(sum(s.received_interest), 0) as received_interest,
      coalesce(sum(s.received_other), 0) as received_other,
      coalesce(sum(s.refunded), 0) as refunded,
      coalesce(sum(s.paid), 0) as paid,
      coalesce(sum(s.paid_1), 0) as paid_1,
      coalesce(sum(s.paid_2), 0) as paid_2,
      coalesce(sum(s.paid_3), 0) as paid_3,
      coalesce(sum(s.paid_4), 0) as paid_4,
      coalesce(sum(s.paid_5), 0) as paid_5,
      coalesce(sum(s.paid_peoples_group), 0) as paid_peoples_group,
      coalesce(sum(s.paid_q1), 0) as paid_q1,
      coalesce(sum(s.paid_q2), 0) as paid_q2,
      coalesce(sum(s.paid_q3), 0) as paid_q3,
      coalesce(sum(s.paid_q4), 0) as paid_q4,
      coalesce(sum(s.balance), 0) as balance,
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
  if (!childColumn) return { totals: rows[0] ? figuresOf(rows[0]) : emptyOverviewFigures(), children: [] };
  const children = rows.map((r) => ({ code: String(r.code), figures: figuresOf(r) }));
  return { totals: children.reduce((sum, c) => addOverviewFigures(sum, c.figures), emptyOverviewFigures()), children };
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
