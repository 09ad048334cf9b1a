// Money as integer satang (สตางค์; 100 satang = 1 baht). Floating-point baht is never used:
// 0.1 + 0.2 style errors are unacceptable in fund accounts, and integers add exactly.
//
// Limits: every Satang is a safe integer (exact arithmetic). Amounts a user enters or that come
// from multiplication are also held to the database column type numeric(14,2), i.e. at most
// 999,999,999,999.99 baht. Sums are only held to the safe-integer limit, because aggregates
// (e.g. SUM over many years) legitimately exceed a single column's range.

import thaiBahtTextModule from 'thai-baht-text';

// thai-baht-text is CommonJS whose `module.exports` is the function itself. Its named exports
// are assigned to the discarded original `exports` object, so `import { ThaiBahtText }` is
// undefined under native Node ESM (though bundlers hide this); only the default import works.
// Its index.d.ts types that default as the namespace under `nodenext`, hence the cast.
const ThaiBahtText = thaiBahtTextModule as unknown as (input: number | string) => string;

export type Satang = number & { readonly __brand: 'Satang' };

/** 999,999,999,999.99 baht: the largest value numeric(14,2) can hold. */
export const MAX_SATANG = 99_999_999_999_999 as Satang;
export const ZERO_SATANG = 0 as Satang;

const MAX_BAHT_DIGITS = 12; // integer digits of numeric(14,2)

export function isSatang(n: unknown): n is Satang {
  return Number.isSafeInteger(n);
}

/** Brand a number as Satang; throws unless it is a safe integer. */
export function satang(n: number): Satang {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Satang must be a safe integer, got ${n}`);
  return (n + 0) as Satang; // `+ 0` turns -0 into 0 so equality checks behave
}

function checkedResult(n: number, what: string): Satang {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} overflows the safe-integer range`);
  return (n + 0) as Satang;
}

export type ParseBahtOptions = { allowNegative?: boolean };

// Integer part: plain digits, or digits correctly grouped in threes by commas (1,234,567).
// Fraction: one or two digits. Anything else (1,23,4 / 1.234 / 1e3 / .5) is rejected.
const BAHT_INPUT = /^([-−])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;
const UNIT_SUFFIX = /\s*(?:บาท|baht)$/i;
const CURRENCY_PREFIX = /^฿\s*/;
const THAI_DIGITS = /[๐-๙]/g;

// Thai digits ๐–๙ → 0–9 (kept local so money does not depend on the date module).
function normalizeThaiDigits(text: string): string {
  return text.replace(THAI_DIGITS, (c) => String(c.charCodeAt(0) - 0x0e50));
}

/**
 * Parse an amount as a Thai user types it: `1234`, `1,234.5`, `1,234.50`, ` 1234.50 บาท`,
 * `฿1,234`. Negative amounts only with `allowNegative`. Returns null for anything malformed,
 * more than two decimals, or beyond numeric(14,2). Pure string work: no parseFloat.
 */
export function parseBaht(text: string, options: ParseBahtOptions = {}): Satang | null {
  if (typeof text !== 'string') return null;
  const cleaned = normalizeThaiDigits(text.trim())
    .replace(UNIT_SUFFIX, '')
    .replace(CURRENCY_PREFIX, '');
  const m = BAHT_INPUT.exec(cleaned);
  if (!m) return null;
  const negative = m[1] !== undefined;
  if (negative && !options.allowNegative) return null;
  const intDigits = (m[2] ?? '').replaceAll(',', '').replace(/^0+(?=\d)/, '');
  if (intDigits.length > MAX_BAHT_DIGITS) return null;
  const fraction = (m[3] ?? '').padEnd(2, '0');
  // At most 14 digits, so Number() of the digit string is exact.
  const magnitude = Number(intDigits + fraction);
  return satang(negative ? -magnitude : magnitude);
}

const NUMERIC_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Exact conversion of a PostgreSQL numeric string (`"1234.50"`, `"-0.01"`, `"12"`). Extra
 * decimals are allowed only if they are zeros (`"1.500"`); anything that would lose precision,
 * NaN/Infinity, or a value outside the safe-integer range throws.
 */
export function fromNumeric(text: string): Satang {
  const m = typeof text === 'string' ? NUMERIC_TEXT.exec(text.trim()) : null;
  if (!m) throw new RangeError(`Not a numeric amount: ${JSON.stringify(text)}`);
  const fraction = m[3] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) {
    throw new RangeError(`Amount has sub-satang precision: ${text}`);
  }
  const digits = (m[2] ?? '') + fraction.slice(0, 2).padEnd(2, '0');
  const magnitude = Number(digits);
  // Number() of a long digit string rounds silently; the safe-integer check catches that.
  if (!Number.isSafeInteger(magnitude)) throw new RangeError(`Amount too large: ${text}`);
  return satang(m[1] ? -magnitude : magnitude);
}

function splitSatang(s: Satang): { negative: boolean; baht: number; fraction: number } {
  const abs = Math.abs(s);
  const fraction = abs % 100;
  return { negative: s < 0, baht: (abs - fraction) / 100, fraction };
}

/** `"1234.50"`, `"-0.01"`: the string form to send to a numeric column. */
export function toNumeric(s: Satang): string {
  const { negative, baht, fraction } = splitSatang(satang(s));
  return `${negative ? '-' : ''}${baht}.${String(fraction).padStart(2, '0')}`;
}

