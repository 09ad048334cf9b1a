import { Form, redirect, Link } from 'react-router';
import type { Outcome, PlannedRow } from '../../src/domain/import-funds.ts';
import { FUND_COLUMNS, FUND_REQUIRED_COLUMNS, YEAR_COLUMNS, YEAR_REQUIRED_COLUMNS } from '../../src/domain/import-funds.ts';
import { can } from '../../src/domain/policy.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { applyImport, previewImport } from '../../src/use-cases/import-funds.ts';
import { FileField, labelled } from '../components/admin-form.tsx';
import { ErrorSummary } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/admin.import';

/** The most rows the dry run lists; the counts cover them all. */
const MAX_LISTED_ROWS = 500;

const EXAMPLES: Record<string, string> = {
  fund_code: 'L5218',
  name_th: 'กองทุนหลักประกันสุขภาพ อบต.บึงมะลู',
  lao_type: 'อบต.',
  lao_name: 'องค์การบริหารส่วนตำบลบึงมะลู',
  district_code: '3304',
  established_fiscal_year: '2550',
  phone: '045-812345',
  email: 'fund@example.go.th',
  fiscal_year: '2569',
  population: '5230',
  population_as_of: '1/4/2567',
  income_band: 'under_6m',
  cofunding_budget: '70,700.00',
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  if (!can(actorOf(user), 'funds.import')) throw asRouteError(new Forbidden('funds.import'));
  const search = new URL(request.url).searchParams;
  const count = (name: string) => Number(search.get(name) ?? 0) || 0;
  return {
    applied: search.get('applied') === '1' ? { file: (search.get('file') ?? '').slice(0, 255), create: count('create'), update: count('update'), unchanged: count('unchanged') } : null,
  };
}

