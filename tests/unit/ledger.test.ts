import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountTotal,
  BANK_ACCOUNT,
  buildStatement,
  EXPENSE_ACCOUNTS,
  expenseAccount,
  isBalanced,
  type LedgerLine,
  ledgerReference,
  monthCloseProblem,
  monthOf,
  monthsOf,
  paymentLines,
  postingDateProblem,
  projectRemaining,
  RECEIPT_ACCOUNTS,
  RECEIPT_SOURCE_KEYS,
  RECEIPT_SOURCES,
  type ReceiptSource,
  receiptLines,
  REFUND_ACCOUNT,
  refundLines,
  statementPeriod,
} from '../../src/domain/ledger.ts';
import { type Satang, satang, ZERO_SATANG } from '../../src/domain/money.ts';
import type { SupportCategory } from '../../src/domain/planning.ts';

const s = (n: number) => satang(n);
const debits = (lines: LedgerLine[]) => lines.reduce((sum, l) => sum + l.debit, 0);
const credits = (lines: LedgerLine[]) => lines.reduce((sum, l) => sum + l.credit, 0);

describe('postings', () => {
  it('a receipt debits the bank and credits the source’s receipt account', () => {
    for (const source of RECEIPT_SOURCE_KEYS) {
      const lines = receiptLines(source, s(123_45));
      expect(lines).toEqual([
        { accountCode: BANK_ACCOUNT, debit: 123_45, credit: 0 },
        { accountCode: RECEIPT_SOURCES[source], debit: 0, credit: 123_45 },
      ]);
      expect(isBalanced(lines)).toBe(true);
    }
    expect(RECEIPT_SOURCES).toEqual({ nhso: '40100', local: '40200', interest: '40300', other: '40400' });
  });

  it('a payment debits the category’s expense account and credits the bank', () => {
    for (const category of [1, 2, 3, 4, 5] as SupportCategory[]) {
      const lines = paymentLines(category, s(5_000_00));
      expect(lines).toEqual([
        { accountCode: `50${category}00`, debit: 5_000_00, credit: 0 },
        { accountCode: BANK_ACCOUNT, debit: 0, credit: 5_000_00 },
      ]);
      expect(expenseAccount(category)).toBe(EXPENSE_ACCOUNTS[category - 1]);
      expect(isBalanced(lines)).toBe(true);
    }
  });

  it('a refund debits the bank and credits 40500', () => {
    const lines = refundLines(s(1));
    expect(lines).toEqual([
      { accountCode: BANK_ACCOUNT, debit: 1, credit: 0 },
      { accountCode: REFUND_ACCOUNT, debit: 0, credit: 1 },
    ]);
    expect(REFUND_ACCOUNT).toBe('40500');
    expect(isBalanced(lines)).toBe(true);
  });

  it('isBalanced refuses one line, both sides on a line, zero lines, negatives and unequal sides', () => {
    const line = (accountCode: string, debit: number, credit: number) => ({ accountCode, debit: debit as Satang, credit: credit as Satang });
    expect(isBalanced([])).toBe(false);
    expect(isBalanced([line('10100', 100, 0)])).toBe(false);
    expect(isBalanced([line('10100', 100, 0), line('40100', 0, 99)])).toBe(false);
    expect(isBalanced([line('10100', 100, 100), line('40100', 0, 0)])).toBe(false);
    expect(isBalanced([line('10100', 0, 0), line('40100', 0, 0)])).toBe(false);
    expect(isBalanced([line('10100', -100, 0), line('40100', -100, 0)])).toBe(false);
    expect(isBalanced([line('10100', 100, 0), line('40100', 0, 60), line('40200', 0, 40)])).toBe(true);
    // A zero amount makes no posting.
    expect(isBalanced(receiptLines('nhso', ZERO_SATANG))).toBe(false);
  });

  it('every posting of any positive amount balances', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999_999 }),
        fc.constantFrom(...RECEIPT_SOURCE_KEYS),
        fc.constantFrom<SupportCategory>(1, 2, 3, 4, 5),
        (amount, source, category) => {
          for (const lines of [receiptLines(source, s(amount)), paymentLines(category, s(amount)), refundLines(s(amount))]) {
            expect(isBalanced(lines)).toBe(true);
            expect(debits(lines)).toBe(amount);
            expect(credits(lines)).toBe(amount);
          }
        },
      ),
    );
  });

  it('numbers references per kind and fiscal year, four digits or more', () => {
    expect(ledgerReference('receipt', 2570, 1)).toBe('RCV2570-0001');
    expect(ledgerReference('payment', 2570, 42)).toBe('PAY2570-0042');
    expect(ledgerReference('refund', 2569, 9999)).toBe('RET2569-9999');
    expect(ledgerReference('correction', 2571, 12345)).toBe('ADJ2571-12345');
    for (const ref of ['RCV2570-0001', 'PAY2570-0042', 'RET2569-9999', 'ADJ2571-12345']) expect(ref).toMatch(/^(RCV|PAY|RET|ADJ)[0-9]{4}-[0-9]{4,}$/);
  });
});

