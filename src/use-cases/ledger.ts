import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { fiscalYearOf, toBangkokIsoDate } from '../domain/fiscal-year.ts';
import { parseDate, parseMoney } from '../domain/import-values.ts';
import {
  BANK_ACCOUNT,
  buildStatement,
  type EntryKind,
  isBalanced,
  type LedgerLine,
  ledgerReference,
  monthCloseProblem,
  monthOf,
  monthsOf,
  paymentLines,
  postingDateProblem,
  projectRemaining,
  RECEIPT_SOURCE_KEYS,
  receiptLines,
  refundLines,
  REFUND_ACCOUNT,
  type Statement,
  type StatementPeriod,
  STATEMENT_PERIODS,
  statementPeriod,
} from '../domain/ledger.ts';
import { mayBePaid } from '../domain/project-followup.ts';
import { fromNumeric, type Satang, sumSatang, toNumeric, ZERO_SATANG } from '../domain/money.ts';
import type { SupportCategory } from '../domain/planning.ts';
import { type Actor, can } from '../domain/policy.ts';
import { audit, invalid, optionalText, parsed, parseYear } from './admin-shared.ts';
import { authorize, type FundRef, findFund } from './authorize.ts';
import { Forbidden, NotFound, parseInput } from './errors.ts';

// The fund's books: receipts, refunds, payments (posted by an approved voucher), month closes,
// the ledger and its statements. Every posting goes through postEntry, which serialises
// postings per fund, refuses closed months and numbers references without gaps.

type Db = Kysely<DB>;
type Tx = Transaction<DB>;

const target = (ref: FundRef) => ({ scopeChain: ref.scopeChain });
const today = () => toBangkokIsoDate(new Date());

async function fundRef(db: Db, code: unknown): Promise<FundRef> {
  return findFund(db, String(code ?? '').trim().toUpperCase());
}

export interface Books {
  openingBalance: Satang;
  openingBalanceDate: string | null;
  bankAccountSet: boolean;
  closedMonths: Set<string>;
}

export async function booksOf(db: Db, fundId: number): Promise<Books> {
  const fund = await db
    .selectFrom('fund')
    .select(['opening_balance', 'opening_balance_date', 'bank_account_number'])
    .where('id', '=', fundId)
    .executeTakeFirstOrThrow();
  const closed = await db.selectFrom('ledger_month_close').select('month').where('fund_id', '=', fundId).execute();
  return {
    openingBalance: fund.opening_balance === null ? ZERO_SATANG : fromNumeric(fund.opening_balance),
    openingBalanceDate: fund.opening_balance_date,
    bankAccountSet: fund.bank_account_number !== null,
    closedMonths: new Set(closed.map((c) => c.month)),
  };
}

export interface NewEntry {
  fundId: number;
  kind: EntryKind;
  entryDate: string;
  lines: LedgerLine[];
  proposalId?: number | null;
  organisationType?: number | null;
  documentNo?: string | null;
  description?: string | null;
  actorId: number | null;
  isDemo?: boolean;
}

/**
 * Writes one balanced posting inside the caller's transaction. The fund's row is locked first,
 * so two officers posting at once are taken one after the other: each sees the other's month
 * closes and gets the next reference number.
 */
