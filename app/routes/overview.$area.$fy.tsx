import { Link, redirect } from 'react-router';
import { formatBaht, type Satang } from '../../src/domain/money.ts';
import { type OverviewFigures, overviewRates } from '../../src/domain/overview.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getOverview } from '../../src/use-cases/overview.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { PrintButton } from '../components/print-button.tsx';
import { Breadcrumbs, formatCount } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import overviewCss from '../styles/overview.css?url';
import type { Route } from './+types/overview.$area.$fy';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: overviewCss }];

/** The child table's sortable columns: what each shows and how it sorts (the rates worked out once a row). */
type Rates = ReturnType<typeof overviewRates>;
const COLUMNS = [
  { key: 'funds', label: 'overview.funds', value: (f: OverviewFigures) => f.funds, show: (f: OverviewFigures) => formatCount(f.funds) },
  { key: 'active', label: 'overview.activeFunds', value: (f: OverviewFigures) => f.activeFunds, show: (f: OverviewFigures) => formatCount(f.activeFunds) },
  { key: 'plans', label: 'overview.fundsWithPlan', value: (f: OverviewFigures) => f.fundsWithPlan, show: (f: OverviewFigures) => formatCount(f.fundsWithPlan) },
  { key: 'developed', label: 'overview.proposalsDeveloped', value: (f: OverviewFigures) => f.proposalsDeveloped, show: (f: OverviewFigures) => formatCount(f.proposalsDeveloped) },
  { key: 'followed', label: 'overview.projectsFollowed', value: (f: OverviewFigures) => f.projectsFollowed, show: (f: OverviewFigures) => formatCount(f.projectsFollowed) },
  { key: 'budget', label: 'overview.approvedBudget', value: (f: OverviewFigures) => f.approvedBudget, show: (f: OverviewFigures) => baht(f.approvedBudget) },
  { key: 'received', label: 'overview.received', value: (_: OverviewFigures, r: Rates) => r.received, show: (_: OverviewFigures, r: Rates) => baht(r.received) },
  { key: 'paid', label: 'overview.paid', value: (f: OverviewFigures) => f.paid, show: (f: OverviewFigures) => baht(f.paid) },
  { key: 'balance', label: 'overview.balance', value: (f: OverviewFigures) => f.balance, show: (f: OverviewFigures) => baht(f.balance) },
  { key: 'rate', label: 'overview.spendingRate', value: (_: OverviewFigures, r: Rates) => r.spendingRate ?? -1, show: (_: OverviewFigures, r: Rates) => pct(r.spendingRate) },
  { key: 'late', label: 'overview.reportsLate', value: (_: OverviewFigures, r: Rates) => r.reportsLate, show: (_: OverviewFigures, r: Rates) => formatCount(r.reportsLate) },
] as const;
type SortKey = (typeof COLUMNS)[number]['key'];

const baht = (s: Satang) => formatBaht(s, { unit: false });
const pct = (basisPoints: number | null) => (basisPoints === null ? '—' : `${(basisPoints / 100).toFixed(2)} %`);

