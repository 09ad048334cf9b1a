import { z } from 'zod';
import { proposalActions, proposalJson } from '../../src/api/proposals.ts';
import { DECISIONS, isProposalTransition, transitionRule } from '../../src/domain/proposals.ts';
import { versionField } from '../../src/use-cases/admin-shared.ts';
import { Conflict, Forbidden, Invalid, parseInput } from '../../src/use-cases/errors.ts';
import { addToAgenda, decideAgenda, getMeeting, removeFromAgenda } from '../../src/use-cases/meetings.ts';
import { getProposal, transitionProposal } from '../../src/use-cases/proposals.ts';
import { ApiError, apiHandler, apiJson, apiJsonBody, methodNotAllowed, renamingFields } from '../lib/api.server.ts';
import type { Route } from './+types/api.v1.proposals.$id.transitions';

export async function loader(args: Route.LoaderArgs) {
  return apiHandler(args, async (api) => {
    throw methodNotAllowed(api, ['POST']);
  });
}

/**
 * POST /api/v1/proposals/{id}/transitions {action, version, …}: one step of the workflow. Most
 * steps are the proposal's own; putting it on an agenda (meeting_id) and the committee's
 * decisions (approved_amount, conditions, reason) go through its meeting, deciding this item
 * alone. A step the caller's part never allows is 403; one the state does not allow, 409.
 */
export async function action(args: Route.ActionArgs) {
  return apiHandler(
    args,
    async (api) => {
      if (api.request.method !== 'POST') throw methodNotAllowed(api, ['POST']);
      const body = await apiJsonBody(api);
      const view = await getProposal(api.db, api.actor, { id: args.params.id });
      const action = body.action;
      if (!isProposalTransition(action)) throw new Invalid([{ field: 'action', key: 'proposal.error.action' }]);
      const allowed = proposalActions(view);
      if (!allowed.includes(action)) {
        if (!transitionRule(action).by.some((hat) => view.hats.includes(hat))) throw new Forbidden(`proposal.${action}`);
        const params = { state: api.t(`proposal.state.${view.state}`), action, allowed: allowed.join(', ') || api.t('api.error.noActions') };
        throw new ApiError(409, 'transition_not_allowed', api.t('api.error.transition', params));
      }
      if (action === 'add_to_agenda') {
        if (body.meeting_id === undefined || body.meeting_id === '') throw new Invalid([{ field: 'meeting_id', key: 'admin.error.required' }]);
        const input = { id: body.meeting_id, proposalId: view.id, version: body.version };
        await renamingFields(addToAgenda(api.db, api.actor, input), (field) => (field === 'proposal' ? 'meeting_id' : field));
      } else if (action === 'remove_from_agenda' && view.agenda) {
        await removeFromAgenda(api.db, api.actor, { id: view.agenda.meetingId, itemId: view.agenda.itemId });
      } else if ((DECISIONS as readonly string[]).includes(action) && view.agenda) {
        const { version } = parseInput(z.object({ version: versionField }), body);
        if (version !== view.version) throw new Conflict(`proposal ${view.id} changed since version ${version}`);
        const { meetingId, itemId } = view.agenda;
        const meeting = await getMeeting(api.db, api.actor, { id: meetingId });
        const decision = { decision: action, approved_amount: body.approved_amount, conditions: body.conditions, reason: body.reason, version: String(version) };
        const prefix = `decisions.${itemId}.`;
        await renamingFields(decideAgenda(api.db, api.actor, { id: meetingId, version: meeting.version, decisions: { [itemId]: decision } }), (field) => {
          const name = field.startsWith(prefix) ? field.slice(prefix.length) : field;
          return name === 'decision' ? 'action' : name;
        });
      } else {
        return apiJson(proposalJson(await transitionProposal(api.db, api.actor, { ...body, id: view.id, action }), api.t));
      }
      return apiJson(proposalJson(await getProposal(api.db, api.actor, { id: view.id }), api.t));
    },
    { write: true },
  );
}
