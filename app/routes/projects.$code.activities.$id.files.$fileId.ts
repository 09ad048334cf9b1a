import { actorOf } from '../../src/use-cases/authorize.ts';
import { getActivityFile } from '../../src/use-cases/project-followup.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { storedFileResponse } from '../lib/stored-file.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import type { Route } from './+types/projects.$code.activities.$id.files.$fileId';

// One photo or receipt of an activity record, for whoever may follow the project.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  try {
    const file = await getActivityFile(services(context).database.db, actorOf(user), { code: params.code, id: params.id, fileId: params.fileId });
    return storedFileResponse(file, request);
  } catch (error) {
    throw asRouteError(error);
  }
}
