import { Link, redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { approvalDeadline } from '../../src/domain/planning.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getFundPlanYear, listFundPlanYears } from '../../src/use-cases/plans.ts';
import { OpenYearForm } from '../components/admin-form.tsx';
import { OnTime, PlanHeading, PlanStatusBadge, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { openYear } from '../lib/open-year.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.plans';

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang, t } = requestInfo(context);
  const db = services(context).database.db;
  const { open, openError } = openYear(new URL(request.url).searchParams, t, (fy) => `/funds/${params.code.toUpperCase()}/plans/${fy}`);
  const current = currentFiscalYear();
  try {
    const actor = actorOf(user);
    const [years, now] = await Promise.all([
      listFundPlanYears(db, actor, { code: params.code }),
      getFundPlanYear(db, actor, { code: params.code, fiscalYear: current }),
    ]);
    if (now.fund.code !== params.code) throw redirect(`/funds/${now.fund.code}/plans`);
    const date = (d: string) => formatThaiDate(d, lang, 'short');
    return {
      fund: now.fund,
      current,
      may: now.may,
      years: years.map((y) => ({
        ...y,
        label: formatFiscalYear(y.fiscalYear, lang),
        deadline: date(approvalDeadline(y.fiscalYear)),
        meeting: y.meeting_date ? date(y.meeting_date) : null,
      })),
      open,
      openError,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export default function FundPlans({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { fund, current, may, years, open, openError } = loaderData;
  const fundName = nameOf(fund, lang);
  const has = (fy: number) => years.some((y) => y.fiscalYear === fy);
  const quick = [current, current + 1];
  return (
    <section className="admin-page plan-page">
      <PlanHeading title={t('plans.list.title')} fund={{ code: fund.code, name: fundName }} back={{ to: `/funds/${fund.code}`, label: t('admin.backToFund') }} />
      <p className="lead-text">{t('plans.list.lead')}</p>

      <h2 id="open">{t('plans.list.openTitle')}</h2>
      <ul className="plan-quick">
        {quick.map((fy) => (
          <li key={fy}>
            <Link to={`/funds/${fund.code}/plans/${fy}`} className="plan-quick__link">
              <span className="plan-quick__year">{formatFiscalYear(fy, lang)}</span>
              <span className="plan-quick__note">
                {fy === current ? t('plans.list.thisYear') : t('plans.list.nextYear')}
                {' · '}
                {has(fy) ? t('plans.list.hasPlan') : may.edit ? t('plans.list.canStart') : t('plans.list.noPlanYet')}
              </span>
            </Link>
          </li>
        ))}
      </ul>

      <h2 id="years">{t('plans.list.yearsTitle')}</h2>
      {years.length === 0 ? (
        <p>{may.viewDraft ? t('plans.list.none') : t('plans.list.noneApproved')}</p>
      ) : (
        <StackTable
          caption={t('plans.list.yearsTitle')}
          rows={years}
          rowKey={(y) => y.fiscalYear}
          columns={[
            { label: t('plans.list.year'), cell: (y) => <Link to={`/funds/${fund.code}/plans/${y.fiscalYear}`}>{y.label}</Link> },
            {
              label: t('plans.list.status'),
              cell: (y) => (
                <>
                  <PlanStatusBadge status={y.status} />
                  {y.revision > 1 && <span className="cell-note">{t('plans.revisionN', { n: y.revision })}</span>}
                </>
              ),
            },
            { label: t('plans.list.approvedAt'), cell: (y) => y.meeting ?? t('plans.onTime.pending') },
            {
              label: t('plans.list.deadline'),
              cell: (y) => (
                <>
                  <OnTime value={y.approvedOnTime} />
                  <span className="cell-note">{t('plans.list.deadlineDate', { date: y.deadline })}</span>
                </>
              ),
            },
          ]}
        />
      )}

      <OpenYearForm label={t('plans.list.openYear')} button={t('plans.list.openButton')} value={open} error={openError} />
    </section>
  );
}
