import { periodsJson } from '../../src/api/followup.ts';
import { getFollowUp } from '../../src/use-cases/project-followup.ts';
import { apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.projects.$code.periods';

/** GET /api/v1/projects/{code}/periods: the project's reporting periods (งวด), for those who follow it. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(periodsJson(await getFollowUp(api.db, api.actor, { code: args.params.code }))));
}
