// Display and parsing of dates the way Thai users read and type them.
//
// Decision: Thai output uses the Buddhist era (พ.ศ.), as every Thai government document does;
// English output uses the Common Era, because English-speaking readers (auditors, donors) expect
// CE dates. Fiscal-year labels keep the BE number in both languages since that is the official
// name of the year, with the CE span added in English.

import {
  BE_OFFSET,
  type CalendarDate,
  calendarDateOf,
  type DateInput,
  fiscalYearRange,
  formatIsoDate,
  isValidCalendarDate,
} from './fiscal-year.ts';

export type Lang = 'th' | 'en';
export type DateStyle = 'long' | 'short';

// Years typed at or above this are taken as BE: 2400 BE is 1857 CE, and no CE year this system
// sees is anywhere near 2400, so the two ranges cannot be confused.
const BE_THRESHOLD = 2400;

// `nu-latn` pins Arabic digits: Thai-locale ICU data may otherwise choose Thai digits (๒๕๖๔).
const formatters: Record<Lang, Record<DateStyle, Intl.DateTimeFormat>> = {
  th: {
    long: makeFormatter('th-TH-u-ca-buddhist-nu-latn', 'long'),
    short: makeFormatter('th-TH-u-ca-buddhist-nu-latn', 'short'),
  },
  en: {
    long: makeFormatter('en-GB-u-ca-gregory-nu-latn', 'long'),
    short: makeFormatter('en-GB-u-ca-gregory-nu-latn', 'short'),
  },
};

function makeFormatter(locale: string, month: DateStyle): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Bangkok',
    day: 'numeric',
    month,
    year: 'numeric',
  });
}

/**
 * `21 มิถุนายน 2564` (th long), `21 มิ.ย. 2564` (th short), `21 June 2021` (en long),
 * `21 Jun 2021` (en short). Date instants are shown as their Asia/Bangkok calendar date.
 */
export function formatThaiDate(
  date: DateInput,
  lang: Lang = 'th',
  style: DateStyle = 'long',
): string {
  const formatter = formatters[lang]?.[style];
  if (!formatter) throw new RangeError(`Unsupported lang/style: ${lang}/${style}`);
  return formatter.format(noonUtc(calendarDateOf(date)));
}

// Resolve the Bangkok calendar date once (fiscal-year.ts) and hand Intl an instant at 12:00 UTC
// (19:00 in Bangkok) so Intl can only ever print that same day. Note: ICU switches to the Julian
// calendar before 15 Oct 1582, so dates earlier than that would print differently; irrelevant here.
function noonUtc(date: CalendarDate): Date {
  const instant = new Date(Date.UTC(2000, 0, 1, 12));
  instant.setUTCFullYear(date.year, date.month - 1, date.day); // avoids Date.UTC's 0–99 → 19xx quirk
  return instant;
}

/** `ปีงบประมาณ 2564` / `Fiscal year 2564 (2020–21)`. */
export function formatFiscalYear(fyBe: number, lang: Lang = 'th'): string {
  const { start, end } = fiscalYearRange(fyBe); // validates fyBe
  if (lang === 'th') return `ปีงบประมาณ ${fyBe}`;
  if (lang !== 'en') throw new RangeError(`Unsupported lang: ${lang}`);
  const startCe = start.slice(0, 4);
  const endCe = end.slice(0, 4);
  // Abbreviate the end year only when the century is unchanged: 2020–21, but 1999–2000.
  const endLabel = startCe.slice(0, 2) === endCe.slice(0, 2) ? endCe.slice(2) : endCe;
  return `Fiscal year ${fyBe} (${Number(startCe)}–${endLabel})`;
}

const THAI_DIGITS = /[๐-๙]/g;
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Thai digits ๐–๙ → 0–9, since some Thai keyboards and forms produce them. */
export function normalizeThaiDigits(text: string): string {
  return text.replace(THAI_DIGITS, (c) => String(c.charCodeAt(0) - 0x0e50));
}

/**
 * Parse a date typed by a user: `yyyy-mm-dd` or `d/m/yyyy` (day first, as in Thailand).
 * A year ≥ 2400 is BE, otherwise CE. Returns the ISO CE date, or null when the text is
 * malformed or names a date that does not exist (leap years are checked on the CE year).
 */
export function parseThaiDate(text: string): string | null {
  if (typeof text !== 'string') return null;
  const normalized = normalizeThaiDigits(text.trim());
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_LIKE.exec(normalized);
  const slashed = iso ? null : SLASHED.exec(normalized);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else if (slashed) {
    day = Number(slashed[1]);
    month = Number(slashed[2]);
    year = Number(slashed[3]);
  } else {
    return null;
  }
  if (year >= BE_THRESHOLD) year -= BE_OFFSET;
  if (!isValidCalendarDate(year, month, day)) return null;
  return formatIsoDate({ year, month, day });
}

const monthFormatters: Record<Lang, Intl.DateTimeFormat> = {
  th: new Intl.DateTimeFormat('th-TH-u-ca-buddhist-nu-latn', { timeZone: 'Asia/Bangkok', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB-u-ca-gregory-nu-latn', { timeZone: 'Asia/Bangkok', month: 'long', year: 'numeric' }),
};

/** A month by its first day: `พฤศจิกายน 2569` / `November 2026`. */
export function formatThaiMonth(month: DateInput, lang: Lang = 'th'): string {
  return monthFormatters[lang].format(noonUtc(calendarDateOf(month)));
}
