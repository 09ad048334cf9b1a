import { type Satang, toNumeric } from '../domain/money.ts';
import type { ReportFigures } from '../domain/project-reports.ts';
import type { projectReportsForApi } from '../use-cases/project-reports.ts';

// A project's reports as the API gives them: snake_case fields, every amount exact decimal baht
// text ('1234.50'), counts of people as integers.

const baht = (s: Satang) => toNumeric(s);

export function figuresJson(f: ReportFigures): Record<string, unknown> {
  switch (f.kind) {
    case 'progress':
      return {
        kind: f.kind,
        period: f.period,
        activities: f.activities.map((a) => ({
          date: a.date,
          title: a.title,
          activity_position: a.activityPosition,
          participants_planned: a.planned,
          participants_actual: a.actual,
          outputs: a.outputs,
          outcomes: a.outcomes,
        })),
        participants_planned: f.plannedPeople,
        participants_actual: f.actualPeople,
      };
    case 'financial':
      return {
        kind: f.kind,
        period: f.period,
        instalment: baht(f.instalment),
        received: baht(f.received),
        spent_before: baht(f.spentBefore),
        spent: f.spent.map((s) => ({ group: s.group, amount: baht(s.amount) })),
        spent_total: baht(f.spentTotal),
        balance: baht(f.balance),
      };
    case 'closing_financial':
      return {
        kind: f.kind,
        approved: baht(f.approved),
        paid: baht(f.paid),
        refunded: baht(f.refunded),
        received: baht(f.received),
        groups: f.groups.map((g) => ({ group: g.group, planned: baht(g.planned), actual: baht(g.actual) })),
        planned_total: baht(f.plannedTotal),
        spent_total: baht(f.spentTotal),
        to_refund: baht(f.toRefund),
        overspent: baht(f.overspent),
      };
    case 'final':
      return {
        kind: f.kind,
        activities: f.activities.map((a) => ({
          position: a.position,
          title: a.title,
          planned_budget: baht(a.plannedBudget),
          actual_spent: baht(a.actualSpent),
          participants_planned: a.plannedPeople,
          participants_actual: a.actualPeople,
          done: a.done,
        })),
        planned_budget: baht(f.plannedBudget),
        actual_spent: baht(f.actualSpent),
        activities_done: f.activitiesDone,
        activities_planned: f.activitiesPlanned,
      };
  }
}

export function projectReportsJson(view: Awaited<ReturnType<typeof projectReportsForApi>>) {
  return {
    code: view.code,
    title: view.title,
    fund_code: view.fund.code,
    reports: view.reports.map((r) => ({
      id: r.id,
      kind: r.kind,
      period: r.periodNumber,
      state: r.state,
      due_date: r.dueDate,
      submitted_on: r.submittedOn,
      timeliness: r.timeliness,
      figures: r.figures ? figuresJson(r.figures) : null,
      text: r.text,
      ...('indicators' in r && r.indicators?.length ? { indicators: r.indicators } : {}),
      ...('values' in r && r.values?.length ? { values: r.values } : {}),
      ...('history' in r && r.history ? { history: r.history } : {}),
    })),
  };
}
