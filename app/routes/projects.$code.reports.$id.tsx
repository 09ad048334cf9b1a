import { Form, Link, redirect } from 'react-router';
import { REPORT_TEXT_FIELDS, REPORT_TEXT_MAX } from '../../src/domain/project-reports.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getReport, saveIndicatorResults, saveReport, saveValueAssessment, transitionReport } from '../../src/use-cases/project-reports.ts';
import { echo } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../components/form.tsx';
import { dateTimeText } from '../components/meeting-parts.tsx';
import { Detail } from '../components/plan-parts.tsx';
import { kindText, ReportFigureTables, ReportStateBadge, TimelinessBadge } from '../components/report-parts.tsx';
import { flatFields, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import reportsCss from '../styles/reports.css?url';
import type { Route } from './+types/projects.$code.reports.$id';

// One report of a project: its figures (following the activity records while it is a draft or
// returned, frozen once submitted), its text as a form for the group and the officer, the review
// steps the reader may take (one form, a button each, the comment beside them), the review's
// history with its comments, and for ส.3 the indicator results and the value assessment. Each
// form carries the version it was shown with; a save in another tab first is told plainly.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }];

const DONE = ['start', 'save', 'indicators', 'values', 'submit', 'check', 'return', 'accept'] as const;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const report = await getReport(services(context).database.db, actorOf(user), { code: params.code, id: params.id });
    const done = new URL(request.url).searchParams.get('done');
    return {
      report,
      dates: {
        due: formatThaiDate(report.dueDate, lang),
        submitted: report.submittedOn ? formatThaiDate(report.submittedOn, lang) : null,
        accepted: report.acceptedOn ? formatThaiDate(report.acceptedOn, lang) : null,
        period: report.period
          ? { n: String(report.period.number), start: formatThaiDate(report.period.periodStart, lang, 'short'), end: formatThaiDate(report.period.periodEnd, lang, 'short') }
          : null,
        project: report.periodStart ? `${formatThaiDate(report.periodStart, lang, 'short')} – ${formatThaiDate(report.periodEnd, lang, 'short')}` : '',
      },
      history: report.history.map((h) => ({ ...h, atText: dateTimeText(new Date(h.at), lang) })),
      done: DONE.find((d) => d === done) ?? null,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const nested = nestedFields(await request.formData());
  const input = { ...flatFields(nested), intent: nested.intent };
  const ref = { code: params.code, id: params.id };
  const intent = String(nested.intent ?? '');
  const result = await attempt(t, input, async () => {
    if (intent === 'save') {
      const saved = await saveReport(db, actor, { ...nested, ...ref });
      // "Save and submit": what was typed goes with the submission.
      return nested.then === 'submit' ? transitionReport(db, actor, { ...ref, action: 'submit', version: saved.version }) : saved;
    }
    if (intent === 'indicators') return saveIndicatorResults(db, actor, { ...ref, version: nested.version, indicators: nested.indicators });
    if (intent === 'values') return saveValueAssessment(db, actor, { ...ref, version: nested.version, values: nested.values });
    return transitionReport(db, actor, { ...ref, action: nested.step, version: nested.version, comment: nested.comment });
  });
  if (!('value' in result)) return { ...result.data, intent };
  const done = intent === 'step' ? String(nested.step) : intent === 'save' && nested.then === 'submit' ? 'submit' : intent;
  return redirect(`/projects/${params.code}/reports/${params.id}?done=${done}`);
}

export default function ReportPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { report: r, dates, history, done } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const typed = failed?.input as Record<string, unknown> | undefined;
  const errorsOf = (intent: string) => (failed?.intent === intent ? errors : {});
  const typedOf = (intent: string) => (failed?.intent === intent ? typed : undefined);
  const lastReturn = r.state === 'returned' ? history.filter((h) => h.action === 'return').at(-1) : null;
  const title = kindText(t, r.kind);
  // Whoever writes the report submits it with the text form ("save and submit").
  const steps = r.mayEdit ? r.actions.filter((a) => a !== 'submit') : r.actions;
  return (
    <section className="admin-page report-page">
      <title>{`${title} ${r.code} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/projects/${r.code}/reports`}>{t('report.view.back')}</Link>
      </p>
      <h1>
        {title}
        <span className="heading-note">
          {r.code} {r.title}
        </span>
      </h1>
      {done && (
        <p className="notice" role="status">
          {t(`report.done.${done}`)}
        </p>
      )}
      {errors._form && (
        <p className="field-error" role="alert">
          {errors._form}
        </p>
      )}
      <p>
        <ReportStateBadge state={r.state} /> <TimelinessBadge value={r.timeliness} />
      </p>
      {lastReturn && <p className="notice notice--warning">{t('report.view.returnedNote', { comment: lastReturn.comment })}</p>}
      <dl className="details report-meta">
        <Detail term={t('report.view.project')}>
          <Link to={`/projects/${r.code}`}>{`${r.code} ${r.title}`}</Link>
        </Detail>
        {r.organisation && <Detail term={t('report.view.organisation')}>{r.organisation}</Detail>}
        <Detail term={t('report.view.projectPeriod')}>{dates.project}</Detail>
        {dates.period && <Detail term={t('report.view.period')}>{t('report.view.periodText', dates.period)}</Detail>}
        <Detail term={t('report.view.due')}>{dates.due}</Detail>
        {dates.submitted && <Detail term={t('report.view.submitted')}>{dates.submitted}</Detail>}
        {dates.accepted && <Detail term={t('report.view.accepted')}>{dates.accepted}</Detail>}
      </dl>

      <section className="report-section" aria-labelledby="figures">
        <h2 id="figures">{t('report.view.figures')}</h2>
        <p className="hint">{t(r.live ? 'report.view.live' : 'report.view.frozen')}</p>
        <ReportFigureTables figures={r.figures} lang={lang} />
      </section>

      <section className="report-section" aria-labelledby="text">
        <h2 id="text">{t('report.view.text')}</h2>
        {r.mayEdit ? (
          <Form method="post" noValidate>
            <CsrfField />
            <ErrorSummary errors={failed?.intent === 'save' && !errors._form ? errors : undefined} />
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="version" value={r.version} />
            {REPORT_TEXT_FIELDS[r.kind].map((field) => (
              <TextAreaField
                key={field}
                name={field}
                label={t(`report.text.${field}`)}
                defaultValue={echo(typedOf('save'), field, r.text[field])}
                error={errorsOf('save')[field]}
                maxLength={REPORT_TEXT_MAX}
                rows={field === 'note' ? 3 : 5}
              />
            ))}
            <div className="report-steps">
              <button type="submit" className="button button--secondary">
                {t('report.view.save')}
              </button>
              {r.actions.includes('submit') && (
                <button type="submit" name="then" value="submit" className="button">
                  {t('report.view.saveSubmit')}
                </button>
              )}
            </div>
          </Form>
        ) : (
          <dl className="details">
            {REPORT_TEXT_FIELDS[r.kind].map((field) => (
              <Detail key={field} term={t(`report.text.${field}`)}>
                <span className="report-text">{r.text[field] || '—'}</span>
              </Detail>
            ))}
          </dl>
        )}
      </section>

      {r.kind === 'final' && (
        <section className="report-section" aria-labelledby="indicators">
          <h2 id="indicators">{t('report.indicators.title')}</h2>
          {r.indicators.length === 0 ? (
            <p className="plan-empty">{t('report.indicators.none')}</p>
          ) : r.mayEdit ? (
            <Form method="post" noValidate>
              <CsrfField />
              <ErrorSummary errors={failed?.intent === 'indicators' && !errors._form ? errors : undefined} />
              <input type="hidden" name="intent" value="indicators" />
              <input type="hidden" name="version" value={r.version} />
              {r.indicators.map((i) => (
                <fieldset key={i.position} className="report-indicator">
                  <legend>{`${i.position}. ${i.objective}`}</legend>
                  {i.indicator && <p className="hint">{`${t('report.indicators.indicator')}: ${i.indicator}`}</p>}
                  <div className="report-grid">
                    {(['baseline', 'target', 'actual'] as const).map((f) => (
                      <TextField
                        key={f}
                        name={`indicators.${i.position}.${f}`}
                        label={t(`report.indicators.${f}`)}
                        defaultValue={echo(typedOf('indicators'), `indicators.${i.position}.${f}`, i[f])}
                        error={errorsOf('indicators')[`indicators.${i.position}.${f}`]}
                        maxLength={200}
                      />
                    ))}
                  </div>
                  <TextAreaField
                    name={`indicators.${i.position}.note`}
                    label={t('report.indicators.note')}
                    defaultValue={echo(typedOf('indicators'), `indicators.${i.position}.note`, i.note)}
                    error={errorsOf('indicators')[`indicators.${i.position}.note`]}
                    maxLength={2000}
                    rows={2}
                  />
                </fieldset>
              ))}
              <button type="submit" className="button">
                {t('report.indicators.save')}
              </button>
            </Form>
          ) : (
            <div className="table-scroll">
              <table className="data-table report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('report.indicators.objective')}</th>
                    <th scope="col">{t('report.indicators.baseline')}</th>
                    <th scope="col">{t('report.indicators.target')}</th>
                    <th scope="col">{t('report.indicators.actual')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.indicators.map((i) => (
                    <tr key={i.position}>
                      <th scope="row">
                        {`${i.position}. ${i.objective}`}
                        {i.indicator && <span className="report-note">{i.indicator}</span>}
                      </th>
                      <td>{i.baseline || '—'}</td>
                      <td>{i.target || '—'}</td>
                      <td>{i.actual || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {r.kind === 'final' && (
        <section className="report-section" aria-labelledby="values">
          <h2 id="values">{t('report.values.title')}</h2>
          <p className="hint">{t('report.values.hint')}</p>
          {r.mayEdit ? (
            <Form method="post" noValidate>
              <CsrfField />
              <ErrorSummary errors={failed?.intent === 'values' && !errors._form ? errors : undefined} />
              <input type="hidden" name="intent" value="values" />
              <input type="hidden" name="version" value={r.version} />
              {r.values.map((v) => (
                <fieldset key={v.dimension} className="report-value">
                  <legend>{t(`report.value.${v.dimension}`)}</legend>
                  <SelectField
                    name={`values.${v.dimension}.rating`}
                    label={t('report.values.rating')}
                    defaultValue={echo(typedOf('values'), `values.${v.dimension}.rating`, v.rating)}
                    error={errorsOf('values')[`values.${v.dimension}.rating`]}
                    options={[{ value: '', label: t('report.values.notRated') }, ...[0, 1, 2, 3].map((n) => ({ value: String(n), label: t(`report.rating.${n}` as 'report.rating.0') }))]}
                  />
                  <TextAreaField
                    name={`values.${v.dimension}.evidence`}
                    label={t('report.values.evidence')}
                    defaultValue={echo(typedOf('values'), `values.${v.dimension}.evidence`, v.evidence)}
                    error={errorsOf('values')[`values.${v.dimension}.evidence`]}
                    maxLength={2000}
                    rows={2}
                  />
                </fieldset>
              ))}
              <button type="submit" className="button">
                {t('report.values.save')}
              </button>
            </Form>
          ) : (
            <dl className="details">
              {r.values.map((v) => (
                <Detail key={v.dimension} term={t(`report.value.${v.dimension}`)}>
                  {v.rating === null ? t('report.values.notRated') : t(`report.rating.${v.rating}` as 'report.rating.0')}
                  {v.evidence && <span className="report-note">{v.evidence}</span>}
                </Detail>
              ))}
            </dl>
          )}
        </section>
      )}

      {steps.length > 0 && (
        <section className="report-section" aria-labelledby="workflow">
          <h2 id="workflow">{t('report.view.workflow')}</h2>
          <Form method="post" className="report-steps" noValidate>
            <CsrfField />
            <input type="hidden" name="intent" value="step" />
            <input type="hidden" name="version" value={r.version} />
            {steps.some((a) => a !== 'submit') && (
              <TextAreaField name="comment" label={t('report.view.comment')} defaultValue={echo(typedOf('step'), 'comment', '')} error={errorsOf('step').comment} maxLength={2000} rows={3} />
            )}
            {errorsOf('step').action && (
              <p className="field-error" role="alert">
                {errorsOf('step').action}
              </p>
            )}
            {steps.map((a) => (
              <button key={a} type="submit" name="step" value={a} className={a === 'return' ? 'button button--secondary' : 'button'}>
                {t(`report.action.${a}`)}
              </button>
            ))}
          </Form>
        </section>
      )}

      <section className="report-section" aria-labelledby="history">
        <h2 id="history">{t('report.view.history')}</h2>
        {history.length === 0 ? (
          <p className="plan-empty">{t('report.view.noHistory')}</p>
        ) : (
          <ol className="report-history">
            {history.map((h) => (
              <li key={h.id}>
                <strong>{t(`report.action.${h.action}`)}</strong> · {h.actorName || '—'} · {h.atText}
                {h.comment && <span className="report-comment">{h.comment}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p>
        <Link className="button button--secondary" to={`/projects/${r.code}/reports/${r.id}/print`}>
          {t('report.view.print')}
        </Link>
      </p>
    </section>
  );
}
