import { type Indicator, listPrograms } from '../../src/use-cases/planning-catalogue.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, columnsOf } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.catalogue.programs';

const COLUMNS = columnsOf<Indicator>(['code', 'program_code', 'name_th', 'name_en', 'unit', 'numerator_th', 'denominator_th', 'direction', 'counts_in_analysis', 'definition_th']);

/** GET /api/v1/catalogue/programs: plan programs with their indicators and approaches; CSV: the indicators. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const programs = await listPrograms(api.db);
    if (apiFormat(api) === 'csv') return apiCsv('indicators.csv', COLUMNS, programs.flatMap((p) => p.indicators));
    return apiJson({ items: programs, count: programs.length });
  });
}
