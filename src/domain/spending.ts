import { fiscalQuarterRange, type FiscalQuarter } from './fiscal-year.ts';
import { addSatang, percentOf, type Satang, subtractSatang, sumSatang } from './money.ts';

// The oversight thresholds of a fund's year (domain.md §4.12), from its postings: how much of
// the money it had was spent, and by when; how much went to people's groups and to its own
// administration; whether the local government paid its share in the first quarter.

export type Verdict = 'met' | 'not_met' | 'pending';

export interface SpendingFacts {
  fiscalYear: number;
  /** The bank balance at the start of the year. */
  carriedForward: Satang;
  /** Receipts of the year from NHSO, co-funding, interest and donations (refunds apart). */
  income: Satang;
  /** Refunds from projects in the year: money back, and spending undone. */
  refunds: Satang;
  /** Payments of the year by month (first day, ISO), all categories. */
  paidByMonth: ReadonlyMap<string, Satang>;
  /** Of the payments: to people's groups (organisation type 5). */
  peoplesGroupPaid: Satang;
  /** Of the payments: 10(4) administration and development. */
  adminPaid: Satang;
  /** The first date co-funding (40200) came in during the year, or null. */
  cofundingFirstMonth: string | null;
  /** Facts are counted up to this date (today, or the end of the last closed month). */
  asOf: string;
}

export interface SpendingIndicator {
  rule: 'q2' | 'q3' | 'q4' | 'peoples_group' | 'admin_share' | 'cofunding_q1';
  /** The measured share in percent (2 decimals), or the quarter co-funding came in. */
  value: number | null;
  threshold: number;
  verdict: Verdict;
}

export interface SpendingSummary {
  available: Satang;
  spent: Satang;
  rateOfAvailable: number;
  rateOfIncome: number;
  indicators: SpendingIndicator[];
}

/** part ≥ percent % of whole, exactly (no rounding of the share). */
function atLeast(part: Satang, whole: Satang, percent: number): boolean {
  return BigInt(part) * 100n >= BigInt(whole) * BigInt(percent);
}

const MILESTONES: { rule: 'q2' | 'q3' | 'q4'; quarter: FiscalQuarter; percent: number }[] = [
  { rule: 'q2', quarter: 2, percent: 20 },
  { rule: 'q3', quarter: 3, percent: 50 },
  { rule: 'q4', quarter: 4, percent: 80 },
];
const PEOPLES_GROUP_MIN = 40;
const ADMIN_MAX = 15;

function quarterOfMonth(fiscalYear: number, month: string): FiscalQuarter | null {
  for (const q of [1, 2, 3, 4] as const) {
    const range = fiscalQuarterRange(fiscalYear, q);
    if (month >= range.start && month <= range.end) return q;
  }
  return null;
}

export function spendingSummary(facts: SpendingFacts): SpendingSummary {
  const available = addSatang(addSatang(facts.carriedForward, facts.income), facts.refunds);
  const paid = sumSatang(facts.paidByMonth.values());
  const spent = subtractSatang(paid, facts.refunds);
  const spentBy = (date: string) => sumSatang([...facts.paidByMonth].filter(([month]) => month <= date).map(([, amount]) => amount));

  const indicators: SpendingIndicator[] = MILESTONES.map(({ rule, quarter, percent }) => {
    const end = fiscalQuarterRange(facts.fiscalYear, quarter).end;
    // Refunds are few and late; counting them at the year's end keeps each milestone a fact of its quarter.
    const byThen = end <= facts.asOf ? spentBy(end) : spent;
    const met = available > 0 && atLeast(byThen, available, percent);
    return { rule, value: percentOf(byThen, available), threshold: percent, verdict: met ? 'met' : end <= facts.asOf ? 'not_met' : 'pending' };
  });

  const yearOver = fiscalQuarterRange(facts.fiscalYear, 4).end <= facts.asOf;
  indicators.push({
    rule: 'peoples_group',
    value: paid > 0 ? percentOf(facts.peoplesGroupPaid, paid) : null,
    threshold: PEOPLES_GROUP_MIN,
    verdict: paid > 0 && atLeast(facts.peoplesGroupPaid, paid, PEOPLES_GROUP_MIN) ? 'met' : yearOver ? 'not_met' : 'pending',
  });
  // Over the cap is final the moment it happens; under it is only known when the year is over.
  const overCap = BigInt(facts.adminPaid) * 100n > BigInt(facts.income) * BigInt(ADMIN_MAX);
  indicators.push({
    rule: 'admin_share',
    value: facts.income > 0 ? percentOf(facts.adminPaid, facts.income) : null,
    threshold: ADMIN_MAX,
    verdict: overCap ? 'not_met' : yearOver ? 'met' : 'pending',
  });
  const cofundingQuarter = facts.cofundingFirstMonth ? quarterOfMonth(facts.fiscalYear, facts.cofundingFirstMonth) : null;
  const q1Over = fiscalQuarterRange(facts.fiscalYear, 1).end <= facts.asOf;
  indicators.push({
    rule: 'cofunding_q1',
    value: cofundingQuarter,
    threshold: 1,
    verdict: cofundingQuarter === 1 ? 'met' : cofundingQuarter !== null || q1Over ? 'not_met' : 'pending',
  });

  return { available, spent, rateOfAvailable: percentOf(spent, available), rateOfIncome: percentOf(spent, facts.income), indicators };
}