describe('months and statement periods', () => {
  it('monthOf is the first day of the date’s month', () => {
    expect(monthOf('2026-12-06')).toBe('2026-12-01');
    expect(monthOf('2026-12-31')).toBe('2026-12-01');
    expect(monthOf('2024-02-29')).toBe('2024-02-01');
    expect(monthOf('2026-01-01')).toBe('2026-01-01');
  });

  it('a fiscal year runs October to September and is named by its Buddhist-era end year', () => {
    expect(statementPeriod('year', 2570)).toEqual({ kind: 'year', fiscalYear: 2570, number: 0, start: '2026-10-01', end: '2027-09-30' });
    expect(statementPeriod('year', 2569)).toMatchObject({ start: '2025-10-01', end: '2026-09-30' });
  });

  it('quarters are fiscal quarters: Q1 Oct–Dec of the previous calendar year', () => {
    expect(statementPeriod('quarter', 2570, 1)).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(statementPeriod('quarter', 2570, 2)).toMatchObject({ start: '2027-01-01', end: '2027-03-31' });
    expect(statementPeriod('quarter', 2570, 3)).toMatchObject({ start: '2027-04-01', end: '2027-06-30' });
    expect(statementPeriod('quarter', 2570, 4)).toMatchObject({ start: '2027-07-01', end: '2027-09-30' });
    for (const bad of [0, 5, 1.5]) expect(() => statementPeriod('quarter', 2570, bad)).toThrow(RangeError);
  });

  it('a month is its calendar month inside the fiscal year: October–December fall in the previous CE year', () => {
    expect(statementPeriod('month', 2570, 10)).toMatchObject({ start: '2026-10-01', end: '2026-10-31' });
    expect(statementPeriod('month', 2570, 12)).toMatchObject({ start: '2026-12-01', end: '2026-12-31' });
    expect(statementPeriod('month', 2570, 1)).toMatchObject({ start: '2027-01-01', end: '2027-01-31' });
    expect(statementPeriod('month', 2570, 9)).toMatchObject({ start: '2027-09-01', end: '2027-09-30' });
    expect(statementPeriod('month', 2570, 11)).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
    // February of a leap year (2567 BE = 2024 CE) and of a common year.
    expect(statementPeriod('month', 2567, 2)).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(statementPeriod('month', 2570, 2)).toMatchObject({ start: '2027-02-01', end: '2027-02-28' });
    for (const bad of [0, 13, 2.5]) expect(() => statementPeriod('month', 2570, bad)).toThrow(RangeError);
  });

  it('the months of a fiscal year are its twelve months in order; of a quarter, its three', () => {
    expect(monthsOf(statementPeriod('year', 2570))).toEqual([
      '2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01',
      '2027-04-01', '2027-05-01', '2027-06-01', '2027-07-01', '2027-08-01', '2027-09-01',
    ]);
    expect(monthsOf(statementPeriod('quarter', 2570, 1))).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    expect(monthsOf(statementPeriod('month', 2570, 12))).toEqual(['2026-12-01']);
    expect(monthsOf({ start: '2027-01-01', end: '2026-12-31' })).toEqual([]);
  });

  it('month statements tile their quarter and quarters tile the year, for any fiscal year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2500, max: 2700 }), (fy) => {
        const year = statementPeriod('year', fy);
        const quarters = [1, 2, 3, 4].map((q) => statementPeriod('quarter', fy, q));
        expect(quarters[0]!.start).toBe(year.start);
        expect(quarters[3]!.end).toBe(year.end);
        const months = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => statementPeriod('month', fy, m));
        expect(months.map((m) => m.start)).toEqual(monthsOf(year));
        for (let i = 1; i < 12; i++) {
          const dayAfter = new Date(`${months[i - 1]!.end}T00:00:00Z`);
          dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
          expect(dayAfter.toISOString().slice(0, 10)).toBe(months[i]!.start);
        }
        quarters.forEach((q, i) => {
          expect(q.start).toBe(months[i * 3]!.start);
          expect(q.end).toBe(months[i * 3 + 2]!.end);
        });
        expect(Number(year.end.slice(0, 4)) + 543).toBe(fy);
      }),
    );
  });
});

