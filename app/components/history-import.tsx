import { Form, Link, useNavigation } from 'react-router';
import { HISTORY_COLUMNS, HISTORY_KINDS, type HistoryKind, ROW_OUTCOMES, type RowOutcome } from '../../src/domain/import-history.ts';
import { CsrfField, useT } from '../root.tsx';
import { FileField, labelled } from './admin-form.tsx';
import { ErrorSummary, SelectField } from './form.tsx';

// The history import's page pieces: the upload form, the list of past runs, and a run's
// summary (counts, the rows worth reading with their reasons, the apply button). Shared by the
// officer's page (/funds/:code/imports) and the area's and admin's (/imports).

/** The registry import's outcome styles (create, update, reject) for ours. */
const OUTCOME_CLASS: Record<RowOutcome, string> = { created: 'create', updated: 'update', unchanged: 'unchanged', rejected: 'reject' };

export function UploadForm(props: { errors: Record<string, string>; kind: string; maxMb: number }) {
  const t = useT();
  const submitting = useNavigation().state === 'submitting';
  return (
    <>
      <ErrorSummary errors={labelled(props.errors, { file: t('history.page.file'), kind: t('history.page.kind') })} />
      <Form method="post" encType="multipart/form-data" noValidate className="admin-form" aria-busy={submitting || undefined}>
        {/* The token first: the server reads the upload only as far as it (multipart.server.ts). */}
        <CsrfField />
        <SelectField
          name="kind"
          label={t('history.page.kind')}
          defaultValue={props.kind || 'projects'}
          error={props.errors.kind}
          options={HISTORY_KINDS.map((k) => ({ value: k, label: t(`history.kind.${k}`) }))}
        />
        <FileField
          name="file"
          label={t('history.page.file')}
          hint={t('history.page.fileHint', { max: props.maxMb })}
          accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={props.errors.file}
        />
        <button type="submit" className="button" disabled={submitting}>
          {t('history.page.check')}
        </button>
      </Form>
    </>
  );
}