export async function postEntry(tx: Tx, entry: NewEntry): Promise<{ id: number; reference: string }> {
  if (!isBalanced(entry.lines)) throw new Error('unbalanced posting');
  await sql`select id from fund where id = ${entry.fundId} for update`.execute(tx);
  const books = await booksOf(tx, entry.fundId);
  const problem = postingDateProblem(entry.entryDate, { ...books, today: entry.isDemo ? '9999-12-31' : today() });
  if (problem) throw invalid('entry_date', problem);
  const fiscalYear = fiscalYearOf(entry.entryDate);
  const prefix = ledgerReference(entry.kind, fiscalYear, 0).slice(0, -4);
  const last = await tx
    .selectFrom('ledger_entry')
    .select(sql<number>`max(split_part(reference, '-', 2)::int)`.as('n'))
    .where('fund_id', '=', entry.fundId)
    .where('reference', 'like', `${prefix}%`)
    .executeTakeFirst();
  const reference = ledgerReference(entry.kind, fiscalYear, Number(last?.n ?? 0) + 1);
  const { id } = await tx
    .insertInto('ledger_entry')
    .values({
      fund_id: entry.fundId,
      fiscal_year: fiscalYear,
      entry_date: entry.entryDate,
      kind: entry.kind,
      reference,
      document_no: entry.documentNo ?? '',
      description: entry.description ?? '',
      proposal_id: entry.proposalId ?? null,
      organisation_type: entry.organisationType ?? null,
      created_by: entry.actorId,
      is_demo: entry.isDemo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('ledger_line')
    .values(entry.lines.map((l, i) => ({ entry_id: id, position: i + 1, account_code: l.accountCode, debit: toNumeric(l.debit), credit: toNumeric(l.credit) })))
    .execute();
  if (!entry.isDemo) {
    const amount = sumSatang(entry.lines.map((l) => l.debit));
    await audit(tx, entry.actorId, `ledger.${entry.kind}`, 'ledger_entry', id, { reference, date: entry.entryDate, amount: toNumeric(amount) });
  }
  return { id, reference };
}

const positiveMoney = parsed(parseMoney).refine((amount) => amount > 0, { message: 'ledger.error.zero' });
const entryDate = parsed(parseDate);

const receiptSchema = z.object({
  source: z.enum(RECEIPT_SOURCE_KEYS, 'ledger.error.source'),
  entry_date: entryDate,
  amount: positiveMoney,
  document_no: optionalText(100),
  description: optionalText(1000),
});

/** A receipt (RCV…): NHSO transfer, co-funding, interest, or other money into the bank account. */
export async function recordReceipt(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown }) {
  const ref = await fundRef(db, input.code);
  authorize(actor, 'ledger.post', target(ref));
  const value = parseInput(receiptSchema, input);
  return db.transaction().execute((tx) =>
    postEntry(tx, {
      fundId: ref.id,
      kind: 'receipt',
      entryDate: value.entry_date,
      lines: receiptLines(value.source, value.amount),
      documentNo: value.document_no,
      description: value.description,
      actorId: actor!.userId,
    }),
  );
}

export interface ProjectMoney {
  proposalId: number;
  projectCode: string;
  approved: Satang;
  paid: Satang;
  refunded: Satang;
  remaining: Satang;
}

/** What a project was approved, paid, refunded and can still be paid, from its postings. */
export async function projectMoneyOf(db: Db, proposalId: number): Promise<ProjectMoney> {
  const row = await db
    .selectFrom('proposal')
    .select(['id', 'project_code', 'approved_amount'])
    .where('id', '=', proposalId)
    .executeTakeFirstOrThrow();
  const sums = await db
    .selectFrom('ledger_entry as e')
    .innerJoin('ledger_line as l', 'l.entry_id', 'e.id')
    .select([
      sql<string>`coalesce(sum(l.credit) filter (where e.kind = 'payment' and l.account_code = ${BANK_ACCOUNT}), 0)`.as('paid'),
      sql<string>`coalesce(sum(l.credit) filter (where e.kind = 'refund' and l.account_code = ${REFUND_ACCOUNT}), 0)`.as('refunded'),
    ])
    .where('e.proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
  const approved = row.approved_amount === null ? ZERO_SATANG : fromNumeric(row.approved_amount);
  const paid = fromNumeric(sums.paid);
  const refunded = fromNumeric(sums.refunded);
  return { proposalId: row.id, projectCode: row.project_code ?? '', approved, paid, refunded, remaining: projectRemaining(approved, paid, refunded) };
}

async function projectOf(db: Db, ref: FundRef, projectCode: unknown) {
  const code = String(projectCode ?? '').trim();
  const row = await db
    .selectFrom('proposal')
    .select(['id', 'support_category', 'organisation_type', 'organisation_id', 'created_by'])
    .where('fund_id', '=', ref.id)
    .where('project_code', '=', code)
    .executeTakeFirst();
  if (!row || row.support_category === null) throw invalid('project_code', 'ledger.error.project');
  return { ...row, supportCategory: row.support_category as SupportCategory };
}

export interface NewPayment {
  fundId: number;
  proposalId: number | null;
  category: SupportCategory;
  organisationType: number | null;
  entryDate: string;
  amount: Satang;
  documentNo?: string | null;
  description?: string | null;
  actorId: number | null;
  isDemo?: boolean;
}

/**
 * Pays out of the bank account (PAY…): the posting step of a payment voucher once its last
 * signatory approves. A project can never be paid more than it has left; no bank account, no payment.
 */
export async function postPayment(tx: Tx, payment: NewPayment): Promise<{ id: number; reference: string }> {
  await sql`select id from fund where id = ${payment.fundId} for update`.execute(tx);
  const books = await booksOf(tx, payment.fundId);
  if (!books.bankAccountSet) throw invalid('amount', 'ledger.error.noBankAccount');
  if (payment.proposalId !== null) {
    // Suspended or terminated since the voucher was asked for: the chair's signature pays nothing.
    const project = await tx.selectFrom('proposal').select('project_status').where('id', '=', payment.proposalId).executeTakeFirstOrThrow();
    if (!mayBePaid(project.project_status)) throw invalid('amount', 'ledger.error.projectStopped');
    const money = await projectMoneyOf(tx, payment.proposalId);
    if (payment.amount > money.remaining) throw invalid('amount', 'ledger.error.overRemaining', { remaining: toNumeric(money.remaining) });
  }
  // The bank pays nothing it does not hold.
  const held = await bankBalanceBefore(tx, payment.fundId, books.openingBalance, '9999-12-31');
  if (payment.amount > held) throw invalid('amount', 'ledger.error.overBalance', { balance: toNumeric(held) });
  return postEntry(tx, {
    fundId: payment.fundId,
    kind: 'payment',
    entryDate: payment.entryDate,
    lines: paymentLines(payment.category, payment.amount),
    proposalId: payment.proposalId,
    organisationType: payment.organisationType,
    documentNo: payment.documentNo,
    description: payment.description,
    actorId: payment.actorId,
    isDemo: payment.isDemo,
  });
}

const refundSchema = z.object({
  project_code: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'admin.error.required')),
  entry_date: entryDate,
  amount: positiveMoney,
  document_no: optionalText(100),
  description: optionalText(1000),
});

