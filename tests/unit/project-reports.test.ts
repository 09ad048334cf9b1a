import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { satang, sumSatang } from '../../src/domain/money.ts';
import type { Period } from '../../src/domain/project-followup.ts';
import {
  closingFigures,
  expectedReports,
  finalFigures,
  financialFigures,
  generateFigures,
  isEditable,
  mayEditReport,
  prefillText,
  progressFigures,
  REPORT_STATES,
  REPORT_TRANSITIONS,
  type ReportHat,
  type ReportState,
  reportActionsFor,
  reportDueDate,
  reportTransition,
  type SourceRecord,
  textOf,
  timeliness,
} from '../../src/domain/project-reports.ts';
import { EXPENSE_GROUPS, type ExpenseGroup } from '../../src/domain/proposals.ts';

const HATS: ReportHat[] = ['owner', 'officer', 'mentor', 'reader'];

describe('the review as a table', () => {
  it('is exactly these steps', () => {
    expect(REPORT_TRANSITIONS.map((t) => [t.action, t.from, t.to, [...t.hats], t.needsComment])).toEqual([
      ['submit', 'draft', 'submitted', ['owner', 'officer'], false],
      ['submit', 'returned', 'submitted', ['owner', 'officer'], false],
      ['check', 'submitted', 'checked', ['mentor'], false],
      ['return', 'submitted', 'returned', ['mentor', 'officer'], true],
      ['return', 'checked', 'returned', ['mentor', 'officer'], true],
      ['accept', 'checked', 'accepted', ['officer'], false],
    ]);
  });

  it('walks draft → submitted → checked → accepted with the right hats only', () => {
    let state: ReportState = 'draft';
    for (const [action, hat] of [
      ['submit', 'owner'],
      ['check', 'mentor'],
      ['accept', 'officer'],
    ] as const) {
      const t = reportTransition(state, action);
      expect(t).not.toBeNull();
      expect(reportActionsFor(state, [hat]).map((x) => x.action)).toContain(action);
      for (const other of HATS.filter((h) => !t!.hats.includes(h))) expect(reportActionsFor(state, [other]).map((x) => x.action)).not.toContain(action);
      state = t!.to;
    }
    expect(state).toBe('accepted');
    expect(reportActionsFor('accepted', HATS)).toEqual([]);
  });

  it('returns from submitted and from checked, and the group submits again', () => {
    for (const from of ['submitted', 'checked'] as const) {
      const back = reportTransition(from, 'return');
      expect(back).toMatchObject({ to: 'returned', needsComment: true, notify: ['owner'] });
      expect(reportTransition('returned', 'submit')?.to).toBe('submitted');
    }
  });

  it('has no step out of order and nothing for a reader', () => {
    expect(reportTransition('draft', 'check')).toBeNull();
    expect(reportTransition('draft', 'accept')).toBeNull();
    expect(reportTransition('submitted', 'accept')).toBeNull();
    expect(reportTransition('accepted', 'return')).toBeNull();
    for (const s of REPORT_STATES) expect(reportActionsFor(s, ['reader'])).toEqual([]);
  });

  it('notifies mentors and officers of a submission, officers of a check, the group of a return or acceptance', () => {
    expect(reportTransition('draft', 'submit')?.notify).toEqual(['mentors', 'officers']);
    expect(reportTransition('submitted', 'check')?.notify).toEqual(['officers']);
    expect(reportTransition('checked', 'accept')?.notify).toEqual(['owner']);
  });

  it('is editable only in draft or returned, by the group or the officer', () => {
    expect(REPORT_STATES.filter(isEditable)).toEqual(['draft', 'returned']);
    for (const s of REPORT_STATES) {
      expect(mayEditReport(s, ['owner'])).toBe(isEditable(s));
      expect(mayEditReport(s, ['officer'])).toBe(isEditable(s));
      expect(mayEditReport(s, ['mentor', 'reader'])).toBe(false);
    }
  });
});

