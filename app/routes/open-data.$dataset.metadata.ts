import { packageShow } from '../../src/domain/open-data.ts';
import { translator } from '../../src/i18n/index.ts';
import { NotFound } from '../../src/use-cases/errors.ts';
import { findDataset } from '../../src/use-cases/open-data.ts';
import { ApiError, apiErrorResponse } from '../lib/api.server.ts';
import { requestInfo } from '../lib/request.server.ts';
import type { Route } from './+types/open-data.$dataset.metadata';

/** GET /open-data/{dataset}/metadata.json: the dataset as CKAN's package_show gives it, with the thai_gdc fields. */
export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { lang } = requestInfo(context);
  try {
    const dataset = findDataset(params.dataset);
    const { rows: _rows, ...meta } = dataset;
    return Response.json(packageShow(meta, new URL(request.url).origin), {
      headers: { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff', 'Access-Control-Allow-Origin': '*' },
    });
  } catch (error) {
    if (error instanceof NotFound) return apiErrorResponse(new ApiError(404, 'not_found', translator(lang)('openData.notFound')), lang);
    throw error;
  }
}