export function ColumnsList() {
  const t = useT();
  return (
    <details className="history-columns">
      <summary>{t('history.page.columns')}</summary>
      <dl className="details">
        {HISTORY_KINDS.map((kind) => (
          <div key={kind}>
            <dt>{t(`history.kind.${kind}`)}</dt>
            <dd>
              {HISTORY_COLUMNS[kind].map((c, i) => (
                <span key={c.name}>
                  {i > 0 && ', '}
                  <code>{c.name}</code>
                  {c.required && '*'}
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** What a run is, in a list and on its own page alike. */
interface RunBasics {
  id: number;
  kind: HistoryKind;
  fileName: string;
  status: 'checked' | 'rejected' | 'applied';
  counts: Record<RowOutcome, number>;
  fundCode: string | null;
}

interface ListedRun extends RunBasics {
  when: string;
}

export function RunList(props: { runs: readonly ListedRun[]; base: string; showFund?: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">{t('history.page.runs')}</h2>
      {props.runs.length === 0 ? (
        <p className="hint">{t('history.page.noRuns')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <thead>
              <tr>
                <th scope="col">{t('history.page.when')}</th>
                <th scope="col">{t('history.page.file')}</th>
                <th scope="col">{t('history.page.kind')}</th>
                {props.showFund && <th scope="col">{t('history.page.scope')}</th>}
                <th scope="col">{t('history.page.status')}</th>
                <th scope="col">{t('history.page.result')}</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((r) => (
                <tr key={r.id}>
                  <td data-label={t('history.page.when')}>{r.when}</td>
                  <th scope="row">
                    <Link to={`${props.base}/${r.id}`} aria-label={t('history.page.open', { id: r.id })}>
                      {r.fileName}
                    </Link>
                  </th>
                  <td data-label={t('history.page.kind')}>{t(`history.kind.${r.kind}`)}</td>
                  {props.showFund && <td data-label={t('history.page.scope')}>{r.fundCode ?? t('history.page.anyFund')}</td>}
                  <td data-label={t('history.page.status')}>
                    <span className={`run-status run-status--${r.status}`}>{t(`history.status.${r.status}`)}</span>
                  </td>
                  <td data-label={t('history.page.result')}>{t('history.page.counts', r.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export interface RunView extends RunBasics {
  more: number;
  checkedAt: string;
  appliedAt: string | null;
  fileProblem: string | null;
  rows: { row: number; fundCode: string; key: string; outcome: RowOutcome; details: string[] }[];
}

export function RunSummary(props: { run: RunView; changes: number; mine: boolean; mayApply: boolean; errors: Record<string, string>; after?: React.ReactNode }) {
  const t = useT();
  const { run } = props;
  const submitting = useNavigation().state === 'submitting';
  return (
    <section className="import-result" aria-labelledby="result-title">
      <h1 id="result-title">{t('history.page.runTitle', { id: run.id, file: run.fileName })}</h1>
      <p className="heading-note">
        {t(`history.kind.${run.kind}`)}
        {run.fundCode && ` · ${t('history.page.scope')} ${run.fundCode}`}
        {' · '}
        {t('history.page.checked', { when: run.checkedAt })}
      </p>
      <ErrorSummary errors={props.errors} />
      {/* A rejected run says so in its warning below, with the count. */}
      {!(run.status === 'rejected' && run.counts.rejected > 0) && (
        <p className={`run-status run-status--${run.status}`} role="status">
          {run.status === 'applied' && run.appliedAt ? t('history.page.applied', { when: run.appliedAt }) : t(`history.status.${run.status}`)}
        </p>
      )}
      {run.fileProblem ? (
        <p className="warning" role="alert">
          {t('history.page.fileProblem', { message: run.fileProblem })}
        </p>
      ) : (
        <ul className="import-counts">
          {ROW_OUTCOMES.map((o) => (
            <li key={o} className={run.counts[o] > 0 ? `outcome outcome--${OUTCOME_CLASS[o]}` : 'outcome'}>
              {t('history.page.count', { label: t(`history.outcome.${o}`), count: run.counts[o] })}
            </li>
          ))}
        </ul>
      )}
      {run.status === 'rejected' && run.counts.rejected > 0 && (
        <p className="warning" role="alert">
          {t('history.page.blocked', { count: run.counts.rejected })}
        </p>
      )}
      {run.status === 'checked' && props.changes === 0 && <p className="notice">{t('history.page.nothing')}</p>}
      {run.status === 'checked' && props.changes > 0 && !props.mine && <p className="hint">{t('history.page.notYours')}</p>}
      {props.mayApply && (
        <Form method="post" className="apply-form" aria-busy={submitting || undefined}>
          <CsrfField />
          <input type="hidden" name="intent" value="apply" />
          <p>{t('history.page.applyNote')}</p>
          <button type="submit" className="button" disabled={submitting}>
            {t('history.page.applyCount', { count: props.changes })}
          </button>
        </Form>
      )}
      {props.after}
      {run.rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table stack-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('history.page.row')}
                </th>
                <th scope="col">{t('history.page.fund')}</th>
                <th scope="col">{t('history.page.key')}</th>
                <th scope="col">{t('history.page.outcome')}</th>
                <th scope="col">{t('history.page.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {run.rows.map((r) => (
                <tr key={`${r.row}-${r.key}`} className={r.outcome === 'rejected' ? 'row--reject' : undefined}>
                  <td data-label={t('history.page.row')} className="num">
                    {r.row}
                  </td>
                  <td data-label={t('history.page.fund')}>{r.fundCode || '—'}</td>
                  <th scope="row">{r.key || '—'}</th>
                  <td data-label={t('history.page.outcome')}>
                    <span className={`outcome outcome--${OUTCOME_CLASS[r.outcome]}`}>{t(`history.outcome.${r.outcome}`)}</span>
                  </td>
                  <td data-label={t('history.page.reason')}>
                    {r.details.length === 0 ? (
                      '—'
                    ) : r.details.length === 1 ? (
                      r.details[0]
                    ) : (
                      <ul className="plain-list">
                        {r.details.map((d) => (
                          <li key={d}>{d}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {run.more > 0 && <p className="hint">{t('history.page.more', { count: run.more })}</p>}
    </section>
  );
}

/**
 * A run's page, the same for the fund's officer and for an area's or admin's import pages:
 * only where it goes back to and what follows the summary differ.
 */
export function RunPage(props: {
  data: { run: RunView; changes: number; mine: boolean; mayApply: boolean };
  failed: { ok: false; errors: Record<string, string> } | null;
  base: string;
  after?: React.ReactNode;
}) {
  const t = useT();
  const { run } = props.data;
  return (
    <section className="admin-page">
      <title>{`${t('history.page.runTitle', { id: run.id, file: run.fileName })} — kongtun`}</title>
      <p className="back-link">
        <Link to={props.base}>{t('history.page.backToImports')}</Link>
      </p>
      <RunSummary run={run} changes={props.data.changes} mine={props.data.mine} mayApply={props.data.mayApply} errors={props.failed?.errors ?? {}} after={props.after} />
      <p>
        <Link to={props.base}>{t('history.page.another')}</Link>
      </p>
    </section>
  );
}
