import { overviewColumns, overviewJson, overviewRows } from '../../src/api/overview.ts';
import { getOverview } from '../../src/use-cases/overview.ts';
import { apiCsv, apiFormat, apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.overview';

/** GET /api/v1/overview?area=CODE&fiscal_year=YYYY[&format=csv]: the area's figures and each child area's. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const params = api.url.searchParams;
    const overview = await getOverview(api.db, api.actor, { area: params.get('area') ?? '', fiscalYear: params.get('fiscal_year') ?? '' });
    if (apiFormat(api) === 'json') return apiJson(overviewJson(overview));
    return apiCsv(`overview-${overview.area.code}-${overview.fiscalYear}.csv`, overviewColumns(), overviewRows(overview));
  });
}