export async function loader({ params, context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const overview = await getOverview(services(context).database.db, actorOf(user), { area: params.area, fiscalYear: params.fy }).catch((error) => {
    throw asPageError(error);
  });
  // One address per overview: r10 → R10.
  if (overview.area.code !== params.area) throw redirect(`/overview/${overview.area.code}/${overview.fiscalYear}`);
  const url = new URL(request.url);
  const sortParam = url.searchParams.get('sort');
  const sort: SortKey = COLUMNS.some((c) => c.key === sortParam) ? (sortParam as SortKey) : 'funds';
  const descending = url.searchParams.get('dir') !== 'asc';
  const column = COLUMNS.find((c) => c.key === sort)!;
  // The page gets each child row as the text of its cells, not its forty figures.
  const rows = overview.children.map((c) => {
    const rates = overviewRates(c.figures);
    return { code: c.code, nameTh: c.nameTh, nameEn: c.nameEn, order: column.value(c.figures, rates), cells: COLUMNS.map((col) => col.show(c.figures, rates)) };
  });
  if (sortParam) rows.sort((a, b) => (a.order - b.order) * (descending ? -1 : 1));
  const totalRates = overviewRates(overview.totals);
  return {
    ...overview,
    children: rows.map(({ order: _, ...row }) => row),
    totalCells: COLUMNS.map((col) => col.show(overview.totals, totalRates)),
    sort: sortParam ? sort : null,
    descending,
    asOfText: formatThaiDate(overview.asOf, lang, 'long'),
  };
}

export default function OverviewPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { area, breadcrumbs, fiscalYear: fy, totals, previous, children, targetGroups } = loaderData;
  const nameOf = (a: { nameTh: string; nameEn: string | null }) => (lang === 'en' && a.nameEn ? a.nameEn : a.nameTh);
  const name = nameOf(area);
  const now = overviewRates(totals);
  const before = overviewRates(previous);
  const base = `/overview/${area.code}/${fy}`;
  return (
    <>
      <title>{`${t('overview.titleOf', { area: name, year: fy })} — kongtun`}</title>
      <Breadcrumbs items={breadcrumbs.map((b) => ({ href: `/overview/${b.code}/${fy}`, label: nameOf(b) }))} current={name} />
      <h1>{t('overview.titleOf', { area: name, year: fy })}</h1>
      <p className="muted">{t('overview.asOf', { date: loaderData.asOfText })}</p>
      <div className="overview-tools">
        <Link className="button button--secondary" to={`/overview/${area.code}/${fy - 1}`}>
          {t('overview.previousYear', { year: fy - 1 })}
        </Link>
        <Link className="button button--secondary" to={`/overview/${area.code}/${fy + 1}`}>
          {t('overview.nextYear', { year: fy + 1 })}
        </Link>
        <a className="button button--secondary" href={`${base}/export?format=csv`}>
          {t('overview.export.csv')}
        </a>
        <a className="button button--secondary" href={`${base}/export?format=xlsx`}>
          {t('overview.export.xlsx')}
        </a>
        {area.level === 'fund' && (
          <Link className="button button--secondary" to={`/funds/${area.code}`}>
            {t('overview.fundPage')}
          </Link>
        )}
        <PrintButton label={t('overview.print')} />
      </div>

      <div className="overview-grid">
        <section aria-labelledby="ov-work">
          <h2 id="ov-work">{t('overview.section.work')}</h2>
          <FigureList t={t} fy={fy} rows={[
            ['overview.funds', formatCount(totals.funds), formatCount(previous.funds)],
            ['overview.activeFunds', formatCount(totals.activeFunds), formatCount(previous.activeFunds)],
            ['overview.fundsWithPlan', formatCount(totals.fundsWithPlan), formatCount(previous.fundsWithPlan)],
            ['overview.planPrograms', formatCount(totals.planPrograms), formatCount(previous.planPrograms)],
            ['overview.proposalsDeveloped', formatCount(totals.proposalsDeveloped), formatCount(previous.proposalsDeveloped)],
            ['overview.projectsFollowed', formatCount(totals.projectsFollowed), formatCount(previous.projectsFollowed)],
            ['overview.approvedBudget', baht(totals.approvedBudget), baht(previous.approvedBudget)],
            ['overview.population', formatCount(totals.population), formatCount(previous.population)],
            ['overview.targetPeople', formatCount(totals.targetPeople), formatCount(previous.targetPeople)],
          ]} />
          {(totals.projectsPaper > 0 || totals.projectsImported > 0) && (
            <p className="muted">{t('overview.projectsOutside', { paper: totals.projectsPaper, imported: totals.projectsImported })}</p>
          )}
          <p>
            {t('overview.targetGroups', { total: targetGroups })}: <strong>{now.averageTargetGroups ?? '—'}</strong>
          </p>
        </section>

        <section aria-labelledby="ov-money">
          <h2 id="ov-money">{t('overview.section.money')}</h2>
          <FigureList t={t} fy={fy} rows={[
            ['overview.openingBalance', baht(totals.openingBalance), baht(previous.openingBalance)],
            ['overview.receivedNhso', baht(totals.receivedNhso), baht(previous.receivedNhso)],
            ['overview.receivedLocal', baht(totals.receivedLocal), baht(previous.receivedLocal)],
            ['overview.receivedInterest', baht(totals.receivedInterest), baht(previous.receivedInterest)],
            ['overview.receivedOther', baht(totals.receivedOther), baht(previous.receivedOther)],
            ['overview.refunded', baht(totals.refunded), baht(previous.refunded)],
            ['overview.paid', baht(totals.paid), baht(previous.paid)],
            ['overview.balance', baht(totals.balance), baht(previous.balance)],
            ['overview.spendingRate', pct(now.spendingRate), pct(before.spendingRate)],
            ['overview.peoplesGroupShare', pct(now.peoplesGroupShare), pct(before.peoplesGroupShare)],
            ['overview.category4Share', pct(now.category4Share), pct(before.category4Share)],
          ]} />
        </section>

        <section aria-labelledby="ov-milestones">
          <h2 id="ov-milestones">{t('overview.section.milestones')}</h2>
          <BarChart
            title={t('overview.spendingRate')}
            max={10_000}
            bars={now.quarterRates.map((rate, i) => ({ label: t('overview.quarter', { n: i + 1 }), value: rate ?? 0, text: pct(rate) }))}
          />
          <BarChart
            title={t('overview.chart.categories')}
            bars={totals.paidByCategory.map((paid, i) => ({ label: t('overview.paidCategory', { n: i + 1 }), value: paid, text: baht(paid) }))}
          />
        </section>

        <section aria-labelledby="ov-reports">
          <h2 id="ov-reports">{t('overview.section.reports')}</h2>
          <FigureList t={t} fy={fy} rows={[
            ['overview.reportsDue', formatCount(totals.reportsDue), formatCount(previous.reportsDue)],
            ['overview.reportsOnTime', formatCount(totals.reportsOnTime), formatCount(previous.reportsOnTime)],
            ['overview.reportsLate', formatCount(now.reportsLate), formatCount(before.reportsLate)],
          ]} />
          <h2>{t('overview.section.completeness')}</h2>
          <Completeness t={t} figures={totals} single={area.level === 'fund'} />
        </section>
      </div>

      {children.length > 0 && (
        <section aria-labelledby="ov-children">
          <h2 id="ov-children">{t('overview.section.children')}</h2>
          <div className="table-scroll">
            <table className="data-table overview-children">
              <thead>
                <tr>
                  <th scope="col">{t('overview.section.children')}</th>
                  {COLUMNS.map((c) => {
                    const active = loaderData.sort === c.key;
                    const dir = active && loaderData.descending ? 'asc' : 'desc';
                    return (
                      <th key={c.key} scope="col" className="num" aria-sort={active ? (loaderData.descending ? 'descending' : 'ascending') : undefined}>
                        <a href={`?sort=${c.key}&dir=${dir}`} title={t('overview.sortBy', { column: t(c.label) })}>
                          {t(c.label)}
                          {active ? (loaderData.descending ? ' ▼' : ' ▲') : ''}
                        </a>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">
                      <Link to={`/overview/${c.code}/${fy}`}>{nameOf(c)}</Link> <span className="muted">{c.code}</span>
                    </th>
                    {c.cells.map((cell, i) => (
                      <td key={COLUMNS[i]!.key} className="num">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('overview.total')}</th>
                  {loaderData.totalCells.map((cell, i) => (
                    <td key={COLUMNS[i]!.key} className="num">
                      <strong>{cell}</strong>
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

function FigureList({ t, fy, rows }: { t: Translate; fy: number; rows: [MessageKey, string, string][] }) {
  return (
    <dl className="figure-list">
      <dt />
      <dd className="figure-list__prev">{t('overview.yearShort', { year: fy })}</dd>
      <dd className="figure-list__prev">{t('overview.yearShort', { year: fy - 1 })}</dd>
      {rows.map(([label, value, last]) => (
        <FigureRow key={label} label={t(label)} value={value} last={last} />
      ))}
    </dl>
  );
}

function FigureRow({ label, value, last }: { label: string; value: string; last: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="figure-list__main">{value}</dd>
      <dd className="figure-list__prev">{last}</dd>
    </>
  );
}

const MISSING: [keyof OverviewFigures['missing'], MessageKey][] = [
  ['population', 'overview.missing.population'],
  ['plan', 'overview.missing.plan'],
  ['financialPlan', 'overview.missing.financialPlan'],
  ['monthCloses', 'overview.missing.monthCloses'],
  ['reports', 'overview.missing.reports'],
];

/** Which expected entries are missing: for one fund the entries, for an area how many funds miss each. */
function Completeness({ t, figures, single }: { t: Translate; figures: OverviewFigures; single: boolean }) {
  const missing = MISSING.filter(([key]) => figures.missing[key] > 0);
  if (missing.length === 0) return <p className="ok">{t('overview.missing.none')}</p>;
  return (
    <ul className="missing-list">
      {missing.map(([key, label]) => (
        <li key={key}>
          {t(label)}
          {single ? '' : `: ${t('overview.missingFunds', { n: formatCount(figures.missing[key]) })}`}
        </li>
      ))}
    </ul>
  );
}

