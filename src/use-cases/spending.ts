import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { EXPENSE_ACCOUNTS, monthsOf, REFUND_ACCOUNT, statementPeriod } from '../domain/ledger.ts';
import { fromNumeric, type Satang, sumSatang, ZERO_SATANG } from '../domain/money.ts';
import { type Actor, can } from '../domain/policy.ts';
import { type SpendingSummary, spendingSummary } from '../domain/spending.ts';
import { parseYear } from './admin-shared.ts';
import { authorize, findFund } from './authorize.ts';
import { bankBalanceBefore, booksOf } from './ledger.ts';

// A fund's spending indicators for a year, from the monthly summary of its postings. The fund's
// people see them as the books stand today; everyone else as of the last closed month, the
// figures the fund has published.

type Db = Kysely<DB>;

const INCOME_ACCOUNTS = ['40100', '40200', '40300', '40400'];

export interface SpendingView extends SpendingSummary {
  fiscalYear: number;
  /** The facts are counted up to this date; null when nothing is published yet. */
  asOf: string | null;
  /** Counted from closed months only (what the public sees). */
  publishedOnly: boolean;
}

export async function getSpending(db: Db, actor: Actor | null, input: { code: unknown; fiscalYear: unknown }, today = toBangkokIsoDate(new Date())): Promise<SpendingView> {
  const ref = await findFund(db, String(input.code ?? '').trim().toUpperCase());
  const internal = can(actor, 'ledger.view', { scopeChain: ref.scopeChain });
  if (!internal) authorize(actor, 'statement.view_published');
  const fiscalYear = parseYear(input.fiscalYear);
  const year = statementPeriod('year', fiscalYear);
  const books = await booksOf(db, ref.id);
  // The public's figures stop at the last month closed without a gap from the year's start.
  let asOf: string | null = today < year.end ? today : year.end;
  if (!internal) {
    const closed = monthsOf(year).filter((_, i, all) => all.slice(0, i + 1).every((x) => books.closedMonths.has(x)));
    const last = closed.at(-1);
    asOf = last ? statementPeriod('month', fiscalYear, Number(last.slice(5, 7))).end : null;
  }
  const rows = asOf
    ? await db
        .selectFrom('ledger_month_total')
        .select(['month', 'account_code', 'debit', 'credit', 'debit_peoples_group'])
        .where('fund_id', '=', ref.id)
        .where('fiscal_year', '=', fiscalYear)
        .where('month', '<=', asOf)
        .execute()
    : [];
  const credit = (codes: readonly string[]) => sumSatang(rows.filter((r) => codes.includes(r.account_code)).map((r) => fromNumeric(r.credit)));
  const expenses = rows.filter((r) => (EXPENSE_ACCOUNTS as readonly string[]).includes(r.account_code));
  const paidByMonth = new Map<string, Satang>();
  for (const r of expenses) paidByMonth.set(r.month, ((paidByMonth.get(r.month) ?? ZERO_SATANG) + fromNumeric(r.debit) - fromNumeric(r.credit)) as Satang);
  const cofunding = rows.filter((r) => r.account_code === '40200' && fromNumeric(r.credit) > 0).map((r) => r.month).sort()[0] ?? null;
  const summary = spendingSummary({
    fiscalYear,
    carriedForward: await bankBalanceBefore(db, ref.id, books.openingBalance, year.start),
    income: credit(INCOME_ACCOUNTS),
    refunds: credit([REFUND_ACCOUNT]),
    paidByMonth,
    peoplesGroupPaid: sumSatang(expenses.map((r) => fromNumeric(r.debit_peoples_group))),
    adminPaid: sumSatang(expenses.filter((r) => r.account_code === '50400').map((r) => fromNumeric(r.debit))),
    cofundingFirstMonth: cofunding,
    asOf: asOf ?? year.start,
  });
  return { ...summary, fiscalYear, asOf, publishedOnly: !internal };
}
