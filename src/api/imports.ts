import type { RowProblem } from '../domain/import-history.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { ImportRunListItem, ImportRunView } from '../use-cases/import-history.ts';

// History imports through the API: a run's summary with snake_case names, each problem with
// its catalogue code and the message in the caller's language.

/** A row problem as the reader sees it: its catalogue key, with its parameters filled in. */
export const problemMessage = (p: RowProblem, t: Translate) => t(p.key as MessageKey, p.params);

export const fileProblemMessage = (problem: NonNullable<ImportRunView['fileProblem']>, t: Translate) =>
  t(`history.file.${problem.code}` as MessageKey, problem.params);

function runHead(run: ImportRunListItem, actorId: number | null, t: Translate) {
  return {
    id: run.id,
    kind: run.kind,
    file_name: run.fileName,
    status: run.status,
    fund_code: run.fundCode,
    counts: run.counts,
    file_problem: run.fileProblem ? { code: run.fileProblem.code, message: fileProblemMessage(run.fileProblem, t) } : null,
    created_at: run.createdAt.toISOString(),
    applied_at: run.appliedAt?.toISOString() ?? null,
    // Only its importer applies a checked run (it is checked again, all or nothing).
    actions: run.status === 'checked' && run.userId !== null && run.userId === actorId ? ['apply'] : [],
    href: `/api/v1/imports/${run.id}`,
  };
}

export function importRunJson(run: ImportRunView, actorId: number | null, t: Translate) {
  return {
    ...runHead(run, actorId, t),
    rows: run.rows.map((r) => ({
      row: r.row,
      fund_code: r.fundCode,
      key: r.key,
      outcome: r.outcome,
      problems: r.problems.map((p) => ({ column: p.column, code: p.key, message: problemMessage(p, t) })),
      changed: r.changed ?? [],
    })),
    rows_not_listed: run.more,
  };
}

export function importRunsJson(runs: readonly ImportRunListItem[], actorId: number | null, t: Translate) {
  return { items: runs.map((r) => runHead(r, actorId, t)), count: runs.length };
}
