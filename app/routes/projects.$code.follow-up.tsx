import { data, Form, Link, redirect } from 'react-router';
import { formatBaht, type Satang, sumSatang } from '../../src/domain/money.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { changeProjectStatus, getFollowUp, mayRecord } from '../../src/use-cases/project-followup.ts';
import { echo, formFields, labelled } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextAreaField } from '../components/form.tsx';
import { amountText } from '../components/ledger-parts.tsx';
import { Detail, PlanHeading, StackTable } from '../components/plan-parts.tsx';
import { signInHref } from '../components/proposal-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import followupCss from '../styles/followup.css?url';
import type { Route } from './+types/projects.$code.follow-up';

// Following an approved project, for its group and the area's people: where it stands (status
// with its reason and history), its money, its periods, planned against spent per expense
// group, and what was done (activity records). The group and the officer record activities
// from here; the officer adjusts the periods and changes the status.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: followupCss }];

const NOTICES: Record<string, MessageKey> = {
  recorded: 'followup.done.recorded',
  deleted: 'followup.done.deleted',
  status: 'followup.done.status',
  periods: 'followup.done.periods',
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname));
  const db = services(context).database.db;
  try {
    const view = await getFollowUp(db, actorOf(user), { code: params.code });
    const date = (iso: string) => formatThaiDate(iso, lang, 'short');
    // Status changes are instants, shown as their day in Bangkok.
    const day = (instant: string) => formatThaiDate(new Date(instant), lang, 'short');
    return {
      view: {
        ...view,
        periodStartText: date(view.periodStart),
        periodEndText: date(view.periodEnd),
        statusAtText: view.statusAt ? day(view.statusAt) : null,
        periods: view.periods.map((p) => ({ ...p, startText: date(p.periodStart), endText: date(p.periodEnd), dueText: date(p.reportDue) })),
        activities: view.activities.map((a) => ({ ...a, dateText: date(a.activityDate) })),
        statusHistory: view.statusHistory.map((h) => ({ ...h, atText: day(h.at) })),
      },
      notice: NOTICES[url.searchParams.get('done') ?? ''] ?? null,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect(signInHref(`/projects/${params.code}/follow-up`));
  const input = formFields(await request.formData());
  if (input.intent !== 'status') throw data(null, { status: 400 });
  const result = await attempt(t, input, () => changeProjectStatus(services(context).database.db, actorOf(user), { ...input, code: params.code }));
  if (!('value' in result)) return result;
  return redirect(`/projects/${params.code}/follow-up?done=status#status`);
}

const STATUS_TONE = { running: 'status--active', completed: 'status--active', suspended: 'status--warning', terminated: 'status--closed' } as const;

export default function FollowUpPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view: v, notice } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = failed?.input as Record<string, unknown> | undefined;
  const base = `/projects/${v.code}`;
  const status = (s: string) => t(`followup.status.${s}` as MessageKey);
  const plannedTotal = sumSatang(v.expenseGroups.map((g) => g.planned));
  const actualTotal = sumSatang(v.expenseGroups.map((g) => g.actual));
  const labels = { to: t('followup.page.to'), reason: t('followup.page.reasonField') };
  return (
    <section className="followup-page">
      <PlanHeading title={`${t('followup.page.title')}: ${v.title}`} fund={{ code: v.fund.code, name: nameOf(v.fund, lang) }} back={{ to: base, label: t('followup.page.back') }} />
      <p className="heading-meta">
        <span className="code">{v.code}</span>
      </p>
      {notice && !failed && (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      )}

      <div className="followup-top">
        <section aria-labelledby="status" className="followup-card">
          <h2 id="status">{t('followup.page.status')}</h2>
          <p className="followup-status">
            <span className={`status ${STATUS_TONE[v.status]}`}>{status(v.status)}</span>
            {v.statusAtText && <span className="cell-note"> {t('followup.page.since', { date: v.statusAtText })}</span>}
          </p>
          {v.statusReason && <p className="prewrap">{t('followup.page.reason', { reason: v.statusReason })}</p>}
          {v.statusHistory.length > 0 && (
            <details className="history">
              <summary>{t('followup.page.history')}</summary>
              <ol className="plain-list">
                {v.statusHistory.map((h) => (
                  <li key={`${h.at}-${h.to}`}>
                    {h.from ? t('followup.page.historyRow', { date: h.atText, from: status(h.from), to: status(h.to) }) : t('followup.page.historyFirst', { date: h.atText, to: status(h.to) })}
                    {h.reason && <span className="cell-note prewrap"> {h.reason}</span>}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </section>

        <section aria-labelledby="money" className="followup-card">
          <h2 id="money">{t('followup.page.money')}</h2>
          <dl className="details followup-money">
            <Detail term={t('followup.page.approved')}>{formatBaht(v.money.approved, { lang })}</Detail>
            <Detail term={t('followup.page.paid')}>{formatBaht(v.money.paid, { lang })}</Detail>
            <Detail term={t('followup.page.refunded')}>{formatBaht(v.money.refunded, { lang })}</Detail>
            <Detail term={t('followup.page.remaining')}>
              <strong>{formatBaht(v.money.remaining, { lang })}</strong>
            </Detail>
          </dl>
        </section>
      </div>

      <nav className="followup-links" aria-label={t('followup.page.title')}>
        {v.mayRecord && (
          <Link className="button followup-record" to={`${base}/activities/new`}>
            + {t('followup.page.record')}
          </Link>
        )}
        <Link className="button button--secondary" to={`${base}/reports`}>
          {t('followup.page.reports')}
        </Link>
        {v.mayViewBooks && (
          <>
            <Link to={`/funds/${v.fund.code}/vouchers?fy=${v.fiscalYear}`}>{t('followup.page.vouchers')}</Link>
            <Link to={`/funds/${v.fund.code}/ledger/${v.fiscalYear}`}>{t('followup.page.ledger')}</Link>
          </>
        )}
      </nav>

      <section aria-labelledby="activities">
        <h2 id="activities">{t('followup.page.activities')}</h2>
        {v.activities.length === 0 ? (
          <p>{t('followup.page.noActivities')}</p>
        ) : (
          <StackTable
            caption={t('followup.page.activities')}
            className="followup-activities"
            rows={v.activities}
            rowKey={(a) => a.id}
            columns={[
              {
                label: t('followup.page.activity'),
                cell: (a) => (
                  <>
                    <span className="followup-date">{a.dateText}</span> <Link to={`${base}/activities/${a.id}`}>{a.title}</Link>
                  </>
                ),
              },
              { label: t('followup.page.period'), cell: (a) => (a.periodNumber ? t('followup.period.n', { n: a.periodNumber }) : t('followup.page.outsidePeriods')) },
              { label: t('followup.page.people'), num: true, cell: (a) => String(a.participants.reduce((s, p) => s + p.actual, 0)) },
              { label: t('followup.page.spent'), num: true, cell: (a) => amountText(a.total) },
              {
                label: t('followup.page.files'),
                cell: (a) =>
                  a.files.length === 0 ? (
                    '—'
                  ) : (
                    <span className="followup-thumbs">
                      {a.files.map((f, i) => {
                        const href = `${base}/activities/${a.id}/files/${f.id}`;
                        const name = f.kind === 'photo' ? t('followup.page.photoN', { n: i + 1 }) : t('followup.page.receiptN', { n: i + 1 });
                        return f.mediaType.startsWith('image/') ? (
                          <a key={f.id} href={href} target="_blank" rel="noopener" className="followup-thumb">
                            <img src={href} alt={`${name}: ${f.fileName}`} width={56} height={56} loading="lazy" />
                          </a>
                        ) : (
                          <a key={f.id} href={href} target="_blank" rel="noopener" className="followup-thumb followup-thumb--file">
                            {name}
                            <span className="visually-hidden"> {f.fileName}</span>
                          </a>
                        );
                      })}
                    </span>
                  ),
              },
            ]}
          />
        )}
        {!v.mayRecord && mayRecord(v.hats) && <p className="hint">{t('followup.error.notRunning')}</p>}
      </section>

      <section aria-labelledby="periods">
        <h2 id="periods">{t('followup.page.periods')}</h2>
        <p className="hint">{t('followup.page.periodsLead', { start: v.periodStartText, end: v.periodEndText })}</p>
        {v.periods.length === 0 ? (
          <p>{t('followup.page.noPeriods')}</p>
        ) : (
          <StackTable
            caption={t('followup.page.periods')}
            rows={v.periods}
            rowKey={(p) => p.number}
            columns={[
              { label: t('followup.period.number'), cell: (p) => t('followup.period.n', { n: p.number }) },
              { label: t('followup.period.covers'), cell: (p) => t('followup.period.range', { start: p.startText, end: p.endText }) },
              { label: t('followup.period.due'), cell: (p) => p.dueText },
              { label: t('followup.period.instalment'), num: true, cell: (p) => amountText(p.instalment) },
            ]}
          />
        )}
        {v.mayManage && (
          <p>
            <Link className="button button--secondary" to={`${base}/periods`}>
              {v.periods.length === 0 ? t('followup.page.setPeriods') : t('followup.page.adjustPeriods')}
            </Link>
          </p>
        )}
      </section>

      <section aria-labelledby="spending">
        <h2 id="spending">{t('followup.page.spending')}</h2>
        {v.expenseGroups.length === 0 ? (
          <p>{t('followup.page.noSpending')}</p>
        ) : (
          <StackTable
            caption={t('followup.page.spending')}
            rows={[...v.expenseGroups.map((g) => ({ key: g.group, name: t(`proposal.expense.${g.group}`), planned: g.planned, actual: g.actual })), { key: 'total', name: t('followup.page.total'), planned: plannedTotal, actual: actualTotal }]}
            rowKey={(g) => g.key}
            columns={[
              { label: t('followup.page.group'), cell: (g) => (g.key === 'total' ? <strong>{g.name}</strong> : g.name) },
              { label: t('followup.page.planned'), num: true, cell: (g) => amountText(g.planned) },
              { label: t('followup.page.actual'), num: true, cell: (g) => <Over planned={g.planned} actual={g.actual} /> },
            ]}
          />
        )}
      </section>

      {v.mayManage && (
        <section aria-labelledby="change-status" className="followup-card">
          <h2 id="change-status">{t('followup.page.changeStatus')}</h2>
          {v.nextStatuses.length === 0 ? (
            <p>{t('followup.page.final')}</p>
          ) : (
            <>
              {errors._form && (
                <p className="field-error field__error" role="alert">
                  {errors._form}
                </p>
              )}
              <ErrorSummary errors={labelled(errors, labels)} />
              <Form method="post" noValidate className="followup-status-form">
                <CsrfField />
                <input type="hidden" name="version" value={v.version} />
                <SelectField
                  name="to"
                  label={labels.to}
                  options={v.nextStatuses.map((s) => ({ value: s, label: status(s) }))}
                  defaultValue={echo(input, 'to', v.nextStatuses[0])}
                  error={errors.to}
                />
                <TextAreaField name="reason" label={labels.reason} hint={t('followup.page.reasonHint')} defaultValue={echo(input, 'reason', '')} error={errors.reason} maxLength={2000} rows={3} />
                <button type="submit" name="intent" value="status" className="button">
                  {t('followup.page.changeSubmit')}
                </button>
              </Form>
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** Spent, marked when over the plan (in words too, never colour alone). */
function Over({ planned, actual }: { planned: Satang; actual: Satang }) {
  const t = useT();
  if (actual > planned && planned > 0) {
    return (
      <span className="followup-over">
        {amountText(actual)} <span aria-hidden="true">▲</span>
        <span className="visually-hidden"> {t('followup.page.overPlan')}</span>
      </span>
    );
  }
  return <>{amountText(actual)}</>;
}
