import { describe, expect, it } from 'vitest';
import { fundYearFigures, percentToBasisPoints, ruleInForce } from '../../src/domain/fund-year.ts';
import { fromNumeric, satang } from '../../src/domain/money.ts';

describe('percentToBasisPoints', () => {
  it('reads numeric(5,2) text exactly', () => {
    expect(percentToBasisPoints('30.00')).toBe(3000);
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints('40')).toBe(4000);
    expect(percentToBasisPoints('0.01')).toBe(1);
    expect(percentToBasisPoints('100.000')).toBe(10000);
  });

  it('refuses what is not a percentage', () => {
    for (const bad of ['', 'abc', '-5', '100.01', '1000', '12.345', '1e2']) {
      expect(() => percentToBasisPoints(bad), bad).toThrow(RangeError);
    }
  });
});

describe('fundYearFigures', () => {
  const perCapita = fromNumeric('45.00');

  it('estimates the NHSO transfer as population × per-capita rate', () => {
    const figures = fundYearFigures({ population: 5_432, perCapita, minRatePercent: '30.00', cofundingBudget: null });
    expect(figures.nhsoEstimate).toBe(5_432 * 4_500);
    expect(figures.minimumCofunding).toBe(7_333_200); // 73,332 baht
    expect(figures.meetsMinimum).toBeNull();
  });

  it('rounds the minimum co-funding up to the satang', () => {
    // 7 people × 45.01 baht = 315.07 baht; 33.33 % of it is 105.012831 → 105.02 baht.
    const figures = fundYearFigures({ population: 7, perCapita: fromNumeric('45.01'), minRatePercent: '33.33', cofundingBudget: null });
    expect(figures.nhsoEstimate).toBe(31_507);
    expect(figures.minimumCofunding).toBe(10_502);
  });

  it('says whether the budget reaches the minimum, to the satang', () => {
    const base = { population: 1_000, perCapita, minRatePercent: '40.00' };
    // 1,000 × 45 = 45,000 baht; 40 % = 18,000 baht.
    expect(fundYearFigures({ ...base, cofundingBudget: fromNumeric('18000.00') }).meetsMinimum).toBe(true);
    expect(fundYearFigures({ ...base, cofundingBudget: fromNumeric('17999.99') }).meetsMinimum).toBe(false);
    expect(fundYearFigures({ ...base, cofundingBudget: fromNumeric('50000') }).meetsMinimum).toBe(true);
  });

  it('handles an empty area and a zero rate', () => {
    expect(fundYearFigures({ population: 0, perCapita, minRatePercent: '50', cofundingBudget: satang(0) })).toEqual({
      nhsoEstimate: 0,
      minimumCofunding: 0,
      meetsMinimum: true,
    });
    expect(fundYearFigures({ population: 10, perCapita, minRatePercent: '0', cofundingBudget: null }).minimumCofunding).toBe(0);
  });

  it('stays exact for the largest population the database allows', () => {
    const figures = fundYearFigures({ population: 10_000_000, perCapita: fromNumeric('47.33'), minRatePercent: '33.33', cofundingBudget: null });
    expect(figures.nhsoEstimate).toBe(47_330_000_000);
    // 473,300,000 baht × 33.33 % = 157,750,890 baht exactly.
    expect(figures.minimumCofunding).toBe(15_775_089_000);
  });

  it('refuses impossible inputs', () => {
    expect(() => fundYearFigures({ population: -1, perCapita, minRatePercent: '30', cofundingBudget: null })).toThrow(RangeError);
    expect(() => fundYearFigures({ population: 1.5, perCapita, minRatePercent: '30', cofundingBudget: null })).toThrow(RangeError);
    expect(() => fundYearFigures({ population: 1, perCapita, minRatePercent: 'x', cofundingBudget: null })).toThrow(RangeError);
  });
});

describe('ruleInForce', () => {
  const rules = [{ effectiveFromFiscalYear: 2561 }, { effectiveFromFiscalYear: 2557 }, { effectiveFromFiscalYear: 2569 }];

  it('takes the latest rule that started on or before the year', () => {
    expect(ruleInForce(rules, 2557)?.effectiveFromFiscalYear).toBe(2557);
    expect(ruleInForce(rules, 2560)?.effectiveFromFiscalYear).toBe(2557);
    expect(ruleInForce(rules, 2561)?.effectiveFromFiscalYear).toBe(2561);
    expect(ruleInForce(rules, 2568)?.effectiveFromFiscalYear).toBe(2561);
    expect(ruleInForce(rules, 2570)?.effectiveFromFiscalYear).toBe(2569);
  });

  it('has none before the first rule', () => {
    expect(ruleInForce(rules, 2550)).toBeNull();
    expect(ruleInForce([], 2570)).toBeNull();
  });
});
