import { getAreaPlans } from '../../src/use-cases/plan-analysis.ts';
import { type CsvColumn, apiCsv, apiFormat, apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.areas.$code.plans';

interface IndicatorCsvRow {
  area_code: string;
  fiscal_year: number;
  program_code: string;
  program_name_th: string;
  funds_with_program: number;
  indicator_code: string;
  indicator_name_th: string;
  unit: string;
  funds_with_value: number | null;
  situation_plain_average: string | null;
  situation_weighted_average: string | null;
  target_plain_average: string | null;
  target_weighted_average: string | null;
}

const COLUMNS: CsvColumn<IndicatorCsvRow>[] = (
  [
    'area_code',
    'fiscal_year',
    'program_code',
    'program_name_th',
    'funds_with_program',
    'indicator_code',
    'indicator_name_th',
    'unit',
    'funds_with_value',
    'situation_plain_average',
    'situation_weighted_average',
    'target_plain_average',
    'target_weighted_average',
  ] as const
).map((key) => ({ header: key, value: (row) => row[key] }));

/**
 * GET /api/v1/areas/{code}/plans?fiscal_year=YYYY: the plans of every fund in a district (or a
 * province, region, the country) combined per program and indicator; CSV: one row per indicator.
 */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const plans = await getAreaPlans(api.db, api.actor, { code: args.params.code, fiscalYear: api.url.searchParams.get('fiscal_year') });
    if (format === 'json') return apiJson(plans);
    const rows = plans.programs.flatMap((program) =>
      program.indicators.map((indicator) => ({
        area_code: plans.area.code,
        fiscal_year: plans.fiscalYear,
        program_code: program.code,
        program_name_th: program.name_th,
        funds_with_program: program.funds,
        indicator_code: indicator.code,
        indicator_name_th: indicator.name_th,
        unit: indicator.unit,
        funds_with_value: indicator.situation?.funds ?? null,
        situation_plain_average: indicator.situation?.plain ?? null,
        situation_weighted_average: indicator.situation?.weighted ?? null,
        target_plain_average: indicator.target?.plain ?? null,
        target_weighted_average: indicator.target?.weighted ?? null,
      })),
    );
    return apiCsv(`plans-${plans.area.code}-${plans.fiscalYear}.csv`, COLUMNS, rows);
  });
}
