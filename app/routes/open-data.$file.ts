import { csvField, UTF8_BOM } from '../../src/api/csv.ts';
import { packageShow } from '../../src/domain/open-data.ts';
import { translator } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { DATASETS, datasetFilter, datasetPage, findDataset, MAX_PAGE } from '../../src/use-cases/open-data.ts';
import { UnknownArea } from '../../src/use-cases/registry-read.ts';
import { ApiError, apiErrorResponse } from '../lib/api.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import type { Route } from './+types/open-data.$file';

// The open datasets at stable addresses: /open-data/{dataset}.csv (every row, streamed page by
// page), /open-data/{dataset}.json (?limit=&offset=, with the next page's address), both with
// ?area= and ?fiscal_year=; /open-data/catalogue.json lists them as CKAN's package_list does.
// The same for everyone, so shared caches may keep them a few minutes.

const PUBLIC_HEADERS = { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' };
/** Rows read at a time while streaming a CSV. */
const CSV_PAGE = 2000;
const JSON_PAGE = 1000;

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const t = translator(lang);
  const db = services(context).database.db;
  const actor = actorOf(user);
  const url = new URL(request.url);
  try {
    if (params.file === 'catalogue.json') {
      return Response.json({ help: `${url.origin}/open-data`, success: true, result: DATASETS.map((d) => d.id), datasets: DATASETS.map((d) => packageShow(d, url.origin).result) }, { headers: PUBLIC_HEADERS });
    }
    const match = /^([a-z0-9-]+)\.(csv|json)$/.exec(params.file);
    if (!match) throw new NotFound(params.file);
    const dataset = findDataset(match[1] as string);
    const filter = await datasetFilter(db, actor, { area: url.searchParams.get('area'), fiscalYear: url.searchParams.get('fiscal_year') });
    if (match[2] === 'json') {
      const limit = Math.min(Number(url.searchParams.get('limit') || JSON_PAGE) || JSON_PAGE, MAX_PAGE);
      const offset = Number(url.searchParams.get('offset') || 0) || 0;
      const rows = await datasetPage(db, actor, dataset, filter, { limit, offset });
      let next: string | null = null;
      if (rows.length === limit) {
        const nextUrl = new URL(url);
        nextUrl.searchParams.set('offset', String(offset + limit));
        nextUrl.searchParams.set('limit', String(limit));
        next = nextUrl.pathname + nextUrl.search;
      }
      return Response.json(
        { dataset: dataset.id, metadata: `/open-data/${dataset.id}/metadata.json`, filters: { area: filter.place?.code ?? null, fiscal_year: dataset.by_year ? filter.fiscalYear : null }, limit, offset, next, rows },
        { headers: PUBLIC_HEADERS },
      );
    }
    const names = dataset.columns.map((c) => c.name);
    const encoder = new TextEncoder();
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`${UTF8_BOM}${names.map(csvField).join(',')}\r\n`));
      },
      async pull(controller) {
        const rows = await datasetPage(db, actor, dataset, filter, { limit: CSV_PAGE, offset });
        offset += rows.length;
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map((row) => `${names.map((n) => csvField(row[n])).join(',')}\r\n`).join('')));
        if (rows.length < CSV_PAGE) controller.close();
      },
    });
    const suffix = [filter.place?.code, dataset.by_year ? filter.fiscalYear : null].filter(Boolean).join('-');
    return new Response(stream, {
      headers: {
        ...PUBLIC_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${dataset.id}${suffix ? `-${suffix}` : ''}.csv"`,
      },
    });
  } catch (error) {
    if (error instanceof UnknownArea) return apiErrorResponse(new ApiError(404, 'area_not_found', t('registry.error.unknownArea', { code: error.code })), lang);
    if (error instanceof NotFound) return apiErrorResponse(new ApiError(404, 'not_found', t('openData.notFound')), lang);
    if (error instanceof Invalid) return apiErrorResponse(new ApiError(400, 'invalid_input', error.problems.map((p) => `${p.field}: ${t(p.key, p.params)}`).join('; ')), lang);
    throw error;
  }
}
