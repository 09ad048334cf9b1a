import { Form, Link, redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { formatBaht, fromNumeric, sumSatang } from '../../src/domain/money.ts';
import { isProjectOrigin, PROJECT_ORIGINS } from '../../src/domain/outside-projects.ts';
import type { SupportCategory } from '../../src/domain/planning.ts';
import { PROPOSAL_STATES, PUBLIC_STATE, type ProposalState } from '../../src/domain/proposals.ts';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listFundProposals } from '../../src/use-cases/proposals.ts';
import { SelectField } from '../components/form.tsx';
import { PlanHeading } from '../components/plan-parts.tsx';
import { OriginBadge, ProposalStateBadge } from '../components/proposal-view.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import reviewCss from '../styles/proposal-review.css?url';
import type { Route } from './+types/funds.$code.proposals';

// A fund's proposals: the area's staff see every one, with the states to filter by and how many
// are in each; everyone else sees the approved projects (and their own group's proposals). On a
// phone each row is a card.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reviewCss }];

const isState = (value: string): value is ProposalState => (PROPOSAL_STATES as readonly string[]).includes(value);

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  const search = new URL(request.url).searchParams;
  const fiscalYear = search.get('fiscal_year') ?? '';
  const asked = search.get('state') ?? '';
  const askedOrigin = search.get('origin') ?? '';
  const origin = isProjectOrigin(askedOrigin) ? askedOrigin : null;
  try {
    const list = await listFundProposals(services(context).database.db, actorOf(user), { code: params.code, fiscalYear, origin });
    if (list.fund.code !== params.code) throw redirect(`/funds/${list.fund.code}/proposals?${search}`);
    const all = list.scope === 'all';
    const state = all && isState(asked) ? asked : null;
    const counts = PROPOSAL_STATES.map((s) => ({ state: s, count: list.proposals.filter((p) => p.state === s).length })).filter((c) => c.count > 0);
    const rows = list.proposals.filter((p) => state === null || p.state === state);
    const sum = (values: (string | null)[]) => sumSatang(values.filter((v): v is string => v !== null).map(fromNumeric));
    return {
      fund: list.fund,
      fiscalYear: list.fiscalYear,
      current: currentFiscalYear(),
      all,
      state,
      origin,
      counts: all ? counts : [],
      total: list.proposals.length,
      rows: rows.map((p) => ({ ...p, publicState: PUBLIC_STATE[p.state] })),
      sums: { budget: sum(rows.map((p) => p.budget)), approved: sum(rows.map((p) => p.approvedAmount)) },
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export default function FundProposals({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const fundName = nameOf({ name_th: d.fund.name_th, name_en: null }, lang);
  const base = `/funds/${d.fund.code}/proposals`;
  const query = (state: string | null) => {
    const q = new URLSearchParams();
    if (d.fiscalYear !== null) q.set('fiscal_year', String(d.fiscalYear));
    if (state) q.set('state', state);
    if (d.origin) q.set('origin', d.origin);
    const text = q.toString();
    return text ? `${base}?${text}` : base;
  };
  const years = [...new Set([d.current + 1, d.current, d.current - 1, d.current - 2, d.current - 3, d.current - 4, ...(d.fiscalYear ? [d.fiscalYear] : [])])].sort(
    (a, b) => b - a,
  );
  const money = (value: string | null) => (value === null ? '—' : formatBaht(fromNumeric(value), { unit: false }));
  const labels = {
    code: t('fundProposals.code'),
    organisation: t('fundProposals.organisation'),
    category: t('fundProposals.category'),
    requested: t('fundProposals.requested'),
    approved: t('fundProposals.approved'),
    state: t('fundProposals.state'),
  };
  return (
    <section className="fund-proposals">
      <PlanHeading
        title={d.all ? t('fundProposals.title') : t('fundProposals.titleApproved')}
        fund={{ code: d.fund.code, name: fundName }}
        year={d.fiscalYear === null ? undefined : formatFiscalYear(d.fiscalYear, lang)}
        back={{ to: `/funds/${d.fund.code}`, label: t('fundProposals.back') }}
      />
      <p className="lead-text">{d.all ? t('fundProposals.leadAll') : t('fundProposals.leadApproved')}</p>

      <Form method="get" className="inline-fields fund-proposals__year">
        {d.state && <input type="hidden" name="state" value={d.state} />}
        <SelectField
          name="fiscal_year"
          label={t('fundProposals.year')}
          defaultValue={d.fiscalYear === null ? '' : String(d.fiscalYear)}
          options={[{ value: '', label: t('fundProposals.allYears') }, ...years.map((y) => ({ value: String(y), label: formatFiscalYear(y, lang) }))]}
        />
        <SelectField
          name="origin"
          label={t('outside.origin.label')}
          defaultValue={d.origin ?? ''}
          options={[{ value: '', label: t('outside.origin.all') }, ...PROJECT_ORIGINS.map((o) => ({ value: o, label: t(`outside.origin.${o}`) }))]}
        />
        <button type="submit" className="button button--secondary">
          {t('fundProposals.show')}
        </button>
      </Form>

      {d.all && d.total > 0 && (
        <nav className="state-chips" aria-label={t('fundProposals.states')}>
          <ul>
            <li>
              <Link to={query(null)} className="state-chip" aria-current={d.state === null ? 'page' : undefined}>
                {t('fundProposals.stateCount', { state: t('fundProposals.allStates'), count: d.total })}
              </Link>
            </li>
            {d.counts.map((c) => (
              <li key={c.state}>
                <Link to={query(c.state)} className="state-chip" aria-current={d.state === c.state ? 'page' : undefined}>
                  {t('fundProposals.stateCount', { state: t(`proposal.state.${c.state}`), count: c.count })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {d.rows.length === 0 ? (
        <p className="plan-empty">{d.state ? t('fundProposals.noneInState') : t('fundProposals.none')}</p>
      ) : (
        <>
          <p className="hint">{t('fundProposals.count', { count: d.rows.length })}</p>
          <div className="table-scroll">
            <table className="data-table stack-table fund-proposals__table">
              <caption className="visually-hidden">{t('fundProposals.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{labels.code}</th>
                  <th scope="col">{t('fundProposals.projectTitle')}</th>
                  <th scope="col">{labels.organisation}</th>
                  <th scope="col">{labels.category}</th>
                  <th scope="col" className="num">
                    {labels.requested}
                  </th>
                  <th scope="col" className="num">
                    {labels.approved}
                  </th>
                  <th scope="col">{labels.state}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((p) => (
                  <tr key={p.id}>
                    <td data-label={labels.code} className="nowrap">
                      {p.projectCode ? <Link to={`/projects/${p.projectCode}`}>{p.projectCode}</Link> : '—'}
                      {p.projectCode && <OriginBadge origin={p.origin} />}
                    </td>
                    <th scope="row">
                      {/* A project approved outside the system has no proposal pages to read: its own page says it all. */}
                      <Link to={p.origin !== 'system' && p.projectCode ? `/projects/${p.projectCode}` : `/proposals/${p.id}`}>{p.title || t('review.untitled')}</Link>
                      {d.fiscalYear === null && <span className="cell-note">{formatFiscalYear(p.fiscalYear, lang)}</span>}
                    </th>
                    <td data-label={labels.organisation}>{p.organisationName || '—'}</td>
                    <td data-label={labels.category} className="fund-proposals__category">
                      {p.supportCategory ? t(`planning.category.${p.supportCategory as SupportCategory}`) : '—'}
                    </td>
                    <td data-label={labels.requested} className="num">
                      {money(p.budget)}
                    </td>
                    <td data-label={labels.approved} className="num">
                      {money(p.approvedAmount)}
                    </td>
                    <td data-label={labels.state}>
                      {/* Staff see every state; others see the public word for approved projects and the states of their own. */}
                      <ProposalStateBadge state={p.state} publicState={p.publicState} staff={d.all || p.state !== 'approved'} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {t('fundProposals.total')}
                  </th>
                  <td data-label={labels.requested} className="num">
                    {formatBaht(d.sums.budget, { unit: false })}
                  </td>
                  <td data-label={labels.approved} className="num">
                    {formatBaht(d.sums.approved, { unit: false })}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
