import { describe, expect, it } from 'vitest';
import { fromNumeric, type Satang, toNumeric } from '../../src/domain/money.ts';
import {
  activityProblems,
  budgetProblems,
  compareSnapshots,
  contentProblems,
  hasQuorum,
  lineAmount,
  mayEdit,
  PROPOSAL_STATES,
  PROPOSAL_TRANSITIONS,
  type ProposalContent,
  periodProblems,
  projectCode,
  proposalTotal,
  suggestedCategory,
  transitionsFor,
} from '../../src/domain/proposals.ts';

const baht = (text: string) => fromNumeric(text);
const RULES = { equipmentItemLimit: baht('20000.00') };

const complete: ProposalContent = {
  fiscalYear: 2570,
  organisationName: 'ชมรมผู้สูงอายุบ้านหนองแวง',
  organisationType: 5,
  members: 5,
  title: 'โครงการเยี่ยมบ้านผู้สูงอายุติดเตียง',
  rationale: 'ผู้สูงอายุติดเตียง 24 คน',
  programs: 1,
  objectives: 1,
  targetGroups: 1,
  activities: [{ title: 'อบรมจิตอาสา', expenses: [{ group: 'services', item: 'ค่าอาหารกลางวัน', unitCost: baht('60'), units: 30, times: 1 }] }],
  periodStart: '2026-11-01',
  periodEnd: '2027-03-31',
  place: 'ศาลาประชาคมหมู่ 3',
  expectedResults: 'ผู้สูงอายุได้รับการดูแลต่อเนื่อง',
  supportCategory: 2,
};

