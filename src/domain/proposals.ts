import { fiscalYearRange } from './fiscal-year.ts';
import { multiplySatang, type Satang, sumSatang } from './money.ts';
import type { SupportCategory } from './planning.ts';

// Proposals (พัฒนาโครงการ): the workflow as a table, the hats a person wears towards one
// proposal, the budget arithmetic and the rules a proposal must meet to be sent.

export const PROPOSAL_STATES = [
  'draft',
  'submitted',
  'in_review',
  'returned',
  'resubmitted',
  'reviewed',
  'on_agenda',
  'approved',
  'rejected',
  'deferred',
  'withdrawn',
  'cancelled',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/**
 * What the public is told about a state: the public never sees drafts or the review, only
 * whether the fund approved it. Staff see the states themselves.
 */
export const PUBLIC_STATE: Record<ProposalState, 'in_progress' | 'approved' | 'not_approved' | 'closed'> = {
  draft: 'in_progress',
  submitted: 'in_progress',
  in_review: 'in_progress',
  returned: 'in_progress',
  resubmitted: 'in_progress',
  reviewed: 'in_progress',
  on_agenda: 'in_progress',
  deferred: 'in_progress',
  approved: 'approved',
  rejected: 'not_approved',
  withdrawn: 'closed',
  cancelled: 'closed',
};

/**
 * The hats someone can wear towards one proposal: its proposing organisation (owner), a mentor
 * of its area, the fund's officer, a member of the fund's committee. Admins wear every staff hat.
 */
export type Hat = 'owner' | 'mentor' | 'officer' | 'committee';

/** Which people are told when a step is taken. */
export type Audience = 'owner' | 'mentors' | 'officers' | 'committee';

interface TransitionRule {
  from: readonly ProposalState[];
  to: ProposalState;
  by: readonly Hat[];
  notify: readonly Audience[];
  /** What the step needs besides the state: a comment saying why, a committee meeting. */
  needs?: 'reason' | 'meeting' | 'decision';
}

const OPEN_FOR_WITHDRAWAL = ['draft', 'submitted', 'in_review', 'returned', 'resubmitted', 'reviewed', 'deferred'] as const;

export const PROPOSAL_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', by: ['owner', 'officer'], notify: ['mentors', 'officers'] },
  start_review: { from: ['submitted', 'resubmitted'], to: 'in_review', by: ['mentor', 'officer'], notify: ['owner'] },
  return: {
    from: ['submitted', 'in_review', 'resubmitted', 'reviewed', 'deferred'],
    to: 'returned',
    by: ['mentor', 'officer'],
    notify: ['owner'],
    needs: 'reason',
  },
  resubmit: { from: ['returned'], to: 'resubmitted', by: ['owner', 'officer'], notify: ['mentors', 'officers'] },
  pass_review: { from: ['in_review'], to: 'reviewed', by: ['mentor', 'officer'], notify: ['owner', 'officers'] },
  add_to_agenda: { from: ['reviewed', 'deferred'], to: 'on_agenda', by: ['officer'], notify: ['owner', 'committee'], needs: 'meeting' },
  remove_from_agenda: { from: ['on_agenda'], to: 'reviewed', by: ['officer'], notify: ['owner'], needs: 'meeting' },
  approve: { from: ['on_agenda'], to: 'approved', by: ['officer', 'committee'], notify: ['owner', 'mentors', 'officers'], needs: 'decision' },
  reject: { from: ['on_agenda'], to: 'rejected', by: ['officer', 'committee'], notify: ['owner', 'mentors'], needs: 'decision' },
  defer: { from: ['on_agenda'], to: 'deferred', by: ['officer', 'committee'], notify: ['owner'], needs: 'decision' },
  withdraw: { from: OPEN_FOR_WITHDRAWAL, to: 'withdrawn', by: ['owner'], notify: ['officers'] },
  cancel: { from: OPEN_FOR_WITHDRAWAL.filter((s) => s !== 'draft'), to: 'cancelled', by: ['officer'], notify: ['owner'], needs: 'reason' },
} as const satisfies Record<string, TransitionRule>;
export type ProposalTransition = keyof typeof PROPOSAL_TRANSITIONS;
export const PROPOSAL_TRANSITION_NAMES = Object.keys(PROPOSAL_TRANSITIONS) as ProposalTransition[];

export function isProposalTransition(value: unknown): value is ProposalTransition {
  return typeof value === 'string' && Object.hasOwn(PROPOSAL_TRANSITIONS, value);
}

export function transitionRule(transition: ProposalTransition): TransitionRule {
  return PROPOSAL_TRANSITIONS[transition];
}

/** The steps someone wearing `hats` may take from `state`, in the table's order. */
export function transitionsFor(state: ProposalState, hats: readonly Hat[]): ProposalTransition[] {
  return PROPOSAL_TRANSITION_NAMES.filter((name) => {
    const rule: TransitionRule = PROPOSAL_TRANSITIONS[name];
    return rule.from.includes(state) && rule.by.some((hat) => hats.includes(hat));
  });
}