/** A project returns money (RET…): credited to 40500, it reduces what the project was paid. */
export async function recordRefund(db: Db, actor: Actor | null, input: Record<string, unknown> & { code: unknown }) {
  const ref = await fundRef(db, input.code);
  authorize(actor, 'ledger.post', target(ref));
  const value = parseInput(refundSchema, input);
  const project = await projectOf(db, ref, value.project_code);
  return db.transaction().execute(async (tx) => {
    await sql`select id from fund where id = ${ref.id} for update`.execute(tx);
    const money = await projectMoneyOf(tx, project.id);
    const net = money.paid - money.refunded;
    if (value.amount > net) throw invalid('amount', 'ledger.error.overPaid', { paid: toNumeric(net as Satang) });
    return postEntry(tx, {
      fundId: ref.id,
      kind: 'refund',
      entryDate: value.entry_date,
      lines: refundLines(value.amount),
      proposalId: project.id,
      organisationType: project.organisation_type,
      documentNo: value.document_no,
      description: value.description,
      actorId: actor!.userId,
    });
  });
}

const monthSchema = z.object({
  month: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-01)?$/, 'ledger.error.month').transform((m) => `${m.slice(0, 7)}-01`),
  ),
});

/** Closes a month that has ended: its postings are locked from now on. */
export async function closeMonth(db: Db, actor: Actor | null, input: { code: unknown; month: unknown }): Promise<void> {
  const ref = await fundRef(db, input.code);
  authorize(actor, 'ledger.close_month', target(ref));
  const { month } = parseInput(monthSchema, input);
  await db.transaction().execute(async (tx) => {
    await sql`select id from fund where id = ${ref.id} for update`.execute(tx);
    const books = await booksOf(tx, ref.id);
    const problem = monthCloseProblem(month, { ...books, today: today() });
    if (problem) throw invalid('month', problem);
    await tx.insertInto('ledger_month_close').values({ fund_id: ref.id, month, closed_by: actor!.userId }).execute();
    await audit(tx, actor!.userId, 'ledger.close_month', 'fund', ref.id, { month });
  });
}

const reopenSchema = monthSchema.extend({
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'ledger.error.reason').max(1000, 'admin.error.tooLong')),
});

