import { data, Link } from 'react-router';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { type FundSearchResult, searchFunds, UnknownArea } from '../../src/use-cases/registry-read.ts';
import { FundSearchForm, laoTypeKey, nameOf } from '../components/registry.tsx';
import { asRouteError } from '../lib/use-case.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds';

const PAGE_SIZE = 50;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { user, t } = requestInfo(context);
  const params = new URL(request.url).searchParams;
  const q = (params.get('q') ?? '').slice(0, 200);
  const area = (params.get('area') ?? '').slice(0, 40);
  const page = Math.min(Math.max(1, Math.trunc(Number(params.get('page'))) || 1), 1000);
  const input = { q, area };
  if (!q.trim() && !area.trim()) return { input, result: null as FundSearchResult | null, page, errors: undefined };
  try {
    const result = await searchFunds(services(context).database.db, actorOf(user), {
      q,
      area,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return { input, result, page, errors: undefined };
  } catch (error) {
    // What was typed stays in the boxes, with the message beside the box it is about.
    if (error instanceof UnknownArea) {
      return data({ input, result: null, page, errors: { area: t('registry.error.unknownArea', { code: error.code }) } }, { status: 404 });
    }
    if (error instanceof Invalid) {
      const errors: Record<string, string> = {};
      for (const p of error.problems) errors[p.field] ??= t(p.key, { ...p.params });
      return data({ input, result: null, page, errors }, { status: 400 });
    }
    throw asRouteError(error);
  }
}

function pageHref(input: { q: string; area: string }, page: number): string {
  const params = new URLSearchParams();
  if (input.q) params.set('q', input.q);
  if (input.area) params.set('area', input.area);
  if (page > 1) params.set('page', String(page));
  return `/funds?${params}`;
}

export default function Funds({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { input, result, page, errors } = loaderData;
  const errorEntries = Object.entries(errors ?? {});
  return (
    <>
      <title>{`${input.q ? `${input.q} — ` : ''}${t('registry.search.title')} — kongtun`}</title>
      <h1>{t('registry.search.title')}</h1>
      {errorEntries.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t('error.summaryTitle')}</h2>
          <ul>
            {errorEntries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FundSearchForm q={input.q} showAreaField areaValue={input.area} errors={errors} />
      {result?.area && (
        <p>
          {t('registry.search.within', { name: nameOf(result.area, lang) })} ·{' '}
          <Link to={pageHref({ q: input.q, area: '' }, 1)}>{t('registry.search.everywhere')}</Link>
        </p>
      )}
      {!result && errorEntries.length === 0 && <p className="hint">{t('registry.search.prompt')}</p>}
      {result && <Results result={result} page={page} input={input} />}
      <p>
        <Link to="/areas">{t('registry.area.backToAreas')}</Link>
      </p>
    </>
  );
}

function Results({ result, page, input }: { result: FundSearchResult; page: number; input: { q: string; area: string } }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  if (result.total === 0) {
    return (
      <p className="search-status">
        {t('registry.search.none')}
      </p>
    );
  }
  const from = result.offset + 1;
  const to = result.offset + result.items.length;
  const hasNext = to < result.total;
  return (
    <section aria-labelledby="results">
      <h2 id="results" className="search-status">
        {result.total > result.items.length || page > 1
          ? t('registry.search.showing', { from, to, total: result.total })
          : t('registry.search.found', { total: result.total })}
      </h2>
      <ol className="result-list" start={from}>
        {result.items.map((fund) => (
          <li key={fund.code} className="result">
            <p className="result__title">
              <Link to={`/funds/${fund.code}`}>{nameOf(fund, lang)}</Link> <span className="code">{fund.code}</span>
              {fund.status === 'closed' && <> <span className="status status--closed">{t('registry.status.closed')}</span></>}
            </p>
            <p className="result__meta">
              {fund.lao_name} ({t(laoTypeKey(fund.lao_type))})
            </p>
            <p className="result__meta">
              <Link to={`/areas/${fund.district_code}`}>{lang === 'en' && fund.district_name_en ? fund.district_name_en : fund.district_name_th}</Link>
              {' · '}
              <Link to={`/areas/${fund.province_code}`}>{lang === 'en' && fund.province_name_en ? fund.province_name_en : fund.province_name_th}</Link>
              {' · '}
              <Link to={`/areas/${fund.region_code}`}>{lang === 'en' && fund.region_name_en ? fund.region_name_en : fund.region_name_th}</Link>
            </p>
          </li>
        ))}
      </ol>
      {(page > 1 || hasNext) && (
        <nav aria-label={t('registry.search.pages')} className="pager">
          {page > 1 && (
            <Link to={pageHref(input, page - 1)} rel="prev">
              {t('registry.search.previous')}
            </Link>
          )}
          {hasNext && (
            <Link to={pageHref(input, page + 1)} rel="next">
              {t('registry.search.next')}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
