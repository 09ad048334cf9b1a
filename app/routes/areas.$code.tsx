import { data, isRouteErrorResponse, Link, redirect, useRouteError } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { type AreaDetail, getArea } from '../../src/use-cases/registry-read.ts';
import { Breadcrumbs, FundSearchForm, formatCount, laoTypeKey, levelKey, nameOf } from '../components/registry.tsx';
import { asRouteError } from '../lib/use-case.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { ErrorBoundary as RootErrorBoundary, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/areas.$code';

export async function loader({ params, context }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  let detail: AreaDetail;
  try {
    detail = await getArea(services(context).database.db, actorOf(user), { code: params.code });
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) {
      throw data({ reason: 'unknown_area', code: params.code.slice(0, 20) }, { status: 404 });
    }
    throw asRouteError(error);
  }
  if (detail.area.level === 'country') throw redirect('/areas');
  // One address per area: r10 → R10.
  if (detail.area.code !== params.code) throw redirect(`/areas/${detail.area.code}`);
  return { ...detail, planYear: currentFiscalYear() };
}

/** The heading over the table of sub-areas and the name of the column counting what lies below them. */
const SUB_AREA_COLUMN: Record<string, MessageKey> = {
  region: 'registry.col.provinces',
  province: 'registry.col.districts',
  district: 'registry.col.subdistricts',
};

export default function Area({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { area, breadcrumbs, children, funds, population_year: year, planYear } = loaderData;
  const name = nameOf(area, lang);
  const crumbs = breadcrumbs.map((b) =>
    b.level === 'country' ? { href: '/areas', label: t('registry.areas.title') } : { href: `/areas/${b.code}`, label: nameOf(b, lang) },
  );
  const parent = breadcrumbs[breadcrumbs.length - 1];
  const childLevel = children[0]?.level;
  const populationHeader = year ? t('registry.col.populationOf', { year }) : t('registry.col.population');
  const showFunds = area.level === 'district' || area.level === 'subdistrict';
  return (
    <>
      <title>{`${name} — ${t('registry.areas.title')} — kongtun`}</title>
      <Breadcrumbs items={crumbs} current={name} />
      <h1>
        {name}
        <span className="heading-meta">
          {t(levelKey(area.level))} · {area.code}
        </span>
      </h1>
      {area.level === 'subdistrict' && parent && (
        <p>
          {t('registry.area.inDistrict')} <Link to={`/areas/${parent.code}`}>{nameOf(parent, lang)}</Link>
        </p>
      )}

      {area.level !== 'subdistrict' && (
        <p>
          <Link to={`/areas/${area.code}/plans/${planYear}`}>{t('area.plans.linkFromArea', { year: formatFiscalYear(planYear, lang) })}</Link>
        </p>
      )}

      <section aria-labelledby="find" className="reg-panel">
        <h2 id="find" className="reg-panel__title">
          {t('registry.area.searchHere')}
        </h2>
        <FundSearchForm headingId="find" area={{ code: area.code, label: name }} />
      </section>

      {showFunds && (
        <section aria-labelledby="funds">
          <h2 id="funds">{t('registry.area.fundsTitle')}</h2>
          {funds.length === 0 ? (
            <p>{t('registry.area.noFunds')}</p>
          ) : (
            <table className="data-table reg-table">
              <thead>
                <tr>
                  <th scope="col">{t('registry.col.fund')}</th>
                  <th scope="col">{t('registry.col.code')}</th>
                  <th scope="col">{t('registry.col.laoType')}</th>
                  <th scope="col" className="num">
                    {t('registry.col.population')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {funds.map((fund) => (
                  <tr key={fund.code}>
                    <th scope="row">
                      <Link to={`/funds/${fund.code}`}>{nameOf(fund, lang)}</Link>
                      {fund.status === 'closed' && <> <span className="status status--closed">{t('registry.status.closed')}</span></>}
                    </th>
                    <td data-label={t('registry.col.code')}>{fund.code}</td>
                    <td data-label={t('registry.col.laoType')}>{t(laoTypeKey(fund.lao_type))}</td>
                    <td className="num" data-label={t('registry.col.population')}>
                      {formatCount(fund.population)}
                      {fund.population_year && <span className="hint"> ({fund.population_year})</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {childLevel && (
        <section aria-labelledby="children">
          <h2 id="children">{t(`registry.area.childrenTitle.${childLevel}` as MessageKey)}</h2>
          <table className="data-table reg-table">
            <thead>
              <tr>
                <th scope="col">{t('registry.col.name')}</th>
                <th scope="col">{t('registry.col.code')}</th>
                {SUB_AREA_COLUMN[childLevel] && (
                  <th scope="col" className="num">
                    {t(SUB_AREA_COLUMN[childLevel])}
                  </th>
                )}
                <th scope="col" className="num">
                  {t('registry.col.funds')}
                </th>
                {childLevel !== 'subdistrict' && (
                  <th scope="col" className="num">
                    {populationHeader}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {children.map((child) => (
                <tr key={child.code}>
                  <th scope="row">
                    <Link to={`/areas/${child.code}`}>{nameOf(child, lang)}</Link>
                  </th>
                  <td data-label={t('registry.col.code')}>{child.code}</td>
                  {SUB_AREA_COLUMN[childLevel] && (
                    <td className="num" data-label={t(SUB_AREA_COLUMN[childLevel])}>
                      {formatCount(child.sub_areas)}
                    </td>
                  )}
                  <td className="num" data-label={t('registry.col.funds')}>
                    {formatCount(child.funds)}
                  </td>
                  {childLevel !== 'subdistrict' && (
                    <td className="num" data-label={populationHeader}>
                      {formatCount(child.population)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {year && childLevel !== 'subdistrict' && (
            <p className="hint">{t('registry.area.populationNote', { year: formatFiscalYear(year, lang) })}</p>
          )}
        </section>
      )}
    </>
  );
}

/** An unknown area code says so, in the reader's language; other errors get the usual pages. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404 && error.data?.reason === 'unknown_area') {
    return (
      <section className="error-page">
        <title>{`${t('registry.area.unknownTitle')} — kongtun`}</title>
        <h1>{t('registry.area.unknownTitle')}</h1>
        <p>{t('registry.error.unknownArea', { code: String(error.data.code) })}</p>
        <p>{t('registry.area.unknownHelp')}</p>
        <p>
          <Link to="/areas">{t('registry.area.backToAreas')}</Link>
        </p>
      </section>
    );
  }
  return <RootErrorBoundary />;
}
