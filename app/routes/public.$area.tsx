import { data, isRouteErrorResponse, Link, redirect, useRouteError } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { LESSON_FIELDS } from '../../src/domain/lessons.ts';
import { formatBaht, fromNumeric, sumSatang } from '../../src/domain/money.ts';
import { formatFiscalYear, formatThaiDate, formatThaiMonth } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { can } from '../../src/domain/policy.ts';
import { getOverview } from '../../src/use-cases/overview.ts';
import { getPublicArea, PUBLIC_PROJECT_LIMIT } from '../../src/use-cases/public-area.ts';
import { OverviewHeadline } from '../components/overview-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { PrintButton } from '../components/print-button.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { ErrorBoundary as RootErrorBoundary, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/public.$area';

// The public page of an area or a fund for a fiscal year (คืนข้อมูล): approved plans, approved
// projects, where the money went, the committee (a fund), and the published lessons learned.
// /public/:area without a year goes to the current one.

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  const actor = actorOf(user);
  if (!params.fy) throw redirect(`/public/${encodeURIComponent(params.area)}/${currentFiscalYear()}`);
  let view: Awaited<ReturnType<typeof getPublicArea>>;
  try {
    view = await getPublicArea(services(context).database.db, actor, { area: params.area, fiscalYear: params.fy });
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) throw data({ reason: 'unknown_place', code: params.area.slice(0, 20) }, { status: 404 });
    throw asRouteError(error);
  }
  if (view.place.code !== params.area || String(view.fiscalYear) !== params.fy) throw redirect(`/public/${view.place.code}/${view.fiscalYear}`);
  const saved = new URL(request.url).searchParams.get('done') === 'lesson';
  const overview = await getOverview(services(context).database.db, actor, { area: view.place.code, fiscalYear: view.fiscalYear });
  return { ...view, overview: overview.totals, mayWriteLesson: can(actor, 'lesson.write', { scopeChain: view.place.scopeChain }), saved };
}

const money = (text: string, lang: 'th' | 'en') => formatBaht(fromNumeric(text), { lang, unit: false });

