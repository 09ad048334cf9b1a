import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.ts';
import {
  type ExistingFund,
  type ExistingYear,
  type ImportContext,
  planImport,
  planIsApplicable,
  readImportTables,
  type RowProblemCode,
  type SourceTable,
} from '../../src/domain/import-funds.ts';
import { en } from '../../src/i18n/en.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { th } from '../../src/i18n/th.ts';

const csv = (text: string): SourceTable => ({ sheet: null, records: parseCsv(text).records });

const FUND: ExistingFund = {
  code: 'L0001',
  name_th: 'กองทุนหลักประกันสุขภาพ อบต.บึงมะลู',
  lao_type: 'sao',
  lao_name: 'องค์การบริหารส่วนตำบลบึงมะลู',
  district_code: '3304',
  established_fiscal_year: 2550,
  phone: null,
  email: null,
};
const YEAR: ExistingYear = { population: 5230, population_as_of: '2024-04-01', income_band: 'under_6m', cofunding_budget: '70700.00' };

function context(overrides: Partial<ImportContext> = {}): ImportContext {
  return {
    funds: new Map([['L0001', FUND]]),
    years: new Map([['L0001/2568', YEAR]]),
    districts: new Set(['3304', '5601']),
    bandsInForce: (fy) => (fy >= 2561 ? ['under_6m', '6m_to_20m', 'over_20m'] : null),
    ...overrides,
  };
}

const codesOf = (problems: { code: RowProblemCode; column: string | null }[]) => problems.map((p) => `${p.column}:${p.code}`);

describe('reading import tables', () => {
  it('tells funds from year profiles by their columns and numbers rows as in the file', () => {
    const read = readImportTables([
      csv('fund_code,name_th,lao_type,lao_name,district_code\nL0002,กองทุน ก,อบต.,อบต.ก,3304\n\nL0003,กองทุน ข,เทศบาลตำบล,ทต.ข,5601'),
      { sheet: 'ปี', records: [['Fund_Code', 'Fiscal Year', 'population'], ['L0002', '2568', '1,000']] },
    ]);
    expect(read.problems).toEqual([]);
    expect(read.funds.map((r) => [r.row, r.fundCode, r.values.lao_type])).toEqual([
      [2, 'L0002', 'sao'],
      [4, 'L0003', 'subdistrict_municipality'],
    ]);
    expect(read.years.map((r) => [r.sheet, r.row, r.fundCode, r.fiscalYear, r.values.population])).toEqual([['ปี', 2, 'L0002', 2568, 1000]]);
  });

  it('refuses a table that lacks required columns, and a file with no data', () => {
    expect(readImportTables([csv('fund_code,name_th\nL0002,x')]).problems).toEqual([
      { code: 'missingColumns', sheet: null, columns: ['lao_type', 'lao_name', 'district_code'] },
    ]);
    expect(readImportTables([csv('something,else\n1,2')]).problems[0]?.code).toBe('missingColumns');
    expect(readImportTables([csv('')]).problems).toEqual([{ code: 'noTables' }]);
    expect(readImportTables([csv('fund_code,fiscal_year\n')]).problems).toEqual([{ code: 'noTables' }]);
  });

  it('skips a workbook sheet of notes, and lists columns it does not use', () => {
    const read = readImportTables([
      { sheet: 'อ่านก่อน', records: [['วิธีใช้'], ['กรอกข้อมูลในชีตถัดไป']] },
      { sheet: 'years', records: [['fund_code', 'fiscal_year', 'remark'], ['L0001', '2569', 'x']] },
    ]);
    expect(read.problems).toEqual([]);
    expect(read.ignoredColumns).toEqual([{ sheet: 'years', columns: ['remark'] }]);
  });
});

