import thaiBahtTextModule from 'thai-baht-text';
import { describe, expect, it } from 'vitest';
import {
  addSatang,
  bahtText,
  compareSatang,
  formatBaht,
  fromNumeric,
  MAX_SATANG,
  multiplySatang,
  parseBaht,
  percentOf,
  type Satang,
  satang,
  subtractSatang,
  sumSatang,
  toNumeric,
} from '../../src/domain/money.ts';

// Same interop cast as in money.ts (see there).
const ThaiBahtText = thaiBahtTextModule as unknown as (input: number | string) => string;

const s = satang;

describe('satang', () => {
  it('accepts safe integers', () => {
    expect(s(0)).toBe(0);
    expect(s(-1)).toBe(-1);
    expect(s(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('normalises -0 to 0', () => {
    expect(Object.is(s(-0), 0)).toBe(true);
  });

  it('rejects anything else', () => {
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => s(bad), String(bad)).toThrow(RangeError);
    }
  });
});

describe('parseBaht', () => {
  it.each([
    ['1234', 123_400],
    ['1,234', 123_400],
    ['1,234.5', 123_450],
    ['1,234.50', 123_450],
    [' 1234.50 บาท', 123_450],
    ['1234.50บาท', 123_450],
    ['12 baht', 1_200],
    ['฿1,234.00', 123_400],
    ['0.01', 1],
    ['0', 0],
    ['0.00', 0],
    ['007', 700],
    ['1,234,567.25', 123_456_725],
    ['99,999,999.99', 9_999_999_999],
    ['999,999,999,999.99', 99_999_999_999_999],
    ['999999999999.99', 99_999_999_999_999],
    ['๑,๒๓๔.๕๐', 123_450],
  ])('%j → %i satang', (text, expected) => {
    expect(parseBaht(text)).toBe(expected);
  });

  it('rejects malformed input', () => {
    for (const bad of [
      '',
      '   ',
      'บาท',
      '1.234',
      '1.2.3',
      '12.345',
      '1,23,4',
      '1,2345',
      '12,34',
      ',123',
      '1,234,',
      '1234,567',
      '1,234.',
      '.5',
      '1 234',
      'abc',
      '12a',
      '1e3',
      '0x10',
      '+5',
      'NaN',
      'Infinity',
      '--5',
      '5-',
    ]) {
      expect(parseBaht(bad), bad).toBeNull();
    }
  });

  it('rejects amounts over the numeric(14,2) maximum', () => {
    expect(parseBaht('1,000,000,000,000')).toBeNull();
    expect(parseBaht('1000000000000.00')).toBeNull();
    expect(parseBaht('9999999999999999999')).toBeNull();
  });

  it('rejects negatives unless allowed', () => {
    expect(parseBaht('-5.25')).toBeNull();
    expect(parseBaht('-5.25', { allowNegative: false })).toBeNull();
    expect(parseBaht('-5.25', { allowNegative: true })).toBe(-525);
    expect(parseBaht('-1,234.5 บาท', { allowNegative: true })).toBe(-123_450);
    expect(parseBaht('-999,999,999,999.99', { allowNegative: true })).toBe(-MAX_SATANG);
    expect(parseBaht('-1,000,000,000,000', { allowNegative: true })).toBeNull();
  });

  it('never returns -0', () => {
    expect(Object.is(parseBaht('-0.00', { allowNegative: true }), 0)).toBe(true);
  });

  it('is exact where parseFloat * 100 is not', () => {
    expect(Number.parseFloat('1.15') * 100).not.toBe(115);
    expect(parseBaht('1.15')).toBe(115);
    expect(parseBaht('4.35')).toBe(435);
    expect(parseBaht('0.29')).toBe(29);
  });
});

describe('fromNumeric / toNumeric', () => {
  it.each([
    ['1234.50', 123_450],
    ['-0.01', -1],
    ['12', 1_200],
    ['0', 0],
    ['0.00', 0],
    ['0.5', 50],
    ['1.500', 150],
    ['999999999999.99', 99_999_999_999_999],
    ['-999999999999.99', -99_999_999_999_999],
  ])('fromNumeric(%j) = %i', (text, expected) => {
    expect(fromNumeric(text)).toBe(expected);
  });

  it('accepts sums larger than one column, up to the safe-integer limit', () => {
    expect(fromNumeric('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => fromNumeric('90071992547409.92')).toThrow(RangeError);
  });

  it('throws on invalid or inexact text', () => {
    for (const bad of ['', 'NaN', 'Infinity', '1.234', '1.001', '1,234.00', 'abc', '1e3', '.5']) {
      expect(() => fromNumeric(bad), bad).toThrow(RangeError);
    }
  });

  it.each([
    [123_450, '1234.50'],
    [-1, '-0.01'],
    [1_200, '12.00'],
    [0, '0.00'],
    [5, '0.05'],
    [-123_400, '-1234.00'],
    [99_999_999_999_999, '999999999999.99'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('toNumeric(%i) = %j', (value, expected) => {
    expect(toNumeric(s(value))).toBe(expected);
  });

  it('round-trips', () => {
    for (const text of ['0.00', '0.01', '-0.01', '1234.50', '99999999.99', '999999999999.99']) {
      expect(toNumeric(fromNumeric(text))).toBe(text);
    }
    for (const n of [0, 1, -1, 99, 100, 101, 123_456_789, -MAX_SATANG, MAX_SATANG]) {
      expect(fromNumeric(toNumeric(s(n)))).toBe(n);
    }
  });
});

describe('formatBaht', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatBaht(s(123_456_725))).toBe('1,234,567.25 บาท');
    expect(formatBaht(s(123_456_725), { lang: 'en' })).toBe('1,234,567.25 baht');
    expect(formatBaht(s(123_456_725), { unit: false })).toBe('1,234,567.25');
    expect(formatBaht(s(0))).toBe('0.00 บาท');
    expect(formatBaht(s(1))).toBe('0.01 บาท');
    expect(formatBaht(s(100_000))).toBe('1,000.00 บาท');
    expect(formatBaht(s(99_999))).toBe('999.99 บาท');
    expect(formatBaht(MAX_SATANG)).toBe('999,999,999,999.99 บาท');
  });

  it('puts the sign in front', () => {
    expect(formatBaht(s(-123_400))).toBe('-1,234.00 บาท');
    expect(formatBaht(s(-1), { lang: 'en' })).toBe('-0.01 baht');
    expect(formatBaht(s(-123_400), { unit: false })).toBe('-1,234.00');
  });
});

describe('bahtText', () => {
  it.each([
    [1, 'หนึ่งสตางค์'],
    [0, 'ศูนย์บาทถ้วน'],
    [100, 'หนึ่งบาทถ้วน'],
    [2_100, 'ยี่สิบเอ็ดบาทถ้วน'],
    [10_100, 'หนึ่งร้อยเอ็ดบาทถ้วน'],
    [9_999_999_999, 'เก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์'],
    [10, 'สิบสตางค์'],
    [11, 'สิบเอ็ดสตางค์'],
    [21, 'ยี่สิบเอ็ดสตางค์'],
    [1_001, 'สิบบาทหนึ่งสตางค์'],
    [2_150, 'ยี่สิบเอ็ดบาทห้าสิบสตางค์'],
    [115, 'หนึ่งบาทสิบห้าสตางค์'],
    [100_000_000, 'หนึ่งล้านบาทถ้วน'],
    [2_100_000_000, 'ยี่สิบเอ็ดล้านบาทถ้วน'],
    [
      99_999_999_999_999,
      'เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์',
    ],
    [-525, 'ลบห้าบาทยี่สิบห้าสตางค์'],
  ])('%i satang → %s', (value, expected) => {
    expect(bahtText(s(value))).toBe(expected);
  });

  it('agrees with thai-baht-text for positive amounts given as exact strings', () => {
    const samples = [1, 5, 99, 100, 101, 1_010, 12_345, 100_001, 200_000_001, 123_456_789_012];
    for (const n of samples) {
      expect(bahtText(s(n))).toBe(ThaiBahtText(toNumeric(s(n))));
    }
  });

  it('rejects amounts beyond numeric(14,2)', () => {
    expect(() => bahtText(s(MAX_SATANG + 1))).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('adds and subtracts exactly', () => {
    expect(addSatang(s(10), s(20))).toBe(30);
    expect(subtractSatang(s(10), s(25))).toBe(-15);
    expect(() => addSatang(s(Number.MAX_SAFE_INTEGER), s(1))).toThrow(RangeError);
  });

  it('sums lists', () => {
    expect(sumSatang([])).toBe(0);
    expect(sumSatang([s(10), s(20), s(-5)])).toBe(25);
    // 0.1 + 0.2 in baht
    expect(sumSatang([parseBaht('0.1')!, parseBaht('0.2')!])).toBe(30);
    expect(() => sumSatang([s(Number.MAX_SAFE_INTEGER), s(1)])).toThrow(RangeError);
  });

  it('multiplies unit cost × units × times', () => {
    expect(multiplySatang(s(2_500), 50, 2)).toBe(250_000); // 25 บาท × 50 คน × 2 มื้อ
    expect(multiplySatang(s(2_500))).toBe(2_500);
    expect(multiplySatang(s(2_500), 0)).toBe(0);
    expect(Object.is(multiplySatang(s(-100), 0), 0)).toBe(true);
    expect(multiplySatang(s(-100), 3)).toBe(-300);
    expect(multiplySatang(MAX_SATANG, 1)).toBe(MAX_SATANG);
  });

  it('rejects invalid factors', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => multiplySatang(s(100), bad), String(bad)).toThrow(RangeError);
    }
  });

  it('throws when the product exceeds numeric(14,2) or the safe-integer range', () => {
    expect(() => multiplySatang(MAX_SATANG, 2)).toThrow(RangeError);
    expect(() => multiplySatang(s(50_000_000_000_000), 2)).toThrow(RangeError);
    expect(() => multiplySatang(s(1_000_000), 1_000_000, 1_000_000)).toThrow(RangeError);
    expect(() => multiplySatang(s(3), Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => multiplySatang(s(-MAX_SATANG), 2)).toThrow(RangeError);
    expect(() => multiplySatang(s(MAX_SATANG + 1))).toThrow(RangeError);
  });

  it('computes display percentages to 2 decimals', () => {
    expect(percentOf(s(1), s(3))).toBe(33.33);
    expect(percentOf(s(2), s(3))).toBe(66.67);
    expect(percentOf(s(1), s(8))).toBe(12.5);
    expect(percentOf(s(1), s(20_000))).toBe(0.01); // exactly half a basis point rounds up
    expect(percentOf(s(-2), s(3))).toBe(-66.67);
    expect(percentOf(s(150), s(100))).toBe(150);
    expect(percentOf(s(0), s(100))).toBe(0);
    expect(percentOf(s(5), s(0))).toBe(0);
    expect(percentOf(MAX_SATANG, MAX_SATANG)).toBe(100);
  });

  it('compares', () => {
    expect(compareSatang(s(1), s(2))).toBe(-1);
    expect(compareSatang(s(2), s(1))).toBe(1);
    expect(compareSatang(s(2), s(2))).toBe(0);
    const list: Satang[] = [s(300), s(-5), s(20)];
    expect(list.sort(compareSatang)).toEqual([-5, 20, 300]);
  });
});