describe('timeliness', () => {
  const due = '2026-05-31';
  it('is on time or late once submitted', () => {
    expect(timeliness({ dueDate: due, submittedOn: '2026-05-31' }, '2026-07-01')).toBe('on_time');
    expect(timeliness({ dueDate: due, submittedOn: '2026-06-01' }, '2026-06-01')).toBe('late');
  });
  it('is overdue past the due date, due soon within 7 days, else pending', () => {
    expect(timeliness({ dueDate: due, submittedOn: null }, '2026-06-01')).toBe('overdue');
    expect(timeliness({ dueDate: due, submittedOn: null }, '2026-05-31')).toBe('due_soon');
    expect(timeliness({ dueDate: due, submittedOn: null }, '2026-05-24')).toBe('due_soon');
    expect(timeliness({ dueDate: due, submittedOn: null }, '2026-05-23')).toBe('pending');
  });
  it('dates the closing reports 30 days after the project ends and the period reports on their period', () => {
    expect(reportDueDate('final', null, '2026-09-30')).toBe('2026-10-30');
    expect(reportDueDate('closing_financial', null, '2026-12-31')).toBe('2027-01-30');
    expect(reportDueDate('progress', { reportDue: '2026-04-30' }, '2026-09-30')).toBe('2026-04-30');
    expect(() => reportDueDate('financial', null, '2026-09-30')).toThrow();
    expect(expectedReports([{ number: 1, reportDue: '2026-04-30' }], '2026-09-30')).toEqual([
      { kind: 'progress', periodNumber: 1, dueDate: '2026-04-30' },
      { kind: 'financial', periodNumber: 1, dueDate: '2026-04-30' },
      { kind: 'closing_financial', periodNumber: null, dueDate: '2026-10-30' },
      { kind: 'final', periodNumber: null, dueDate: '2026-10-30' },
    ]);
  });
});

const periods: Period[] = [
  { number: 1, periodStart: '2026-01-01', periodEnd: '2026-03-31', reportDue: '2026-04-30', instalment: satang(600_000) },
  { number: 2, periodStart: '2026-04-01', periodEnd: '2026-06-30', reportDue: '2026-07-30', instalment: satang(400_001) },
];

let nextId = 1;
const record = (date: string, position: number | null, expenses: [ExpenseGroup, number][], people: [number, number] = [10, 8]): SourceRecord => ({
  id: nextId++,
  activityDate: date,
  title: `act ${date}`,
  activityPosition: position,
  done: `done ${date}`,
  outputs: '',
  outcomes: `out ${date}`,
  problems: '',
  fixes: '',
  participants: [{ targetGroupCode: 'P1', planned: people[0], actual: people[1] }],
  expenses: expenses.map(([group, amount]) => ({ group, amount: satang(amount) })),
});

const records = [
  record('2026-01-10', 1, [['materials', 12_345], ['wages', 50_001]]),
  record('2026-03-31', 2, [['materials', 1]], [5, 7]),
  record('2026-04-01', null, [['travel', 99_999]], [0, 3]),
];
const plan = {
  activities: [
    { position: 1, title: 'Training', budget: satang(100_000) },
    { position: 2, title: 'Visits', budget: satang(50_000) },
    { position: 3, title: 'Never done', budget: satang(10_001) },
  ],
  byGroup: EXPENSE_GROUPS.map((group) => ({ group, planned: group === 'materials' ? satang(60_000) : group === 'wages' ? satang(100_001) : satang(0) })),
};
const money = { approved: satang(1_000_001), paid: satang(600_000), refunded: satang(1) };

