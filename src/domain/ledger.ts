import { fiscalQuarterRange, fiscalYearOf, fiscalYearRange, type FiscalQuarter } from './fiscal-year.ts';
import { addSatang, type Satang, subtractSatang, sumSatang, ZERO_SATANG } from './money.ts';
import type { SupportCategory } from './planning.ts';

// The fund's books (domain.md §4.11): accounts, what each kind of posting debits and credits,
// references, statement periods and the arithmetic of a receipts-and-payments statement.

/** The bank account every receipt goes into and every payment comes out of. */
export const BANK_ACCOUNT = '10100';
/** Refunds from projects (เงินคืนจากโครงการ). */
export const REFUND_ACCOUNT = '40500';

/** Where a receipt comes from, and the receipt account it is credited to. */
export const RECEIPT_SOURCES = {
  nhso: '40100', // เงินอุดหนุนจาก สปสช.
  local: '40200', // เงินสมทบจาก อปท.
  interest: '40300', // ดอกเบี้ย
  other: '40400', // เงินสมทบอื่น / เงินบริจาค
} as const;
export type ReceiptSource = keyof typeof RECEIPT_SOURCES;
export const RECEIPT_SOURCE_KEYS = Object.keys(RECEIPT_SOURCES) as ReceiptSource[];

/** The expense account of a support category: 10(1) → 50100 … 10(5) → 50500. */
export function expenseAccount(category: SupportCategory): string {
  return `50${category}00`;
}

export const RECEIPT_ACCOUNTS = ['40100', '40200', '40300', '40400', '40500'] as const;
export const EXPENSE_ACCOUNTS = ['50100', '50200', '50300', '50400', '50500'] as const;

export type EntryKind = 'receipt' | 'payment' | 'refund' | 'correction';

/** The reference prefix of each kind of posting: RCV2570-0001, PAY…, RET…, ADJ…. */
export const REFERENCE_PREFIX: Record<EntryKind, string> = {
  receipt: 'RCV',
  payment: 'PAY',
  refund: 'RET',
  correction: 'ADJ',
};

export function ledgerReference(kind: EntryKind, fiscalYear: number, sequence: number): string {
  return `${REFERENCE_PREFIX[kind]}${fiscalYear}-${String(sequence).padStart(4, '0')}`;
}

export interface LedgerLine {
  accountCode: string;
  debit: Satang;
  credit: Satang;
}

/** Money in: bank debited, the source's receipt account credited. */
export function receiptLines(source: ReceiptSource, amount: Satang): LedgerLine[] {
  return [
    { accountCode: BANK_ACCOUNT, debit: amount, credit: ZERO_SATANG },
    { accountCode: RECEIPT_SOURCES[source], debit: ZERO_SATANG, credit: amount },
  ];
}

/** Money out for a category: its expense account debited, bank credited. */
export function paymentLines(category: SupportCategory, amount: Satang): LedgerLine[] {
  return [
    { accountCode: expenseAccount(category), debit: amount, credit: ZERO_SATANG },
    { accountCode: BANK_ACCOUNT, debit: ZERO_SATANG, credit: amount },
  ];
}

/** A project returns unspent money: bank debited, 40500 credited. */
export function refundLines(amount: Satang): LedgerLine[] {
  return [
    { accountCode: BANK_ACCOUNT, debit: amount, credit: ZERO_SATANG },
    { accountCode: REFUND_ACCOUNT, debit: ZERO_SATANG, credit: amount },
  ];
}

/** Each line on one side only, amounts positive, and debits equal to credits. */
export function isBalanced(lines: readonly LedgerLine[]): boolean {
  if (lines.length < 2) return false;
  if (lines.some((l) => l.debit < 0 || l.credit < 0 || (l.debit === 0) === (l.credit === 0))) return false;
  return sumSatang(lines.map((l) => l.debit)) === sumSatang(lines.map((l) => l.credit));
}

/** The first day of the month a date is in: the key of month closes and the summary. */
export function monthOf(isoDate: string): string {
  return `${isoDate.slice(0, 7)}-01`;
}

/**
 * What a project can still be paid: approved − (paid − refunded) − what vouchers in the
 * sign-off chain already hold. Never below zero in a consistent ledger.
 */
export function projectRemaining(approved: Satang, paid: Satang, refunded: Satang, reserved: Satang = ZERO_SATANG): Satang {
  return subtractSatang(subtractSatang(approved, subtractSatang(paid, refunded)), reserved);
}

export const STATEMENT_PERIODS = ['month', 'quarter', 'year'] as const;
export type StatementPeriodKind = (typeof STATEMENT_PERIODS)[number];

export interface StatementPeriod {
  kind: StatementPeriodKind;
  fiscalYear: number;
  /** Month 1–12 of the calendar (month), quarter 1–4 of the fiscal year (quarter), or 0 (year). */
  number: number;
  start: string;
  end: string;
}

