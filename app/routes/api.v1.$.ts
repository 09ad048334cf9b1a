import { ApiError, apiHandler } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.$';

/** Any other path under /api/v1: a JSON 404 rather than the HTML page. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    throw new ApiError(404, 'not_found', api.t('registry.error.noSuchEndpoint', { path: api.url.pathname }));
  });
}