describe('planning an import', () => {
  it('creates, updates and leaves unchanged by fund code and fiscal year', () => {
    const read = readImportTables([
      csv(
        'fund_code,name_th,lao_type,lao_name,district_code\n' +
          `L0001,${FUND.name_th},อบต.,${FUND.lao_name},3304\n` +
          'L0002,กองทุนใหม่,อบต.,อบต.ใหม่,5601\n',
      ),
      csv('fund_code,fiscal_year,population,income_band,cofunding_budget\nL0001,2568,5230,under_6m,"70,700"\nL0001,2569,5300,,\nL0002,2568,900,over_20m,\n'),
    ]);
    const plan = planImport(read, context());
    expect(plan.funds.map((r) => r.outcome)).toEqual(['unchanged', 'create']);
    expect(plan.years.map((r) => r.outcome)).toEqual(['unchanged', 'create', 'create']);
    expect(plan.counts).toEqual({ create: 3, update: 0, unchanged: 2, reject: 0 });
    expect(planIsApplicable(plan)).toBe(true);
  });

  it('names the columns an update changes; an empty cell keeps the stored value', () => {
    const read = readImportTables([csv('fund_code,fiscal_year,population,population_as_of,income_band,cofunding_budget\nL0001,2568,5300,,,70700.00\n')]);
    const [row] = planImport(read, context()).years;
    expect(row?.outcome).toBe('update');
    expect(row?.changed).toEqual(['population']);
  });

  it('rejects each bad row with the column and the reason, and then nothing can be applied', () => {
    const read = readImportTables([
      csv(
        'fund_code,name_th,lao_type,lao_name,district_code,established_fiscal_year\n' +
          'L0002,กองทุน ก,อบต.,อบต.ก,9999,2550\n' +
          'L0003,กองทุน ข,อบต.,อบต.ข,3304,2024\n' +
          'L0003,กองทุน ข,อบต.,อบต.ข,3304,2550\n' +
          `L0004,${'ก'.repeat(201)},หมู่บ้าน,อบต.ค,3304,\n` +
          'L0005,,อบต.,อบต.ง,3304,\n',
      ),
      csv('fund_code,fiscal_year,population,income_band\nL0001,2568,-5,\nL0001,2569,abc,\nL0001,2570,1.5,huge_band\nL9999,2568,100,\nL0001,2024,100,\n'),
    ]);
    const plan = planImport(read, context());
    expect(plan.funds.map((r) => codesOf(r.problems))).toEqual([
      ['district_code:unknownDistrict'],
      ['established_fiscal_year:fiscalYearCe'],
      ['fund_code:duplicateFund'],
      ['name_th:tooLong', 'lao_type:laoType'],
      ['name_th:required'],
    ]);
    expect(plan.funds[2]?.problems[0]?.params).toEqual({ row: 3 });
    expect(plan.years.map((r) => codesOf(r.problems))).toEqual([
      ['population:negative'],
      ['population:wholeNumber'],
      ['population:wholeNumber', 'income_band:unknownBand'],
      ['fund_code:unknownFund'],
      ['fiscal_year:fiscalYearCe'],
    ]);
    expect(plan.counts.reject).toBe(10);
    expect(planIsApplicable(plan)).toBe(false);
  });

  it('refuses an income band in a year without rules, and a year row twice', () => {
    const read = readImportTables([csv('fund_code,fiscal_year,income_band\nL0001,2555,under_6m\nL0001,2569,under_6m\nl0001,2569,6m_to_20m\n')]);
    const plan = planImport(read, context());
    expect(plan.years.map((r) => codesOf(r.problems))).toEqual([['income_band:noRules'], [], ['fiscal_year:duplicateYear']]);
  });

  it('has nothing to apply when every row is unchanged', () => {
    const read = readImportTables([csv(`fund_code,fiscal_year,population\nL0001,2568,${YEAR.population}\n`)]);
    const plan = planImport(read, context());
    expect(plan.counts).toEqual({ create: 0, update: 0, unchanged: 1, reject: 0 });
    expect(planIsApplicable(plan)).toBe(false);
  });

  it('has a message for every row problem in both languages', () => {
    const codes: RowProblemCode[] = ['duplicateFund', 'duplicateYear', 'unknownDistrict', 'unknownFund', 'unknownBand', 'noRules'];
    for (const code of codes) {
      const key = `admin.error.${code}` as MessageKey;
      expect(th[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
    }
  });
});
