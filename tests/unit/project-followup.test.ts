import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { satang } from '../../src/domain/money.ts';
import {
  activityDateProblem,
  addDays,
  defaultPeriods,
  mayBePaid,
  PROJECT_STATUSES,
  periodOf,
  periodProblems,
  STATUS_TRANSITIONS,
  statusesAfter,
  statusTransition,
} from '../../src/domain/project-followup.ts';

const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('project status', () => {
  it('runs, then completes, suspends or terminates; a suspended project resumes or is terminated', () => {
    expect(statusesAfter('running')).toEqual(['completed', 'suspended', 'terminated']);
    expect(statusesAfter('suspended')).toEqual(['running', 'terminated']);
    expect(statusesAfter('completed')).toEqual([]);
    expect(statusesAfter('terminated')).toEqual([]);
  });

  it('stopping early needs a reason; completing or resuming does not', () => {
    expect(statusTransition('running', 'terminated')?.reason).toBe('required');
    expect(statusTransition('running', 'suspended')?.reason).toBe('required');
    expect(statusTransition('suspended', 'terminated')?.reason).toBe('required');
    expect(statusTransition('running', 'completed')?.reason).toBe('optional');
    expect(statusTransition('suspended', 'running')?.reason).toBe('optional');
    expect(statusTransition('completed', 'running')).toBeNull();
    expect(statusTransition('running', 'running')).toBeNull();
  });

  it('a project is paid while it runs or once completed, never suspended or terminated', () => {
    expect(PROJECT_STATUSES.filter(mayBePaid)).toEqual(['running', 'completed']);
    expect(mayBePaid(null)).toBe(false);
  });

  it('the table is a function over known statuses', () => {
    const pairs = STATUS_TRANSITIONS.map((t) => `${t.from}>${t.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const t of STATUS_TRANSITIONS) {
      expect(PROJECT_STATUSES).toContain(t.from);
      expect(PROJECT_STATUSES).toContain(t.to);
    }
  });
});

describe('default periods', () => {
  it('a short project has one period with the whole amount, its report due 30 days after it ends', () => {
    expect(defaultPeriods({ periodStart: '2026-11-01', periodEnd: '2027-01-31', approved: satang(1_250_050) })).toEqual([
      { number: 1, periodStart: '2026-11-01', periodEnd: '2027-01-31', reportDue: '2027-03-02', instalment: 1_250_050 },
    ]);
  });

  it('a longer project has two halves paid 60 % and 40 %, the second taking the odd satang', () => {
    const periods = defaultPeriods({ periodStart: '2026-11-01', periodEnd: '2027-08-31', approved: satang(3_333_333) });
    expect(periods.map((p) => [p.periodStart, p.periodEnd, p.instalment])).toEqual([
      ['2026-11-01', '2027-04-01', 1_999_999],
      ['2027-04-02', '2027-08-31', 1_333_334],
    ]);
  });

  it('for any project the defaults are valid: inside it, in order, due after their end, summing to the approved amount', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 10_000_000_000 }), (start, days, amount) => {
        const project = { periodStart: start, periodEnd: addDays(start, days), approved: satang(amount) };
        const periods = defaultPeriods(project);
        expect(periodProblems(periods, project)).toEqual([]);
        expect(periods.map((p) => p.number)).toEqual(periods.map((_, i) => i + 1));
      }),
    );
  });
});

describe('periodProblems', () => {
  const project = { periodStart: '2026-11-01', periodEnd: '2027-06-30', approved: satang(1_000_000) };
  const period = (periodStart: string, periodEnd: string, reportDue: string, instalment: number) => ({ periodStart, periodEnd, reportDue, instalment: satang(instalment) });

  it('accepts periods that tile the project and add up', () => {
    expect(periodProblems([period('2026-11-01', '2027-02-28', '2027-03-31', 600_000), period('2027-03-01', '2027-06-30', '2027-07-30', 400_000)], project)).toEqual([]);
  });

  it('names the row and field of each problem, and the sum with both amounts', () => {
    const problems = periodProblems(
      [period('2026-10-01', '2027-02-28', '2027-02-01', 600_000), period('2027-02-15', '2027-01-31', '2027-07-30', 300_000), period('2027-03-01', '2027-07-31', '2027-08-30', 1)],
      project,
    );
    expect(problems).toEqual([
      { index: 0, field: 'period_start', problem: 'outside' },
      { index: 0, field: 'report_due', problem: 'due_before_end' },
      { index: 1, field: 'period_end', problem: 'order' },
      { index: 1, field: 'period_start', problem: 'overlap' },
      { index: 2, field: 'period_end', problem: 'outside' },
      { index: null, field: 'instalment', problem: 'sum', expected: 1_000_000, actual: 900_001 },
    ]);
  });

  it('needs at least one period and at most twelve', () => {
    expect(periodProblems([], project)).toEqual([{ index: null, field: 'periods', problem: 'none' }]);
    const many = Array.from({ length: 13 }, () => period('2026-11-01', '2026-11-01', '2026-11-01', 0));
    expect(periodProblems(many, project)).toEqual([{ index: null, field: 'periods', problem: 'too_many' }]);
  });
});

describe('activity dates', () => {
  const project = { periodStart: '2026-11-01', periodEnd: '2027-06-30' };
  it('must fall inside the project and not after today', () => {
    expect(activityDateProblem('2026-10-31', project, '2027-01-10')).toBe('before_start');
    expect(activityDateProblem('2027-07-01', project, '2027-08-01')).toBe('after_end');
    expect(activityDateProblem('2027-01-11', project, '2027-01-10')).toBe('future');
    expect(activityDateProblem('2026-11-01', project, '2027-01-10')).toBeNull();
    expect(activityDateProblem('2027-01-10', project, '2027-01-10')).toBeNull();
  });

  it('periodOf finds the period a date falls in, on its first and last day too', () => {
    const periods = defaultPeriods({ ...project, approved: satang(100) });
    expect(periodOf(periods, '2026-11-01')?.number).toBe(1);
    expect(periodOf(periods, periods[0]!.periodEnd)?.number).toBe(1);
    expect(periodOf(periods, periods[1]!.periodStart)?.number).toBe(2);
    expect(periodOf(periods, '2027-07-01')).toBeNull();
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });
});
