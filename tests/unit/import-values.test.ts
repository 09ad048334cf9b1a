import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/csv.ts';
import {
  dateForInput,
  parseBankAccount,
  parseDate,
  parseEmail,
  parseFiscalYear,
  parseFundCode,
  parseLaoType,
  parseLatitude,
  parseLongitude,
  parseMoney,
  parsePercent,
  parsePhone,
  parsePopulation,
  VALUE_PROBLEMS,
} from '../../src/domain/import-values.ts';
import { en } from '../../src/i18n/en.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { th } from '../../src/i18n/th.ts';

const problem = (parsed: { ok: boolean; problem?: string }) => (parsed.ok ? null : parsed.problem);

describe('parseCsv (RFC 4180)', () => {
  it('splits records and fields, with quoted commas, doubled quotes and line breaks', () => {
    const { records, unterminatedQuote } = parseCsv('\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3');
    expect(unterminatedQuote).toBe(false);
    expect(records).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('keeps blank records so record numbers match the file, and ignores a final line break', () => {
    expect(parseCsv('h\n\nv\n').records).toEqual([['h'], [''], ['v']]);
  });

  it('reports a quote left open at the end', () => {
    expect(parseCsv('a,b\n"open,2\n').unterminatedQuote).toBe(true);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(parseCsv('5" pipe,x').records).toEqual([['5" pipe', 'x']]);
  });
});

describe('parsePopulation', () => {
  it('accepts whole numbers, grouped or in Thai digits', () => {
    expect(parsePopulation('5230')).toEqual({ ok: true, value: 5230 });
    expect(parsePopulation(' 12,345 ')).toEqual({ ok: true, value: 12345 });
    expect(parsePopulation('๑๒๓')).toEqual({ ok: true, value: 123 });
    expect(parsePopulation('0')).toEqual({ ok: true, value: 0 });
  });

  it('refuses text, negatives, decimals, bad grouping and huge numbers', () => {
    expect(problem(parsePopulation('abc'))).toBe('wholeNumber');
    expect(problem(parsePopulation('-5'))).toBe('negative');
    expect(problem(parsePopulation('1.5'))).toBe('wholeNumber');
    expect(problem(parsePopulation('1,23,4'))).toBe('wholeNumber');
    expect(problem(parsePopulation('1e5'))).toBe('wholeNumber');
    expect(problem(parsePopulation('10000001'))).toBe('populationTooLarge');
    expect(problem(parsePopulation('99999999999999999999'))).toBe('populationTooLarge');
  });
});

describe('parseFiscalYear', () => {
  it('accepts Buddhist-era years 2540–2700', () => {
    expect(parseFiscalYear('2568')).toEqual({ ok: true, value: 2568 });
    expect(parseFiscalYear('๒๕๖๘')).toEqual({ ok: true, value: 2568 });
  });

  it('says so when a year looks like the Common Era, and never converts it', () => {
    expect(parseFiscalYear('2024')).toEqual({ ok: false, problem: 'fiscalYearCe', params: { year: 2024, be: 2567 } });
  });

  it('refuses years out of range and anything not a year', () => {
    expect(problem(parseFiscalYear('2539'))).toBe('fiscalYearRange');
    expect(problem(parseFiscalYear('2701'))).toBe('fiscalYearRange');
    expect(problem(parseFiscalYear('68'))).toBe('fiscalYearRange');
    expect(problem(parseFiscalYear('2568.5'))).toBe('fiscalYear');
    expect(problem(parseFiscalYear('ปี 2568'))).toBe('fiscalYear');
  });
});

describe('dates, money, percentages, places and codes', () => {
  it('reads dates in BE or CE, and refuses impossible or implausible ones', () => {
    expect(parseDate('1/4/2567')).toEqual({ ok: true, value: '2024-04-01' });
    expect(parseDate('2024-04-01')).toEqual({ ok: true, value: '2024-04-01' });
    expect(problem(parseDate('31/2/2567'))).toBe('date');
    expect(problem(parseDate('1/4/0024'))).toBe('dateRange');
    expect(problem(parseDate('yesterday'))).toBe('date');
    expect(dateForInput('2024-04-01', 'th')).toBe('1/4/2567');
    expect(dateForInput('2024-04-01', 'en')).toBe('2024-04-01');
  });

  it('reads baht exactly and refuses negatives', () => {
    expect(parseMoney('1,234.50')).toEqual({ ok: true, value: 123450 });
    expect(parseMoney('฿100')).toEqual({ ok: true, value: 10000 });
    expect(problem(parseMoney('-1'))).toBe('negative');
    expect(problem(parseMoney('1.234'))).toBe('money');
    expect(problem(parseMoney('abc'))).toBe('money');
  });

  it('reads percentages 0–100 as numeric text', () => {
    expect(parsePercent('40')).toEqual({ ok: true, value: '40.00' });
    expect(parsePercent('12.5 %')).toEqual({ ok: true, value: '12.50' });
    expect(parsePercent('100')).toEqual({ ok: true, value: '100.00' });
    expect(problem(parsePercent('100.01'))).toBe('percent');
    expect(problem(parsePercent('-1'))).toBe('percent');
    expect(problem(parsePercent('1.234'))).toBe('percent');
  });

  it('reads coordinates within range', () => {
    expect(parseLatitude('14.8818')).toEqual({ ok: true, value: '14.8818' });
    expect(parseLongitude('-104.743600')).toEqual({ ok: true, value: '-104.743600' });
    expect(problem(parseLatitude('90.5'))).toBe('latitude');
    expect(problem(parseLongitude('181'))).toBe('longitude');
    expect(problem(parseLatitude('14.1234567'))).toBe('latitude');
  });

  it('reads bank accounts, phones, emails, fund codes and local government types', () => {
    expect(parseBankAccount('020-1-23456-7')).toEqual({ ok: true, value: '0201234567' });
    expect(problem(parseBankAccount('12345'))).toBe('bankAccount');
    expect(parsePhone('045-812345 ต่อ 12')).toEqual({ ok: true, value: '045-812345 ต่อ 12' });
    expect(problem(parsePhone('call me'))).toBe('phone');
    expect(problem(parsePhone('12'))).toBe('phone');
    expect(problem(parseEmail('not-an-email'))).toBe('email');
    expect(parseFundCode('l5218')).toEqual({ ok: true, value: 'L5218' });
    expect(parseFundCode('50102')).toEqual({ ok: true, value: '50102' });
    expect(problem(parseFundCode('X123'))).toBe('fundCode');
    expect(parseLaoType('อบต.')).toEqual({ ok: true, value: 'sao' });
    expect(parseLaoType('เทศบาลตำบล')).toEqual({ ok: true, value: 'subdistrict_municipality' });
    expect(parseLaoType('เทศบาลนคร')).toEqual({ ok: true, value: 'city_municipality' });
    expect(parseLaoType('เทศบาลเมือง')).toEqual({ ok: true, value: 'town_municipality' });
    expect(parseLaoType('อบจ.')).toEqual({ ok: true, value: 'pao' });
    expect(parseLaoType('SAO')).toEqual({ ok: true, value: 'sao' });
    expect(problem(parseLaoType('หมู่บ้าน'))).toBe('laoType');
  });

  it('has a message for every problem in both languages', () => {
    for (const code of VALUE_PROBLEMS) {
      const key = `admin.error.${code}` as MessageKey;
      expect(th[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
    }
  });
});
