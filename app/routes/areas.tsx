import { Link } from 'react-router';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { countryOverview } from '../../src/use-cases/registry-read.ts';
import { FundSearchForm, formatCount, nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/areas';

export async function loader({ context }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  return countryOverview(services(context).database.db, actorOf(user));
}

export default function Areas({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { regions, population_year: year } = loaderData;
  const sum = (key: 'provinces' | 'districts' | 'funds' | 'active_funds' | 'population') =>
    regions.reduce((total, r) => total + (r[key] ?? 0), 0);
  const populationHeader = year ? t('registry.col.populationOf', { year }) : t('registry.col.population');
  return (
    <>
      <title>{`${t('registry.areas.title')} — kongtun`}</title>
      <h1>{t('registry.areas.title')}</h1>
      <p className="lead">{t('registry.areas.lead')}</p>
      <section aria-labelledby="find" className="reg-panel">
        <h2 id="find" className="reg-panel__title">
          {t('registry.search.title')}
        </h2>
        <FundSearchForm headingId="find" />
      </section>
      <section aria-labelledby="regions">
        <h2 id="regions">{t('registry.areas.regionsTitle')}</h2>
        <table className="data-table reg-table">
          <thead>
            <tr>
              <th scope="col">{t('registry.col.region')}</th>
              <th scope="col" className="num">
                {t('registry.col.provinces')}
              </th>
              <th scope="col" className="num">
                {t('registry.col.districts')}
              </th>
              <th scope="col" className="num">
                {t('registry.col.funds')}
              </th>
              <th scope="col" className="num">
                {t('registry.col.activeFunds')}
              </th>
              <th scope="col" className="num">
                {populationHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {regions.map((region) => (
              <tr key={region.code}>
                <th scope="row">
                  <Link to={`/areas/${region.code}`}>{nameOf(region, lang)}</Link>
                </th>
                <td className="num" data-label={t('registry.col.provinces')}>
                  {formatCount(region.provinces)}
                </td>
                <td className="num" data-label={t('registry.col.districts')}>
                  {formatCount(region.districts)}
                </td>
                <td className="num" data-label={t('registry.col.funds')}>
                  {formatCount(region.funds)}
                </td>
                <td className="num" data-label={t('registry.col.activeFunds')}>
                  {formatCount(region.active_funds)}
                </td>
                <td className="num" data-label={populationHeader}>
                  {formatCount(region.population)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('registry.areas.total')}</th>
              <td className="num" data-label={t('registry.col.provinces')}>
                {formatCount(sum('provinces'))}
              </td>
              <td className="num" data-label={t('registry.col.districts')}>
                {formatCount(sum('districts'))}
              </td>
              <td className="num" data-label={t('registry.col.funds')}>
                {formatCount(sum('funds'))}
              </td>
              <td className="num" data-label={t('registry.col.activeFunds')}>
                {formatCount(sum('active_funds'))}
              </td>
              <td className="num" data-label={populationHeader}>
                {formatCount(sum('population'))}
              </td>
            </tr>
          </tfoot>
        </table>
        {year && <p className="hint">{t('registry.area.populationNote', { year: formatFiscalYear(year, lang) })}</p>}
      </section>
    </>
  );
}
