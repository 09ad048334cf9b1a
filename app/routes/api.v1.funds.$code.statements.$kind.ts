import { statementColumns, statementJson, statementRows } from '../../src/api/ledger.ts';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { getStatement } from '../../src/use-cases/ledger.ts';
import { apiCsv, apiFormat, apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.statements.$kind';

/**
 * GET /api/v1/funds/{code}/statements/{month|quarter|year}?fiscal_year=&number=: the
 * receipts-and-payments statement (number: calendar month 1–12 or fiscal quarter 1–4). Anyone
 * may read a statement whose months are all closed; the fund's people any.
 */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const view = await getStatement(api.db, api.actor, {
      code: args.params.code,
      kind: args.params.kind,
      fiscalYear: api.url.searchParams.get('fiscal_year') || String(currentFiscalYear()),
      number: api.url.searchParams.get('number') ?? 0,
    });
    if (format === 'csv') return apiCsv(`statement-${view.fund.code}-${view.period.fiscalYear}-${view.period.kind}${view.period.number || ''}.csv`, statementColumns(api.t), statementRows(view, api.t));
    return apiJson(statementJson(view, api.t));
  });
}
