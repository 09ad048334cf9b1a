import type { Role } from './roles.ts';

/**
 * Who may do what, as data. Each action names the roles that may take it and whether a role
 * counts only within its area: a role assignment applies to a target when the assignment's
 * scope code (TH, R10, 33, 3304 or a fund code) is on the target's scope chain
 * (['TH', 'R10', '33', '3304', 'L1234'] for a fund in อำเภอกันทรลักษ์).
 */
export type Access =
  | { who: 'anyone' }
  | { who: 'signed_in' }
  | { who: 'self' } // the account the target belongs to (admins too)
  | { who: Role[]; scoped: true }
  | { who: Role[]; scoped: false };

/** Everyone who works in or oversees funds: all roles but the proposer. */
const INTERNAL_ROLES: Role[] = [
  'admin',
  'region_officer',
  'province_officer',
  'mentor',
  'district_secretary',
  'fund_officer',
  'fund_finance',
  'committee',
];

export const POLICY = {
  // Public registry.
  'area.view': { who: 'anyone' },
  'fund.view': { who: 'anyone' },
  // Contact people, bank account, opening balance, the officer's editing pages.
  'fund.view_internal': { who: INTERNAL_ROLES, scoped: true },
  'fund.create': { who: ['admin'], scoped: false },
  'fund.edit': { who: ['admin', 'fund_officer'], scoped: true },
  'fund_year.edit': { who: ['admin', 'fund_officer', 'fund_finance'], scoped: true },
  'committee.edit': { who: ['admin', 'fund_officer'], scoped: true },
  'funds.import': { who: ['admin'], scoped: false },
  // Importing history from the current program (projects, financial plans, ledger): a fund's
  // officer into that fund, a provincial or regional officer into their area, an admin anywhere.
  'history.import': { who: ['admin', 'region_officer', 'province_officer', 'fund_officer'], scoped: true },
  // Moving a fund to another district (its place in every rollup and scope check).
  'fund.change_district': { who: ['admin'], scoped: false },
  'rules.edit': { who: ['admin'], scoped: false },
  // Planning. The public reads approved plans; the area's people read drafts too.
  'plan.view': { who: 'anyone' },
  'plan.view_draft': { who: INTERNAL_ROLES, scoped: true },
  // Situation analysis, programs, objectives, projects, the financial plan: officer or mentor.
  'plan.edit': { who: ['admin', 'fund_officer', 'mentor'], scoped: true },
  // Submitting to the committee, recording its approval, returning, opening a revision.
  'plan.workflow': { who: ['admin', 'fund_officer'], scoped: true },
  // The district health board's issues and which fund plans contribute to them.
  'district_issue.edit': { who: ['admin', 'district_secretary'], scoped: true },
  'catalogue.edit': { who: ['admin'], scoped: false },
  // Proposals. Starting one at a fund: its registered proposers, or its officer typing for a
  // group. The proposing organisation's own rights (edit its draft, send, withdraw) come from
  // owning the proposal; the workflow table (domain/proposals.ts) says which step needs which hat.
  'proposal.create': { who: ['admin', 'fund_officer', 'proposer'], scoped: true },
  // Reading every proposal of the area's funds, drafts included. Committee members read only
  // what reaches their fund's agenda (proposal.view_agenda).
  'proposal.view_all': { who: INTERNAL_ROLES.filter((role) => role !== 'committee'), scoped: true },
  'proposal.view_agenda': { who: ['committee'], scoped: true },
  // The hats of the workflow table: mentor, officer, committee.
  'proposal.review': { who: ['admin', 'mentor'], scoped: true },
  'proposal.manage': { who: ['admin', 'fund_officer'], scoped: true },
  'proposal.decide': { who: ['admin', 'committee'], scoped: true },
  // Approved projects are public.
  'project.view': { who: 'anyone' },
  // Following a project: the fund's people and its overseers read the activity records and
  // reports (the group reads its own, from owning the project); the group or the fund's officer
  // records activities and writes reports; the officer sets the periods and the project's status
  // and accepts reports; the area's mentor checks them.
  'project.view_followup': { who: INTERNAL_ROLES, scoped: true },
  'project.record': { who: ['admin', 'fund_officer'], scoped: true },
  'project.manage': { who: ['admin', 'fund_officer'], scoped: true },
  // Recording a project the committee approved outside the system (on paper) as a project directly.
  'project.record_outside': { who: ['admin', 'fund_officer'], scoped: true },
  'report.check': { who: ['admin', 'mentor'], scoped: true },
  'report.accept': { who: ['admin', 'fund_officer'], scoped: true },
  // Committee meetings: the fund's people read them; the officer (secretary) keeps them.
  'meeting.view': { who: INTERNAL_ROLES, scoped: true },
  'meeting.manage': { who: ['admin', 'fund_officer'], scoped: true },
  // The fund's books. Everyone of the fund and its overseers reads them (committee members
  // included); only the finance officer posts and closes months; re-opening a closed month is
  // the admin's, with a reason. Statements of closed months are published to everyone.
  'ledger.view': { who: INTERNAL_ROLES, scoped: true },
  'ledger.post': { who: ['admin', 'fund_finance'], scoped: true },
  'ledger.close_month': { who: ['admin', 'fund_finance'], scoped: true },
  'ledger.reopen_month': { who: ['admin'], scoped: false },
  'statement.view_published': { who: 'anyone' },
  // The voucher chain (src/domain/vouchers.ts): the fund's officer or finance officer requests,
  // finance checks and its head approves, the ปลัด (as the fund's officer) and the chair (a
  // committee member) sign last. Nobody signs one voucher twice, so the steps need different people.
  'voucher.request': { who: ['admin', 'fund_officer', 'fund_finance'], scoped: true },
  'voucher.check': { who: ['admin', 'fund_finance'], scoped: true },
  'voucher.approve_finance': { who: ['admin', 'fund_finance'], scoped: true },
  'voucher.approve_clerk': { who: ['admin', 'fund_officer'], scoped: true },
  'voucher.approve_chair': { who: ['admin', 'committee'], scoped: true },
  // Lessons learned (ถอดบทเรียน) per area and year: everyone reads the published ones; the
  // area's mentors and district health board secretaries (พชอ.) write them and read drafts.
  'lesson.view': { who: 'anyone' },
  'lesson.write': { who: ['admin', 'mentor', 'district_secretary'], scoped: true },
  // Open data: the public datasets (funds, years, plans, projects, monthly ledger totals).
  'open_data.view': { who: 'anyone' },
  // Email the system would have sent without SMTP configured.
  'outbox.view': { who: ['admin'], scoped: false },
  'accounts.manage': { who: ['admin'], scoped: false },
  // A one-time reset code for someone who has forgotten their password.
  'account.issue_reset': { who: ['admin', 'fund_officer'], scoped: true },
  'account.view': { who: 'self' },
  'account.sign_out_everywhere': { who: 'self' },
  'api_token.manage': { who: 'self' },
  'organisation.register': { who: 'signed_in' },
  // Accounts: anyone may register as a proposer or use a reset code; one's own password.
  'account.register': { who: 'anyone' },
  'account.reset_password': { who: 'anyone' },
  'account.change_password': { who: 'self' },
} as const satisfies Record<string, Access>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export interface Actor {
  userId: number;
  roles: readonly { role: Role; scopeCode: string }[];
}

