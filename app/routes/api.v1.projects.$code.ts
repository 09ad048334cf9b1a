import { proposalJson } from '../../src/api/proposals.ts';
import { getProject } from '../../src/use-cases/proposals.ts';
import { apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.projects.$code';

/** GET /api/v1/projects/{code}: an approved project by its code (e.g. 70-L1978-2-01), for anyone. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(proposalJson(await getProject(api.db, api.actor, { code: args.params.code }), api.t)));
}
