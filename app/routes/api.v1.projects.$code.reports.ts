import { projectReportsJson } from '../../src/api/reports.ts';
import { projectReportsForApi } from '../../src/use-cases/project-reports.ts';
import { apiHandler, apiJson } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.projects.$code.reports';

/** GET /api/v1/projects/{code}/reports: the reports a project owes and those started, with their figures; for its group and the area's people. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(projectReportsJson(await projectReportsForApi(api.db, api.actor, { code: args.params.code }))));
}
