import { describe, expect, it } from 'vitest';
import {
  beToCe,
  calendarDateOf,
  ceToBe,
  currentFiscalYear,
  fiscalQuarterOf,
  fiscalQuarterRange,
  fiscalYearOf,
  fiscalYearRange,
  isLeapYear,
  parseIsoDate,
  toBangkokIsoDate,
} from '../../src/domain/fiscal-year.ts';

describe('beToCe / ceToBe', () => {
  it('converts with the 543-year offset', () => {
    expect(ceToBe(2021)).toBe(2564);
    expect(beToCe(2564)).toBe(2021);
    expect(beToCe(ceToBe(1999))).toBe(1999);
  });

  it('rejects non-integers', () => {
    expect(() => ceToBe(2021.5)).toThrow(RangeError);
    expect(() => beToCe(Number.NaN)).toThrow(RangeError);
    expect(() => beToCe(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('fiscalYearOf with ISO dates', () => {
  it('switches on 30 Sep / 1 Oct', () => {
    expect(fiscalYearOf('2021-09-30')).toBe(2564);
    expect(fiscalYearOf('2021-10-01')).toBe(2565);
    expect(fiscalYearOf('2020-10-01')).toBe(2564);
    expect(fiscalYearOf('2020-09-30')).toBe(2563);
  });

  it('does not switch on 31 Dec / 1 Jan', () => {
    expect(fiscalYearOf('2020-12-31')).toBe(2564);
    expect(fiscalYearOf('2021-01-01')).toBe(2564);
  });

  it('handles leap days', () => {
    expect(fiscalYearOf('2024-02-29')).toBe(2567);
    expect(fiscalYearOf('2000-02-29')).toBe(2543);
  });

  it('throws RangeError on impossible or malformed dates', () => {
    for (const bad of [
      '2021-02-30',
      '2023-02-29',
      '2100-02-29',
      '2021-04-31',
      '2021-13-01',
      '2021-00-10',
      '2021-01-00',
      '0000-01-01',
      '2021-1-1',
      '21-01-01',
      '2021-01-01T00:00:00Z',
      ' 2021-01-01',
      '',
      'not a date',
    ]) {
      expect(() => fiscalYearOf(bad), bad).toThrow(RangeError);
    }
  });
});

describe('fiscalYearOf with Date instants (Asia/Bangkok)', () => {
  it('uses the Bangkok calendar date around midnight of 30 Sep / 1 Oct', () => {
    // 2021-09-30T16:59:59Z = 23:59:59 on 30 Sep in Bangkok
    expect(fiscalYearOf(new Date('2021-09-30T16:59:59.999Z'))).toBe(2564);
    // 2021-09-30T17:00:00Z = 00:00 on 1 Oct in Bangkok
    expect(fiscalYearOf(new Date('2021-09-30T17:00:00Z'))).toBe(2565);
    expect(fiscalYearOf(new Date('2021-09-30T18:00:00Z'))).toBe(2565);
    // Bangkok-offset literals mean the same instants
    expect(fiscalYearOf(new Date('2021-10-01T00:00:00+07:00'))).toBe(2565);
    expect(fiscalYearOf(new Date('2021-09-30T23:59:59+07:00'))).toBe(2564);
  });

  it('uses the Bangkok calendar date around 31 Dec / 1 Jan', () => {
    expect(toBangkokIsoDate(new Date('2020-12-31T16:59:59Z'))).toBe('2020-12-31');
    expect(toBangkokIsoDate(new Date('2020-12-31T17:00:00Z'))).toBe('2021-01-01');
    expect(fiscalQuarterOf(new Date('2020-12-31T16:59:59Z'))).toBe(1);
    expect(fiscalQuarterOf(new Date('2020-12-31T17:00:00Z'))).toBe(2);
    expect(fiscalYearOf(new Date('2020-12-31T17:00:00Z'))).toBe(2564);
  });

  it('rejects an invalid Date', () => {
    expect(() => fiscalYearOf(new Date('nope'))).toThrow(RangeError);
  });
});

describe('fiscalYearRange', () => {
  it('returns inclusive ISO CE bounds', () => {
    expect(fiscalYearRange(2564)).toEqual({ start: '2020-10-01', end: '2021-09-30' });
    expect(fiscalYearRange(2543)).toEqual({ start: '1999-10-01', end: '2000-09-30' });
  });

  it('is consistent with fiscalYearOf at both ends', () => {
    for (const fy of [2543, 2563, 2564, 2567, 2600]) {
      const { start, end } = fiscalYearRange(fy);
      expect(fiscalYearOf(start)).toBe(fy);
      expect(fiscalYearOf(end)).toBe(fy);
    }
  });

  it('rejects CE years and non-integers', () => {
    expect(() => fiscalYearRange(2021)).toThrow(RangeError);
    expect(() => fiscalYearRange(2564.5)).toThrow(RangeError);
  });
});

describe('fiscalQuarterOf', () => {
  it.each([
    ['2020-10-01', 1],
    ['2020-12-31', 1],
    ['2021-01-01', 2],
    ['2021-03-31', 2],
    ['2021-04-01', 3],
    ['2021-06-30', 3],
    ['2021-07-01', 4],
    ['2021-09-30', 4],
    ['2021-10-01', 1],
  ] as const)('%s is Q%i', (date, q) => {
    expect(fiscalQuarterOf(date)).toBe(q);
  });

  it('uses Bangkok time at quarter boundaries', () => {
    expect(fiscalQuarterOf(new Date('2021-03-31T16:59:59Z'))).toBe(2);
    expect(fiscalQuarterOf(new Date('2021-03-31T17:00:00Z'))).toBe(3);
  });
});

describe('fiscalQuarterRange', () => {
  it('returns the quarter bounds', () => {
    expect(fiscalQuarterRange(2564, 1)).toEqual({ start: '2020-10-01', end: '2020-12-31' });
    expect(fiscalQuarterRange(2564, 2)).toEqual({ start: '2021-01-01', end: '2021-03-31' });
    expect(fiscalQuarterRange(2564, 3)).toEqual({ start: '2021-04-01', end: '2021-06-30' });
    expect(fiscalQuarterRange(2564, 4)).toEqual({ start: '2021-07-01', end: '2021-09-30' });
  });

  it('rejects an invalid quarter', () => {
    expect(() => fiscalQuarterRange(2564, 5 as 1)).toThrow(RangeError);
  });
});

describe('currentFiscalYear', () => {
  it('uses the injected clock in Bangkok time', () => {
    expect(currentFiscalYear(new Date('2021-09-30T16:59:59Z'))).toBe(2564);
    expect(currentFiscalYear(new Date('2021-09-30T17:00:00Z'))).toBe(2565);
  });

  it('defaults to now', () => {
    expect(currentFiscalYear()).toBe(fiscalYearOf(new Date()));
  });
});

describe('calendar helpers', () => {
  it('applies Gregorian leap-year rules', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
  });

  it('parses ISO dates strictly', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2100-02-29')).toBeNull();
  });

  it('maps instants to Bangkok calendar dates', () => {
    expect(calendarDateOf(new Date('2024-02-28T17:00:00Z'))).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    });
    expect(toBangkokIsoDate('2024-02-29')).toBe('2024-02-29');
  });
});
