// Thai government fiscal year (ปีงบประมาณ) and the Bangkok calendar dates it is built on.
//
// A fiscal year runs 1 Oct – 30 Sep and is named by the Buddhist-era year (พ.ศ.) in which it
// ends: 1 Oct 2020 – 30 Sep 2021 is FY 2564.
//
// Two kinds of input are accepted everywhere a date is expected:
// - an ISO calendar date string `yyyy-mm-dd` (CE, no time zone): taken literally;
// - a `Date` instant: converted to the calendar date it falls on in Asia/Bangkok.

/** A Gregorian (CE) calendar date with no time zone; month is 1–12. */
export type CalendarDate = { readonly year: number; readonly month: number; readonly day: number };

export type DateInput = Date | string;

export type FiscalQuarter = 1 | 2 | 3 | 4;

/** พ.ศ. = ค.ศ. + 543 */
export const BE_OFFSET = 543;

// Asia/Bangkok has been a fixed UTC+7 with no DST since 1920, so a constant offset is exact for
// every date this system handles and keeps the domain free of time-zone database lookups.
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

// Guard for fiscal-year numbers: a BE year below this is almost certainly a CE year passed by
// mistake (FY "2021" would mean 1478 CE). The same 2400 threshold is used when parsing user input.
const MIN_FISCAL_YEAR_BE = 2400;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(ceYear: number): boolean {
  return (ceYear % 4 === 0 && ceYear % 100 !== 0) || ceYear % 400 === 0;
}

export function daysInMonth(ceYear: number, month: number): number {
  if (month === 2) return isLeapYear(ceYear) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real Gregorian date in years 1–9999. */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Strict `yyyy-mm-dd` parse; returns null for malformed text or impossible dates (2023-02-29). */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidCalendarDate(year, month, day) ? { year, month, day } : null;
}

/** The calendar date of `input` in Asia/Bangkok. Throws RangeError on invalid input. */
export function calendarDateOf(input: DateInput): CalendarDate {
  if (typeof input === 'string') {
    const parsed = parseIsoDate(input);
    if (!parsed) throw new RangeError(`Invalid ISO date: ${JSON.stringify(input)}`);
    return parsed;
  }
  if (!(input instanceof Date)) throw new TypeError('Expected a Date or an ISO date string');
  const ms = input.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  // Shift the instant so its UTC fields read as Bangkok wall-clock fields.
  const shifted = new Date(ms + BANGKOK_OFFSET_MS);
  const date = {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
  if (!isValidCalendarDate(date.year, date.month, date.day)) {
    throw new RangeError('Date is outside the supported years 1–9999');
  }
  return date;
}

export function formatIsoDate(date: CalendarDate): string {
  const y = String(date.year).padStart(4, '0');
  const m = String(date.month).padStart(2, '0');
  const d = String(date.day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** ISO `yyyy-mm-dd` (CE) of `input` in Asia/Bangkok; also validates/normalises ISO strings. */
export function toBangkokIsoDate(input: DateInput): string {
  return formatIsoDate(calendarDateOf(input));
}

function assertYear(year: number): void {
  if (!Number.isSafeInteger(year)) throw new RangeError(`Year must be an integer: ${year}`);
}

export function beToCe(beYear: number): number {
  assertYear(beYear);
  return beYear - BE_OFFSET;
}

export function ceToBe(ceYear: number): number {
  assertYear(ceYear);
  return ceYear + BE_OFFSET;
}

/** Fiscal year (BE) containing `input`. */
export function fiscalYearOf(input: DateInput): number {
  const { year, month } = calendarDateOf(input);
  // October onwards belongs to the fiscal year that ends next calendar year.
  return ceToBe(month >= 10 ? year + 1 : year);
}

/** Quarter of the fiscal year: Q1 = Oct–Dec, Q2 = Jan–Mar, Q3 = Apr–Jun, Q4 = Jul–Sep. */
export function fiscalQuarterOf(input: DateInput): FiscalQuarter {
  const { month } = calendarDateOf(input);
  if (month >= 10) return 1;
  if (month <= 3) return 2;
  if (month <= 6) return 3;
  return 4;
}

function assertFiscalYear(fyBe: number): void {
  assertYear(fyBe);
  if (fyBe < MIN_FISCAL_YEAR_BE || fyBe - BE_OFFSET > 9999) {
    throw new RangeError(`Fiscal year must be a Buddhist-era year (e.g. 2564), got ${fyBe}`);
  }
}

/** First and last day (inclusive, ISO CE dates) of fiscal year `fyBe`. */
export function fiscalYearRange(fyBe: number): { start: string; end: string } {
  assertFiscalYear(fyBe);
  const endCe = fyBe - BE_OFFSET;
  return {
    start: formatIsoDate({ year: endCe - 1, month: 10, day: 1 }),
    end: formatIsoDate({ year: endCe, month: 9, day: 30 }),
  };
}

/** First and last day (inclusive, ISO CE dates) of quarter `quarter` of fiscal year `fyBe`. */
export function fiscalQuarterRange(
  fyBe: number,
  quarter: FiscalQuarter,
): { start: string; end: string } {
  assertFiscalYear(fyBe);
  if (quarter !== 1 && quarter !== 2 && quarter !== 3 && quarter !== 4) {
    throw new RangeError(`Quarter must be 1–4, got ${quarter}`);
  }
  const endCe = fyBe - BE_OFFSET;
  const startMonth = quarter === 1 ? 10 : quarter * 3 - 5; // Q2→1, Q3→4, Q4→7
  const year = quarter === 1 ? endCe - 1 : endCe;
  const endMonth = startMonth + 2;
  return {
    start: formatIsoDate({ year, month: startMonth, day: 1 }),
    end: formatIsoDate({ year, month: endMonth, day: daysInMonth(year, endMonth) }),
  };
}

/** Fiscal year (BE) of `now` in Bangkok; `now` is injectable so callers and tests stay deterministic. */
export function currentFiscalYear(now: Date = new Date()): number {
  return fiscalYearOf(now);
}