/** An admin re-opens the latest closed month, with a reason kept in the audit trail. */
export async function reopenMonth(db: Db, actor: Actor | null, input: { code: unknown; month: unknown; reason: unknown }): Promise<void> {
  const ref = await fundRef(db, input.code);
  authorize(actor, 'ledger.reopen_month', target(ref));
  const { month, reason } = parseInput(reopenSchema, input);
  await db.transaction().execute(async (tx) => {
    await sql`select id from fund where id = ${ref.id} for update`.execute(tx);
    const books = await booksOf(tx, ref.id);
    if (!books.closedMonths.has(month)) throw invalid('month', 'ledger.error.notClosed');
    if ([...books.closedMonths].some((m) => m > month)) throw invalid('month', 'ledger.error.laterMonthClosed');
    await tx.deleteFrom('ledger_month_close').where('fund_id', '=', ref.id).where('month', '=', month).execute();
    await audit(tx, actor!.userId, 'ledger.reopen_month', 'fund', ref.id, { month, reason });
  });
}

export interface LedgerEntryView {
  id: number;
  reference: string;
  date: string;
  kind: EntryKind;
  documentNo: string;
  description: string;
  projectCode: string | null;
  lines: { accountCode: string; debit: Satang; credit: Satang }[];
  /** Into (+) or out of (−) the bank account. */
  bankChange: Satang;
  /** The bank balance after this posting: the cash book's last column. */
  balance: Satang;
}

export interface LedgerView {
  fund: { code: string; name_th: string; name_en: string | null };
  fiscalYear: number;
  carriedForward: Satang;
  entries: LedgerEntryView[];
  balance: Satang;
  months: { month: string; closed: boolean; closable: boolean; reopenable: boolean }[];
  actions: { post: boolean; closeMonth: boolean; reopenMonth: boolean };
}

async function fundNames(db: Db, ref: FundRef) {
  const f = await db.selectFrom('fund').select(['code', 'name_th', 'name_en']).where('id', '=', ref.id).executeTakeFirstOrThrow();
  return f;
}

/** The bank balance before a date: the opening balance and every bank movement since. */
export async function bankBalanceBefore(db: Db, fundId: number, openingBalance: Satang, date: string): Promise<Satang> {
  const row = await db
    .selectFrom('ledger_month_total')
    .select(sql<string>`coalesce(sum(debit - credit), 0)`.as('net'))
    .where('fund_id', '=', fundId)
    .where('account_code', '=', BANK_ACCOUNT)
    .where('month', '<', monthOf(date))
    .executeTakeFirstOrThrow();
  return (openingBalance + fromNumeric(row.net)) as Satang;
}

/** The ledger of a fiscal year as a cash book: every posting in date order with the running balance. */
export async function getLedger(db: Db, actor: Actor | null, input: { code: unknown; fiscalYear: unknown }): Promise<LedgerView> {
  const ref = await fundRef(db, input.code);
  authorize(actor, 'ledger.view', target(ref));
  const fiscalYear = parseYear(input.fiscalYear);
  const period = statementPeriod('year', fiscalYear);
  const books = await booksOf(db, ref.id);
  const carriedForward = await bankBalanceBefore(db, ref.id, books.openingBalance, period.start);
  const rows = await db
    .selectFrom('ledger_entry as e')
    .innerJoin('ledger_line as l', 'l.entry_id', 'e.id')
    .leftJoin('proposal as p', 'p.id', 'e.proposal_id')
    .select(['e.id', 'e.reference', 'e.entry_date', 'e.kind', 'e.document_no', 'e.description', 'p.project_code', 'l.account_code', 'l.debit', 'l.credit'])
    .where('e.fund_id', '=', ref.id)
    .where('e.fiscal_year', '=', fiscalYear)
    .orderBy('e.entry_date')
    .orderBy('e.id')
    .orderBy('l.position')
    .execute();
  const entries: LedgerEntryView[] = [];
  let balance = carriedForward;
  for (const row of rows) {
    let entry = entries.at(-1);
    if (entry?.id !== row.id) {
      entry = {
        id: row.id,
        reference: row.reference,
        date: row.entry_date,
        kind: row.kind,
        documentNo: row.document_no,
        description: row.description,
        projectCode: row.project_code,
        lines: [],
        bankChange: ZERO_SATANG,
        balance,
      };
      entries.push(entry);
    }
    const line = { accountCode: row.account_code, debit: fromNumeric(row.debit), credit: fromNumeric(row.credit) };
    entry.lines.push(line);
    if (line.accountCode === BANK_ACCOUNT) {
      entry.bankChange = (entry.bankChange + line.debit - line.credit) as Satang;
      balance = (balance + line.debit - line.credit) as Satang;
      entry.balance = balance;
    }
  }
  return {
    fund: await fundNames(db, ref),
    fiscalYear,
    carriedForward,
    entries,
    balance,
    months: monthsOf(period).map((month) => ({
      month,
      closed: books.closedMonths.has(month),
      // Only the next month due is offered for closing, and only the latest closed one for re-opening.
      closable: monthCloseProblem(month, { ...books, today: today() }) === null,
      reopenable: books.closedMonths.has(month) && ![...books.closedMonths].some((m) => m > month),
    })),
    actions: {
      post: can(actor, 'ledger.post', target(ref)),
      closeMonth: can(actor, 'ledger.close_month', target(ref)),
      reopenMonth: can(actor, 'ledger.reopen_month', target(ref)),
    },
  };
}

