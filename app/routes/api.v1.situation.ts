import { getSituationSeries } from '../../src/use-cases/plan-analysis.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, type CsvColumn } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.situation';

interface SeriesCsvRow {
  indicator_code: string;
  level: string;
  code: string;
  name_th: string;
  fiscal_year: number;
  funds: number | null;
  plain_average: string | null;
  weighted_average: string | null;
}

const COLUMNS: CsvColumn<SeriesCsvRow>[] = (['indicator_code', 'level', 'code', 'name_th', 'fiscal_year', 'funds', 'plain_average', 'weighted_average'] as const).map(
  (key) => ({ header: key, value: (row) => row[key] }),
);

/** GET /api/v1/situation?indicator=CODE&place=CODE: an indicator by year from the country down to a place (approved plans). */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const params = api.url.searchParams;
    const series = await getSituationSeries(api.db, api.actor, { indicator: params.get('indicator'), place: params.get('place') });
    if (apiFormat(api) === 'json') return apiJson(series);
    const rows = series.levels.flatMap((line) =>
      series.fiscalYears.map((fiscalYear, i) => ({
        indicator_code: series.indicator.code,
        level: line.level,
        code: line.code,
        name_th: line.name_th,
        fiscal_year: fiscalYear,
        funds: line.values[i]?.funds ?? null,
        plain_average: line.values[i]?.plain ?? null,
        weighted_average: line.values[i]?.weighted ?? null,
      })),
    );
    return apiCsv(`situation-${series.indicator.code}-${series.place.code}.csv`, COLUMNS, rows);
  });
}
