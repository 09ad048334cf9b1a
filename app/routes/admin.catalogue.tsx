import { Link, redirect } from 'react-router';
import { can } from '../../src/domain/policy.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { listPrograms } from '../../src/use-cases/planning-catalogue.ts';
import { formatCount, nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/admin.catalogue';

// The planning catalogue for admins: the plan programs, each with its situation indicators and
// standard approaches. Programs are edited one at a time on admin/catalogue/:program.

export async function loader({ context }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  if (!can(actorOf(user), 'catalogue.edit')) throw asRouteError(new Forbidden('catalogue.edit'));
  try {
    const programs = await listPrograms(services(context).database.db, { includeInactive: true });
    return {
      programs: programs.map((p) => ({
        code: p.code,
        name_th: p.name_th,
        name_en: p.name_en,
        sort_order: p.sort_order,
        is_active: p.is_active,
        indicators: p.indicators.length,
        activeIndicators: p.indicators.filter((i) => i.is_active).length,
        approaches: p.approaches.length,
        activeApproaches: p.approaches.filter((a) => a.is_active).length,
      })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export default function Catalogue({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { programs } = loaderData;
  const count = (active: number, all: number) =>
    active === all ? formatCount(all) : t('catalogue.activeOf', { active: formatCount(active), all: formatCount(all) });
  return (
    <section className="admin-page">
      <title>{`${t('catalogue.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin">{t('admin.index.title')}</Link>
      </p>
      <h1>{t('catalogue.title')}</h1>
      <p className="lead-text">{t('catalogue.lead')}</p>
      {programs.length === 0 ? (
        <p>{t('catalogue.none')}</p>
      ) : (
        <table className="data-table stack-table catalogue-table">
          <caption className="visually-hidden">{t('catalogue.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogue.col.program')}</th>
              <th scope="col">{t('catalogue.col.code')}</th>
              <th scope="col" className="num">
                {t('catalogue.col.order')}
              </th>
              <th scope="col" className="num">
                {t('catalogue.col.indicators')}
              </th>
              <th scope="col" className="num">
                {t('catalogue.col.approaches')}
              </th>
              <th scope="col">{t('catalogue.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((p) => (
              <tr key={p.code} className={p.is_active ? undefined : 'catalogue-table__inactive'}>
                <th scope="row">
                  <Link to={`/admin/catalogue/${p.code}`}>{nameOf(p, lang)}</Link>
                  {lang === 'th' && <span className="cell-note">{p.name_en}</span>}
                </th>
                <td data-label={t('catalogue.col.code')}>
                  <code>{p.code}</code>
                </td>
                <td className="num" data-label={t('catalogue.col.order')}>
                  {p.sort_order}
                </td>
                <td className="num" data-label={t('catalogue.col.indicators')}>
                  {count(p.activeIndicators, p.indicators)}
                </td>
                <td className="num" data-label={t('catalogue.col.approaches')}>
                  {count(p.activeApproaches, p.approaches)}
                </td>
                <td data-label={t('catalogue.col.status')}>
                  {p.is_active ? (
                    <span className="status status--active">{t('catalogue.active')}</span>
                  ) : (
                    <span className="status status--closed">{t('catalogue.inactive')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