describe('generated figures', () => {
  it('ส.1 lists the period’s activities with planned and actual participants', () => {
    const f = progressFigures(periods[0]!, records);
    expect(f.activities.map((a) => a.date)).toEqual(['2026-01-10', '2026-03-31']);
    expect([f.plannedPeople, f.actualPeople]).toEqual([15, 15]);
    expect(f.period).toEqual({ number: 1, start: '2026-01-01', end: '2026-03-31' });
  });

  it('ง.1 spends per group from the period’s records and keeps the balance exact', () => {
    const one = financialFigures(periods[0]!, records, money);
    expect(one.spentTotal).toBe(62_347);
    expect(one.spent.find((s) => s.group === 'materials')?.amount).toBe(12_346);
    expect(one.received).toBe(599_999);
    expect(one.balance).toBe(599_999 - 62_347);
    const two = financialFigures(periods[1]!, records, money);
    expect(two.spentBefore).toBe(62_347);
    expect(two.spentTotal).toBe(99_999);
    expect(two.balance).toBe(599_999 - 62_347 - 99_999);
    expect(two.instalment).toBe(400_001);
  });

  it('ง.2 sets planned against spent per group and what is to be refunded', () => {
    const f = closingFigures(records, plan, money);
    expect(f.plannedTotal).toBe(160_001);
    expect(f.spentTotal).toBe(162_346);
    expect(f.received).toBe(599_999);
    expect(f.toRefund).toBe(599_999 - 162_346);
    expect(f.overspent).toBe(0);
    const over = closingFigures(records, plan, { approved: satang(100), paid: satang(100), refunded: satang(0) });
    expect([over.toRefund, over.overspent]).toEqual([0, 162_246]);
  });

  it('ส.3 compares each planned activity and adds what was not in the plan', () => {
    const f = finalFigures(records, plan);
    expect(f.activities.map((a) => [a.position, a.plannedBudget, a.actualSpent, a.plannedPeople, a.actualPeople, a.done])).toEqual([
      [1, 100_000, 62_346, 10, 8, true],
      [2, 50_000, 1, 5, 7, true],
      [3, 10_001, 0, 0, 0, false],
      [null, 0, 99_999, 0, 3, true],
    ]);
    expect([f.activitiesDone, f.activitiesPlanned, f.plannedBudget, f.actualSpent]).toEqual([2, 3, 160_001, 162_346]);
  });

  it('sums exactly in satang, whatever the records', () => {
    const group = fc.constantFrom(...EXPENSE_GROUPS);
    const rec = fc.record({
      day: fc.integer({ min: 0, max: 180 }),
      position: fc.constantFrom(1, 2, 3, null),
      expenses: fc.uniqueArray(fc.tuple(group, fc.integer({ min: 1, max: 10_000_000_000 })), { selector: (e) => e[0], maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 20 }), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e9 }), (list, paid, refunded) => {
        const rs = list.map((r) => record(new Date(Date.UTC(2026, 0, 1 + r.day)).toISOString().slice(0, 10), r.position, r.expenses));
        const m = { approved: satang(paid), paid: satang(paid), refunded: satang(refunded) };
        const all = sumSatang(rs.flatMap((r) => r.expenses.map((e) => e.amount)));
        const closing = closingFigures(rs, plan, m);
        expect(closing.spentTotal).toBe(all);
        expect(closing.toRefund - closing.overspent).toBe(paid - refunded - all);
        expect(finalFigures(rs, plan).actualSpent).toBe(all);
        const inPeriods = periods.map((p) => financialFigures(p, rs, m));
        const last = inPeriods.at(-1)!;
        expect(last.balance).toBe(paid - refunded - last.spentBefore - last.spentTotal);
        for (const f of inPeriods) expect(f.spentTotal).toBe(sumSatang(f.spent.map((s) => s.amount)));
        for (const f of inPeriods) expect(Number.isInteger(f.balance)).toBe(true);
      }),
    );
  });

  it('generateFigures picks the kind and a period kind needs its period', () => {
    const source = { period: periods[0]!, records, plan, money };
    expect(generateFigures('progress', source).kind).toBe('progress');
    expect(generateFigures('closing_financial', { ...source, period: null }).kind).toBe('closing_financial');
    expect(() => generateFigures('financial', { ...source, period: null })).toThrow();
  });
});

describe('text', () => {
  it('prefills ส.1 from the period’s records, and ส.3 from all of them', () => {
    const text = prefillText('progress', { period: periods[0]!, records });
    expect(text.done).toBe('• act 2026-01-10: done 2026-01-10\n• act 2026-03-31: done 2026-03-31');
    expect(text.problems).toBe('');
    expect(prefillText('final', { period: null, records }).outcomes?.split('\n')).toHaveLength(3);
    expect(prefillText('financial', { period: periods[0]!, records })).toEqual({ note: '' });
  });

  it('reads back only the kind’s fields', () => {
    expect(textOf('financial', { text: { note: 'n', done: 'x' } })).toEqual({ note: 'n' });
    expect(textOf('final', null)).toEqual({ summary: '', outcomes: '', problems: '', suggestions: '' });
  });
});

