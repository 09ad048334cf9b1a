import { describe, expect, it } from 'vitest';
import { type Satang, satang } from '../../src/domain/money.ts';
import {
  approvalDeadline,
  approvedOnTime,
  byPriority,
  canTransition,
  combineSums,
  combineValues,
  type FinancialPlan,
  financialPlanProblems,
  hundredthsToText,
  isEditable,
  parseHundredths,
  priorityTotal,
  rateFromCounts,
  resolveSituation,
  summariseFinancialPlan,
  targetGroupCoverage,
  transitionsFrom,
} from '../../src/domain/planning.ts';

describe('situation values', () => {
  it('computes a rate from counts in hundredths, rounding half up', () => {
    expect(rateFromCounts(37, 120, 'percent')).toBe(3083); // 30.8333…
    expect(rateFromCounts(1, 8, 'percent')).toBe(1250);
    expect(rateFromCounts(1, 3, 'percent')).toBe(3333);
    expect(rateFromCounts(2, 3, 'percent')).toBe(6667);
    expect(rateFromCounts(1, 200, 'percent')).toBe(50); // 0.5 %
    expect(rateFromCounts(1, 40_000, 'percent')).toBe(0); // 0.0025 % rounds to 0.00
    expect(rateFromCounts(1, 20_000, 'percent')).toBe(1); // 0.005 % rounds half up to 0.01
    expect(rateFromCounts(12, 5_230, 'per_100000')).toBe(22945); // 229.445… per 100,000
    expect(rateFromCounts(3, 1_000, 'per_1000')).toBe(300);
    expect(rateFromCounts(0, 10, 'percent')).toBe(0);
    expect(rateFromCounts(10, 10, 'percent')).toBe(10_000);
  });

  it('stays exact for populations far beyond a fund', () => {
    expect(rateFromCounts(3_333_333_333, 9_999_999_999, 'percent')).toBe(3333);
  });

  it('refuses counts that are not whole, negative, or a zero denominator', () => {
    expect(() => rateFromCounts(-1, 10, 'percent')).toThrow(RangeError);
    expect(() => rateFromCounts(1.5, 10, 'percent')).toThrow(RangeError);
    expect(() => rateFromCounts(1, 0, 'percent')).toThrow(RangeError);
  });

  it('parses and prints values in hundredths', () => {
    expect(parseHundredths('12.5')).toBe(1250);
    expect(parseHundredths('0.05')).toBe(5);
    expect(parseHundredths('1,234.56')).toBe(123456);
    expect(parseHundredths('100')).toBe(10_000);
    expect(parseHundredths('12.345')).toBeNull();
    expect(parseHundredths('-1')).toBeNull();
    expect(parseHundredths('abc')).toBeNull();
    expect(parseHundredths('')).toBeNull();
    expect(hundredthsToText(1250)).toBe('12.5');
    expect(hundredthsToText(5)).toBe('0.05');
    expect(hundredthsToText(10_000)).toBe('100');
    expect(hundredthsToText(3083)).toBe('30.83');
  });

  it('takes the counts over a typed rate, and the typed rate when only it is known', () => {
    expect(resolveSituation('percent', { numerator: 37, denominator: 120, value: 9999, target: null })).toEqual({ ok: true, value: 3083 });
    expect(resolveSituation('percent', { numerator: null, denominator: null, value: 2500, target: 2000 })).toEqual({ ok: true, value: 2500 });
    expect(resolveSituation('count', { numerator: 7, denominator: null, value: null, target: null })).toEqual({ ok: true, value: 700 });
  });

  it('names the cell that is wrong', () => {
    const bad = (unit: Parameters<typeof resolveSituation>[0], input: Parameters<typeof resolveSituation>[1]) => resolveSituation(unit, input);
    expect(bad('percent', { numerator: 130, denominator: 120, value: null, target: null })).toEqual({
      ok: false,
      field: 'numerator',
      problem: 'numerator_over_denominator',
    });
    expect(bad('per_100000', { numerator: 130, denominator: 120, value: null, target: null })).toMatchObject({ ok: false, field: 'numerator' });
    expect(bad('percent', { numerator: 5, denominator: null, value: null, target: null })).toMatchObject({ field: 'denominator', problem: 'counts_incomplete' });
    expect(bad('percent', { numerator: null, denominator: 5, value: null, target: null })).toMatchObject({ field: 'numerator', problem: 'counts_incomplete' });
    expect(bad('percent', { numerator: null, denominator: null, value: null, target: 1000 })).toMatchObject({ field: 'value', problem: 'value_missing' });
    expect(bad('percent', { numerator: null, denominator: null, value: 10_001, target: null })).toMatchObject({ field: 'value', problem: 'value_over_100' });
    expect(bad('percent', { numerator: 1, denominator: 2, value: null, target: 10_001 })).toMatchObject({ field: 'target', problem: 'target_over_100' });
    expect(bad('count', { numerator: 1, denominator: 2, value: null, target: null })).toMatchObject({ field: 'denominator', problem: 'count_has_denominator' });
    // A rate per 100,000 may exceed 100; a target of 100 % exactly is fine.
    expect(bad('per_100000', { numerator: null, denominator: null, value: 25_000, target: 20_000 })).toEqual({ ok: true, value: 25_000 });
    expect(bad('percent', { numerator: 1, denominator: 2, value: null, target: 10_000 })).toEqual({ ok: true, value: 5000 });
  });
});

