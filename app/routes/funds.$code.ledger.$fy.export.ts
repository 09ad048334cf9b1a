import { data, redirect } from 'react-router';
import { cashBookColumns, statementColumns, statementRows, voucherColumns } from '../../src/api/ledger.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getLedger, getStatement } from '../../src/use-cases/ledger.ts';
import { listVouchers } from '../../src/use-cases/vouchers.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { download } from '../lib/download.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import type { Route } from './+types/funds.$code.ledger.$fy.export';

// The books as spreadsheets: ?list=cashbook|receipts|vouchers|statement (statement with
// &kind=month|quarter|year&number=), ?format=csv|xlsx. Headers in the reader's language; the
// same people may download as may read the page.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, t } = requestInfo(context);
  const url = new URL(request.url);
  const list = url.searchParams.get('list') ?? 'cashbook';
  const format = url.searchParams.get('format') ?? 'csv';
  if (!['csv', 'xlsx'].includes(format)) throw data(null, { status: 400 });
  const db = services(context).database.db;
  const actor = actorOf(user);
  const fiscalYear = params.fy;
  try {
    if (list === 'statement') {
      const kind = url.searchParams.get('kind');
      const view = await getStatement(db, actor, { code: params.code, kind, fiscalYear, number: url.searchParams.get('number') ?? 0 });
      const name = `statement-${view.fund.code}-${view.period.fiscalYear}-${view.period.kind}${view.period.number || ''}`;
      return download(name, format, t('ledger.statement.title'), statementColumns(t), statementRows(view, t));
    }
    if (!user) throw redirect('/sign-in');
    if (list === 'vouchers') {
      const view = await listVouchers(db, actor, { code: params.code, fiscalYear });
      return download(`vouchers-${view.fund.code}-${view.fiscalYear}`, format, t('ledger.export.vouchers'), voucherColumns(t), view.vouchers);
    }
    const ledger = await getLedger(db, actor, { code: params.code, fiscalYear });
    if (list === 'receipts') {
      const rows = ledger.entries.filter((e) => e.kind === 'receipt' || e.kind === 'refund');
      return download(`receipts-${ledger.fund.code}-${ledger.fiscalYear}`, format, t('ledger.export.receipts'), cashBookColumns(t), rows);
    }
    if (list !== 'cashbook') throw data(null, { status: 404 });
    return download(`cashbook-${ledger.fund.code}-${ledger.fiscalYear}`, format, t('ledger.cashbook.title'), cashBookColumns(t), ledger.entries);
  } catch (error) {
    throw asPageError(error);
  }
}