function describeRow(row: PlannedRow<unknown>, kind: 'fund' | 'year', t: Translate) {
  let details: string[];
  if (row.outcome === 'reject') {
    details = row.problems.map((p) =>
      t('admin.import.problem', { column: p.column ?? '', message: t(`admin.error.${p.code}` as MessageKey, p.params) }),
    );
  } else if (row.outcome === 'update') details = [t('admin.import.changes', { columns: row.changed.join(', ') })];
  else if (row.outcome === 'create') details = [t('admin.import.given', { columns: row.changed.join(', ') })];
  else details = [];
  return {
    sheet: row.sheet,
    row: row.row,
    kind,
    key: row.fiscalYear === null ? row.fundCode : `${row.fundCode} / ${row.fiscalYear}`,
    outcome: row.outcome,
    details,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const form = await request.formData();
  if (form.get('intent') === 'apply') {
    const input = { uploadId: String(form.get('uploadId') ?? ''), digest: String(form.get('digest') ?? '') };
    const result = await attempt(t, {}, () => applyImport(db, actor, input));
    if (!('value' in result)) return result;
    const { fileName, counts } = result.value;
    const summary = { applied: '1', file: fileName, create: String(counts.create), update: String(counts.update), unchanged: String(counts.unchanged) };
    return redirect(`/admin/import?${new URLSearchParams(summary)}`);
  }
  const file = form.get('file');
  const fileName = file instanceof File ? file.name : '';
  const content = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(0);
  const result = await attempt(t, {}, () => previewImport(db, actor, { fileName, content }));
  if (!('value' in result)) return result;
  const { plan, uploadId, digest, ignoredColumns } = result.value;
  const rows = [...plan.funds.map((r) => describeRow(r, 'fund', t)), ...plan.years.map((r) => describeRow(r, 'year', t))]
    .filter((r) => r.outcome !== 'unchanged')
    // Rejected rows first: they are what needs fixing.
    .sort((a, b) => Number(b.outcome === 'reject') - Number(a.outcome === 'reject'));
  return {
    ok: true as const,
    preview: {
      fileName: result.value.fileName,
      counts: plan.counts,
      rows: rows.slice(0, MAX_LISTED_ROWS),
      more: Math.max(0, rows.length - MAX_LISTED_ROWS),
      ignored: ignoredColumns.map((c) => ({ sheet: c.sheet ?? 'CSV', columns: c.columns.join(', ') })),
      uploadId,
      digest,
    },
  };
}

const OUTCOMES: Outcome[] = ['create', 'update', 'unchanged', 'reject'];

function ColumnTable({ title, columns, required }: { title: string; columns: readonly string[]; required: readonly string[] }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table stack-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.import.column')}</th>
            <th scope="col">{t('admin.import.meaning')}</th>
            <th scope="col">{t('admin.import.example')}</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c}>
              <th scope="row">
                <code>{c}</code>
                {required.includes(c) && <span className="cell-note">{t('admin.import.requiredMark')}</span>}
              </th>
              <td data-label={t('admin.import.meaning')}>{t(`admin.import.col.${c}` as MessageKey)}</td>
              <td data-label={t('admin.import.example')}>{EXAMPLES[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Import({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : null;
  const preview = actionData?.ok && 'preview' in actionData ? actionData.preview : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const { applied } = loaderData;
  const changes = preview ? preview.counts.create + preview.counts.update : 0;
  return (
    <section className="admin-page">
      <title>{`${t('admin.import.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin">{t('admin.index.title')}</Link>
      </p>
      <h1>{t('admin.import.title')}</h1>
      {applied && !actionData && (
        <div className="notice" role="status">
          {t('admin.import.applied', { file: applied.file, create: applied.create, update: applied.update, unchanged: applied.unchanged })}
        </div>
      )}
      <ErrorSummary errors={labelled(errors, { file: t('admin.import.file') })} />

      {preview && (
        <section className="import-result" aria-labelledby="result-title">
          <h2 id="result-title">{t('admin.import.resultTitle', { file: preview.fileName })}</h2>
          <ul className="import-counts">
            {OUTCOMES.map((o) => (
              <li key={o} className={preview.counts[o] > 0 ? `outcome outcome--${o}` : 'outcome'}>
                {t('admin.import.count', { label: t(`admin.import.outcome.${o}`), count: preview.counts[o] })}
              </li>
            ))}
          </ul>
          {preview.ignored.map((c) => (
            <p key={c.sheet} className="hint">
              {t('admin.import.ignored', { sheet: c.sheet, columns: c.columns })}
            </p>
          ))}
          {preview.counts.reject > 0 ? (
            <p className="warning" role="alert">
              {t('admin.import.blocked', { count: preview.counts.reject })}
            </p>
          ) : changes === 0 ? (
            <p className="notice">{t('admin.import.nothing')}</p>
          ) : (
            preview.uploadId && (
              <Form method="post" className="apply-form">
                <CsrfField />
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="uploadId" value={preview.uploadId} />
                <input type="hidden" name="digest" value={preview.digest} />
                <p>{t('admin.import.applyNote')}</p>
                <button type="submit" className="button">
                  {t('admin.import.apply', { count: changes })}
                </button>
              </Form>
            )
          )}
          {preview.rows.length > 0 && (
            <>
              <h3>{t('admin.import.rowsTitle')}</h3>
              <p className="hint">{t('admin.import.rowsNote')}</p>
              <div className="table-scroll">
                <table className="data-table stack-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.import.col.sheet')}</th>
                      <th scope="col" className="num">
                        {t('admin.import.col.row')}
                      </th>
                      <th scope="col">{t('admin.import.col.kind')}</th>
                      <th scope="col">{t('admin.import.col.key')}</th>
                      <th scope="col">{t('admin.import.col.outcome')}</th>
                      <th scope="col">{t('admin.import.col.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((r) => (
                      <tr key={`${r.kind}-${r.sheet}-${r.row}`} className={r.outcome === 'reject' ? 'row--reject' : undefined}>
                        <td data-label={t('admin.import.col.sheet')}>{r.sheet ?? 'CSV'}</td>
                        <td data-label={t('admin.import.col.row')} className="num">
                          {r.row}
                        </td>
                        <td data-label={t('admin.import.col.kind')}>{t(`admin.import.kind.${r.kind}`)}</td>
                        <th scope="row">{r.key || '—'}</th>
                        <td data-label={t('admin.import.col.outcome')}>
                          <span className={`outcome outcome--${r.outcome}`}>{t(`admin.import.outcome.${r.outcome}`)}</span>
                        </td>
                        <td data-label={t('admin.import.col.details')}>
                          {r.details.length === 1 ? (
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
              {preview.more > 0 && <p className="hint">{t('admin.import.moreRows', { count: preview.more })}</p>}
            </>
          )}
          <h2>{t('admin.import.another')}</h2>
        </section>
      )}

      {!preview && <p className="lead-text">{t('admin.import.lead')}</p>}
      {!preview && (
        <p>
          <Link to="/imports">{t('history.accountLink')}</Link>
        </p>
      )}
      <Form method="post" encType="multipart/form-data" noValidate className="admin-form">
        <CsrfField />
        <input type="hidden" name="intent" value="preview" />
        <FileField
          name="file"
          label={t('admin.import.file')}
          hint={t('admin.import.fileHint')}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          error={errors.file}
        />
        <button type="submit" className="button">
          {t('admin.import.check')}
        </button>
      </Form>

      <h2>{t('admin.import.columnsTitle')}</h2>
      <p>{t('admin.import.columnsLead')}</p>
      <ColumnTable title={t('admin.import.fundsTable')} columns={FUND_COLUMNS} required={FUND_REQUIRED_COLUMNS} />
      <ColumnTable title={t('admin.import.yearsTable')} columns={YEAR_COLUMNS} required={YEAR_REQUIRED_COLUMNS} />
    </section>
  );
}
