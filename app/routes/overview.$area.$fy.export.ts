import { data } from 'react-router';
import { overviewColumns, overviewRows } from '../../src/api/overview.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getOverview } from '../../src/use-cases/overview.ts';
import { download } from '../lib/download.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import type { Route } from './+types/overview.$area.$fy.export';

/** ?format=csv|xlsx: the overview's area and its child areas, one row each, every figure a column. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, t } = requestInfo(context);
  const format = new URL(request.url).searchParams.get('format') ?? 'csv';
  if (!['csv', 'xlsx'].includes(format)) throw data(null, { status: 400 });
  try {
    const overview = await getOverview(services(context).database.db, actorOf(user), { area: params.area, fiscalYear: params.fy });
    return download(`overview-${overview.area.code}-${overview.fiscalYear}`, format, t('overview.title'), overviewColumns(), overviewRows(overview));
  } catch (error) {
    throw asPageError(error);
  }
}
