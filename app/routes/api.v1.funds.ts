import { type FundListItem, searchFunds } from '../../src/use-cases/registry-read.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, columnsOf } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds';

const FUND_LIST_COLUMNS = [
  'code',
  'name_th',
  'name_en',
  'lao_type',
  'lao_name',
  'status',
  'district_code',
  'district_name_th',
  'district_name_en',
  'province_code',
  'province_name_th',
  'province_name_en',
  'region_code',
  'region_name_th',
  'region_name_en',
  'population',
  'population_year',
] as const satisfies readonly (keyof FundListItem)[];

const COLUMNS = columnsOf<FundListItem>(FUND_LIST_COLUMNS);

/** GET /api/v1/funds?area=…&q=…&limit=…&offset=…: funds, as JSON (with the total) or CSV. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const params = api.url.searchParams;
    const result = await searchFunds(api.db, api.actor, {
      q: params.get('q'),
      area: params.get('area'),
      limit: params.get('limit') || 100,
      offset: params.get('offset'),
    });
    if (format === 'csv') return apiCsv('funds.csv', COLUMNS, result.items);
    return apiJson(result);
  });
}
