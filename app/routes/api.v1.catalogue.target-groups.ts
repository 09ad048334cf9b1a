import { listTargetGroups, type TargetGroup } from '../../src/use-cases/planning-catalogue.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, columnsOf } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.catalogue.target-groups';

const COLUMNS = columnsOf<TargetGroup>(['code', 'name_th', 'name_en', 'in_coverage']);

/** GET /api/v1/catalogue/target-groups: NHSO's target groups; in_coverage marks the eight plans should reach. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const groups = await listTargetGroups(api.db);
    if (apiFormat(api) === 'csv') return apiCsv('target-groups.csv', COLUMNS, groups);
    return apiJson({ items: groups, count: groups.length });
  });
}