describe('buildStatement', () => {
  it('lists every account of the chart and carries the balance on', () => {
    const totals: AccountTotal[] = [
      { accountCode: '10100', debit: s(150_000_00), credit: s(40_000_00) },
      { accountCode: '40100', debit: s(0), credit: s(100_000_00) },
      { accountCode: '40500', debit: s(0), credit: s(50_000_00) },
      { accountCode: '50200', debit: s(40_000_00), credit: s(0) },
    ];
    const statement = buildStatement(s(10_000_00), totals);
    expect(statement.receipts.map((r) => r.accountCode)).toEqual([...RECEIPT_ACCOUNTS]);
    expect(statement.payments.map((p) => p.accountCode)).toEqual([...EXPENSE_ACCOUNTS]);
    expect(statement.receipts.map((r) => r.amount)).toEqual([100_000_00, 0, 0, 0, 50_000_00]);
    expect(statement.payments.map((p) => p.amount)).toEqual([0, 40_000_00, 0, 0, 0]);
    expect(statement).toMatchObject({ carriedForward: 10_000_00, totalReceipts: 150_000_00, totalPayments: 40_000_00, balance: 120_000_00 });
  });

  it('an empty period carries the balance unchanged', () => {
    const statement = buildStatement(s(-5_00), []);
    expect(statement).toMatchObject({ carriedForward: -5_00, totalReceipts: 0, totalPayments: 0, balance: -5_00 });
  });

  it('nets a correction on the same account', () => {
    const statement = buildStatement(s(0), [
      { accountCode: '40300', debit: s(10_00), credit: s(110_00) },
      { accountCode: '50400', debit: s(300_00), credit: s(100_00) },
    ]);
    expect(statement.receipts.find((r) => r.accountCode === '40300')?.amount).toBe(100_00);
    expect(statement.payments.find((p) => p.accountCode === '50400')?.amount).toBe(200_00);
    expect(statement.balance).toBe(-100_00);
  });
});

describe('postingDateProblem', () => {
  const context = { closedMonths: new Set(['2026-10-01']), openingBalanceDate: '2024-10-01', today: '2026-12-06' };
  it('refuses a closed month, a date before the books opened and a future date', () => {
    expect(postingDateProblem('2026-10-31', context)).toBe('ledger.error.monthClosed');
    expect(postingDateProblem('2026-10-01', context)).toBe('ledger.error.monthClosed');
    expect(postingDateProblem('2024-09-30', context)).toBe('ledger.error.beforeOpening');
    expect(postingDateProblem('2026-12-07', context)).toBe('ledger.error.future');
  });
  it('allows an open month up to today, the opening day itself, and any date without an opening date', () => {
    expect(postingDateProblem('2026-12-06', context)).toBeNull();
    expect(postingDateProblem('2026-11-01', context)).toBeNull();
    expect(postingDateProblem('2024-10-01', context)).toBeNull();
    expect(postingDateProblem('2001-01-01', { ...context, openingBalanceDate: null })).toBeNull();
  });
  it('a closed month wins over the other problems', () => {
    expect(postingDateProblem('2026-12-07', { ...context, closedMonths: new Set(['2026-12-01']) })).toBe('ledger.error.monthClosed');
  });
});

