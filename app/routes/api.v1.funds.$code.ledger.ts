import { cashBookColumns, ledgerJson } from '../../src/api/ledger.ts';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { getLedger } from '../../src/use-cases/ledger.ts';
import { apiCsv, apiFormat, apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.ledger';

/** GET /api/v1/funds/{code}/ledger?fiscal_year=: the fund's postings of a fiscal year with the running bank balance (JSON or CSV). */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const fiscalYear = api.url.searchParams.get('fiscal_year') || String(currentFiscalYear());
    const view = await getLedger(api.db, api.actor, { code: args.params.code, fiscalYear });
    if (format === 'csv') return apiCsv(`ledger-${view.fund.code}-${view.fiscalYear}.csv`, cashBookColumns(api.t), view.entries);
    return apiJson(ledgerJson(view, api.t));
  });
}
