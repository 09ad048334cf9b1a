import { importRunJson } from '../../src/api/imports.ts';
import { getImportRun } from '../../src/use-cases/import-history.ts';
import { apiHandler, apiJson, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.imports.$id';

/** GET /api/v1/imports/{id}: one run's summary, for its importer (and admins). */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(importRunJson(await getImportRun(api.db, api.actor, { id: args.params.id }), api.actor?.userId ?? null, api.t)));
}

export async function action(args: Route.ActionArgs) {
  return apiHandler(args, async (api) => {
    throw methodNotAllowed(api, ['GET']);
  });
}
