import { importRunJson } from '../../src/api/imports.ts';
import { applyImportRun } from '../../src/use-cases/import-history.ts';
import { apiHandler, apiJson, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.imports.$id.apply';

export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    throw methodNotAllowed(api, ['POST']);
  });
}

/**
 * POST /api/v1/imports/{id}/apply: applies a checked dry run, checking its file again inside
 * the one transaction: everything, or (a row now rejected) nothing, with the reasons.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      const view = await applyImportRun(api.db, api.actor, { id: args.params.id });
      return apiJson(importRunJson(view, api.actor?.userId ?? null, api.t));
    },
    { write: true },
  );
}
