import { meetingJson } from '../../src/api/proposals.ts';
import { getMeeting, saveAttendance } from '../../src/use-cases/meetings.ts';
import { apiHandler, apiJson, apiJsonBody, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.meetings.$id';

/** GET /api/v1/meetings/{id}: the meeting, who attended and its quorum, its agenda and what may go on it. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(meetingJson(await getMeeting(api.db, api.actor, { id: args.params.id }), api.t)));
}

/** PUT or PATCH /api/v1/meetings/{id} {version, present: [member ids]}: who attended; the others serving were absent. */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'PUT' && api.request.method !== 'PATCH') throw methodNotAllowed(api, ['GET', 'PUT', 'PATCH']);
      const body = await apiJsonBody(api);
      await saveAttendance(api.db, api.actor, { ...body, id: args.params.id });
      return apiJson(meetingJson(await getMeeting(api.db, api.actor, { id: args.params.id }), api.t));
    },
    { write: true },
  );
}
