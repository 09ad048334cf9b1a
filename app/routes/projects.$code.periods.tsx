import { data, Form, redirect } from 'react-router';
import { dateForInput } from '../../src/domain/import-values.ts';
import { formatBaht, fromNumeric, parseBaht, sumSatang, ZERO_SATANG } from '../../src/domain/money.ts';
import { defaultPeriods } from '../../src/domain/project-followup.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { getFollowUp, setPeriods } from '../../src/use-cases/project-followup.ts';
import { labelled, valuesOf } from '../components/admin-form.tsx';
import { Described, describedBy, ErrorSummary } from '../components/form.tsx';
import { PlanHeading } from '../components/plan-parts.tsx';
import { signInHref } from '../components/proposal-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { flatFields, nestedFields, rowCount } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import followupCss from '../styles/followup.css?url';
import type { Route } from './+types/projects.$code.periods';

// The officer's periods (งวด) of a project: each period's dates, its report's due date and its
// instalment, which together must come to the approved amount. A project without periods starts
// from the suggested ones. "Add a period" posts the form back with one more empty row, so no
// script is needed; clearing a row's fields removes it.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: followupCss }];

const FIELDS = ['period_start', 'period_end', 'report_due', 'instalment'] as const;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect(signInHref(new URL(request.url).pathname));
  try {
    const view = await getFollowUp(services(context).database.db, actorOf(user), { code: params.code });
    if (!view.mayManage) throw new Forbidden('project.manage');
    const suggested = view.periods.length === 0;
    const periods = suggested ? defaultPeriods({ periodStart: view.periodStart, periodEnd: view.periodEnd, approved: view.approved }) : view.periods;
    return {
      project: { code: view.code, title: view.title, fund: view.fund },
      span: { start: formatThaiDate(view.periodStart, lang), end: formatThaiDate(view.periodEnd, lang) },
      approved: view.approved,
      stamp: view.periodsStamp,
      suggested,
      rows: periods.map((p) => ({
        period_start: dateForInput(p.periodStart, lang),
        period_end: dateForInput(p.periodEnd, lang),
        report_due: dateForInput(p.reportDue, lang),
        instalment: formatBaht(p.instalment, { unit: false }),
      })),
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  const here = `/projects/${params.code}/periods`;
  if (!user) throw redirect(signInHref(here));
  const db = services(context).database.db;
  const actor = actorOf(user);
  const nested = nestedFields(await request.formData());
  const typed = flatFields(nested);
  if (nested.intent === 'add') {
    // Show the form again as typed, with one more empty row.
    return data({ ok: false as const, input: { ...typed, _add: '1' }, errors: {} as Record<string, string> }, { status: 200 });
  }
  if (nested.intent !== 'save') throw data(null, { status: 400 });
  const result = await attempt(withAmounts(t), typed, () => setPeriods(db, actor, { ...nested, code: params.code }));
  if (!('value' in result)) {
    // Someone saved first: what was typed stays, and saving again is against what they saved.
    if (result.init?.status === 409) typed.stamp = (await getFollowUp(db, actor, { code: params.code })).periodsStamp;
    return result;
  }
  return redirect(`/projects/${params.code}/follow-up?done=periods#periods`);
}

/** The instalment-sum message's amounts as people read money. */
const withAmounts =
  (t: Translate): Translate =>
  (key, params) =>
    t(key, params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, (k === 'approved' || k === 'actual') && typeof v === 'string' ? formatBaht(fromNumeric(v), { unit: false }) : v])));

export default function PeriodsPage({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const failed = actionData && !actionData.ok ? actionData : null;
  const typed = failed?.input as Record<string, string> | undefined;
  const errors: Record<string, string> = failed?.errors ?? {};
  const v = valuesOf(typed);
  const count = rowCount(typed ? 0 : d.rows.length, typed?._add ? 1 : 0, typed, 'periods');
  const rows = Array.from({ length: Math.max(count, 1) }, (_, i) => i);
  const label = { period_start: t('followup.periods.start'), period_end: t('followup.periods.end'), report_due: t('followup.periods.due'), instalment: t('followup.periods.instalment') };
  const labels: Record<string, string> = { periods: t('followup.page.periods'), stamp: t('followup.page.periods') };
  for (const i of rows) for (const f of FIELDS) labels[`periods.${i}.${f}`] = `${t('followup.period.n', { n: i + 1 })} – ${label[f]}`;
  const { _form: conflict, ...fieldErrors } = errors;
  const sum = sumSatang(rows.map((i) => parseBaht(v.text(`periods.${i}.instalment`, d.rows[i]?.instalment)) ?? ZERO_SATANG));
  return (
    <section className="periods-page">
      <PlanHeading title={`${t('followup.periods.title')}: ${d.project.title}`} fund={{ code: d.project.fund.code, name: nameOf(d.project.fund, lang) }} back={{ to: `/projects/${d.project.code}/follow-up`, label: t('followup.activity.back') }} />
      <p className="lead-text">{t('followup.periods.lead', { start: d.span.start, end: d.span.end, approved: formatBaht(d.approved, { lang }) })}</p>
      {d.suggested && !typed && <p className="notice">{t('followup.periods.suggested')}</p>}
      {conflict && (
        <p className="notice notice--warning" role="alert">
          {t('followup.periods.conflict')}
        </p>
      )}
      <ErrorSummary errors={labelled(fieldErrors, labels)} />
      <Form method="post" noValidate className="periods-form">
        <CsrfField />
        <input type="hidden" name="stamp" value={v.text('stamp', d.stamp)} />
        {/* Enter saves; "add a period" is never what Enter does. */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
        <div className="periods-rows">
          {rows.map((i) => (
            <fieldset key={i} className="periods-row">
              <legend>{t('followup.period.n', { n: i + 1 })}</legend>
              {FIELDS.map((f) => {
                const name = `periods.${i}.${f}`;
                const hint = f === 'instalment' ? undefined : t('followup.periods.dateHint');
                return (
                  <div key={f} className={errors[name] ? 'field field--error' : 'field'}>
                    <label htmlFor={name}>{label[f]}</label>
                    <Described name={name} hint={hint} error={errors[name]} />
                    <input
                      id={name}
                      name={name}
                      type="text"
                      inputMode={f === 'instalment' ? 'decimal' : 'text'}
                      autoComplete="off"
                      maxLength={f === 'instalment' ? 20 : 12}
                      defaultValue={v.text(name, d.rows[i]?.[f])}
                      aria-invalid={errors[name] ? true : undefined}
                      aria-describedby={describedBy({ name, hint, error: errors[name] })}
                    />
                  </div>
                );
              })}
            </fieldset>
          ))}
        </div>
        <div id="periods" tabIndex={-1} className={errors.periods ? 'field field--error periods-total' : 'field periods-total'}>
          {errors.periods && <p className="field__error">{errors.periods}</p>}
          <p>{t('followup.periods.total', { sum: formatBaht(sum, { lang }), approved: formatBaht(d.approved, { lang }) })}</p>
        </div>
        <p className="hint">{t('followup.periods.removeHint')}</p>
        <div className="periods-actions">
          <button type="submit" name="intent" value="add" className="button button--secondary">
            + {t('followup.periods.add')}
          </button>
          <button type="submit" name="intent" value="save" className="button">
            {t('followup.periods.save')}
          </button>
        </div>
      </Form>
    </section>
  );
}