/** What an action is taken on: its place in the hierarchy, and whose it is where that matters. */
export interface Target {
  scopeChain?: readonly string[];
  ownerUserId?: number;
}

export function can(actor: Actor | null, action: Action, target: Target = {}): boolean {
  const access: Access = POLICY[action];
  if (access.who === 'anyone') return true;
  if (!actor) return false;
  if (access.who === 'signed_in') return true;
  if (access.who === 'self') {
    return target.ownerUserId === actor.userId || actor.roles.some((r) => r.role === 'admin');
  }
  const allowed: readonly Role[] = access.who;
  return actor.roles.some(
    (assignment) =>
      allowed.includes(assignment.role) &&
      // Admins hold TH, which is on every chain; unscoped actions ignore the area.
      (!access.scoped || (target.scopeChain ?? []).includes(assignment.scopeCode)),
  );
}

/** The subset of `actions` this actor may take on the target: what a page or API shows. */
export function allowedActions<A extends Action>(actor: Actor | null, actions: readonly A[], target: Target = {}): A[] {
  return actions.filter((action) => can(actor, action, target));
}

/** The scope chain of a fund, from the flattened fund_area row. */
export function fundScopeChain(fund: { regionCode: string; provinceCode: string; districtCode: string; fundCode: string }) {
  return ['TH', fund.regionCode, fund.provinceCode, fund.districtCode, fund.fundCode];
}