describe('monthCloseProblem', () => {
  /** Every month from the books' opening up to (not including) `month`. */
  const closedBefore = (month: string, from = '2024-10-01') => new Set(monthsOf({ start: from, end: month }).slice(0, -1));

  it('closes an ended month once every earlier month is closed', () => {
    expect(monthCloseProblem('2026-11-01', { closedMonths: closedBefore('2026-11-01'), openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBeNull();
    // The books opened this month: nothing earlier to close.
    expect(monthCloseProblem('2024-10-01', { closedMonths: new Set(), openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBeNull();
    // The day after the month's end.
    expect(monthCloseProblem('2026-11-01', { closedMonths: closedBefore('2026-11-01'), openingBalanceDate: '2024-10-01', today: '2026-12-01' })).toBeNull();
  });

  it('refuses a month not yet over, on its last day too', () => {
    const closedMonths = closedBefore('2026-12-01');
    expect(monthCloseProblem('2026-12-01', { closedMonths, openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBe('ledger.error.monthNotOver');
    expect(monthCloseProblem('2026-11-01', { closedMonths: closedBefore('2026-11-01'), openingBalanceDate: '2024-10-01', today: '2026-11-30' })).toBe(
      'ledger.error.monthNotOver',
    );
    expect(monthCloseProblem('2027-01-01', { closedMonths, openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBe('ledger.error.monthNotOver');
  });

  it('refuses a month already closed', () => {
    expect(monthCloseProblem('2026-10-01', { closedMonths: closedBefore('2026-11-01'), openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBe('ledger.error.alreadyClosed');
  });

  it('refuses a month while an earlier month of its year is open', () => {
    const closedMonths = closedBefore('2026-11-01');
    closedMonths.delete('2026-10-01');
    expect(monthCloseProblem('2026-11-01', { closedMonths, openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBe('ledger.error.earlierMonthOpen');
  });

  it('refuses the first month of a year while a month of the year before is open: its statement would not be final', () => {
    const closedMonths = closedBefore('2026-10-01');
    closedMonths.delete('2026-09-01');
    expect(monthCloseProblem('2026-10-01', { closedMonths, openingBalanceDate: '2024-10-01', today: '2026-12-06' })).toBe('ledger.error.earlierMonthOpen');
    // Only the months since the books opened count.
    expect(monthCloseProblem('2026-10-01', { closedMonths: closedBefore('2026-10-01', '2026-03-01'), openingBalanceDate: '2026-03-15', today: '2026-12-06' })).toBeNull();
  });

  it('without an opening date, the months since the start of the fiscal year count', () => {
    expect(monthCloseProblem('2026-10-01', { closedMonths: new Set(), openingBalanceDate: null, today: '2026-12-06' })).toBeNull();
    expect(monthCloseProblem('2026-11-01', { closedMonths: new Set(), openingBalanceDate: null, today: '2026-12-06' })).toBe('ledger.error.earlierMonthOpen');
  });
});

describe('projectRemaining', () => {
  it('approved − (paid − refunded) − reserved', () => {
    expect(projectRemaining(s(100_000_00), s(0), s(0))).toBe(100_000_00);
    expect(projectRemaining(s(100_000_00), s(60_000_00), s(0))).toBe(40_000_00);
    expect(projectRemaining(s(100_000_00), s(60_000_00), s(10_000_00))).toBe(50_000_00);
    expect(projectRemaining(s(100_000_00), s(60_000_00), s(10_000_00), s(50_000_00))).toBe(0);
    expect(projectRemaining(s(100_000_00), s(100_000_00), s(0))).toBe(0);
  });
});

// A pure model of one fund's books driven only by the domain rules: random receipts, vouchers
// paid, refunds and month closes over a few months, checked after every step.
type Op =
  | { kind: 'receipt'; day: number; source: ReceiptSource; amount: number }
  | { kind: 'voucher'; day: number; project: number; amount: number }
  | { kind: 'refund'; day: number; project: number; amount: number }
  | { kind: 'close' };

const MONTHS = ['2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'];
const TODAY = '2026-12-06';
const dateOf = (day: number) => {
  const month = MONTHS[Math.floor(day / 28) % MONTHS.length]!;
  return `${month.slice(0, 8)}${String((day % 28) + 1).padStart(2, '0')}`;
};

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receipt' as const), day: fc.nat(139), source: fc.constantFrom(...RECEIPT_SOURCE_KEYS), amount: fc.integer({ min: 1, max: 5_000_000_00 }) }),
  fc.record({ kind: fc.constant('voucher' as const), day: fc.nat(139), project: fc.nat(2), amount: fc.integer({ min: 1, max: 60_000_00 }) }),
  fc.record({ kind: fc.constant('refund' as const), day: fc.nat(139), project: fc.nat(2), amount: fc.integer({ min: 1, max: 30_000_00 }) }),
  fc.constant({ kind: 'close' as const }),
);

describe('the books as a model (property)', () => {
  it('every posting balances, the bank is opening + receipts − payments, closed months stay shut, projects are never overpaid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_00 }), fc.array(opArb, { maxLength: 60 }), (opening, ops) => {
        const approved = [s(100_000_00), s(50_000_00), s(1_00)];
        const paid = [0, 0, 0];
        const refunded = [0, 0, 0];
        const closedMonths = new Set<string>();
        const postings: { date: string; lines: LedgerLine[] }[] = [];
        let received = 0;
        let spent = 0;
        const context = () => ({ closedMonths, openingBalanceDate: MONTHS[0]!, today: TODAY });
        const post = (date: string, lines: LedgerLine[]) => {
          expect(isBalanced(lines)).toBe(true);
          const problem = postingDateProblem(date, context());
          if (problem) {
            expect(problem).toBe('ledger.error.monthClosed');
            expect(closedMonths.has(monthOf(date))).toBe(true);
            return false;
          }
          postings.push({ date, lines });
          return true;
        };
        for (const op of ops) {
          const before = postings.length;
          if (op.kind === 'receipt') {
            if (post(dateOf(op.day), receiptLines(op.source, s(op.amount)))) received += op.amount;
          } else if (op.kind === 'voucher') {
            const left = projectRemaining(approved[op.project]!, s(paid[op.project]!), s(refunded[op.project]!));
            if (op.amount > left) continue;
            const category = ((op.project % 5) + 1) as SupportCategory;
            if (post(dateOf(op.day), paymentLines(category, s(op.amount)))) {
              paid[op.project]! += op.amount;
              spent += op.amount;
            }
          } else if (op.kind === 'refund') {
            if (op.amount > paid[op.project]! - refunded[op.project]!) continue;
            if (post(dateOf(op.day), refundLines(s(op.amount)))) {
              refunded[op.project]! += op.amount;
              received += op.amount;
            }
          } else {
            const next = MONTHS.find((m) => !closedMonths.has(m));
            if (next && monthCloseProblem(next, context()) === null) closedMonths.add(next);
            // Any other month is refused: a later one while an earlier is open, or one not over.
            for (const m of MONTHS.filter((m) => !closedMonths.has(m) && m !== MONTHS.find((x) => !closedMonths.has(x)))) {
              expect(monthCloseProblem(m, context())).toBe('ledger.error.earlierMonthOpen');
            }
          }
          // Refused steps write nothing.
          expect(postings.length - before).toBeLessThanOrEqual(1);
          // Closed months form an unbroken run from the opening month.
          expect(MONTHS.slice(0, closedMonths.size)).toEqual([...closedMonths].sort());
        }
        for (let p = 0; p < 3; p++) {
          expect(paid[p]! - refunded[p]!).toBeLessThanOrEqual(approved[p]!);
          expect(projectRemaining(approved[p]!, s(paid[p]!), s(refunded[p]!))).toBeGreaterThanOrEqual(0);
        }
        // The bank account from the lines, and the statement of the whole span from account totals.
        const bank = postings.flatMap((p) => p.lines).filter((l) => l.accountCode === BANK_ACCOUNT);
        const bankBalance = opening + bank.reduce((sum, l) => sum + l.debit - l.credit, 0);
        expect(bankBalance).toBe(opening + received - spent);
        const totals = new Map<string, AccountTotal>();
        for (const line of postings.flatMap((p) => p.lines)) {
          const t = totals.get(line.accountCode) ?? { accountCode: line.accountCode, debit: s(0), credit: s(0) };
          totals.set(line.accountCode, { ...t, debit: s(t.debit + line.debit), credit: s(t.credit + line.credit) });
        }
        const statement = buildStatement(s(opening), [...totals.values()]);
        expect(statement.balance).toBe(bankBalance);
        // Month by month, each statement's balance is the next month's carried forward.
        let carried = s(opening);
        for (const month of MONTHS) {
          const monthTotals = new Map<string, AccountTotal>();
          for (const line of postings.filter((p) => monthOf(p.date) === month).flatMap((p) => p.lines)) {
            const t = monthTotals.get(line.accountCode) ?? { accountCode: line.accountCode, debit: s(0), credit: s(0) };
            monthTotals.set(line.accountCode, { ...t, debit: s(t.debit + line.debit), credit: s(t.credit + line.credit) });
          }
          const monthly = buildStatement(carried, [...monthTotals.values()]);
          expect(monthly.balance).toBe(monthly.carriedForward + monthly.totalReceipts - monthly.totalPayments);
          carried = monthly.balance;
        }
        expect(carried).toBe(bankBalance);
      }),
      { numRuns: 300 },
    );
  });
});
