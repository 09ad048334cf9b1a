import { describe, expect, it } from 'vitest';
import type { Satang } from '../../src/domain/money.ts';
import { addOverviewFigures, areaLevelOfCode, basisPoints, emptyOverviewFigures, expectedMonthCloses, type OverviewFigures, overviewRates } from '../../src/domain/overview.ts';

const s = (n: number) => n as Satang;

describe('overview rates', () => {
  it('rounds part / whole to hundredths of a percent and has none without a whole', () => {
    expect(basisPoints(1, 3)).toBe(3333);
    expect(basisPoints(2, 3)).toBe(6667);
    expect(basisPoints(5, 0)).toBeNull();
  });

  it('spends against what was carried in and received, net of refunds, cumulative by quarter', () => {
    const f = {
      ...emptyOverviewFigures(),
      activeFunds: 2,
      targetGroupsReached: 7,
      openingBalance: s(100_000_00),
      receivedNhso: s(250_000_00),
      receivedLocal: s(100_000_00),
      receivedInterest: s(1_000_00),
      receivedOther: s(49_000_00),
      refunded: s(10_000_00),
      paid: s(210_000_00),
      paidByCategory: [s(50_000_00), s(100_000_00), s(20_000_00), s(40_000_00), s(0)] as [Satang, Satang, Satang, Satang, Satang],
      paidPeoplesGroup: s(63_000_00),
      paidByQuarter: [s(0), s(70_000_00), s(70_000_00), s(70_000_00)] as [Satang, Satang, Satang, Satang],
      reportsDue: 10,
      reportsOnTime: 7,
    };
    const r = overviewRates(f);
    expect(r.received).toBe(400_000_00);
    expect(r.available).toBe(500_000_00);
    expect(r.netPaid).toBe(200_000_00);
    expect(r.spendingRate).toBe(4000);
    expect(r.quarterRates).toEqual([0, 1400, 2800, 4200]);
    expect(r.peoplesGroupShare).toBe(3000);
    expect(r.category4Share).toBe(1000);
    expect(r.reportsLate).toBe(3);
    expect(r.averageTargetGroups).toBe(3.5);
  });

  it('has no rates for an area with nothing recorded', () => {
    const r = overviewRates(emptyOverviewFigures());
    expect([r.spendingRate, r.peoplesGroupShare, r.category4Share, r.averageTargetGroups]).toEqual([null, null, null, null]);
    expect(r.quarterRates).toEqual([null, null, null, null]);
  });
});

describe('area level of a code', () => {
  it('reads the level from the code alone, and nothing from a code of no level', () => {
    expect(['TH', 'R1', 'R10', 'R13', '33', '3304', 'L1976', '12345'].map(areaLevelOfCode)).toEqual([
      'country', 'region', 'region', 'region', 'province', 'district', 'fund', 'fund',
    ]);
    for (const code of ['R0', 'R14', '330401', '3', '333', 'L123', 'th', '']) expect(areaLevelOfCode(code), code).toBeNull();
  });
});

describe('month closes expected', () => {
  it('counts the months of the fiscal year already over', () => {
    expect(expectedMonthCloses(2570, '2026-10-15')).toBe(0);
    expect(expectedMonthCloses(2570, '2026-12-07')).toBe(2);
    expect(expectedMonthCloses(2570, '2027-09-30')).toBe(11);
    expect(expectedMonthCloses(2569, '2026-12-07')).toBe(12);
    expect(expectedMonthCloses(2571, '2026-12-07')).toBe(0);
  });
});

describe('adding overview figures', () => {
  it('adds every count, sum, category, quarter and missing entry of two areas', () => {
    const a = { ...emptyOverviewFigures(), funds: 3, paid: 150_000 as Satang, paidByCategory: [1, 2, 3, 4, 5] as OverviewFigures['paidByCategory'], missing: { population: 1, plan: 0, financialPlan: 2, monthCloses: 3, reports: 0 } };
    const b = { ...emptyOverviewFigures(), funds: 2, paid: 25 as Satang, paidByQuarter: [10, 0, 0, 7] as OverviewFigures['paidByQuarter'], missing: { population: 0, plan: 4, financialPlan: 0, monthCloses: 1, reports: 5 } };
    const sum = addOverviewFigures(a, b);
    expect(sum.funds).toBe(5);
    expect(sum.paid).toBe(150_025);
    expect(sum.paidByCategory).toEqual([1, 2, 3, 4, 5]);
    expect(sum.paidByQuarter).toEqual([10, 0, 0, 7]);
    expect(sum.missing).toEqual({ population: 1, plan: 4, financialPlan: 2, monthCloses: 4, reports: 5 });
    expect(addOverviewFigures(emptyOverviewFigures(), emptyOverviewFigures())).toEqual(emptyOverviewFigures());
  });
});