export interface StatementView {
  fund: { code: string; name_th: string; name_en: string | null };
  period: StatementPeriod;
  /** Every month of the period is closed: the statement is final and public. */
  published: boolean;
  statement: Statement;
}

const statementInput = z.object({
  kind: z.enum(STATEMENT_PERIODS, 'ledger.error.period'),
  number: z.coerce.number('ledger.error.period').int('ledger.error.period').min(0, 'ledger.error.period').max(12, 'ledger.error.period'),
});

/**
 * A receipts-and-payments statement for a month, a quarter or a year, from the monthly
 * summary. The fund's people read it any time; everyone else once every month in it is closed.
 */
export async function getStatement(
  db: Db,
  actor: Actor | null,
  input: { code: unknown; kind: unknown; fiscalYear: unknown; number?: unknown },
): Promise<StatementView> {
  const ref = await fundRef(db, input.code);
  const fiscalYear = parseYear(input.fiscalYear);
  const { kind, number } = parseInput(statementInput, { kind: input.kind, number: input.number ?? 0 });
  let period: StatementPeriod;
  try {
    period = statementPeriod(kind, fiscalYear, number);
  } catch {
    throw invalid('number', 'ledger.error.period');
  }
  const books = await booksOf(db, ref.id);
  const published = monthsOf(period).every((m) => books.closedMonths.has(m));
  if (!can(actor, 'ledger.view', target(ref))) {
    authorize(actor, 'statement.view_published');
    if (!published) throw new Forbidden('ledger.view');
  }
  const totals = await db
    .selectFrom('ledger_month_total')
    .select(['account_code', sql<string>`sum(debit)`.as('debit'), sql<string>`sum(credit)`.as('credit')])
    .where('fund_id', '=', ref.id)
    .where('month', '>=', period.start)
    .where('month', '<=', period.end)
    .groupBy('account_code')
    .execute();
  const carriedForward = await bankBalanceBefore(db, ref.id, books.openingBalance, period.start);
  return {
    fund: await fundNames(db, ref),
    period,
    published,
    statement: buildStatement(
      carriedForward,
      totals.map((t) => ({ accountCode: t.account_code, debit: fromNumeric(t.debit), credit: fromNumeric(t.credit) })),
    ),
  };
}

/** A project's money for its page: the fund's people and the project's own group only. */
export async function getProjectMoney(db: Db, actor: Actor | null, input: { projectCode: unknown }): Promise<ProjectMoney> {
  const code = String(input.projectCode ?? '').trim();
  const row = await db
    .selectFrom('proposal as p')
    .innerJoin('fund as f', 'f.id', 'p.fund_id')
    .select(['p.id', 'p.organisation_id', 'p.created_by', 'f.code'])
    .where('p.project_code', '=', code)
    .executeTakeFirst();
  if (!row) throw new NotFound(`project ${code}`);
  const ref = await findFund(db, row.code);
  if (!can(actor, 'ledger.view', target(ref))) {
    if (!actor) throw new Forbidden('ledger.view');
    const user = await db.selectFrom('app_user').select('organisation_id').where('id', '=', actor.userId).executeTakeFirst();
    const owns = row.created_by === actor.userId || (row.organisation_id !== null && user?.organisation_id === row.organisation_id);
    if (!owns) throw new Forbidden('ledger.view');
  }
  return projectMoneyOf(db, row.id);
}
