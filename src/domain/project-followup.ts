import { type CalendarDate, formatIsoDate, parseIsoDate } from './fiscal-year.ts';
import { type Satang, subtractSatang, sumSatang } from './money.ts';

// Following an approved project (domain.md §4.9–4.10): its status, its reporting periods (งวด)
// and the rules an activity record must keep. Pure: the use cases bring the rows.

export const PROJECT_STATUSES = ['running', 'completed', 'terminated', 'suspended'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/**
 * Which status may follow which, and whether the change needs a reason. A project that stops
 * early (terminated, suspended) must say why; completing it or taking it up again need not.
 * completed and terminated are final.
 */
export const STATUS_TRANSITIONS: readonly { from: ProjectStatus; to: ProjectStatus; reason: 'required' | 'optional' }[] = [
  { from: 'running', to: 'completed', reason: 'optional' },
  { from: 'running', to: 'suspended', reason: 'required' },
  { from: 'running', to: 'terminated', reason: 'required' },
  { from: 'suspended', to: 'running', reason: 'optional' },
  { from: 'suspended', to: 'terminated', reason: 'required' },
];

export function statusTransition(from: ProjectStatus, to: ProjectStatus) {
  return STATUS_TRANSITIONS.find((t) => t.from === from && t.to === to) ?? null;
}

export function statusesAfter(from: ProjectStatus): ProjectStatus[] {
  return STATUS_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/**
 * The fund pays a project while it runs and after it completes (the last instalment often
 * follows the final report); never while it is suspended or once it is terminated.
 */
export function mayBePaid(status: ProjectStatus | null): boolean {
  return status === 'running' || status === 'completed';
}

/** Activities are recorded and reports written while the project runs (and, late, once it is done). */
export function acceptsRecords(status: ProjectStatus | null): boolean {
  return status === 'running' || status === 'completed';
}

export interface Period {
  number: number;
  periodStart: string;
  periodEnd: string;
  reportDue: string;
  instalment: Satang;
}

export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  if (!d) throw new Error(`not a date: ${iso}`);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return formatIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

const dayNumber = (iso: string): number => {
  const d = parseIsoDate(iso) as CalendarDate;
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
};

/** Reports are due this many days after the period they cover ends. */
export const REPORT_DUE_DAYS = 30;
/** A project longer than this is paid and reported in two periods. */
const ONE_PERIOD_MAX_DAYS = 120;
/** The first of two instalments, in percent: most of the work and buying comes first. */
const FIRST_INSTALMENT_PERCENT = 60;

/**
 * The periods a project starts with: one for a short project, else two split at the middle
 * with 60 % and 40 % of the approved amount. The instalments always add up to the approved
 * amount to the satang (the second takes the remainder).
 */
export function defaultPeriods(project: { periodStart: string; periodEnd: string; approved: Satang }): Period[] {
  const { periodStart, periodEnd, approved } = project;
  const days = dayNumber(periodEnd) - dayNumber(periodStart);
  if (days <= ONE_PERIOD_MAX_DAYS) {
    return [{ number: 1, periodStart, periodEnd, reportDue: addDays(periodEnd, REPORT_DUE_DAYS), instalment: approved }];
  }
  const firstEnd = addDays(periodStart, Math.floor(days / 2));
  const first = Math.floor((approved * FIRST_INSTALMENT_PERCENT) / 100) as Satang;
  return [
    { number: 1, periodStart, periodEnd: firstEnd, reportDue: addDays(firstEnd, REPORT_DUE_DAYS), instalment: first },
    {
      number: 2,
      periodStart: addDays(firstEnd, 1),
      periodEnd,
      reportDue: addDays(periodEnd, REPORT_DUE_DAYS),
      instalment: subtractSatang(approved, first),
    },
  ];
}

export type PeriodProblem =
  | { index: number; field: 'period_start' | 'period_end' | 'report_due' | 'instalment'; problem: 'order' | 'outside' | 'overlap' | 'due_before_end' }
  | { index: null; field: 'instalment'; problem: 'sum'; expected: Satang; actual: Satang }
  | { index: null; field: 'periods'; problem: 'none' | 'too_many' };

export const MAX_PERIODS = 12;

/**
 * What is wrong with periods an officer set: each inside the project, in order without
 * overlapping, its report due on or after its end, and the instalments adding up exactly to the
 * approved amount (what the fund pays is what the committee approved, no more, no less).
 */
export function periodProblems(
  periods: readonly Omit<Period, 'number'>[],
  project: { periodStart: string; periodEnd: string; approved: Satang },
): PeriodProblem[] {
  if (periods.length === 0) return [{ index: null, field: 'periods', problem: 'none' }];
  if (periods.length > MAX_PERIODS) return [{ index: null, field: 'periods', problem: 'too_many' }];
  const problems: PeriodProblem[] = [];
  periods.forEach((p, index) => {
    if (p.periodEnd < p.periodStart) problems.push({ index, field: 'period_end', problem: 'order' });
    if (p.periodStart < project.periodStart) problems.push({ index, field: 'period_start', problem: 'outside' });
    if (p.periodEnd > project.periodEnd) problems.push({ index, field: 'period_end', problem: 'outside' });
    if (index > 0 && p.periodStart <= (periods[index - 1]?.periodEnd ?? '')) problems.push({ index, field: 'period_start', problem: 'overlap' });
    if (p.reportDue < p.periodEnd) problems.push({ index, field: 'report_due', problem: 'due_before_end' });
  });
  const actual = sumSatang(periods.map((p) => p.instalment));
  if (actual !== project.approved) problems.push({ index: null, field: 'instalment', problem: 'sum', expected: project.approved, actual });
  return problems;
}

export type ActivityDateProblem = 'before_start' | 'after_end' | 'future';

/** An activity happened inside the project's period, and not after today. */
export function activityDateProblem(date: string, project: { periodStart: string; periodEnd: string }, today: string): ActivityDateProblem | null {
  if (date < project.periodStart) return 'before_start';
  if (date > project.periodEnd) return 'after_end';
  if (date > today) return 'future';
  return null;
}

/** The period an activity date falls in (null between or outside them). */
export function periodOf<P extends Pick<Period, 'number' | 'periodStart' | 'periodEnd'>>(periods: readonly P[], date: string): P | null {
  return periods.find((p) => p.periodStart <= date && date <= p.periodEnd) ?? null;
}
