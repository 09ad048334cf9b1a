import { proposalJson } from '../../src/api/proposals.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { isStep } from '../../src/use-cases/proposal-steps.ts';
import { getProposal, saveProposalStep } from '../../src/use-cases/proposals.ts';
import { apiHandler, apiJson, apiJsonBody, methodNotAllowed } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.proposals.$id';

/** GET /api/v1/proposals/{id}: the proposal with its problems, budget check and the caller's actions. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => apiJson(proposalJson(await getProposal(api.db, api.actor, { id: args.params.id }), api.t)));
}

/**
 * PATCH /api/v1/proposals/{id} {version, step, …the step's fields}: saves one page of the guided
 * flow, as its form would. The server works out every amount and the total from the lines.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'PATCH') throw methodNotAllowed(api, ['GET', 'PATCH']);
      const body = await apiJsonBody(api);
      if (!isStep(body.step)) throw new Invalid([{ field: 'step', key: 'api.error.step' }]);
      await saveProposalStep(api.db, api.actor, { ...body, id: args.params.id, step: body.step });
      return apiJson(proposalJson(await getProposal(api.db, api.actor, { id: args.params.id }), api.t));
    },
    { write: true },
  );
}
