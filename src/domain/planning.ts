// Situation analysis and the fund plan (domain.md §4.2–4.5): the rules, as pure functions.
// Indicator values are kept in hundredths (12.34 % → 1234) so rates, targets and averages are
// integer arithmetic, exact and identical on every engine, like money in satang.

import { beToCe } from './fiscal-year.ts';
import { type Satang, sumSatang } from './money.ts';

export const INDICATOR_UNITS = ['percent', 'per_1000', 'per_100000', 'count'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** How many of the unit one numerator per denominator makes: 1/1 = 100 %. */
const UNIT_SCALE: Record<IndicatorUnit, bigint> = { percent: 100n, per_1000: 1_000n, per_100000: 100_000n, count: 1n };

/** A value in hundredths of its unit. */
export type Hundredths = number;

/** numerator / denominator in the indicator's unit, in hundredths, rounded half up. */
export function rateFromCounts(numerator: number, denominator: number, unit: IndicatorUnit): Hundredths {
  if (!Number.isSafeInteger(numerator) || numerator < 0) throw new RangeError(`Bad numerator ${numerator}`);
  if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError(`Bad denominator ${denominator}`);
  const scaled = BigInt(numerator) * UNIT_SCALE[unit] * 100n;
  const d = BigInt(denominator);
  return Number((scaled * 2n + d) / (2n * d));
}

/** '12.5' → 1250; null for anything that is not a non-negative number with ≤ 2 decimals. */
export function parseHundredths(text: string): Hundredths | null {
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim().replaceAll(',', ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 1250 → '12.5', as numeric text for the database and for forms. */
export function hundredthsToText(value: Hundredths): string {
  const whole = Math.trunc(value / 100);
  const fraction = String(value % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** numeric text from the database ('12.50') → 1250. */
export function hundredthsFromNumeric(text: string): Hundredths {
  const value = parseHundredths(text);
  if (value === null) throw new RangeError(`Not a value in hundredths: ${text}`);
  return value;
}

/** Thai-style display: 1234567 → '12,345.67' (fraction kept to two places when present). */
export function formatHundredths(value: Hundredths, lang: 'th' | 'en' = 'th'): string {
  return (value / 100).toLocaleString(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 2 });
}

export type SituationProblem =
  | 'numerator_over_denominator'
  | 'value_over_100'
  | 'target_over_100'
  | 'counts_incomplete'
  | 'value_missing'
  | 'count_has_denominator';

export interface SituationInput {
  numerator: number | null;
  denominator: number | null;
  /** The rate as entered, used only when no counts are given. */
  value: Hundredths | null;
  target: Hundredths | null;
}

/**
 * Checks one situation row and gives the value to store: computed from the counts when they
 * are given (the typed rate is then ignored), else the rate as entered. Problems name the field.
 */
export function resolveSituation(
  unit: IndicatorUnit,
  input: SituationInput,
): { ok: true; value: Hundredths } | { ok: false; field: 'numerator' | 'denominator' | 'value' | 'target'; problem: SituationProblem } {
  const hasCounts = input.numerator !== null || input.denominator !== null;
  if (unit === 'count' && input.denominator !== null) return { ok: false, field: 'denominator', problem: 'count_has_denominator' };
  if (input.target !== null && unit === 'percent' && input.target > 10_000) return { ok: false, field: 'target', problem: 'target_over_100' };
  if (hasCounts && unit !== 'count') {
    if (input.numerator === null) return { ok: false, field: 'numerator', problem: 'counts_incomplete' };
    if (input.denominator === null) return { ok: false, field: 'denominator', problem: 'counts_incomplete' };
    // Per-1,000 and per-100,000 rates are events in a population: they cannot exceed it either.
    if (input.numerator > input.denominator) return { ok: false, field: 'numerator', problem: 'numerator_over_denominator' };
    return { ok: true, value: rateFromCounts(input.numerator, input.denominator, unit) };
  }
  if (unit === 'count' && input.numerator !== null) return { ok: true, value: input.numerator * 100 };
  if (input.value === null) return { ok: false, field: 'value', problem: 'value_missing' };
  if (unit === 'percent' && input.value > 10_000) return { ok: false, field: 'value', problem: 'value_over_100' };
  return { ok: true, value: input.value };
}

// ---------------------------------------------------------------------------------------------
// Priority scoring (size, severity, awareness, difficulty, 1–4 each)

export const PRIORITY_CRITERIA = ['size', 'severity', 'awareness', 'difficulty'] as const;
export type PriorityCriterion = (typeof PRIORITY_CRITERIA)[number];
export type PriorityScores = Record<PriorityCriterion, number | null>;

/** The sum of the four scores, or null unless all four are given. */
export function priorityTotal(scores: PriorityScores): number | null {
  let total = 0;
  for (const criterion of PRIORITY_CRITERIA) {
    const score = scores[criterion];
    if (score === null) return null;
    total += score;
  }
  return total;
}

/** Programs by priority: highest total first, unscored after the scored, ties in catalogue order. */
export function byPriority<T extends { scores: PriorityScores; sortOrder: number }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => {
    const ta = priorityTotal(a.scores) ?? -1;
    const tb = priorityTotal(b.scores) ?? -1;
    return tb - ta || a.sortOrder - b.sortOrder;
  });
}

// ---------------------------------------------------------------------------------------------
// The plan's workflow: draft → submitted → approved; revising an approved plan opens the next
// revision as a draft, and approving that supersedes the one before.

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted' },
  return: { from: ['submitted'], to: 'draft' },
  approve: { from: ['submitted'], to: 'approved' },
  revise: { from: ['approved'], to: 'draft' }, // a new revision; the approved one stays
} as const satisfies Record<string, { from: readonly PlanStatus[]; to: PlanStatus }>;
export type PlanTransition = keyof typeof PLAN_TRANSITIONS;

export function canTransition(status: PlanStatus, transition: PlanTransition): boolean {
  return (PLAN_TRANSITIONS[transition].from as readonly PlanStatus[]).includes(status);
}

/** The transitions open from a status, in the order a page offers them. */
export function transitionsFrom(status: PlanStatus): PlanTransition[] {
  return (Object.keys(PLAN_TRANSITIONS) as PlanTransition[]).filter((t) => canTransition(status, t));
}

/** Only a draft changes; a submitted plan is returned first, an approved one revised. */
export function isEditable(status: PlanStatus): boolean {
  return status === 'draft';
}

/** The last day the committee should approve a year's plan: 31 December after the year starts. */
export function approvalDeadline(fiscalYear: number): string {
  return `${beToCe(fiscalYear) - 1}-12-31`;
}

export function approvedOnTime(meetingDate: string, fiscalYear: number): boolean {
  return meetingDate <= approvalDeadline(fiscalYear);
}

// ---------------------------------------------------------------------------------------------
// The annual financial plan

export const SUPPORT_CATEGORIES = [1, 2, 3, 4, 5] as const;
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];
/** 10(4), fund administration and development, capped as a share of the year's income. */
export const ADMIN_CATEGORY: SupportCategory = 4;