/**
 * The dates a statement covers. A month is named by its calendar month inside the fiscal year
 * (fiscal year 2570, month 12 = December 2569); a quarter by its fiscal quarter.
 */
export function statementPeriod(kind: StatementPeriodKind, fiscalYear: number, number = 0): StatementPeriod {
  if (kind === 'year') return { kind, fiscalYear, number: 0, ...fiscalYearRange(fiscalYear) };
  if (kind === 'quarter') {
    if (![1, 2, 3, 4].includes(number)) throw new RangeError(`quarter ${number}`);
    return { kind, fiscalYear, number, ...fiscalQuarterRange(fiscalYear, number as FiscalQuarter) };
  }
  if (!Number.isInteger(number) || number < 1 || number > 12) throw new RangeError(`month ${number}`);
  const ceYear = fiscalYear - 543 - (number >= 10 ? 1 : 0);
  const start = `${ceYear}-${String(number).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(ceYear, number, 0)).getUTCDate();
  return { kind, fiscalYear, number, start, end: `${start.slice(0, 8)}${String(last).padStart(2, '0')}` };
}

/** The months (first days) a period spans, in order. */
export function monthsOf(period: { start: string; end: string }): string[] {
  const months: string[] = [];
  let [year, month] = [Number(period.start.slice(0, 4)), Number(period.start.slice(5, 7))];
  while (`${year}-${String(month).padStart(2, '0')}-01` <= period.end) {
    months.push(`${year}-${String(month).padStart(2, '0')}-01`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

export interface AccountTotal {
  accountCode: string;
  debit: Satang;
  credit: Satang;
}

export interface Statement {
  carriedForward: Satang;
  receipts: { accountCode: string; amount: Satang }[];
  payments: { accountCode: string; amount: Satang }[];
  totalReceipts: Satang;
  totalPayments: Satang;
  balance: Satang;
}

/**
 * A receipts-and-payments statement (งบรับ-จ่ายเงิน): the bank balance brought forward, what
 * came in by receipt account, what went out by expense account, and the balance carried on.
 * Every account of the chart appears, zero or not, as the printed form lists them.
 */
export function buildStatement(carriedForward: Satang, totals: readonly AccountTotal[]): Statement {
  const byAccount = new Map(totals.map((t) => [t.accountCode, t]));
  const receipts = RECEIPT_ACCOUNTS.map((code) => {
    const t = byAccount.get(code);
    return { accountCode: code, amount: t ? subtractSatang(t.credit, t.debit) : ZERO_SATANG };
  });
  const payments = EXPENSE_ACCOUNTS.map((code) => {
    const t = byAccount.get(code);
    return { accountCode: code, amount: t ? subtractSatang(t.debit, t.credit) : ZERO_SATANG };
  });
  const totalReceipts = sumSatang(receipts.map((r) => r.amount));
  const totalPayments = sumSatang(payments.map((p) => p.amount));
  return {
    carriedForward,
    receipts,
    payments,
    totalReceipts,
    totalPayments,
    balance: subtractSatang(addSatang(carriedForward, totalReceipts), totalPayments),
  };
}

/** Why a posting on a date is refused, before anything is written (null: it may be posted). */
export function postingDateProblem(
  entryDate: string,
  context: { closedMonths: ReadonlySet<string>; openingBalanceDate: string | null; today: string },
): 'ledger.error.monthClosed' | 'ledger.error.beforeOpening' | 'ledger.error.future' | null {
  if (context.closedMonths.has(monthOf(entryDate))) return 'ledger.error.monthClosed';
  if (context.openingBalanceDate && entryDate < context.openingBalanceDate) return 'ledger.error.beforeOpening';
  if (entryDate > context.today) return 'ledger.error.future';
  return null;
}

/**
 * A month may be closed once it has ended, after every earlier month since the books opened
 * (across fiscal years: an open September would change a closed October's carried-forward).
 * Without an opening date, the months since the start of the month's fiscal year.
 */
export function monthCloseProblem(
  month: string,
  context: { closedMonths: ReadonlySet<string>; openingBalanceDate: string | null; today: string },
): 'ledger.error.alreadyClosed' | 'ledger.error.monthNotOver' | 'ledger.error.earlierMonthOpen' | null {
  if (context.closedMonths.has(month)) return 'ledger.error.alreadyClosed';
  const period = statementPeriod('month', fiscalYearOf(month), Number(month.slice(5, 7)));
  if (period.end >= context.today) return 'ledger.error.monthNotOver';
  // Months before the books were opened have nothing to close.
  const from = context.openingBalanceDate ? monthOf(context.openingBalanceDate) : fiscalYearRange(fiscalYearOf(month)).start;
  const earlier = monthsOf({ start: from, end: month }).slice(0, -1);
  if (earlier.some((m) => !context.closedMonths.has(m))) return 'ledger.error.earlierMonthOpen';
  return null;
}
