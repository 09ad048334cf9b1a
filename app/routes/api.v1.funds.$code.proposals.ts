import { PROPOSAL_LIST_COLUMNS, proposalSummaryJson } from '../../src/api/proposals.ts';
import { listFundProposals } from '../../src/use-cases/proposals.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, columnsOf } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.proposals';

type Item = ReturnType<typeof proposalSummaryJson>;
const COLUMNS = columnsOf<Item>(PROPOSAL_LIST_COLUMNS);

/**
 * GET /api/v1/funds/{code}/proposals?fiscal_year=&state=&origin=: the fund's proposals (all of them for
 * the area's staff, the approved and one's own for others), as JSON or CSV; `origin`
 * (system, paper, imported) keeps the projects of one origin.
 */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const params = api.url.searchParams;
    const list = await listFundProposals(api.db, api.actor, { code: args.params.code, fiscalYear: params.get('fiscal_year'), state: params.get('state'), origin: params.get('origin') });
    const items = list.proposals.map((p) => proposalSummaryJson(p, api.t));
    if (format === 'csv') return apiCsv(`proposals-${list.fund.code}${list.fiscalYear ? `-${list.fiscalYear}` : ''}.csv`, COLUMNS, items);
    return apiJson({ fund: list.fund, fiscal_year: list.fiscalYear, scope: list.scope, items, count: items.length });
  });
}