describe('the proposal workflow table', () => {
  it('reaches every state from draft, and every step leads somewhere new', () => {
    const reached = new Set(['draft']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const rule of Object.values(PROPOSAL_TRANSITIONS)) {
        if (rule.from.some((s) => reached.has(s)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...PROPOSAL_STATES].sort());
    for (const [name, rule] of Object.entries(PROPOSAL_TRANSITIONS)) expect(rule.from, name).not.toContain(rule.to);
  });

  it('gives each hat only its own steps', () => {
    expect(transitionsFor('draft', ['owner'])).toEqual(['submit', 'withdraw']);
    expect(transitionsFor('draft', ['mentor'])).toEqual([]);
    expect(transitionsFor('submitted', ['mentor'])).toEqual(['start_review', 'return']);
    expect(transitionsFor('submitted', ['owner'])).toEqual(['withdraw']);
    expect(transitionsFor('returned', ['owner'])).toEqual(['resubmit', 'withdraw']);
    expect(transitionsFor('in_review', ['mentor'])).toEqual(['return', 'pass_review']);
    expect(transitionsFor('reviewed', ['officer'])).toEqual(['return', 'add_to_agenda', 'cancel']);
    expect(transitionsFor('on_agenda', ['committee'])).toEqual(['approve', 'reject', 'defer']);
    expect(transitionsFor('on_agenda', ['owner', 'mentor'])).toEqual([]);
    for (const closed of ['approved', 'rejected', 'withdrawn', 'cancelled'] as const) {
      expect(transitionsFor(closed, ['owner', 'mentor', 'officer', 'committee'])).toEqual([]);
    }
  });

  it('lets the proposer edit only while it is theirs, and the mentor while reviewing', () => {
    expect(mayEdit('draft', ['owner'])).toBe(true);
    expect(mayEdit('returned', ['owner'])).toBe(true);
    expect(mayEdit('submitted', ['owner'])).toBe(false);
    expect(mayEdit('in_review', ['mentor'])).toBe(true);
    expect(mayEdit('draft', ['mentor'])).toBe(false);
    expect(mayEdit('on_agenda', ['officer', 'mentor', 'owner'])).toBe(false);
    expect(mayEdit('approved', ['officer'])).toBe(false);
  });
});

describe('proposal money', () => {
  it('multiplies unit cost × units × times exactly and adds activities up', () => {
    expect(toNumeric(lineAmount({ unitCost: baht('25.50'), units: 33, times: 3 }))).toBe('2524.50');
    const total = proposalTotal([
      { expenses: [{ group: 'services', item: 'a', unitCost: baht('0.01'), units: 3, times: 1 }] },
      { expenses: [{ group: 'materials', item: 'b', unitCost: baht('99999.99'), units: 1, times: 1 }] },
    ]);
    expect(toNumeric(total)).toBe('100000.02');
  });

  it('refuses an equipment item over the limit under 10(4) only', () => {
    const activity = { title: 'x', expenses: [{ group: 'equipment' as const, item: 'โน้ตบุ๊ก', unitCost: baht('20000.01'), units: 1, times: 1 }] };
    expect(activityProblems([activity], 4, RULES)).toEqual([
      { step: 'activities', field: 'activities.0.expenses.0.unit_cost', problem: 'equipment_over_limit', limit: RULES.equipmentItemLimit },
    ]);
    expect(activityProblems([{ ...activity, expenses: [{ ...activity.expenses[0]!, unitCost: baht('20000.00') }] }], 4, RULES)).toEqual([]);
    expect(activityProblems([activity], 2, RULES)).toEqual([]);
    expect(activityProblems([{ title: 'y', expenses: [] }], 2, RULES)).toEqual([
      { step: 'activities', field: 'activities.0.expenses', problem: 'no_expense_lines' },
    ]);
  });

  it('checks an amount against what is left of the category and the 10(4) cap', () => {
    const budget = { allocation: baht('100000'), committed: baht('70000') };
    expect(budgetProblems(baht('30000'), 2, budget, null)).toEqual([]);
    expect(budgetProblems(baht('30000.01'), 2, budget, null)).toEqual([{ problem: 'over_allocation', remaining: baht('30000') }]);
    expect(budgetProblems(baht('1'), 2, { allocation: null, committed: 0 as Satang }, null)).toEqual([{ problem: 'no_financial_plan' }]);
    expect(budgetProblems(baht('20000'), 4, budget, { cap: baht('50000'), committed: baht('40000') })).toEqual([{ problem: 'over_admin_cap', remaining: baht('10000') }]);
  });
});

describe('what a proposal needs before it is sent', () => {
  it('is nothing for a complete proposal', () => {
    expect(contentProblems(complete, RULES)).toEqual([]);
  });

  it("names each missing piece by its step, and asks a people's group for five members", () => {
    const problems = contentProblems({ ...complete, members: 4, title: ' ', activities: [], supportCategory: null }, RULES);
    expect(problems.map((p) => `${p.step}:${p.field}:${p.problem}`)).toEqual([
      'organisation:members:members',
      'problem:title:required',
      'activities:activities:no_activities',
      'results:support_category:required',
    ]);
    expect(contentProblems({ ...complete, organisationType: 1, members: 0 }, RULES)).toEqual([]);
  });

  it('keeps the project inside its fiscal year (1 Oct – 30 Sep)', () => {
    expect(periodProblems(2570, '2026-10-01', '2027-09-30')).toEqual([]);
    expect(periodProblems(2570, '2026-09-30', '2027-10-01').map((p) => p.field)).toEqual(['period_start', 'period_end']);
    expect(periodProblems(2570, '2027-01-02', '2027-01-01')).toEqual([{ step: 'period', field: 'period_end', problem: 'end_before_start' }]);
  });
});

describe('the project and the meeting', () => {
  it('codes a project YY-Lxxxx-T-NN', () => {
    expect(projectCode(2570, 'L1978', 2, 1)).toBe('70-L1978-2-01');
    expect(projectCode(2600, 'L0001', 4, 123)).toBe('00-L0001-4-123');
  });

  it('suggests the category from the proposer type', () => {
    expect([1, 2, 3, 4, 5, 6].map((t) => suggestedCategory(t as 1))).toEqual([1, 1, 1, 2, 2, 4]);
  });

  it('needs at least half of the serving members for a quorum', () => {
    expect(hasQuorum(8, 15)).toBe(true);
    expect(hasQuorum(7, 15)).toBe(false);
    expect(hasQuorum(5, 10)).toBe(true);
    expect(hasQuorum(0, 0)).toBe(false);
  });

  it('compares versions field by field', () => {
    expect(compareSnapshots({ problem: { title: 'ก', rationale: 'x' } }, { problem: { title: 'ข', rationale: 'x' }, targets: { '1004': '60' } })).toEqual([
      { section: 'problem', field: 'title', before: 'ก', after: 'ข' },
      { section: 'targets', field: '1004', before: null, after: '60' },
    ]);
  });
});
