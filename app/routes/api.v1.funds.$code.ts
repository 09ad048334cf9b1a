import { getFundProfile } from '../../src/use-cases/registry-read.ts';
import { ApiError, apiFormat, apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code';

/** GET /api/v1/funds/{code}: a fund's profile, its years, its committee and the caller's actions. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    if (apiFormat(api) === 'csv') throw new ApiError(400, 'invalid_input', api.t('registry.error.csvUnsupported'));
    return apiJson(await getFundProfile(api.db, api.actor, { code: args.params.code }));
  });
}