/** The committee's decisions, which close an agenda item. */
export const DECISIONS = ['approve', 'reject', 'defer'] as const satisfies readonly ProposalTransition[];
export type Decision = (typeof DECISIONS)[number];
/** What an agenda item records for each decision. */
export const DECISION_OUTCOMES = { approve: 'approved', reject: 'rejected', defer: 'deferred' } as const satisfies Record<Decision, ProposalState>;

/**
 * Who may change what the proposal says, by state: the proposer while it is theirs (the
 * officer may type for a group that asks), the mentor while reviewing (recorded as theirs).
 */
export const EDIT_RIGHTS: Partial<Record<ProposalState, readonly Hat[]>> = {
  draft: ['owner', 'officer'],
  returned: ['owner', 'officer'],
  submitted: ['mentor', 'officer'],
  in_review: ['mentor', 'officer'],
  resubmitted: ['mentor', 'officer'],
};

export function mayEdit(state: ProposalState, hats: readonly Hat[]): boolean {
  return (EDIT_RIGHTS[state] ?? []).some((hat) => hats.includes(hat));
}

/** The proposer's own states: what shows in their "needs me" list. */
export const NEEDS_OWNER: readonly ProposalState[] = ['draft', 'returned'];
export const NEEDS_MENTOR: readonly ProposalState[] = ['submitted', 'resubmitted', 'in_review'];
export const NEEDS_OFFICER: readonly ProposalState[] = ['reviewed', 'deferred'];

// ---------------------------------------------------------------------------------------------
// Who proposes

/** Organisation types of form กปท.7. */
export const ORGANISATION_TYPES = [1, 2, 3, 4, 5, 6] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
/** A people's group (type 5) must name at least this many members. */
export const PEOPLES_GROUP_MIN_MEMBERS = 5;

/**
 * The support category a proposer type usually falls under (editable): health units 10(1),
 * schools and people's groups 10(2), the fund's own secretariat 10(4).
 */
export function suggestedCategory(type: OrganisationType): SupportCategory {
  if (type <= 3) return 1;
  if (type === 6) return 4;
  return 2;
}

// ---------------------------------------------------------------------------------------------
// Money

export const EXPENSE_GROUPS = ['compensation', 'wages', 'services', 'materials', 'utilities', 'travel', 'equipment', 'other'] as const;
export type ExpenseGroup = (typeof EXPENSE_GROUPS)[number];

export interface ExpenseLine {
  group: ExpenseGroup;
  item: string;
  unitCost: Satang;
  units: number;
  times: number;
}

export interface Activity {
  title: string;
  expenses: readonly ExpenseLine[];
}

export function lineAmount(line: Pick<ExpenseLine, 'unitCost' | 'units' | 'times'>): Satang {
  return multiplySatang(line.unitCost, line.units, line.times);
}

export function activityTotal(activity: Pick<Activity, 'expenses'>): Satang {
  return sumSatang(activity.expenses.map(lineAmount));
}

export function proposalTotal(activities: readonly Pick<Activity, 'expenses'>[]): Satang {
  return sumSatang(activities.map(activityTotal));
}

// ---------------------------------------------------------------------------------------------
// What must hold before a proposal is sent (and again before each later step that re-checks)

export interface ProposalContent {
  fiscalYear: number;
  organisationName: string;
  organisationType: OrganisationType | null;
  members: number;
  title: string;
  rationale: string;
  programs: number;
  objectives: number;
  targetGroups: number;
  activities: readonly Activity[];
  periodStart: string | null;
  periodEnd: string | null;
  place: string;
  expectedResults: string;
  supportCategory: SupportCategory | null;
}

/** The page (step) of the guided flow each problem belongs to. */
export type Step = 'organisation' | 'problem' | 'objectives' | 'targets' | 'activities' | 'period' | 'results';

export interface ContentProblem {
  step: Step;
  field: string;
  problem:
    | 'required'
    | 'members'
    | 'no_expense_lines'
    | 'equipment_over_limit'
    | 'outside_fiscal_year'
    | 'end_before_start'
    | 'no_activities';
  limit?: Satang;
}

export interface ProposalRules {
  /** The equipment item limit of the rule set in force for the year (10(4)). */
  equipmentItemLimit: Satang;
}

