import { Link } from 'react-router';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listDatasets } from '../../src/use-cases/open-data.ts';
import { requestInfo } from '../lib/request.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/open-data';

// The open data catalogue: every public dataset with its metadata and its CSV, JSON and
// metadata addresses. ?area= and ?fiscal_year= carry into the download links.

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  const url = new URL(request.url);
  const area = (url.searchParams.get('area') ?? '').trim().slice(0, 20);
  const fiscalYear = /^\d{4}$/.test(url.searchParams.get('fiscal_year') ?? '') ? (url.searchParams.get('fiscal_year') as string) : '';
  return { datasets: listDatasets(actorOf(user)), area, fiscalYear };
}

export default function OpenData({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { datasets, area, fiscalYear } = loaderData;
  const query = (byYear: boolean) => {
    const params = new URLSearchParams();
    if (area) params.set('area', area);
    if (byYear && fiscalYear) params.set('fiscal_year', fiscalYear);
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  return (
    <section className="open-data-page">
      <title>{`${t('openData.title')} — kongtun`}</title>
      <h1>{t('openData.title')}</h1>
      <p className="lead-text">{t('openData.lead')}</p>
      <p>
        {t('openData.filters')} <code>/open-data/projects.csv?area=3304&amp;fiscal_year=2569</code>
      </p>
      <p className="hint">{t('openData.paging', { limit: 1000 })}</p>
      {datasets.map((d) => (
        <article key={d.id} id={d.id} className="reg-panel open-dataset" aria-labelledby={`${d.id}-title`}>
          <h2 id={`${d.id}-title`} className="reg-panel__title">
            {lang === 'en' ? d.title_en : d.title_th}
          </h2>
          <p>{lang === 'en' ? d.notes_en : d.notes_th}</p>
          <dl className="open-dataset__meta">
            <div>
              <dt>{t('openData.owner')}</dt>
              <dd>{d.owner_org}</dd>
            </div>
            <div>
              <dt>{t('openData.frequency')}</dt>
              <dd>{t(`openData.freq.${d.update_frequency_unit}` as MessageKey)}</dd>
            </div>
            <div>
              <dt>{t('openData.license')}</dt>
              <dd>{d.license_id.toUpperCase()}</dd>
            </div>
            <div>
              <dt>{t('openData.byYear')}</dt>
              <dd>{d.by_year ? t('openData.yes') : t('openData.no')}</dd>
            </div>
            <div>
              <dt>metadata_modified</dt>
              <dd>{formatThaiDate(d.modified, lang)}</dd>
            </div>
          </dl>
          <p className="open-dataset__links">
            <a href={`/open-data/${d.id}.csv${query(d.by_year)}`} className="button button--small">
              CSV
            </a>{' '}
            <a href={`/open-data/${d.id}.json${query(d.by_year)}`} className="button button--secondary button--small">
              JSON
            </a>{' '}
            <a href={`/open-data/${d.id}/metadata.json`}>{t('openData.metadata')}</a>
          </p>
          <details>
            <summary>{t('openData.columns', { count: d.columns.length })}</summary>
            <table className="data-table">
              <tbody>
                {d.columns.map((c) => (
                  <tr key={c.name}>
                    <th scope="row">
                      <code>{c.name}</code>
                    </th>
                    <td>{lang === 'en' ? c.description_en : c.description_th}</td>
                    <td>{c.type}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </article>
      ))}
      <p>
        <Link to="/open-data/catalogue.json" reloadDocument>
          catalogue.json
        </Link>
      </p>
    </section>
  );
}
