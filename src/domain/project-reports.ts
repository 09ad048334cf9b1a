import { type CalendarDate, parseIsoDate } from './fiscal-year.ts';
import { type Satang, subtractSatang, sumSatang, ZERO_SATANG } from './money.ts';
import { addDays, type Period, REPORT_DUE_DAYS } from './project-followup.ts';
import { type Audience, EXPENSE_GROUPS, type ExpenseGroup } from './proposals.ts';

// A project's reports (domain.md §4.10): per period a progress report (ส.1) and a financial
// report (ง.1); at the end the closing financial summary (ง.2) and the final report (ส.3).
// The review is a table; the figures are generated from the activity records, the plan and
// the money the project was paid, while the report can still be edited, and frozen at submit.
// Pure: the use cases bring the rows.

export const REPORT_KINDS = ['progress', 'financial', 'closing_financial', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Kinds written once per period; the others once, at the end. */
export const PERIOD_KINDS: readonly ReportKind[] = ['progress', 'financial'];
export const isPeriodKind = (kind: ReportKind): boolean => PERIOD_KINDS.includes(kind);

/** The official form each kind is. */
export const REPORT_FORM: Record<ReportKind, string> = { progress: 'ส.1', financial: 'ง.1', closing_financial: 'ง.2', final: 'ส.3' };

export const REPORT_STATES = ['draft', 'submitted', 'checked', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_ACTIONS = ['submit', 'check', 'return', 'accept'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** What the person is towards the project (the use cases' loadProject). */
export type ReportHat = 'owner' | 'officer' | 'mentor' | 'reader';

export interface ReportTransition {
  action: ReportAction;
  from: ReportState;
  to: ReportState;
  /** Who may take the step: any one of these hats. */
  hats: readonly ReportHat[];
  needsComment: boolean;
  /** Who is told in their inbox. */
  notify: readonly Audience[];
}

const step = (action: ReportAction, from: ReportState, to: ReportState, hats: readonly ReportHat[], notify: readonly Audience[]): ReportTransition => ({
  action,
  from,
  to,
  hats,
  needsComment: action === 'return',
  notify,
});

/**
 * The review: the group (or the fund's officer for it) submits, the area's mentor checks, the
 * officer accepts; the mentor or the officer may instead return it with a comment, and the
 * group corrects and submits again.
 */
export const REPORT_TRANSITIONS: readonly ReportTransition[] = [
  step('submit', 'draft', 'submitted', ['owner', 'officer'], ['mentors', 'officers']),
  step('submit', 'returned', 'submitted', ['owner', 'officer'], ['mentors', 'officers']),
  step('check', 'submitted', 'checked', ['mentor'], ['officers']),
  step('return', 'submitted', 'returned', ['mentor', 'officer'], ['owner']),
  step('return', 'checked', 'returned', ['mentor', 'officer'], ['owner']),
  step('accept', 'checked', 'accepted', ['officer'], ['owner']),
];

export function reportTransition(from: ReportState, action: ReportAction): ReportTransition | null {
  return REPORT_TRANSITIONS.find((t) => t.from === from && t.action === action) ?? null;
}

const wears = (hats: readonly ReportHat[], allowed: readonly ReportHat[]) => allowed.some((h) => hats.includes(h));

/** The steps someone wearing these hats may take on a report in this state. */
export function reportActionsFor(state: ReportState, hats: readonly ReportHat[]): ReportTransition[] {
  return REPORT_TRANSITIONS.filter((t) => t.from === state && wears(hats, t.hats));
}

/** A report is written (and its figures follow the records) while a draft or returned. */
export function isEditable(state: ReportState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The group and the fund's officer write a report, and only while it is editable. */
export function mayEditReport(state: ReportState, hats: readonly ReportHat[]): boolean {
  return isEditable(state) && wears(hats, ['owner', 'officer']);
}

// ---------------------------------------------------------------------------------------------
// Due dates and lateness

export const DUE_SOON_DAYS = 7;

export type Timeliness = 'on_time' | 'late' | 'overdue' | 'due_soon' | 'pending';

const dayNumber = (iso: string): number => {
  const d = parseIsoDate(iso) as CalendarDate;
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
};

/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * Whether a report came in on time: once submitted (its first submission counts), on time or
 * late against its due date; before that, overdue past the due date, due soon within a week of
 * it, else pending. Dates are Bangkok calendar dates (yyyy-mm-dd).
 */
export function timeliness(report: { dueDate: string; submittedOn: string | null }, today: string): Timeliness {
  if (report.submittedOn !== null) return report.submittedOn > report.dueDate ? 'late' : 'on_time';
  if (today > report.dueDate) return 'overdue';
  if (daysBetween(today, report.dueDate) <= DUE_SOON_DAYS) return 'due_soon';
  return 'pending';
}

/** Reminders are for reports not yet in: overdue or due within the week. */
export const needsReminder = (t: Timeliness): boolean => t === 'overdue' || t === 'due_soon';

/** When a report falls due: a period's on its period's report date, the closing ones 30 days after the project ends. */
export function reportDueDate(kind: ReportKind, period: Pick<Period, 'reportDue'> | null, projectEnd: string): string {
  if (isPeriodKind(kind)) {
    if (!period) throw new Error(`${kind} needs a period`);
    return period.reportDue;
  }
  return addDays(projectEnd, REPORT_DUE_DAYS);
}

/** Every report a project owes: ส.1 and ง.1 per period, then ง.2 and ส.3. */
export function expectedReports(periods: readonly Pick<Period, 'number' | 'reportDue'>[], projectEnd: string): { kind: ReportKind; periodNumber: number | null; dueDate: string }[] {
  return [
    ...periods.flatMap((p) => (['progress', 'financial'] as const).map((kind) => ({ kind, periodNumber: p.number, dueDate: p.reportDue }))),
    ...(['closing_financial', 'final'] as const).map((kind) => ({ kind, periodNumber: null, dueDate: reportDueDate(kind, null, projectEnd) })),
  ];
}

// ---------------------------------------------------------------------------------------------
// What the generators read

export interface SourceRecord {
  id: number;
  activityDate: string;
  title: string;
  activityPosition: number | null;
  done: string;
  outputs: string;
  outcomes: string;
  problems: string;
  fixes: string;
  participants: readonly { targetGroupCode: string; planned: number; actual: number }[];
  expenses: readonly { group: ExpenseGroup; amount: Satang }[];
}

export interface SourcePlan {
  activities: readonly { position: number; title: string; budget: Satang }[];
  byGroup: readonly { group: ExpenseGroup; planned: Satang }[];
}

export interface SourceMoney {
  approved: Satang;
  paid: Satang;
  refunded: Satang;
}

const inPeriod = (r: SourceRecord, p: Pick<Period, 'periodStart' | 'periodEnd'>) => p.periodStart <= r.activityDate && r.activityDate <= p.periodEnd;
const spentOf = (records: readonly SourceRecord[]) => sumSatang(records.flatMap((r) => r.expenses.map((e) => e.amount)));
const plannedPeople = (r: SourceRecord) => r.participants.reduce((n, p) => n + p.planned, 0);
const actualPeople = (r: SourceRecord) => r.participants.reduce((n, p) => n + p.actual, 0);

/** Spent per expense group (every group, zero where nothing was spent), in the proposal's order. */
export function spentByGroup(records: readonly SourceRecord[]): { group: ExpenseGroup; amount: Satang }[] {
  return EXPENSE_GROUPS.map((group) => ({ group, amount: sumSatang(records.flatMap((r) => r.expenses.filter((e) => e.group === group).map((e) => e.amount))) }));
}

// ---------------------------------------------------------------------------------------------
// Bodies: the generated figures and the text people write

export interface PeriodRef {
  number: number;
  start: string;
  end: string;
}

export interface ProgressFigures {
  kind: 'progress';
  period: PeriodRef;
  activities: { recordId: number; date: string; title: string; activityPosition: number | null; planned: number; actual: number; outputs: string; outcomes: string }[];
  plannedPeople: number;
  actualPeople: number;
}

export interface FinancialFigures {
  kind: 'financial';
  period: PeriodRef;
  instalment: Satang;
  /** Paid to the project net of refunds, to date. */
  received: Satang;
  /** Spent in the periods before this one. */
  spentBefore: Satang;
  spent: { group: ExpenseGroup; amount: Satang }[];
  spentTotal: Satang;
  /** received − spentBefore − spentTotal. */
  balance: Satang;
}

export interface ClosingFigures {
  kind: 'closing_financial';
  approved: Satang;
  paid: Satang;
  refunded: Satang;
  /** paid − refunded. */
  received: Satang;
  groups: { group: ExpenseGroup; planned: Satang; actual: Satang }[];
  plannedTotal: Satang;
  spentTotal: Satang;
  /** received − spent, never below zero. */
  toRefund: Satang;
  /** Spent beyond what was received, never below zero. */
  overspent: Satang;
}

export interface FinalFigures {
  kind: 'final';
  activities: { position: number | null; title: string; plannedBudget: Satang; actualSpent: Satang; plannedPeople: number; actualPeople: number; done: boolean }[];
  plannedBudget: Satang;
  actualSpent: Satang;
  plannedPeople: number;
  actualPeople: number;
  activitiesDone: number;
  activitiesPlanned: number;
}

export type ReportFigures = ProgressFigures | FinancialFigures | ClosingFigures | FinalFigures;

/** The text each kind carries, written by the group (prefilled from the records). */
export const REPORT_TEXT_FIELDS = {
  progress: ['done', 'outputs', 'outcomes', 'problems', 'fixes'],
  financial: ['note'],
  closing_financial: ['note'],
  final: ['summary', 'outcomes', 'problems', 'suggestions'],
} as const satisfies Record<ReportKind, readonly string[]>;

export type ReportTextField = (typeof REPORT_TEXT_FIELDS)[ReportKind][number];
export const REPORT_TEXT_MAX = 5000;

export interface ReportBody {
  figures: ReportFigures;
  text: Partial<Record<ReportTextField, string>>;
}

const periodRef = (p: Period): PeriodRef => ({ number: p.number, start: p.periodStart, end: p.periodEnd });

export function progressFigures(period: Period, records: readonly SourceRecord[]): ProgressFigures {
  const mine = records.filter((r) => inPeriod(r, period));
  const activities = mine.map((r) => ({
    recordId: r.id,
    date: r.activityDate,
    title: r.title,
    activityPosition: r.activityPosition,
    planned: plannedPeople(r),
    actual: actualPeople(r),
    outputs: r.outputs,
    outcomes: r.outcomes,
  }));
  return {
    kind: 'progress',
    period: periodRef(period),
    activities,
    plannedPeople: activities.reduce((n, a) => n + a.planned, 0),
    actualPeople: activities.reduce((n, a) => n + a.actual, 0),
  };
}

export function financialFigures(period: Period, records: readonly SourceRecord[], money: SourceMoney): FinancialFigures {
  const mine = records.filter((r) => inPeriod(r, period));
  const before = records.filter((r) => r.activityDate < period.periodStart);
  const received = subtractSatang(money.paid, money.refunded);
  const spent = spentByGroup(mine);
  const spentTotal = sumSatang(spent.map((s) => s.amount));
  const spentBefore = spentOf(before);
  return {
    kind: 'financial',
    period: periodRef(period),
    instalment: period.instalment,
    received,
    spentBefore,
    spent,
    spentTotal,
    balance: subtractSatang(subtractSatang(received, spentBefore), spentTotal),
  };
}

export function closingFigures(records: readonly SourceRecord[], plan: SourcePlan, money: SourceMoney): ClosingFigures {
  const spent = spentByGroup(records);
  const groups = EXPENSE_GROUPS.map((group) => ({
    group,
    planned: plan.byGroup.find((g) => g.group === group)?.planned ?? ZERO_SATANG,
    actual: spent.find((s) => s.group === group)?.amount ?? ZERO_SATANG,
  }));
  const received = subtractSatang(money.paid, money.refunded);
  const spentTotal = sumSatang(groups.map((g) => g.actual));
  const left = subtractSatang(received, spentTotal);
  return {
    kind: 'closing_financial',
    approved: money.approved,
    paid: money.paid,
    refunded: money.refunded,
    received,
    groups,
    plannedTotal: sumSatang(groups.map((g) => g.planned)),
    spentTotal,
    toRefund: left > 0 ? left : ZERO_SATANG,
    overspent: left < 0 ? subtractSatang(ZERO_SATANG, left) : ZERO_SATANG,
  };
}

export function finalFigures(records: readonly SourceRecord[], plan: SourcePlan): FinalFigures {
  const row = (position: number | null, title: string, plannedBudget: Satang) => {
    const mine = records.filter((r) => r.activityPosition === position);
    return {
      position,
      title,
      plannedBudget,
      actualSpent: spentOf(mine),
      plannedPeople: mine.reduce((n, r) => n + plannedPeople(r), 0),
      actualPeople: mine.reduce((n, r) => n + actualPeople(r), 0),
      done: mine.length > 0,
    };
  };
  const planned = plan.activities.map((a) => row(a.position, a.title, a.budget));
  // What the group did outside the plan is reported too, on one line.
  const unplanned = records.some((r) => r.activityPosition === null) ? [row(null, '', ZERO_SATANG)] : [];
  const activities = [...planned, ...unplanned];
  return {
    kind: 'final',
    activities,
    plannedBudget: sumSatang(activities.map((a) => a.plannedBudget)),
    actualSpent: sumSatang(activities.map((a) => a.actualSpent)),
    plannedPeople: activities.reduce((n, a) => n + a.plannedPeople, 0),
    actualPeople: activities.reduce((n, a) => n + a.actualPeople, 0),
    activitiesDone: planned.filter((a) => a.done).length,
    activitiesPlanned: planned.length,
  };
}

export interface ReportSource {
  period: Period | null;
  records: readonly SourceRecord[];
  plan: SourcePlan;
  money: SourceMoney;
}

/** The figures of a report of a kind, from what was recorded. */
export function generateFigures(kind: ReportKind, source: ReportSource): ReportFigures {
  if (isPeriodKind(kind) && !source.period) throw new Error(`${kind} needs a period`);
  switch (kind) {
    case 'progress':
      return progressFigures(source.period as Period, source.records);
    case 'financial':
      return financialFigures(source.period as Period, source.records, source.money);
    case 'closing_financial':
      return closingFigures(source.records, source.plan, source.money);
    case 'final':
      return finalFigures(source.records, source.plan);
  }
}

/** The records' own words, one line each, as the start of a report's text. */
function gather(records: readonly SourceRecord[], field: 'done' | 'outputs' | 'outcomes' | 'problems' | 'fixes'): string {
  return records
    .filter((r) => r[field].trim() !== '')
    .map((r) => `• ${r.title}: ${r[field].trim()}`)
    .join('\n')
    .slice(0, REPORT_TEXT_MAX);
}

/** The text a new report starts with: what the records of its period (or the whole project) say. */
export function prefillText(kind: ReportKind, source: Pick<ReportSource, 'period' | 'records'>): ReportBody['text'] {
  const records = source.period ? source.records.filter((r) => inPeriod(r, source.period as Period)) : source.records;
  switch (kind) {
    case 'progress':
      return {
        done: gather(records, 'done'),
        outputs: gather(records, 'outputs'),
        outcomes: gather(records, 'outcomes'),
        problems: gather(records, 'problems'),
        fixes: gather(records, 'fixes'),
      };
    case 'final':
      return { summary: gather(records, 'done'), outcomes: gather(records, 'outcomes'), problems: gather(records, 'problems'), suggestions: gather(records, 'fixes') };
    default:
      return { note: '' };
  }
}

/** A stored body read back: its text limited to the kind's fields (anything else is dropped). */
export function textOf(kind: ReportKind, body: unknown): ReportBody['text'] {
  const text = (body && typeof body === 'object' ? (body as { text?: unknown }).text : null) ?? {};
  return Object.fromEntries(REPORT_TEXT_FIELDS[kind].map((f) => [f, typeof (text as Record<string, unknown>)[f] === 'string' ? String((text as Record<string, unknown>)[f]) : '']));
}

/** The figures a stored body froze (null when it has none of this kind). */
export function frozenFigures(kind: ReportKind, body: unknown): ReportFigures | null {
  const figures = body && typeof body === 'object' ? (body as { figures?: unknown }).figures : null;
  return figures && typeof figures === 'object' && (figures as { kind?: unknown }).kind === kind ? (figures as ReportFigures) : null;
}

// ---------------------------------------------------------------------------------------------
// ส.3: indicators and the six-dimension value assessment

/** The value a project created for health (สร้างคุณค่า): six dimensions, each rated 0–3 with evidence. */
export const VALUE_DIMENSIONS = ['knowledge', 'behaviour', 'environment', 'public_policy', 'community_process', 'spiritual'] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];
export const MAX_RATING = 3;
