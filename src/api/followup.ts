import type { Period } from '../domain/project-followup.ts';
import { toNumeric } from '../domain/money.ts';
import type { ActivityRecordView, FollowUpView } from '../use-cases/project-followup.ts';

// Following a project through the API: its periods and its activity records, with snake_case
// names and money as exact decimal text, as the books' API writes it.

export function periodJson(p: Period) {
  return { number: p.number, period_start: p.periodStart, period_end: p.periodEnd, report_due: p.reportDue, instalment: toNumeric(p.instalment) };
}

export function periodsJson(view: FollowUpView) {
  return {
    project_code: view.code,
    status: view.status,
    period_start: view.periodStart,
    period_end: view.periodEnd,
    approved: toNumeric(view.approved),
    stamp: view.periodsStamp,
    items: view.periods.map(periodJson),
    count: view.periods.length,
  };
}

export function activityJson(a: ActivityRecordView, code: string) {
  return {
    id: a.id,
    version: a.version,
    activity_date: a.activityDate,
    title: a.title,
    activity_position: a.activityPosition,
    period_number: a.periodNumber,
    done: a.done,
    outputs: a.outputs,
    outcomes: a.outcomes,
    problems: a.problems,
    fixes: a.fixes,
    participants: a.participants.map((p) => ({ target_group_code: p.targetGroupCode, planned: p.planned, actual: p.actual })),
    expenses: a.expenses.map((e) => ({ group: e.group, amount: toNumeric(e.amount) })),
    total: toNumeric(a.total),
    files: a.files.map((f) => ({
      id: f.id,
      kind: f.kind,
      file_name: f.fileName,
      media_type: f.mediaType,
      size_bytes: f.sizeBytes,
      href: `/projects/${encodeURIComponent(code)}/activities/${a.id}/files/${f.id}`,
    })),
  };
}

export function activitiesJson(view: FollowUpView) {
  return {
    project_code: view.code,
    status: view.status,
    items: view.activities.map((a) => activityJson(a, view.code)),
    count: view.activities.length,
    actions: view.mayRecord ? ['project.record'] : [],
  };
}
