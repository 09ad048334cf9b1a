import { proposalJson } from '../../src/api/proposals.ts';
import { recordPaperProject } from '../../src/use-cases/outside-projects.ts';
import { getProject } from '../../src/use-cases/proposals.ts';
import { apiHandler, apiJson, apiJsonBody, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.projects';

/**
 * POST /api/v1/funds/{code}/projects {fiscal_year, title, organisation_name, organisation_type,
 * support_category, approved_amount, approval_date, meeting_ref, meeting_date?, period_start,
 * period_end, place?, coordinator_name, coordinator_phone, target_groups: {code: people},
 * project_code?}: a project the committee approved on paper, recorded by the fund's officer with
 * the same rules as the page (no scanned file: attach it on the page). The answer is the project.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      const body = await apiJsonBody(api);
      const { projectCode } = await recordPaperProject(api.db, api.actor, { ...body, code: args.params.code, file: null });
      const view = await getProject(api.db, api.actor, { code: projectCode });
      return apiJson(proposalJson(view, api.t), { status: 201, headers: { Location: `/api/v1/projects/${projectCode}` } });
    },
    { write: true },
  );
}

export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    throw methodNotAllowed(api, ['POST']);
  });
}
