import { meetingJson } from '../../src/api/proposals.ts';
import { createMeeting, getMeeting, listMeetings } from '../../src/use-cases/meetings.ts';
import { apiCsv, apiFormat, apiHandler, apiJson, apiJsonBody, columnsOf, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.funds.$code.meetings';

type Item = Awaited<ReturnType<typeof listMeetings>>['meetings'][number];
const COLUMNS = columnsOf<Item>(['id', 'fiscalYear', 'number', 'date', 'place', 'items', 'open']);

/** GET /api/v1/funds/{code}/meetings?fiscal_year=: the fund's committee meetings, latest first (JSON or CSV). */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    const format = apiFormat(api);
    const list = await listMeetings(api.db, api.actor, { code: args.params.code, fiscalYear: api.url.searchParams.get('fiscal_year') });
    if (format === 'csv') return apiCsv(`meetings-${list.fund.code}.csv`, COLUMNS, list.meetings);
    const items = list.meetings.map((m) => ({ id: m.id, fiscal_year: m.fiscalYear, number: m.number, date: m.date, place: m.place, items: m.items, open: m.open }));
    return apiJson({ fund: list.fund, items, count: items.length, actions: list.mayManage ? ['meeting.manage'] : [] });
  });
}

/** POST /api/v1/funds/{code}/meetings {meeting_date, place, fiscal_year?}: calls a committee meeting. */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['GET', 'POST']);
      const body = await apiJsonBody(api);
      const { id } = await createMeeting(api.db, api.actor, { ...body, code: args.params.code });
      return apiJson(meetingJson(await getMeeting(api.db, api.actor, { id }), api.t), { status: 201, headers: { Location: `/api/v1/meetings/${id}` } });
    },
    { write: true },
  );
}
