import { activitiesJson, activityJson } from '../../src/api/followup.ts';
import { getFollowUp, recordActivity } from '../../src/use-cases/project-followup.ts';
import { apiHandler, apiJson, apiJsonBody, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.projects.$code.activities';

/** GET /api/v1/projects/{code}/activities: every activity record with its participants, expenses and files. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(activitiesJson(await getFollowUp(api.db, api.actor, { code: args.params.code }))));
}

/**
 * POST /api/v1/projects/{code}/activities {activity_date, title, activity_position?, done?, …,
 * participants: [{target_group_code, planned, actual}], expenses: [{group, amount}]}: the same
 * rules as the activity page; the answer is the record as the list gives it.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      // Files go up through the activity page; the API records the rest.
      const { files: _files, ...body } = await apiJsonBody(api);
      const { id } = await recordActivity(api.db, api.actor, { ...body, code: args.params.code });
      const view = await getFollowUp(api.db, api.actor, { code: args.params.code });
      const record = view.activities.find((a) => a.id === id)!;
      return apiJson(activityJson(record, view.code), { status: 201, headers: { Location: `/api/v1/projects/${encodeURIComponent(view.code)}/activities` } });
    },
    { write: true },
  );
}
