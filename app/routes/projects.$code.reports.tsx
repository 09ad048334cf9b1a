import { Form, Link, redirect } from 'react-router';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listProjectReports, startReport } from '../../src/use-cases/project-reports.ts';
import { formFields } from '../components/admin-form.tsx';
import { StackTable } from '../components/plan-parts.tsx';
import { kindText, periodText, ReportStateBadge, TimelinessBadge } from '../components/report-parts.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import reportsCss from '../styles/reports.css?url';
import type { Route } from './+types/projects.$code.reports';

// A project's reports: every one it owes (ส.1 and ง.1 per period, ง.2 and ส.3 at the end) with
// where it stands, its due date and whether it is late; the group and the officer start the
// ones not begun (a button each, so it works without scripts).

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reportsCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const list = await listProjectReports(services(context).database.db, actorOf(user), { code: params.code });
    return {
      list: {
        ...list,
        reports: list.reports.map((r) => ({
          ...r,
          dueText: formatThaiDate(r.dueDate, lang, 'short'),
          submittedText: r.submittedOn ? formatThaiDate(r.submittedOn, lang, 'short') : null,
        })),
      },
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  const result = await attempt(t, input, () => startReport(services(context).database.db, actorOf(user), { code: params.code, kind: input.kind, period: input.period }));
  if (!('value' in result)) return result;
  return redirect(`/projects/${params.code}/reports/${result.value.id}?done=start`);
}

export default function ProjectReports({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  useRootData();
  const { list } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const error = failed ? Object.values(failed.errors)[0] : null;
  return (
    <section className="admin-page report-page">
      <title>{`${t('report.list.title')} ${list.code} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/projects/${list.code}`}>{t('report.list.back')}</Link>
      </p>
      <h1>
        {t('report.list.title')}
        <span className="heading-note">
          {list.code} {list.title}
        </span>
      </h1>
      <p>{t('report.list.intro')}</p>
      {list.periods.length === 0 && <p className="notice">{t('report.list.noPeriods')}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <StackTable
        caption={t('report.list.title')}
        className="report-list"
        rows={list.reports}
        rowKey={(r) => `${r.kind}-${r.periodNumber ?? 'end'}`}
        columns={[
          {
            label: t('report.list.report'),
            cell: (r) => (r.id !== null ? <Link to={`/projects/${list.code}/reports/${r.id}`}>{kindText(t, r.kind)}</Link> : kindText(t, r.kind)),
          },
          { label: t('report.list.period'), cell: (r) => periodText(t, r.periodNumber) },
          { label: t('report.list.due'), cell: (r) => r.dueText },
          { label: t('report.list.state'), cell: (r) => <ReportStateBadge state={r.state} /> },
          {
            label: t('report.list.timeliness'),
            cell: (r) => (
              <>
                <TimelinessBadge value={r.timeliness} />
                {r.submittedText && <span className="report-note">{t('report.list.submittedOn', { date: r.submittedText })}</span>}
              </>
            ),
          },
          {
            label: '',
            cell: (r) =>
              r.id !== null ? (
                <Link className="button button--secondary button--small" to={`/projects/${list.code}/reports/${r.id}`}>
                  {t('report.list.open')}
                </Link>
              ) : list.mayStart ? (
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="kind" value={r.kind} />
                  {r.periodNumber !== null && <input type="hidden" name="period" value={r.periodNumber} />}
                  <button type="submit" className="button button--small">
                    {t('report.list.start')}
                  </button>
                </Form>
              ) : null,
          },
        ]}
      />
    </section>
  );
}
