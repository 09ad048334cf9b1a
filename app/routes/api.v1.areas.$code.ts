import { type AreaStats, getArea } from '../../src/use-cases/registry-read.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, columnsOf } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.areas.$code';

const COLUMNS = columnsOf<AreaStats>(['code', 'name_th', 'name_en', 'level', 'parent_code', 'sub_areas', 'funds', 'active_funds', 'population']);

/** GET /api/v1/areas/{code}: one area, its breadcrumbs, its children with counts, its funds. CSV: the children. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const detail = await getArea(api.db, api.actor, { code: args.params.code });
    if (format === 'csv') return apiCsv(`area-${detail.area.code}.csv`, COLUMNS, detail.children);
    return apiJson(detail);
  });
}
