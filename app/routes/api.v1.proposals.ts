import { proposalJson } from '../../src/api/proposals.ts';
import { getProposal, startProposal } from '../../src/use-cases/proposals.ts';
import { apiHandler, apiJson, apiJsonBody, methodNotAllowed, renamingFields } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.proposals';

/** GET has nothing here: proposals are read one by one or per fund. */
export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    throw methodNotAllowed(api, ['POST']);
  });
}

/**
 * POST /api/v1/proposals {fund_code, fiscal_year?, example?, copy_of?}: starts a draft for the
 * caller's organisation, blank, from an example project or as a copy of an earlier proposal.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      const body = await apiJsonBody(api);
      const input = { code: body.fund_code, fiscal_year: body.fiscal_year, example: body.example, copy_of: body.copy_of };
      const { id } = await renamingFields(startProposal(api.db, api.actor, input), (field) => (field === 'code' ? 'fund_code' : field));
      const view = await getProposal(api.db, api.actor, { id });
      return apiJson(proposalJson(view, api.t), { status: 201, headers: { Location: `/api/v1/proposals/${id}` } });
    },
    { write: true },
  );
}
