// Values as people type them into the registry's forms and import files: whole numbers,
// Buddhist-era years, dates, baht, percentages, codes. Each parser returns the clean value or
// the code of what is wrong (a message key suffix: admin.error.<code>), never a guess.

import { BE_OFFSET } from './fiscal-year.ts';
import { parseBaht, type Satang } from './money.ts';
import { FUND_CODE_PATTERN, LAO_TYPES, type LaoTypeCode } from './registry.ts';
import { normalizeThaiDigits, parseThaiDate } from './thai-date.ts';

/** What can be wrong with a value; each has a message admin.error.<code> in both languages. */
export const VALUE_PROBLEMS = [
  'required',
  'tooLong',
  'wholeNumber',
  'negative',
  'populationTooLarge',
  'fiscalYear',
  'fiscalYearCe',
  'fiscalYearRange',
  'date',
  'dateRange',
  'money',
  'percent',
  'latitude',
  'longitude',
  'bankAccount',
  'phone',
  'email',
  'fundCode',
  'districtCode',
  'laoType',
] as const;
export type ValueProblem = (typeof VALUE_PROBLEMS)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem; params?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(problem: ValueProblem, params?: Record<string, string | number>): Parsed<T> =>
  params ? { ok: false, problem, params } : { ok: false, problem };

/** The population column's ceiling (fund_year.population check). */
export const MAX_POPULATION = 10_000_000;
export const MIN_FISCAL_YEAR = 2540;
export const MAX_FISCAL_YEAR = 2700;
/** Years people type at or above this are Buddhist era (as in thai-date.ts). */
const BE_THRESHOLD = 2400;

const clean = (text: string) => normalizeThaiDigits(text.trim());

/** A count such as a population: digits, optionally grouped by commas (12,345); no sign, no decimals. */
export function parseWholeNumber(text: string, max: number = Number.MAX_SAFE_INTEGER): Parsed<number> {
  const t = clean(text);
  if (/^[-−]\s*\d/.test(t)) return fail('negative');
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(t)) return fail('wholeNumber');
  const digits = t.replaceAll(',', '').replace(/^0+(?=\d)/, '');
  if (digits.length > 15 || Number(digits) > max) return fail('populationTooLarge', { max });
  return ok(Number(digits));
}

export function parsePopulation(text: string): Parsed<number> {
  return parseWholeNumber(text, MAX_POPULATION);
}

/**
 * A fiscal year in the Buddhist era (2568). A year that looks like the Common Era (2025) is
 * refused with the BE year it would be, so the person decides; it is never converted silently.
 */
export function parseFiscalYear(text: string): Parsed<number> {
  const t = clean(text);
  if (!/^\d{1,4}$/.test(t)) return fail('fiscalYear');
  const year = Number(t);
  if (year >= 1900 && year < BE_THRESHOLD) return fail('fiscalYearCe', { year, be: year + BE_OFFSET });
  if (year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) return fail('fiscalYearRange', { min: MIN_FISCAL_YEAR, max: MAX_FISCAL_YEAR });
  return ok(year);
}

/** A date typed d/m/yyyy (พ.ศ. or ค.ศ., told apart by the year) or yyyy-mm-dd; ISO CE out. */
export function parseDate(text: string): Parsed<string> {
  const iso = parseThaiDate(text);
  if (!iso) return fail('date');
  const year = Number(iso.slice(0, 4));
  // พ.ศ. 2500–2700: anything else is a typing slip (0024, 25677).
  if (year < 2500 - BE_OFFSET || year > MAX_FISCAL_YEAR - BE_OFFSET) return fail('dateRange');
  return ok(iso);
}

/** Baht as typed (1,234.50, ฿1234, 1234 บาท) → satang; negative amounts are refused. */
export function parseMoney(text: string): Parsed<Satang> {
  const amount = parseBaht(text, { allowNegative: true });
  if (amount === null) return fail('money');
  if (amount < 0) return fail('negative');
  return ok(amount);
}

/** A percentage 0–100 with at most two decimals ('30', '12.5', '40 %') → numeric text '12.50'. */
export function parsePercent(text: string): Parsed<string> {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(clean(text));
  if (!m) return fail('percent');
  const whole = Number(m[1]);
  const fraction = (m[2] ?? '').padEnd(2, '0');
  if (whole > 100 || (whole === 100 && fraction !== '00')) return fail('percent');
  return ok(`${whole}.${fraction}`);
}

