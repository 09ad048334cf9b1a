import { toNumeric } from '../domain/money.ts';
import { emptyOverviewFigures, type OverviewFigures, overviewRates } from '../domain/overview.ts';
import type { Overview, OverviewArea } from '../use-cases/overview.ts';
import type { SheetColumn } from './xlsx.ts';

// An overview as the API, the CSV and the spreadsheet write it: snake_case, money as baht in
// decimal text with two places, rates as percent text with two places (null without a base).

const percent = (basisPoints: number | null) => (basisPoints === null ? null : (basisPoints / 100).toFixed(2));

export function figuresJson(f: OverviewFigures) {
  const r = overviewRates(f);
  return {
    funds: f.funds,
    active_funds: f.activeFunds,
    funds_with_plan: f.fundsWithPlan,
    plan_programs: f.planPrograms,
    proposals_developed: f.proposalsDeveloped,
    projects_followed: f.projectsFollowed,
    projects_paper: f.projectsPaper,
    projects_imported: f.projectsImported,
    approved_budget: toNumeric(f.approvedBudget),
    approved_peoples_group: toNumeric(f.approvedPeoplesGroup),
    population: f.population,
    target_people: f.targetPeople,
    average_target_groups: r.averageTargetGroups,
    opening_balance: toNumeric(f.openingBalance),
    received_nhso: toNumeric(f.receivedNhso),
    received_local: toNumeric(f.receivedLocal),
    received_interest: toNumeric(f.receivedInterest),
    received_other: toNumeric(f.receivedOther),
    received: toNumeric(r.received),
    refunded: toNumeric(f.refunded),
    paid: toNumeric(f.paid),
    paid_10_1: toNumeric(f.paidByCategory[0]),
    paid_10_2: toNumeric(f.paidByCategory[1]),
    paid_10_3: toNumeric(f.paidByCategory[2]),
    paid_10_4: toNumeric(f.paidByCategory[3]),
    paid_10_5: toNumeric(f.paidByCategory[4]),
    paid_peoples_group: toNumeric(f.paidPeoplesGroup),
    balance: toNumeric(f.balance),
    spending_rate: percent(r.spendingRate),
    spending_rate_q1: percent(r.quarterRates[0] ?? null),
    spending_rate_q2: percent(r.quarterRates[1] ?? null),
    spending_rate_q3: percent(r.quarterRates[2] ?? null),
    spending_rate_q4: percent(r.quarterRates[3] ?? null),
    peoples_group_share: percent(r.peoplesGroupShare),
    category_10_4_share: percent(r.category4Share),
    reports_due: f.reportsDue,
    reports_on_time: f.reportsOnTime,
    reports_late: r.reportsLate,
    funds_missing_population: f.missing.population,
    funds_missing_plan: f.missing.plan,
    funds_missing_financial_plan: f.missing.financialPlan,
    funds_missing_month_closes: f.missing.monthCloses,
    funds_missing_reports: f.missing.reports,
  };
}

const areaJson = (a: OverviewArea) => ({ code: a.code, level: a.level, name_th: a.nameTh, name_en: a.nameEn });

export function overviewJson(o: Overview) {
  return {
    area: areaJson(o.area),
    fiscal_year: o.fiscalYear,
    as_of: o.asOf,
    target_groups: o.targetGroups,
    ...figuresJson(o.totals),
    previous_year: figuresJson(o.previous),
    children: o.children.map((c) => ({ ...areaJson(c), ...figuresJson(c.figures) })),
  };
}

type FigureKey = keyof ReturnType<typeof figuresJson>;
export interface OverviewSheetRow extends OverviewArea {
  fiscalYear: number;
  values: ReturnType<typeof figuresJson>;
}

/** The area first, then its child areas: one row each, every figure a column. */
export function overviewRows(o: Overview): OverviewSheetRow[] {
  return [o.area, ...o.children].map((a, i) => ({
    ...a,
    fiscalYear: o.fiscalYear,
    values: figuresJson(i === 0 ? o.totals : o.children[i - 1]!.figures),
  }));
}

export function overviewColumns(): SheetColumn<OverviewSheetRow>[] {
  const keys = Object.keys(figuresJson(emptyOverviewFigures())) as FigureKey[];
  return [
    { header: 'code', value: (r) => r.code },
    { header: 'level', value: (r) => r.level },
    { header: 'name_th', value: (r) => r.nameTh },
    { header: 'name_en', value: (r) => r.nameEn },
    { header: 'fiscal_year', value: (r) => r.fiscalYear },
    ...keys.map((key) => ({ header: key, value: (r: OverviewSheetRow) => r.values[key], numeric: true })),
  ];
}
