import { toNumeric } from '../domain/money.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { LedgerEntryView, LedgerView, StatementView } from '../use-cases/ledger.ts';
import type { VoucherSummary } from '../use-cases/vouchers.ts';
import type { SheetColumn } from './xlsx.ts';

// The fund's books as the API and the spreadsheet exports write them: the use cases' views with
// snake_case names, account names in the caller's language beside the codes, money as exact
// decimal text (in a spreadsheet, numbers digit for digit).

const account = (t: Translate, code: string) => t(`ledger.account.${code}` as MessageKey);

export function entryJson(e: LedgerEntryView, t: Translate) {
  return {
    reference: e.reference,
    date: e.date,
    kind: e.kind,
    document_no: e.documentNo,
    description: e.description,
    project_code: e.projectCode,
    lines: e.lines.map((l) => ({ account: l.accountCode, account_name: account(t, l.accountCode), debit: toNumeric(l.debit), credit: toNumeric(l.credit) })),
    bank_change: toNumeric(e.bankChange),
    balance: toNumeric(e.balance),
  };
}

export function ledgerJson(view: LedgerView, t: Translate) {
  return {
    fund: view.fund,
    fiscal_year: view.fiscalYear,
    carried_forward: toNumeric(view.carriedForward),
    balance: toNumeric(view.balance),
    items: view.entries.map((e) => entryJson(e, t)),
    count: view.entries.length,
    months: view.months,
    actions: Object.entries({ 'ledger.post': view.actions.post, 'ledger.close_month': view.actions.closeMonth, 'ledger.reopen_month': view.actions.reopenMonth })
      .filter(([, may]) => may)
      .map(([action]) => action),
  };
}

export function statementJson(view: StatementView, t: Translate) {
  const { statement: s, period } = view;
  return {
    fund: view.fund,
    period: { kind: period.kind, fiscal_year: period.fiscalYear, number: period.number, start: period.start, end: period.end },
    published: view.published,
    carried_forward: toNumeric(s.carriedForward),
    receipts: s.receipts.map((r) => ({ account: r.accountCode, account_name: account(t, r.accountCode), amount: toNumeric(r.amount) })),
    payments: s.payments.map((p) => ({ account: p.accountCode, account_name: account(t, p.accountCode), amount: toNumeric(p.amount) })),
    total_receipts: toNumeric(s.totalReceipts),
    total_payments: toNumeric(s.totalPayments),
    balance: toNumeric(s.balance),
  };
}

/** The cash book's columns: one row a posting, money in and out of the bank and the balance after. */
export function cashBookColumns(t: Translate): SheetColumn<LedgerEntryView>[] {
  return [
    { header: t('ledger.col.date'), value: (e) => e.date },
    { header: t('ledger.col.reference'), value: (e) => e.reference },
    { header: t('ledger.col.document'), value: (e) => e.documentNo },
    { header: t('ledger.col.description'), value: (e) => e.description || t(`ledger.kind.${e.kind}`) },
    { header: t('voucher.col.project'), value: (e) => e.projectCode ?? '' },
    { header: t('ledger.col.account'), value: (e) => e.lines.filter((l) => l.accountCode !== '10100').map((l) => l.accountCode).join(' ') },
    { header: t('ledger.col.in'), value: (e) => (e.bankChange > 0 ? toNumeric(e.bankChange) : ''), numeric: true },
    { header: t('ledger.col.out'), value: (e) => (e.bankChange < 0 ? toNumeric(-e.bankChange as typeof e.bankChange) : ''), numeric: true },
    { header: t('ledger.col.balance'), value: (e) => toNumeric(e.balance), numeric: true },
  ];
}

export function voucherColumns(t: Translate): SheetColumn<VoucherSummary>[] {
  return [
    { header: t('voucher.col.number'), value: (v) => v.id },
    { header: t('voucher.col.requestedAt'), value: (v) => v.requestedAt },
    { header: t('voucher.col.project'), value: (v) => v.projectCode ?? t('voucher.purpose.administration') },
    { header: t('voucher.col.payee'), value: (v) => v.payee },
    { header: t('ledger.col.description'), value: (v) => v.description },
    { header: t('voucher.col.amount'), value: (v) => toNumeric(v.amount), numeric: true },
    { header: t('voucher.new.method'), value: (v) => t(`voucher.method.${v.paymentMethod}`) },
    { header: t('voucher.col.state'), value: (v) => t(`voucher.state.${v.state}`) },
    { header: t('voucher.view.reference'), value: (v) => v.reference ?? '' },
    { header: t('voucher.view.postedOn'), value: (v) => v.postedOn ?? '' },
  ];
}

export interface StatementRow {
  section: string;
  account: string;
  name: string;
  amount: string;
}

/** A statement as rows: brought forward, each receipt account, each expense account, the balance. */
export function statementRows(view: StatementView, t: Translate): StatementRow[] {
  const s = view.statement;
  const row = (section: string, code: string, name: string, amount: Parameters<typeof toNumeric>[0]) => ({ section, account: code, name, amount: toNumeric(amount) });
  return [
    row(t('ledger.statement.carriedForward'), '', '', s.carriedForward),
    ...s.receipts.map((r) => row(t('ledger.statement.receipts'), r.accountCode, account(t, r.accountCode), r.amount)),
    row(t('ledger.statement.totalReceipts'), '', '', s.totalReceipts),
    ...s.payments.map((p) => row(t('ledger.statement.payments'), p.accountCode, account(t, p.accountCode), p.amount)),
    row(t('ledger.statement.totalPayments'), '', '', s.totalPayments),
    row(t('ledger.statement.balance'), '', '', s.balance),
  ];
}

export function statementColumns(t: Translate): SheetColumn<StatementRow>[] {
  return [
    { header: t('ledger.statement.title'), value: (r) => r.section },
    { header: t('ledger.col.account'), value: (r) => r.account },
    { header: t('ledger.col.description'), value: (r) => r.name },
    { header: t('ledger.col.amount'), value: (r) => r.amount, numeric: true },
  ];
}