function parseCoordinate(text: string, limit: number, problem: ValueProblem): Parsed<string> {
  const m = /^([-−]?)(\d{1,3})(?:\.(\d{1,6}))?$/.exec(clean(text));
  if (!m) return fail(problem);
  const whole = Number(m[2]);
  const fraction = m[3] ?? '';
  if (whole > limit || (whole === limit && /[1-9]/.test(fraction))) return fail(problem);
  const value = `${m[1] ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  return ok(value === '-0' ? '0' : value);
}

/** Decimal degrees, at most six decimals: −90…90. */
export const parseLatitude = (text: string) => parseCoordinate(text, 90, 'latitude');
/** Decimal degrees, at most six decimals: −180…180. */
export const parseLongitude = (text: string) => parseCoordinate(text, 180, 'longitude');

/** A bank account number: 10–15 digits; dashes and spaces as printed in a passbook are dropped. */
export function parseBankAccount(text: string): Parsed<string> {
  const digits = clean(text).replace(/[\s-]/g, '');
  return /^\d{10,15}$/.test(digits) ? ok(digits) : fail('bankAccount');
}

/** An office phone as written: 045-123456, 0 4581 2345 ต่อ 12, +66 45 812 345. */
export function parsePhone(text: string): Parsed<string> {
  const t = clean(text).replace(/\s+/g, ' ');
  if (t.length > 40) return fail('tooLong', { max: 40 });
  if (!/^\+?[0-9][0-9 ()/,-]*(?:\s*(?:ต่อ|ext\.?|x)\s*[0-9]+)?$/i.test(t)) return fail('phone');
  if ((t.match(/[0-9]/g) ?? []).length < 9) return fail('phone');
  return ok(t);
}

export function parseEmail(text: string): Parsed<string> {
  const t = text.trim();
  if (t.length > 200) return fail('tooLong', { max: 200 });
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) ? ok(t) : fail('email');
}

/** A fund code as the NHSO writes it (L1234 or 12345); l1234 and Thai digits are accepted. */
export function parseFundCode(text: string): Parsed<string> {
  const code = clean(text).toUpperCase();
  return FUND_CODE_PATTERN.test(code) ? ok(code) : fail('fundCode');
}

/** A 4-digit DOPA district code; whether it exists is for the database to say. */
export function parseDistrictCode(text: string): Parsed<string> {
  const code = clean(text);
  return /^\d{4}$/.test(code) ? ok(code) : fail('districtCode');
}

/** Required text of at most `max` characters, trimmed. */
export function parseName(text: string, max: number): Parsed<string> {
  const t = text.trim();
  if (t === '') return fail('required');
  if (t.length > max) return fail('tooLong', { max });
  return ok(t);
}

// How people write the local government type: the code, the short form or the full name.
const LAO_TYPE_WORDS: Record<string, LaoTypeCode> = {
  'อบจ.': 'pao',
  อบจ: 'pao',
  องค์การบริหารส่วนจังหวัด: 'pao',
  เทศบาลนคร: 'city_municipality',
  'ทน.': 'city_municipality',
  ทน: 'city_municipality',
  เทศบาลเมือง: 'town_municipality',
  'ทม.': 'town_municipality',
  ทม: 'town_municipality',
  เทศบาลตำบล: 'subdistrict_municipality',
  'ทต.': 'subdistrict_municipality',
  ทต: 'subdistrict_municipality',
  'อบต.': 'sao',
  อบต: 'sao',
  องค์การบริหารส่วนตำบล: 'sao',
};

/** A local government type by its code (sao) or its Thai name (อบต., เทศบาลตำบล …). */
export function parseLaoType(text: string): Parsed<LaoTypeCode> {
  const t = text.trim().replace(/\s+/g, '');
  const code = t.toLowerCase();
  if ((LAO_TYPES as readonly string[]).includes(code)) return ok(code as LaoTypeCode);
  const byWord = LAO_TYPE_WORDS[t];
  return byWord ? ok(byWord) : fail('laoType');
}

/** ISO date → how a Thai form shows it for editing: 1/4/2567 (th) or 2024-04-01 (en). */
export function dateForInput(iso: string | null, lang: 'th' | 'en'): string {
  if (!iso) return '';
  if (lang === 'en') return iso;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d}/${m}/${y + BE_OFFSET}`;
}