export type FormatBahtOptions = { lang?: 'th' | 'en'; unit?: boolean };

/** `1,234,567.25 บาท`, `1,234,567.25 baht`, or `1,234,567.25` without the unit. */
export function formatBaht(s: Satang, options: FormatBahtOptions = {}): string {
  const { lang = 'th', unit = true } = options;
  const { negative, baht, fraction } = splitSatang(satang(s));
  // Grouping by hand: deterministic across ICU versions and never goes through a float.
  const grouped = String(baht).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${negative ? '-' : ''}${grouped}.${String(fraction).padStart(2, '0')}`;
  if (!unit) return amount;
  return `${amount} ${lang === 'en' ? 'baht' : 'บาท'}`;
}

// What thai-baht-text 2.0.5 does (checked against its dist source and by running it):
// - It round-trips input through parseFloat and truncates (does not round) to 2 decimals.
// - 0 gives '' (empty string), not ศูนย์บาทถ้วน.
// - Negative numbers give garbage such as 'undefinedสิบห้าบาทถ้วน'.
// - Exponent-form numbers (1e21) give 'undefined' fragments.
// - For positive integers up to 12 digits it is correct: 1 → หนึ่งบาทถ้วน, 21 → ยี่สิบเอ็ดบาทถ้วน,
//   101 → หนึ่งร้อยเอ็ดบาทถ้วน, 1,000,001 → หนึ่งล้านเอ็ดบาทถ้วน, and 0.01 → หนึ่งสตางค์.
// So we only ever give it positive integers (baht and satang separately, both exact as floats)
// and handle zero, the sign, and the joining ourselves.
const WHOLE_BAHT_SUFFIX = 'บาทถ้วน';

function integerWords(n: number): string {
  const text = ThaiBahtText(n);
  if (!text.endsWith(WHOLE_BAHT_SUFFIX)) {
    throw new Error(`thai-baht-text returned unexpected text for ${n}: ${text}`);
  }
  return text.slice(0, -WHOLE_BAHT_SUFFIX.length);
}

/** Amount in Thai words as written on cheques and receipts: 21.50 → ยี่สิบเอ็ดบาทห้าสิบสตางค์. */
export function bahtText(s: Satang): string {
  const { negative, baht, fraction } = splitSatang(satang(s));
  if (Math.abs(s) > MAX_SATANG) throw new RangeError('Amount exceeds numeric(14,2)');
  let words: string;
  if (baht === 0 && fraction === 0) words = 'ศูนย์บาทถ้วน';
  else if (fraction === 0) words = `${integerWords(baht)}บาทถ้วน`;
  else if (baht === 0) words = `${integerWords(fraction)}สตางค์`;
  else words = `${integerWords(baht)}บาท${integerWords(fraction)}สตางค์`;
  return negative ? `ลบ${words}` : words; // ลบ = minus
}

export function addSatang(a: Satang, b: Satang): Satang {
  return checkedResult(satang(a) + satang(b), 'Sum');
}

export function subtractSatang(a: Satang, b: Satang): Satang {
  return checkedResult(satang(a) - satang(b), 'Difference');
}

export function sumSatang(list: Iterable<Satang>): Satang {
  let total = 0;
  for (const s of list) {
    // Checking every step keeps each partial sum exact, so the final check is meaningful.
    total = checkedResult(total + satang(s), 'Sum');
  }
  return total as Satang;
}

/**
 * unit cost × units × times (e.g. ค่าอาหารว่าง 25 บาท × 50 คน × 2 มื้อ). Factors must be
 * non-negative safe integers: fractional quantities would need a rounding policy, which is a
 * business decision rather than arithmetic. Throws if the result exceeds numeric(14,2).
 */
export function multiplySatang(unitCost: Satang, ...factors: number[]): Satang {
  let result: number = satang(unitCost);
  for (const f of factors) {
    if (!Number.isSafeInteger(f) || f < 0) {
      throw new RangeError(`Factor must be a non-negative integer, got ${f}`);
    }
    result *= f;
    // Every partial result within the limit is below 2^53, so each product is computed exactly;
    // a product that overflowed is still far above the limit, so this check cannot be fooled.
    if (Math.abs(result) > MAX_SATANG) {
      throw new RangeError('Product exceeds numeric(14,2)');
    }
  }
  if (Math.abs(result) > MAX_SATANG) throw new RangeError('Product exceeds numeric(14,2)');
  return (result + 0) as Satang;
}

/**
 * part / whole as a percentage rounded to 2 decimals (whole basis points, half away from zero),
 * for display only. Computed with BigInt so large amounts do not lose precision. A zero whole
 * returns 0 (nothing budgeted → show 0%) rather than NaN or Infinity, which screens cannot show.
 */
export function percentOf(part: Satang, whole: Satang): number {
  let num = BigInt(satang(part)) * 10_000n;
  let den = BigInt(satang(whole));
  if (den === 0n) return 0;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  let bp = num / den;
  const rem = num % den;
  const absRem = rem < 0n ? -rem : rem;
  if (absRem * 2n >= den) bp += num < 0n ? -1n : 1n;
  return Number(bp) / 100 + 0;
}

/** -1, 0 or 1; usable directly as an Array.prototype.sort comparator. */
export function compareSatang(a: Satang, b: Satang): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
