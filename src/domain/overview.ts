import { fiscalYearOf } from './fiscal-year.ts';
import { type Satang, sumSatang } from './money.ts';

// The overview (issue 7): what the summary adds up for an area and a fiscal year, and the rates
// derived from it. Rates are for reading, in hundredths of a percent, never used as money.

export type AreaLevel = 'country' | 'region' | 'province' | 'district' | 'fund';

/** One level down: the country's regions, a region's provinces, … a district's funds. */
export const CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  country: 'region',
  region: 'province',
  province: 'district',
  district: 'fund',
  fund: null,
};

/**
 * The level an overview's area code names: TH the country, R1–R13 NHSO's regions, DOPA's two-
 * and four-digit codes provinces and districts, NHSO's L-numbers and five digits funds.
 */
export function areaLevelOfCode(code: string): AreaLevel | null {
  if (code === 'TH') return 'country';
  if (/^R([1-9]|1[0-3])$/.test(code)) return 'region';
  if (/^[0-9]{2}$/.test(code)) return 'province';
  if (/^[0-9]{4}$/.test(code)) return 'district';
  if (/^(L[0-9]{4}|[0-9]{5})$/.test(code)) return 'fund';
  return null;
}

export interface OverviewFigures {
  funds: number;
  activeFunds: number;
  fundsWithPlan: number;
  planPrograms: number;
  proposalsDeveloped: number;
  projectsFollowed: number;
  projectsPaper: number;
  projectsImported: number;
  approvedBudget: Satang;
  approvedPeoplesGroup: Satang;
  population: number;
  targetPeople: number;
  /** Summed over funds: how many of the target groups plans should reach each fund's projects reach. */
  targetGroupsReached: number;
  openingBalance: Satang;
  receivedNhso: Satang;
  receivedLocal: Satang;
  receivedInterest: Satang;
  receivedOther: Satang;
  refunded: Satang;
  paid: Satang;
  /** Paid under 10(1)…10(5). */
  paidByCategory: [Satang, Satang, Satang, Satang, Satang];
  paidPeoplesGroup: Satang;
  paidByQuarter: [Satang, Satang, Satang, Satang];
  balance: Satang;
  reportsDue: number;
  reportsOnTime: number;
  reportsSubmitted: number;
  /** Funds missing each expected entry. */
  missing: { population: number; plan: number; financialPlan: number; monthCloses: number; reports: number };
}

const ZERO = 0 as Satang;

export function emptyOverviewFigures(): OverviewFigures {
  return {
    funds: 0, activeFunds: 0, fundsWithPlan: 0, planPrograms: 0, proposalsDeveloped: 0, projectsFollowed: 0,
    projectsPaper: 0, projectsImported: 0, approvedBudget: ZERO, approvedPeoplesGroup: ZERO, population: 0,
    targetPeople: 0, targetGroupsReached: 0, openingBalance: ZERO, receivedNhso: ZERO, receivedLocal: ZERO,
    receivedInterest: ZERO, receivedOther: ZERO, refunded: ZERO, paid: ZERO, paidByCategory: [ZERO, ZERO, ZERO, ZERO, ZERO],
    paidPeoplesGroup: ZERO, paidByQuarter: [ZERO, ZERO, ZERO, ZERO], balance: ZERO, reportsDue: 0, reportsOnTime: 0,
    reportsSubmitted: 0, missing: { population: 0, plan: 0, financialPlan: 0, monthCloses: 0, reports: 0 },
  };
}

/**
 * The figures of two sets of funds together. Every figure is a count or a sum over funds, so an
 * area's figures are its children's added up (the overview sums the children, not the funds twice).
 */
export function addOverviewFigures(a: OverviewFigures, b: OverviewFigures): OverviewFigures {
  return addShape(a as unknown as Shape, b as unknown as Shape) as unknown as OverviewFigures;
}

type Shape = number | Shape[] | { [key: string]: Shape };

function addShape(a: Shape, b: Shape): Shape {
  if (typeof a === 'number') return a + (b as number);
  if (Array.isArray(a)) return a.map((x, i) => addShape(x, (b as Shape[])[i]!));
  return Object.fromEntries(Object.entries(a).map(([key, x]) => [key, addShape(x, (b as Record<string, Shape>)[key]!)]));
}

export interface OverviewRates {
  received: Satang;
  /** What the year could spend: carried in and received. */
  available: Satang;
  netPaid: Satang;
  spendingRate: number | null;
  /** Cumulative spending rate at the end of each quarter. */
  quarterRates: (number | null)[];
  peoplesGroupShare: number | null;
  category4Share: number | null;
  reportsLate: number;
  averageTargetGroups: number | null;
}

/** part / whole in hundredths of a percent (4512 = 45.12 %), exactly rounded; null without a whole. */
export function basisPoints(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 10_000) / whole);
}

export function overviewRates(f: OverviewFigures): OverviewRates {
  const received = sumSatang([f.receivedNhso, f.receivedLocal, f.receivedInterest, f.receivedOther]);
  const available = (f.openingBalance + received) as Satang;
  const netPaid = (f.paid - f.refunded) as Satang;
  const quarterRates = f.paidByQuarter.map((_, i) => basisPoints(sumSatang(f.paidByQuarter.slice(0, i + 1)), available));
  return {
    received,
    available,
    netPaid,
    spendingRate: basisPoints(netPaid, available),
    quarterRates,
    peoplesGroupShare: basisPoints(f.paidPeoplesGroup, f.paid),
    category4Share: basisPoints(f.paidByCategory[3], received),
    reportsLate: f.reportsDue - f.reportsOnTime,
    averageTargetGroups: f.activeFunds > 0 ? Math.round((f.targetGroupsReached * 100) / f.activeFunds) / 100 : null,
  };
}

/** Month closes a fund should have made in the fiscal year by `today`: every month already over. */
export function expectedMonthCloses(fiscalYear: number, today: string): number {
  const current = fiscalYearOf(today);
  if (current > fiscalYear) return 12;
  if (current < fiscalYear) return 0;
  const month = Number(today.slice(5, 7));
  return (month + 2) % 12; // October → 0, November → 1, … September → 11
}
