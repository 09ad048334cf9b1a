import { getFundPlanExport, type SituationRow } from '../../src/use-cases/plans.ts';
import { type CsvColumn, apiCsv, apiFormat, apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.plans';

type SituationCsvRow = {
  fund_code: string;
  fiscal_year: number;
  revision: number;
  status: string;
  program_code: string;
  program_name_th: string;
  indicator_code: string;
  indicator_name_th: string;
  unit: string;
} & Pick<SituationRow, 'numerator' | 'denominator' | 'value' | 'target' | 'source' | 'data_date'>;

const COLUMNS: CsvColumn<SituationCsvRow>[] = (
  ['fund_code', 'fiscal_year', 'revision', 'status', 'program_code', 'program_name_th', 'indicator_code', 'indicator_name_th', 'unit', 'numerator', 'denominator', 'value', 'target', 'source', 'data_date'] as const
).map((key) => ({ header: key, value: (row) => row[key] }));

/** GET /api/v1/funds/{code}/plans?fiscal_year=YYYY: the year's plan in full; CSV: one row per situation value. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const plan = await getFundPlanExport(api.db, api.actor, { code: args.params.code, fiscalYear: api.url.searchParams.get('fiscal_year') });
    if (format === 'json') return apiJson(plan);
    const header = plan.plan;
    const rows: SituationCsvRow[] = header
      ? plan.programs.flatMap((program) =>
          program.situations
            .filter((s) => s.value !== null)
            .map((s) => ({
              fund_code: plan.fund.code,
              fiscal_year: plan.fiscalYear,
              revision: header.revision,
              status: header.status,
              program_code: program.program.code,
              program_name_th: program.program.name_th,
              indicator_code: s.indicator.code,
              indicator_name_th: s.indicator.name_th,
              unit: s.indicator.unit,
              numerator: s.numerator,
              denominator: s.denominator,
              value: s.value,
              target: s.target,
              source: s.source,
              data_date: s.data_date,
            })),
        )
      : [];
    return apiCsv(`plan-${plan.fund.code}-${plan.fiscalYear}.csv`, COLUMNS, rows);
  });
}