export default function PublicArea({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { place, crumbs, fiscalYear: fy, funds, programs, projects, money: books, committee, lessons, mayWriteLesson, saved } = loaderData;
  const name = nameOf(place, lang);
  const year = formatFiscalYear(fy, lang);
  const base = `/public/${place.code}`;
  const openDataQuery = `?area=${place.code}&fiscal_year=${fy}`;
  return (
    <article className="public-page">
      <title>{`${name} — ${t('public.title')} ${year} — kongtun`}</title>
      <nav aria-label={t('public.title')} className="breadcrumbs no-print">
        <ol>
          {crumbs.map((c) => (
            <li key={c.code}>
              <Link to={`/public/${c.code}/${fy}`}>{c.code === 'TH' ? t('public.level.country') : nameOf(c, lang)}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <h1>
        {name}
        <span className="heading-meta">
          {t(`public.level.${place.level}` as MessageKey)} · {place.code} · {year}
        </span>
      </h1>
      <p className="lead-text">{t('public.lead')}</p>
      {saved && (
        <div className="notice" role="status">
          {t('lesson.saved')}
        </div>
      )}
      <nav aria-label={t('public.yearNav')} className="year-nav no-print">
        <span>{t('public.yearNav')}:</span>{' '}
        {[fy - 2, fy - 1, fy, fy + 1].map((y) =>
          y === fy ? (
            <strong key={y} aria-current="page">
              {formatFiscalYear(y, lang)}
            </strong>
          ) : (
            <Link key={y} to={`${base}/${y}`}>
              {formatFiscalYear(y, lang)}
            </Link>
          ),
        )}
      </nav>
      <p className="no-print public-links">
        {place.level !== 'fund' ? <Link to={place.code === 'TH' ? '/areas' : `/areas/${place.code}`}>{t('public.areaPage')}</Link> : <Link to={`/funds/${place.code}`}>{t('public.areaPage')}</Link>}
        {' · '}
        <Link to={`/open-data${openDataQuery}`}>{t('public.openData')}</Link> · <PrintButton label={t('public.print')} />
      </p>

      <section aria-labelledby="overview" className="public-section">
        <h2 id="overview">{t('public.overviewTitle')}</h2>
        <p>{t('public.fundsLine', { total: funds.total, approved: funds.withApprovedPlan })}</p>
        <OverviewHeadline figures={loaderData.overview} />
        <p>
          <Link to={`/overview/${place.code}/${fy}`}>{t('public.overviewLink', { year })}</Link>
        </p>
      </section>

      <section aria-labelledby="plans" className="public-section">
        <h2 id="plans">{t('public.plansTitle')}</h2>
        {programs.length === 0 ? (
          <p>{t('public.noPlans')}</p>
        ) : (
          <table className="data-table reg-table public-table">
            <thead>
              <tr>
                <th scope="col">{t('public.col.program')}</th>
                {place.level !== 'fund' && (
                  <th scope="col" className="num">
                    {t('public.col.funds')}
                  </th>
                )}
                <th scope="col" className="num">
                  {t('public.col.projects')}
                </th>
                <th scope="col" className="num">
                  {t('public.col.budget')}
                </th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.code}>
                  <th scope="row">{lang === 'en' ? p.name_en : p.name_th}</th>
                  {place.level !== 'fund' && (
                    <td className="num" data-label={t('public.col.funds')}>
                      {p.funds}
                    </td>
                  )}
                  <td className="num" data-label={t('public.col.projects')}>
                    {p.projects}
                  </td>
                  <td className="num" data-label={t('public.col.budget')}>
                    {money(p.budget, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="projects" className="public-section">
        <h2 id="projects">{t('public.projectsTitle')}</h2>
        {projects.total === 0 ? (
          <p>{t('public.noProjects')}</p>
        ) : (
          <>
            <p>{t('public.projectsLine', { count: projects.total, amount: formatBaht(fromNumeric(projects.amount), { lang }) })}</p>
            <table className="data-table reg-table public-table">
              <thead>
                <tr>
                  <th scope="col">{t('public.col.project')}</th>
                  <th scope="col">{t('public.col.organisation')}</th>
                  {place.level !== 'fund' && <th scope="col">{t('public.col.fund')}</th>}
                  <th scope="col">{t('public.col.category')}</th>
                  <th scope="col" className="num">
                    {t('public.col.amount')}
                  </th>
                  <th scope="col">{t('public.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {projects.items.map((p) => (
                  <tr key={p.project_code}>
                    <th scope="row">
                      <Link to={`/projects/${p.project_code}`}>{p.title}</Link> <span className="code">{p.project_code}</span>
                    </th>
                    <td data-label={t('public.col.organisation')}>{p.organisation_name}</td>
                    {place.level !== 'fund' && <td data-label={t('public.col.fund')}>{p.fund_code}</td>}
                    <td data-label={t('public.col.category')}>{p.support_category ? `10(${p.support_category})` : '—'}</td>
                    <td className="num" data-label={t('public.col.amount')}>
                      {money(p.approved_amount, lang)}
                    </td>
                    <td data-label={t('public.col.status')}>{p.project_status ? t(`followup.status.${p.project_status}` as MessageKey) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {projects.total > PUBLIC_PROJECT_LIMIT && <p className="hint">{t('public.projectsMore', { shown: PUBLIC_PROJECT_LIMIT })}</p>}
          </>
        )}
      </section>

      <section aria-labelledby="money" className="public-section">
        <h2 id="money">{t('public.moneyTitle')}</h2>
        {books.closedMonths === 0 ? (
          <p>{t('public.noMoney')}</p>
        ) : (
          <>
            <p className="hint">{t('public.moneyLead', { count: books.closedMonths })}</p>
            <div className="public-columns">
              <AccountTable title="public.receivedTitle" labelColumn="public.col.source" amountColumn="public.col.received" rows={books.received} />
              <AccountTable title="public.paidTitle" labelColumn="public.col.categoryName" amountColumn="public.col.paid" rows={books.paid} />
            </div>
            <h3 className="public-table__title">{t('public.monthsTitle')}</h3>
            <table className="data-table reg-table public-table">
              <thead>
                <tr>
                  <th scope="col">{t('public.col.month')}</th>
                  <th scope="col" className="num">
                    {t('public.col.received')}
                  </th>
                  <th scope="col" className="num">
                    {t('public.col.paid')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {books.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{formatThaiMonth(`${m.month}-01`, lang)}</th>
                    <td className="num" data-label={t('public.col.received')}>
                      {money(m.received, lang)}
                    </td>
                    <td className="num" data-label={t('public.col.paid')}>
                      {money(m.paid, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {place.level === 'fund' && (
        <section aria-labelledby="committee" className="public-section">
          <h2 id="committee">{t('public.committeeTitle')}</h2>
          {committee.length === 0 ? (
            <p>{t('public.noCommittee')}</p>
          ) : (
            <ul className="plain-list public-committee">
              {committee.map((m) => (
                <li key={`${m.name}-${m.position}`}>
                  {m.name} — {t(`public.position.${m.position}` as MessageKey)}
                  {m.organisation && <span className="hint"> ({m.organisation})</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="lessons" className="public-section">
        <h2 id="lessons">{t('public.lessonsTitle')}</h2>
        {lessons.length === 0 && <p>{t('lesson.none')}</p>}
        {lessons.map((lesson) => (
          <div key={lesson.area_code} className="public-lesson">
            <h3>{t('public.lessonOf', { name: `${nameOf(lesson.place, lang)} (${lesson.area_code})` })}</h3>
            <dl>
              {LESSON_FIELDS.filter((f) => lesson[f] !== '').map((f) => (
                <div key={f}>
                  <dt>{t(`lesson.${f}` as MessageKey)}</dt>
                  <dd className="pre-line">{lesson[f]}</dd>
                </div>
              ))}
            </dl>
            <p className="hint">{t('lesson.updated', { date: formatThaiDate(lesson.updated_at, lang) })}</p>
          </div>
        ))}
        {mayWriteLesson && (
          <p className="no-print">
            <Link to={`${base}/${fy}/lessons`} className="button button--secondary">
              {t('lesson.write')}
            </Link>
          </p>
        )}
      </section>
    </article>
  );
}

interface AccountRow {
  account_code: string;
  name_th: string;
  name_en: string;
  amount: string;
}

/** Money by account (received by source, paid by category) with its total. */
function AccountTable({ title, labelColumn, amountColumn, rows }: { title: MessageKey; labelColumn: MessageKey; amountColumn: MessageKey; rows: AccountRow[] }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const total = sumSatang(rows.map((r) => fromNumeric(r.amount)));
  return (
    <>
      <h3 className="public-table__title">{t(title)}</h3>
      <table className="data-table reg-table public-table">
        <thead>
          <tr>
            <th scope="col">{t(labelColumn)}</th>
            <th scope="col" className="num">
              {t(amountColumn)}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.account_code}>
              <th scope="row">{lang === 'en' ? a.name_en : a.name_th}</th>
              <td className="num" data-label={t(amountColumn)}>
                {money(a.amount, lang)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('public.total')}</th>
            <td className="num">{formatBaht(total, { lang, unit: false })}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404 && error.data?.reason === 'unknown_place') {
    return (
      <section className="error-page">
        <title>{`${t('public.title')} — kongtun`}</title>
        <h1>{t('public.title')}</h1>
        <p>{t('public.unknown', { code: String(error.data.code) })}</p>
        <p>
          <Link to="/areas">{t('registry.area.backToAreas')}</Link>
        </p>
      </section>
    );
  }
  return <RootErrorBoundary />;
}
