// A fund's year in figures: what NHSO is expected to transfer and the least the local
// government must add (domain.md §1). Pure integer arithmetic in satang; rates stay exact text.

import { MAX_SATANG, multiplySatang, type Satang, satang } from './money.ts';

const PERCENT_TEXT = /^(\d{1,3})(?:\.(\d+))?$/;

/**
 * A percentage as stored in numeric(5,2) ('30.00', '12.5', '40') → basis points (3000, 1250,
 * 4000). Throws on anything that is not 0–100 with at most two significant decimals.
 */
export function percentToBasisPoints(text: string): number {
  const m = typeof text === 'string' ? PERCENT_TEXT.exec(text.trim()) : null;
  if (!m) throw new RangeError(`Not a percentage: ${JSON.stringify(text)}`);
  const fraction = m[2] ?? '';
  if (/[1-9]/.test(fraction.slice(2))) throw new RangeError(`Percentage has more than two decimals: ${text}`);
  const bp = Number(m[1]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (bp > 10_000) throw new RangeError(`Percentage above 100: ${text}`);
  return bp;
}

export interface FundYearInputs {
  /** People registered in the fund's area (civil registry, 1 April of the year before). */
  population: number;
  /** NHSO per-capita rate of the rule set in force that year. */
  perCapita: Satang;
  /** Minimum co-funding rate of the fund's income band, as numeric text ('30.00'). */
  minRatePercent: string;
  /** What the local government budgeted as co-funding; null when not entered yet. */
  cofundingBudget: Satang | null;
}

export interface FundYearFigures {
  /** population × per-capita rate. */
  nhsoEstimate: Satang;
  /** The NHSO estimate × the minimum rate, rounded up to the satang. */
  minimumCofunding: Satang;
  /** Whether the budgeted co-funding reaches the minimum; null when nothing is budgeted. */
  meetsMinimum: boolean | null;
}

/**
 * The estimated NHSO transfer and the minimum local co-funding for one fund year. The minimum
 * is rounded up, so a budget that meets it to the satang meets the rate exactly or better.
 */
export function fundYearFigures(input: FundYearInputs): FundYearFigures {
  if (!Number.isSafeInteger(input.population) || input.population < 0) {
    throw new RangeError(`Population must be a non-negative integer, got ${input.population}`);
  }
  if (satang(input.perCapita) < 0) throw new RangeError('Per-capita rate must not be negative');
  const nhsoEstimate = multiplySatang(input.perCapita, input.population);
  const bp = BigInt(percentToBasisPoints(input.minRatePercent));
  const scaled = BigInt(nhsoEstimate) * bp;
  const minimum = (scaled + 9_999n) / 10_000n; // ceiling division of non-negative integers
  if (minimum > BigInt(MAX_SATANG)) throw new RangeError('Minimum co-funding exceeds numeric(14,2)');
  const minimumCofunding = satang(Number(minimum));
  const meetsMinimum = input.cofundingBudget === null ? null : satang(input.cofundingBudget) >= minimumCofunding;
  return { nhsoEstimate, minimumCofunding, meetsMinimum };
}

/** A versioned rule row: in force from its fiscal year until the next one starts. */
export interface Versioned {
  effectiveFromFiscalYear: number;
}

/** The rule in force in `fiscalYear`: the greatest effective-from year not after it, or null. */
export function ruleInForce<R extends Versioned>(rules: readonly R[], fiscalYear: number): R | null {
  let best: R | null = null;
  for (const rule of rules) {
    if (rule.effectiveFromFiscalYear <= fiscalYear && (!best || rule.effectiveFromFiscalYear > best.effectiveFromFiscalYear)) {
      best = rule;
    }
  }
  return best;
}