/** Everything a complete proposal needs, as problems per step; empty when it may be sent. */
export function contentProblems(content: ProposalContent, rules: ProposalRules): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const required = (step: Step, field: string, present: boolean) => {
    if (!present) problems.push({ step, field, problem: 'required' });
  };
  required('organisation', 'organisation_name', content.organisationName.trim() !== '');
  required('organisation', 'organisation_type', content.organisationType !== null);
  if (content.organisationType === 5 && content.members < PEOPLES_GROUP_MIN_MEMBERS) {
    problems.push({ step: 'organisation', field: 'members', problem: 'members' });
  }
  required('problem', 'title', content.title.trim() !== '');
  required('problem', 'rationale', content.rationale.trim() !== '');
  required('problem', 'programs', content.programs > 0);
  required('objectives', 'objectives', content.objectives > 0);
  required('targets', 'target_groups', content.targetGroups > 0);
  if (content.activities.length === 0) problems.push({ step: 'activities', field: 'activities', problem: 'no_activities' });
  problems.push(...activityProblems(content.activities, content.supportCategory, rules));
  required('period', 'period_start', content.periodStart !== null);
  required('period', 'period_end', content.periodEnd !== null);
  problems.push(...periodProblems(content.fiscalYear, content.periodStart, content.periodEnd));
  required('period', 'place', content.place.trim() !== '');
  required('results', 'expected_results', content.expectedResults.trim() !== '');
  required('results', 'support_category', content.supportCategory !== null);
  return problems;
}

/** Each activity needs expense lines; under 10(4) no equipment item may cost more than the limit. */
export function activityProblems(activities: readonly Activity[], category: SupportCategory | null, rules: ProposalRules): ContentProblem[] {
  const problems: ContentProblem[] = [];
  activities.forEach((activity, a) => {
    if (activity.expenses.length === 0) problems.push({ step: 'activities', field: `activities.${a}.expenses`, problem: 'no_expense_lines' });
    activity.expenses.forEach((line, e) => {
      if (category === 4 && line.group === 'equipment' && line.unitCost > rules.equipmentItemLimit) {
        problems.push({ step: 'activities', field: `activities.${a}.expenses.${e}.unit_cost`, problem: 'equipment_over_limit', limit: rules.equipmentItemLimit });
      }
    });
  });
  return problems;
}

/** The project runs within the fiscal year it is proposed for. */
export function periodProblems(fiscalYear: number, start: string | null, end: string | null): ContentProblem[] {
  const { start: first, end: last } = fiscalYearRange(fiscalYear);
  const problems: ContentProblem[] = [];
  if (start && (start < first || start > last)) problems.push({ step: 'period', field: 'period_start', problem: 'outside_fiscal_year' });
  if (end && (end < first || end > last)) problems.push({ step: 'period', field: 'period_end', problem: 'outside_fiscal_year' });
  if (start && end && end < start) problems.push({ step: 'period', field: 'period_end', problem: 'end_before_start' });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The fund's money for a category

export interface CategoryBudget {
  /** The allocation in the approved annual financial plan (null: no approved plan). */
  allocation: Satang | null;
  /** Approved amounts of this year's projects in the category. */
  committed: Satang;
}

export type BudgetProblem = { problem: 'no_financial_plan' } | { problem: 'over_allocation'; remaining: Satang } | { problem: 'over_admin_cap'; remaining: Satang };

/**
 * Whether `amount` fits what is left of the category's allocation and, for 10(4), of the cap on
 * administration (cap % of the year's income, see the financial plan).
 */
export function budgetProblems(
  amount: Satang,
  category: SupportCategory,
  budget: CategoryBudget,
  adminCap: { cap: Satang; committed: Satang } | null,
): BudgetProblem[] {
  if (budget.allocation === null) return [{ problem: 'no_financial_plan' }];
  const problems: BudgetProblem[] = [];
  const remaining = (budget.allocation - budget.committed) as Satang;
  if (amount > remaining) problems.push({ problem: 'over_allocation', remaining: Math.max(0, remaining) as Satang });
  if (category === 4 && adminCap) {
    const left = (adminCap.cap - adminCap.committed) as Satang;
    if (amount > left) problems.push({ problem: 'over_admin_cap', remaining: Math.max(0, left) as Satang });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The project

/** `YY-Lxxxx-T-NN`: BE fiscal year's last two digits, fund code, category, running number. */
export function projectCode(fiscalYear: number, fundCode: string, category: SupportCategory, sequence: number): string {
  return `${String(fiscalYear % 100).padStart(2, '0')}-${fundCode}-${category}-${String(sequence).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Versions

/** A proposal as a version keeps it: section → field → text, flat enough to compare. */
export type Snapshot = Record<string, Record<string, string>>;

export interface SnapshotChange {
  section: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** What changed from one version to the next, section by section. */
export function compareSnapshots(before: Snapshot, after: Snapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  const sections = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const section of sections) {
    const a = before[section] ?? {};
    const b = after[section] ?? {};
    for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      if (a[field] !== b[field]) changes.push({ section, field, before: a[field] ?? null, after: b[field] ?? null });
    }
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Meetings

/** Quorum: at least half of the serving members present (ไม่น้อยกว่ากึ่งหนึ่ง). */
export function hasQuorum(present: number, serving: number): boolean {
  return serving > 0 && present * 2 >= serving;
}
