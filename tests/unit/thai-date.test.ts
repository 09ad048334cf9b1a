import { describe, expect, it } from 'vitest';
import {
  formatFiscalYear,
  formatThaiDate,
  normalizeThaiDigits,
  parseThaiDate,
} from '../../src/domain/thai-date.ts';

describe('formatThaiDate', () => {
  it('formats Thai long and short with the BE year', () => {
    expect(formatThaiDate('2021-06-21')).toBe('21 มิถุนายน 2564');
    expect(formatThaiDate('2021-06-21', 'th', 'long')).toBe('21 มิถุนายน 2564');
    expect(formatThaiDate('2021-06-21', 'th', 'short')).toBe('21 มิ.ย. 2564');
  });

  it('formats English with the CE year', () => {
    expect(formatThaiDate('2021-06-21', 'en')).toBe('21 June 2021');
    expect(formatThaiDate('2021-06-21', 'en', 'short')).toBe('21 Jun 2021');
  });

  it('shows Date instants as their Bangkok calendar date', () => {
    expect(formatThaiDate(new Date('2021-09-30T16:59:59Z'))).toBe('30 กันยายน 2564');
    expect(formatThaiDate(new Date('2021-09-30T17:00:00Z'))).toBe('1 ตุลาคม 2564');
    expect(formatThaiDate(new Date('2020-12-31T17:00:00Z'), 'en')).toBe('1 January 2021');
    expect(formatThaiDate(new Date('2020-12-31T16:59:59Z'), 'th', 'short')).toBe(
      '31 ธ.ค. 2563',
    );
  });

  it('formats leap days and century years', () => {
    expect(formatThaiDate('2024-02-29')).toBe('29 กุมภาพันธ์ 2567');
    expect(formatThaiDate('2000-02-29', 'en')).toBe('29 February 2000');
  });

  it('throws on invalid input', () => {
    expect(() => formatThaiDate('2023-02-29')).toThrow(RangeError);
    expect(() => formatThaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('formatFiscalYear', () => {
  it('labels in Thai and English', () => {
    expect(formatFiscalYear(2564)).toBe('ปีงบประมาณ 2564');
    expect(formatFiscalYear(2564, 'th')).toBe('ปีงบประมาณ 2564');
    expect(formatFiscalYear(2564, 'en')).toBe('Fiscal year 2564 (2020–21)');
  });

  it('spells out the end year across a century', () => {
    expect(formatFiscalYear(2543, 'en')).toBe('Fiscal year 2543 (1999–2000)');
  });

  it('rejects a CE year', () => {
    expect(() => formatFiscalYear(2021)).toThrow(RangeError);
  });
});

describe('parseThaiDate', () => {
  it('reads yyyy-mm-dd as CE below 2400 and BE from 2400', () => {
    expect(parseThaiDate('2021-06-21')).toBe('2021-06-21');
    expect(parseThaiDate('2564-06-21')).toBe('2021-06-21');
  });

  it('reads d/m/yyyy day-first, BE or CE', () => {
    expect(parseThaiDate('21/6/2564')).toBe('2021-06-21');
    expect(parseThaiDate('21/06/2564')).toBe('2021-06-21');
    expect(parseThaiDate('1/10/2563')).toBe('2020-10-01');
    expect(parseThaiDate('21/6/2021')).toBe('2021-06-21');
    expect(parseThaiDate('  30/9/2564 ')).toBe('2021-09-30');
  });

  it('accepts Thai digits', () => {
    expect(normalizeThaiDigits('๒๑/๖/๒๕๖๔')).toBe('21/6/2564');
    expect(parseThaiDate('๒๑/๖/๒๕๖๔')).toBe('2021-06-21');
  });

  it('checks leap years on the CE year', () => {
    expect(parseThaiDate('29/2/2567')).toBe('2024-02-29'); // 2567 BE = 2024 CE
    expect(parseThaiDate('29/2/2566')).toBeNull(); // 2023 CE
    expect(parseThaiDate('2024-02-29')).toBe('2024-02-29');
    expect(parseThaiDate('2023-02-29')).toBeNull();
    expect(parseThaiDate('29/2/2100')).toBeNull();
    expect(parseThaiDate('29/2/2000')).toBe('2000-02-29');
    expect(parseThaiDate('29/2/2543')).toBe('2000-02-29');
  });

  it('returns null for malformed or impossible dates', () => {
    for (const bad of [
      '',
      '   ',
      '2021-02-30',
      '31/4/2564',
      '32/1/2564',
      '0/1/2564',
      '1/13/2564',
      '1/0/2564',
      '21/6/64',
      '6/21',
      '2021/06/21',
      '21-6-2564',
      '21 มิ.ย. 2564',
      '2021-6-21',
      'yesterday',
    ]) {
      expect(parseThaiDate(bad), bad).toBeNull();
    }
  });
});
