import { entryJson } from '../../src/api/ledger.ts';
import { fiscalYearOf } from '../../src/domain/fiscal-year.ts';
import { getLedger, recordReceipt, recordRefund } from '../../src/use-cases/ledger.ts';
import { apiHandler, apiJson, apiJsonBody, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.receipts';

/**
 * POST /api/v1/funds/{code}/receipts {source, entry_date, amount, document_no?, description?}:
 * money in (RCV…); source `refund` with project_code records a project's refund (RET…). The
 * same rules as the ledger page; the answer is the posting as the ledger lists it.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      const body = await apiJsonBody(api);
      const post = body.source === 'refund' ? recordRefund : recordReceipt;
      const { id } = await post(api.db, api.actor, { ...body, code: args.params.code });
      const entry = await api.db.selectFrom('ledger_entry').select(['entry_date']).where('id', '=', id).executeTakeFirstOrThrow();
      const ledger = await getLedger(api.db, api.actor, { code: args.params.code, fiscalYear: fiscalYearOf(entry.entry_date) });
      const posted = ledger.entries.find((e) => e.id === id)!;
      return apiJson(entryJson(posted, api.t), { status: 201, headers: { Location: `/api/v1/funds/${ledger.fund.code}/ledger?fiscal_year=${ledger.fiscalYear}` } });
    },
    { write: true },
  );
}
