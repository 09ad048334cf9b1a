import { actorOf } from '../../src/use-cases/authorize.ts';
import { getAttachment } from '../../src/use-cases/proposal-attachments.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { storedFileResponse } from '../lib/stored-file.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import type { Route } from './+types/proposals.$id.attachments.$attachmentId';

// One attachment's file, for whoever may read the proposal.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  try {
    const file = await getAttachment(services(context).database.db, actorOf(user), { id: params.id, attachmentId: params.attachmentId });
    return storedFileResponse(file, request);
  } catch (error) {
    throw asRouteError(error);
  }
}
