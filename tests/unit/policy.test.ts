import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action, type Actor, can } from '../../src/domain/policy.ts';
import { ROLES, type Role } from '../../src/domain/roles.ts';

// The target: a fund in อำเภอกันทรลักษ์, Si Sa Ket, NHSO region 10.
const FUND = { scopeChain: ['TH', 'R10', '33', '3304', 'L1001'], ownerUserId: 99 };

// Where each role sits when it is responsible for that fund, and somewhere it is not.
const IN_SCOPE: Record<Role, string> = {
  admin: 'TH',
  region_officer: 'R10',
  province_officer: '33',
  mentor: '3304',
  district_secretary: '3304',
  fund_officer: 'L1001',
  fund_finance: 'L1001',
  committee: 'L1001',
  proposer: 'L1001',
};
const OUT_OF_SCOPE: Record<Role, string> = {
  admin: 'TH', // admins have no "elsewhere"
  region_officer: 'R1',
  province_officer: '56',
  mentor: '5601',
  district_secretary: '5601',
  fund_officer: 'L2001',
  fund_finance: 'L2001',
  committee: 'L2001',
  proposer: 'L2001',
};

type Who = Role | 'public' | 'owner';
const EVERYONE: Who[] = ['public', ...ROLES];
const SIGNED_IN: Who[] = [...ROLES];
const INTERNAL: Who[] = ['admin', 'region_officer', 'province_officer', 'mentor', 'district_secretary', 'fund_officer', 'fund_finance', 'committee'];

/** Who may take each action on the fund above when in scope: written out by hand, not derived. */
const EXPECTED: Record<Action, Who[]> = {
  'area.view': EVERYONE,
  'fund.view': EVERYONE,
  'fund.view_internal': INTERNAL,
  'fund.create': ['admin'],
  'fund.edit': ['admin', 'fund_officer'],
  'fund_year.edit': ['admin', 'fund_officer', 'fund_finance'],
  'committee.edit': ['admin', 'fund_officer'],
  'funds.import': ['admin'],
  'history.import': ['admin', 'region_officer', 'province_officer', 'fund_officer'],
  'fund.change_district': ['admin'],
  'rules.edit': ['admin'],
  'plan.view': EVERYONE,
  'plan.view_draft': INTERNAL,
  'plan.edit': ['admin', 'fund_officer', 'mentor'],
  'plan.workflow': ['admin', 'fund_officer'],
  'district_issue.edit': ['admin', 'district_secretary'],
  'catalogue.edit': ['admin'],
  'proposal.create': ['admin', 'fund_officer', 'proposer'],
  'proposal.view_all': ['admin', 'region_officer', 'province_officer', 'mentor', 'district_secretary', 'fund_officer', 'fund_finance'],
  'proposal.view_agenda': ['committee'],
  'proposal.review': ['admin', 'mentor'],
  'proposal.manage': ['admin', 'fund_officer'],
  'proposal.decide': ['admin', 'committee'],
  'project.view': EVERYONE,
  'project.view_followup': INTERNAL,
  'project.record': ['admin', 'fund_officer'],
  'project.manage': ['admin', 'fund_officer'],
  'project.record_outside': ['admin', 'fund_officer'],
  'report.check': ['admin', 'mentor'],
  'report.accept': ['admin', 'fund_officer'],
  'meeting.view': INTERNAL,
  'meeting.manage': ['admin', 'fund_officer'],
  'ledger.view': INTERNAL,
  'ledger.post': ['admin', 'fund_finance'],
  'ledger.close_month': ['admin', 'fund_finance'],
  'ledger.reopen_month': ['admin'],
  'statement.view_published': EVERYONE,
  'lesson.view': EVERYONE,
  'lesson.write': ['admin', 'mentor', 'district_secretary'],
  'open_data.view': EVERYONE,
  'voucher.request': ['admin', 'fund_officer', 'fund_finance'],
  'voucher.check': ['admin', 'fund_finance'],
  'voucher.approve_finance': ['admin', 'fund_finance'],
  'voucher.approve_clerk': ['admin', 'fund_officer'],
  'voucher.approve_chair': ['admin', 'committee'],
  'outbox.view': ['admin'],
  'accounts.manage': ['admin'],
  'account.issue_reset': ['admin', 'fund_officer'],
  'account.view': ['admin', 'owner'],
  'account.sign_out_everywhere': ['admin', 'owner'],
  'api_token.manage': ['admin', 'owner'],
  'organisation.register': SIGNED_IN,
  'account.register': EVERYONE,
  'account.reset_password': EVERYONE,
  'account.change_password': ['admin', 'owner'],
};
const UNSCOPED = new Set<Action>(['fund.create', 'funds.import', 'fund.change_district', 'rules.edit', 'catalogue.edit', 'accounts.manage', 'organisation.register', 'outbox.view', 'ledger.reopen_month']);

const actor = (role: Role, scopeCode: string, userId = 1): Actor => ({ userId, roles: [{ role, scopeCode }] });

describe('the authorisation policy', () => {
  it('covers every action in the expected table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    describe(action, () => {
      it('lets the public do only public actions', () => {
        expect(can(null, action, FUND)).toBe(EXPECTED[action].includes('public'));
      });
      for (const role of ROLES) {
        it(`${role} in its own area: ${EXPECTED[action].includes(role) ? 'allowed' : 'denied'}`, () => {
          expect(can(actor(role, IN_SCOPE[role]), action, FUND)).toBe(EXPECTED[action].includes(role));
        });
        it(`${role} in another area: allowed only for public, own-account or area-free actions`, () => {
          const elsewhere = can(actor(role, OUT_OF_SCOPE[role]), action, FUND);
          const scoped = !UNSCOPED.has(action) && !EXPECTED[action].includes('public') && !EXPECTED[action].includes('owner');
          const expected = EXPECTED[action].includes(role) && (!scoped || role === 'admin');
          expect(elsewhere).toBe(expected);
        });
      }
      if (EXPECTED[action].includes('owner')) {
        it('lets the owner act on their own account and nobody else but admins', () => {
          expect(can(actor('proposer', 'L1001', 99), action, FUND)).toBe(true);
          expect(can(actor('fund_officer', 'L1001', 98), action, FUND)).toBe(false);
        });
      }
    });
  }
});