export interface FinancialPlan {
  carryOver: Satang;
  nhsoTransfer: Satang;
  laoCofunding: Satang;
  otherIncome: Satang;
  allocations: Record<SupportCategory, Satang>;
}

export type FinancialProblem =
  | { field: 'allocation_4'; problem: 'over_admin_cap'; max: Satang }
  | { field: 'allocation_total'; problem: 'over_receipts'; max: Satang };

export interface FinancialSummary {
  /** The year's income: NHSO, local co-funding and other, without the carry-over. */
  yearIncome: Satang;
  totalReceipts: Satang;
  totalAllocated: Satang;
  /** The most 10(4) may take: cap % of the year's income, rounded down to the satang. */
  adminCap: Satang;
  unallocated: Satang;
}

export function summariseFinancialPlan(plan: FinancialPlan, adminCapBasisPoints: number): FinancialSummary {
  const yearIncome = sumSatang([plan.nhsoTransfer, plan.laoCofunding, plan.otherIncome]);
  const totalReceipts = sumSatang([plan.carryOver, yearIncome]);
  const totalAllocated = sumSatang(SUPPORT_CATEGORIES.map((c) => plan.allocations[c]));
  const adminCap = Number((BigInt(yearIncome) * BigInt(adminCapBasisPoints)) / 10_000n) as Satang;
  return { yearIncome, totalReceipts, totalAllocated, adminCap, unallocated: (totalReceipts - totalAllocated) as Satang };
}

/** NHSO's rules on the plan: 10(4) within its cap, and no more allocated than expected. */
export function financialPlanProblems(plan: FinancialPlan, adminCapBasisPoints: number): FinancialProblem[] {
  const summary = summariseFinancialPlan(plan, adminCapBasisPoints);
  const problems: FinancialProblem[] = [];
  if (plan.allocations[ADMIN_CATEGORY] > summary.adminCap) {
    problems.push({ field: 'allocation_4', problem: 'over_admin_cap', max: summary.adminCap });
  }
  if (summary.totalAllocated > summary.totalReceipts) {
    problems.push({ field: 'allocation_total', problem: 'over_receipts', max: summary.totalReceipts });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Combining funds: the district plan and the comparison figures

export interface FundValue {
  value: Hundredths;
  /** The fund's population that year; null when not declared (left out of the weighted mean). */
  population: number | null;
}

export interface CombinedValue {
  funds: number;
  /** The incumbent's figure: every fund counts the same. */
  plainAverage: Hundredths | null;
  /** Each fund counts by its population: closer to the area's real rate. */
  weightedAverage: Hundredths | null;
}

/** What an area's funds add up to: the sums a database can give without rounding. */
export interface ValueSums {
  funds: number;
  /** Σ value, in hundredths. */
  valueSum: bigint;
  /** Σ value × population over the funds with a population, in hundredths × people. */
  weightedSum: bigint;
  populationSum: bigint;
}

/** Plain and population-weighted means from their sums, rounded half up to the hundredth. */
export function combineSums(sums: ValueSums): CombinedValue {
  if (sums.funds === 0) return { funds: 0, plainAverage: null, weightedAverage: null };
  return {
    funds: sums.funds,
    plainAverage: roundedDivide(sums.valueSum, BigInt(sums.funds)),
    weightedAverage: sums.populationSum === 0n ? null : roundedDivide(sums.weightedSum, sums.populationSum),
  };
}

/** Plain and population-weighted means of fund values. */
export function combineValues(values: readonly FundValue[]): CombinedValue {
  const weighted = values.filter((v) => v.population !== null && v.population > 0);
  return combineSums({
    funds: values.length,
    valueSum: values.reduce((acc, v) => acc + BigInt(v.value), 0n),
    weightedSum: weighted.reduce((acc, v) => acc + BigInt(v.value) * BigInt(v.population ?? 0), 0n),
    populationSum: weighted.reduce((acc, v) => acc + BigInt(v.population ?? 0), 0n),
  });
}

function roundedDivide(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

// ---------------------------------------------------------------------------------------------
// Coverage of the target groups

/** Which of the coverage groups the year's plans reach, and which they miss, in catalogue order. */
export function targetGroupCoverage(
  coverageGroups: readonly string[],
  reached: Iterable<string>,
): { reached: string[]; missing: string[] } {
  const set = new Set(reached);
  return { reached: coverageGroups.filter((g) => set.has(g)), missing: coverageGroups.filter((g) => !set.has(g)) };
}
