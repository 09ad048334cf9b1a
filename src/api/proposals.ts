import { toNumeric } from '../domain/money.ts';
import { DECISIONS, type ProposalTransition, transitionsFor } from '../domain/proposals.ts';
import type { Translate } from '../i18n/index.ts';
import type { MeetingView } from '../use-cases/meetings.ts';
import type { ProposalSummary, ProposalView } from '../use-cases/proposals.ts';

// Proposals and meetings as the API writes them: the use cases' views with snake_case names,
// labels in the caller's language beside the codes, money as exact decimal text.

const isDecision = (action: ProposalTransition) => (DECISIONS as readonly string[]).includes(action);

/**
 * The workflow steps the caller may take now. The pages take the committee's decisions on the
 * meeting's page, so the view leaves them out; the API takes them on the proposal, so they are
 * listed while it waits on an agenda for the caller's hats.
 */
export function proposalActions(view: Pick<ProposalView, 'state' | 'hats' | 'actions' | 'agenda'>): ProposalTransition[] {
  return transitionsFor(view.state, view.hats).filter((action) => view.actions.includes(action) || (view.agenda !== null && isDecision(action)));
}

export function proposalJson(view: ProposalView, t: Translate) {
  const { content } = view;
  return {
    id: view.id,
    fund: view.fund,
    fiscal_year: view.fiscalYear,
    state: view.state,
    state_label: t(`proposal.state.${view.state}`),
    public_state: view.publicState,
    public_state_label: t(`proposal.public.${view.publicState}`),
    version: view.version,
    content_revision: view.contentRevision,
    organisation: {
      id: view.organisation.id,
      name: view.organisation.name,
      type: view.organisation.type,
      type_label: view.organisation.type === null ? null : t(`proposal.orgType.${view.organisation.type}`),
    },
    coordinator: view.coordinator,
    members: content.members,
    title: view.title,
    rationale: view.rationale,
    programs: content.programs,
    situations: content.situations,
    objectives: content.objectives,
    target_groups: content.targetGroups,
    activities: content.activities.map((activity) => ({
      ...activity,
      expenses: activity.expenses.map((line) => ({ ...line, group_label: t(`proposal.expense.${line.group}`) })),
    })),
    period_start: view.periodStart,
    period_end: view.periodEnd,
    place: view.place,
    expected_results: view.expectedResults,
    support_category: view.supportCategory,
    suggested_category: view.suggestedCategory,
    budget: view.budget,
    review_checklist: view.reviewChecklist,
    decision: {
      approved_amount: view.decision.approvedAmount,
      conditions: view.decision.conditions,
      reason: view.decision.reason,
      decided_at: view.decision.decidedAt,
      // A project decided outside the system names its meeting as the minutes do.
      meeting_ref: view.outsideMeeting?.ref ?? null,
      meeting_date: view.outsideMeeting?.date ?? null,
    },
    project_code: view.project?.code ?? null,
    origin: view.origin,
    origin_label: t(`outside.origin.${view.origin}`),
    agenda: view.agenda && {
      meeting_id: view.agenda.meetingId,
      number: view.agenda.number,
      fiscal_year: view.agenda.fiscalYear,
      date: view.agenda.date,
      item_id: view.agenda.itemId,
    },
    submitted_at: view.submittedAt,
    updated_at: view.updatedAt,
    problems: view.problems.map((p) => ({
      step: p.step,
      field: p.field,
      problem: p.problem,
      message: t(`proposal.problem.${p.problem}`),
      ...(p.limit === undefined ? {} : { limit: toNumeric(p.limit) }),
    })),
    budget_check: view.budgetCheck && {
      ...view.budgetCheck,
      problems: view.budgetCheck.problems.map((p) => ({ ...p, message: t(`proposal.budget.${p.problem}`, { remaining: p.remaining ?? '' }) })),
    },
    hats: view.hats,
    may_edit: view.mayEdit,
    actions: proposalActions(view),
  };
}

/** The CSV columns of a fund's proposals: the JSON items' fields, each its own column. */
export const PROPOSAL_LIST_COLUMNS = [
  'id',
  'fund_code',
  'fiscal_year',
  'state',
  'state_label',
  'title',
  'organisation_name',
  'support_category',
  'budget',
  'approved_amount',
  'project_code',
  'origin',
  'updated_at',
] as const;

export function proposalSummaryJson(item: ProposalSummary, t: Translate) {
  return {
    id: item.id,
    fund_code: item.fundCode,
    fiscal_year: item.fiscalYear,
    state: item.state,
    state_label: t(`proposal.state.${item.state}`),
    title: item.title,
    organisation_name: item.organisationName,
    support_category: item.supportCategory,
    budget: item.budget,
    approved_amount: item.approvedAmount,
    project_code: item.projectCode,
    origin: item.origin,
    updated_at: item.updatedAt.toISOString(),
  } satisfies Record<(typeof PROPOSAL_LIST_COLUMNS)[number], unknown>;
}

export function meetingJson(view: MeetingView, t: Translate) {
  return {
    id: view.id,
    fund: view.fund,
    fiscal_year: view.fiscalYear,
    number: view.number,
    date: view.date,
    place: view.place,
    minutes: view.minutes,
    version: view.version,
    members: view.members,
    quorum: view.quorum,
    items: view.items.map((item) => ({
      id: item.id,
      position: item.position,
      proposal_id: item.proposalId,
      proposal_version: item.proposalVersion,
      title: item.title,
      organisation_name: item.organisationName,
      budget: item.budget,
      support_category: item.supportCategory,
      state: item.state,
      state_label: t(`proposal.state.${item.state}`),
      changed_since_agenda: item.changedSinceAgenda,
      decision: item.decision,
      approved_amount: item.approvedAmount,
      conditions: item.conditions,
      reason: item.reason,
      project_code: item.projectCode,
      budget_problems: item.budgetProblems,
    })),
    candidates: view.candidates.map((c) => ({
      proposal_id: c.id,
      proposal_version: c.version,
      title: c.title,
      organisation_name: c.organisationName,
      budget: c.budget,
      state: c.state,
      state_label: t(`proposal.state.${c.state}`),
    })),
    actions: [...(view.may.manage ? ['meeting.manage'] : []), ...(view.may.decide ? ['meeting.decide'] : [])],
  };
}