describe('priority scoring', () => {
  const scores = (size: number | null, severity: number | null, awareness: number | null, difficulty: number | null) => ({ size, severity, awareness, difficulty });

  it('adds the four scores, and gives nothing until all four are there', () => {
    expect(priorityTotal(scores(4, 3, 2, 1))).toBe(10);
    expect(priorityTotal(scores(4, 3, null, 1))).toBeNull();
  });

  it('orders programs by total, unscored last, ties in catalogue order', () => {
    const ordered = byPriority([
      { name: 'unscored', scores: scores(null, null, null, null), sortOrder: 1 },
      { name: 'low', scores: scores(1, 1, 1, 1), sortOrder: 2 },
      { name: 'high-b', scores: scores(4, 4, 4, 3), sortOrder: 9 },
      { name: 'high-a', scores: scores(4, 4, 3, 4), sortOrder: 3 },
    ]);
    expect(ordered.map((e) => e.name)).toEqual(['high-a', 'high-b', 'low', 'unscored']);
  });
});

describe('the plan workflow', () => {
  it('is a table of transitions', () => {
    expect(transitionsFrom('draft')).toEqual(['submit']);
    expect(transitionsFrom('submitted')).toEqual(['return', 'approve']);
    expect(transitionsFrom('approved')).toEqual(['revise']);
    expect(transitionsFrom('superseded')).toEqual([]);
    expect(canTransition('draft', 'approve')).toBe(false);
  });

  it('lets only drafts change', () => {
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('approved')).toBe(false);
    expect(isEditable('superseded')).toBe(false);
  });

  it('expects approval by 31 December after the fiscal year starts', () => {
    expect(approvalDeadline(2570)).toBe('2026-12-31');
    expect(approvedOnTime('2026-12-31', 2570)).toBe(true);
    expect(approvedOnTime('2027-01-01', 2570)).toBe(false);
    expect(approvedOnTime('2026-10-01', 2570)).toBe(true);
  });
});

describe('the annual financial plan', () => {
  const baht = (n: number) => satang(Math.round(n * 100));
  const plan = (over: Partial<FinancialPlan> & { a4?: number; a2?: number } = {}): FinancialPlan => ({
    carryOver: baht(500_000),
    nhsoTransfer: baht(225_000),
    laoCofunding: baht(90_000),
    otherIncome: baht(5_000),
    allocations: { 1: baht(0), 2: baht(over.a2 ?? 100_000), 3: baht(0), 4: baht(over.a4 ?? 48_000), 5: baht(0) },
    ...over,
  });

  it('caps 10(4) on the year income without the carry-over', () => {
    // Year income 320,000 → 15 % is 48,000 whatever the carry-over.
    expect(summariseFinancialPlan(plan(), 1500).adminCap).toBe(baht(48_000));
    expect(financialPlanProblems(plan(), 1500)).toEqual([]);
    expect(financialPlanProblems(plan({ a4: 48_000.01 }), 1500)).toEqual([{ field: 'allocation_4', problem: 'over_admin_cap', max: baht(48_000) }]);
    expect(summariseFinancialPlan(plan({ carryOver: baht(5_000_000) }), 1500).adminCap).toBe(baht(48_000));
  });

  it('rounds the cap down to the satang', () => {
    const p = { ...plan(), nhsoTransfer: baht(100.01), laoCofunding: baht(0), otherIncome: baht(0) };
    expect(summariseFinancialPlan(p, 1500).adminCap).toBe(1500 as Satang); // 15.0015 baht → 15.00
  });

  it('refuses allocating more than the expected receipts, carry-over included', () => {
    expect(financialPlanProblems(plan({ a2: 772_000 }), 1500)).toEqual([]); // 820,000 received, 820,000 allocated
    expect(financialPlanProblems(plan({ a2: 772_000.01 }), 1500)).toEqual([{ field: 'allocation_total', problem: 'over_receipts', max: baht(820_000) }]);
  });

  it('adds up in satang', () => {
    const summary = summariseFinancialPlan(plan(), 1500);
    expect(summary.yearIncome).toBe(baht(320_000));
    expect(summary.totalReceipts).toBe(baht(820_000));
    expect(summary.totalAllocated).toBe(baht(148_000));
    expect(summary.unallocated).toBe(baht(672_000));
  });
});

describe('combining funds', () => {
  it('gives a plain mean and a population-weighted mean', () => {
    // A big fund at 10 % and a small one at 40 %: plain 25 %, weighted (9,000 × 10 + 1,000 × 40) / 10,000 = 13 %.
    const combined = combineValues([
      { value: 1000, population: 9000 },
      { value: 4000, population: 1000 },
    ]);
    expect(combined).toEqual({ funds: 2, plainAverage: 2500, weightedAverage: 1300 });
  });

  it('leaves funds without a population out of the weighted mean only', () => {
    expect(combineValues([{ value: 1000, population: 500 }, { value: 3000, population: null }])).toEqual({ funds: 2, plainAverage: 2000, weightedAverage: 1000 });
    expect(combineValues([{ value: 1000, population: null }])).toEqual({ funds: 1, plainAverage: 1000, weightedAverage: null });
  });

  it('rounds half up and gives nothing for no funds', () => {
    expect(combineValues([{ value: 1, population: 1 }, { value: 2, population: 1 }]).plainAverage).toBe(2); // 1.5 → 2
    expect(combineValues([])).toEqual({ funds: 0, plainAverage: null, weightedAverage: null });
    expect(combineSums({ funds: 3, valueSum: 10n, weightedSum: 0n, populationSum: 0n })).toEqual({ funds: 3, plainAverage: 3, weightedAverage: null });
  });
});

describe('target group coverage', () => {
  it('says which of the coverage groups are reached and which are missed, in catalogue order', () => {
    const groups = ['2001', '1001', '1002', '1003', '1004', '2002', '2003', '2004'];
    expect(targetGroupCoverage(groups, ['1004', '2005', '1001', '1004'])).toEqual({
      reached: ['1001', '1004'],
      missing: ['2001', '1002', '1003', '2002', '2003', '2004'],
    });
  });
});
