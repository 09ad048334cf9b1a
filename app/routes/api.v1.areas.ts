import { type AreaItem, listAreas } from '../../src/use-cases/registry-read.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, columnsOf } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.areas';

const COLUMNS = columnsOf<AreaItem>(['code', 'name_th', 'name_en', 'level', 'parent_code']);

/** GET /api/v1/areas?level=…&parent=…: areas of the country, as JSON or CSV. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const items = await listAreas(api.db, api.actor, {
      level: api.url.searchParams.get('level'),
      parent: api.url.searchParams.get('parent'),
    });
    if (format === 'csv') return apiCsv('areas.csv', COLUMNS, items);
    return apiJson({ items, count: items.length });
  });
}
