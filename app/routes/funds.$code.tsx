import { data, isRouteErrorResponse, Link, redirect, useRouteError } from 'react-router';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import { COMMITTEE_SLOTS } from '../../src/domain/registry.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, MessageKey, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { type CommitteeMemberView, type FundProfile, type FundYearView, getFundProfile } from '../../src/use-cases/registry-read.ts';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { getSpending } from '../../src/use-cases/spending.ts';
import { SpendingSection } from '../components/ledger-parts.tsx';
import { Breadcrumbs, formatCount, laoTypeKey, nameOf } from '../components/registry.tsx';
import { asRouteError } from '../lib/use-case.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { ErrorBoundary as RootErrorBoundary, useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/funds.$code';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

export async function loader({ params, context }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  let profile: FundProfile;
  try {
    profile = await getFundProfile(services(context).database.db, actorOf(user), { code: params.code });
  } catch (error) {
    if (error instanceof NotFound || error instanceof Invalid) {
      throw data({ reason: 'unknown_fund', code: params.code.slice(0, 20) }, { status: 404 });
    }
    throw asRouteError(error);
  }
  if (profile.code !== params.code) throw redirect(`/funds/${profile.code}`);
  const running = currentFiscalYear();
  const spending = await Promise.all([running, running - 1].map((fiscalYear) => getSpending(services(context).database.db, actorOf(user), { code: profile.code, fiscalYear })));
  // Dates are written on the server, so the page reads the same before and after hydration.
  const date = (d: string | null, style: 'long' | 'short' = 'long') => (d ? formatThaiDate(d, lang, style) : null);
  const withTerm = (m: CommitteeMemberView) => ({
    ...m,
    termStart: date(m.term_start, 'short')!,
    termEnd: date(m.term_end, 'short'),
  });
  return {
    profile: {
      ...profile,
      committee: {
        current: profile.committee.current.map(withTerm),
        upcoming: profile.committee.upcoming.map(withTerm),
        ended: profile.committee.ended.map(withTerm),
        as_of: profile.committee.as_of,
      },
    },
    asOfLabel: date(profile.committee.as_of)!,
    populationAsOf: Object.fromEntries(profile.years.map((y) => [y.fiscal_year, date(y.population_as_of)])),
    openingBalanceDate: date(profile.internal?.opening_balance_date ?? null),
    spending: spending.map((s) => ({ ...s, asOfText: date(s.asOf) })),
  };
}

const baht = (value: string | null, lang: Lang) => (value === null ? '—' : formatBaht(fromNumeric(value), { lang }));
/** '30.00' → '30%', '12.50' → '12.5%'. */
const percent = (value: string | null) => (value === null ? '—' : `${value.replace(/\.?0+$/, '')}%`);

function slotLabel(t: Translate, slot: string): string {
  return (COMMITTEE_SLOTS as readonly string[]).includes(slot) ? t(`registry.slot.${slot}` as MessageKey) : slot;
}

export default function Fund({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { profile, asOfLabel, populationAsOf, openingBalanceDate, spending } = loaderData;
  const name = nameOf(profile, lang);
  const can = (action: FundProfile['actions'][number]) => profile.actions.includes(action);
  const crumbs = [
    { href: '/areas', label: t('registry.areas.title') },
    { href: `/areas/${profile.region.code}`, label: nameOf(profile.region, lang) },
    { href: `/areas/${profile.province.code}`, label: nameOf(profile.province, lang) },
    { href: `/areas/${profile.district.code}`, label: nameOf(profile.district, lang) },
  ];
  const { committee } = profile;
  return (
    <>
      <title>{`${name} (${profile.code}) — kongtun`}</title>
      <Breadcrumbs items={crumbs} current={profile.code} />
      <h1>
        {name}
        <span className="heading-meta">
          {t('registry.fund.code')} {profile.code}
          {' · '}
          <span className={profile.status === 'active' ? 'status status--active' : 'status status--closed'}>
            {t(`registry.status.${profile.status}`)}
          </span>
        </span>
      </h1>
      <p className="plans-link">
        <Link to={`/funds/${profile.code}/plans`}>{t('plans.fundLink')}</Link>
        {' · '}
        <Link to={`/funds/${profile.code}/proposals`}>{t('registry.fund.proposalsLink')}</Link>
        {can('meeting.view') && (
          <>
            {' · '}
            <Link to={`/funds/${profile.code}/meetings`}>{t('registry.fund.meetingsLink')}</Link>
          </>
        )}
        {can('ledger.view') && (
          <>
            {' · '}
            <Link to={`/funds/${profile.code}/ledger`}>{t('ledger.nav')}</Link>
          </>
        )}
        {can('proposal.create') && (
          <>
            {' · '}
            <Link to="/proposals/new">{t('registry.fund.newProposal')}</Link>
          </>
        )}
        {can('project.record_outside') && (
          <>
            {' · '}
            <Link to={`/funds/${profile.code}/projects/new`}>{t('outside.fundLink')}</Link>
          </>
        )}
        {can('history.import') && (
          <>
            {' · '}
            <Link to={`/funds/${profile.code}/imports`}>{t('history.fundLink')}</Link>
          </>
        )}
      </p>

      {(can('fund.edit') || can('committee.edit')) && (
        <nav aria-labelledby="actions" className="reg-panel reg-actions">
          <h2 id="actions" className="reg-panel__title">
            {t('registry.fund.actions')}
          </h2>
          <ul>
            {can('fund.edit') && (
              <li>
                <Link to={`/funds/${profile.code}/edit`}>{t('registry.fund.edit')}</Link>
              </li>
            )}
            {can('committee.edit') && (
              <li>
                <Link to={`/funds/${profile.code}/committee`}>{t('registry.fund.editCommittee')}</Link>
              </li>
            )}
          </ul>
        </nav>
      )}

      <section aria-labelledby="about">
        <h2 id="about">{t('registry.fund.about')}</h2>
        <dl className="details">
          <div>
            <dt>{t('registry.fund.lao')}</dt>
            <dd>{profile.lao_name}</dd>
          </div>
          <div>
            <dt>{t('registry.fund.laoType')}</dt>
            <dd>{t(laoTypeKey(profile.lao_type))}</dd>
          </div>
          <div>
            <dt>{t('registry.fund.location')}</dt>
            <dd>
              <Link to={`/areas/${profile.district.code}`}>{nameOf(profile.district, lang)}</Link>
              {' · '}
              <Link to={`/areas/${profile.province.code}`}>{nameOf(profile.province, lang)}</Link>
              {' · '}
              <Link to={`/areas/${profile.region.code}`}>{nameOf(profile.region, lang)}</Link>
            </dd>
          </div>
          {profile.subdistricts.length > 0 && (
            <div>
              <dt>{t('registry.fund.subdistricts')}</dt>
              <dd>
                {profile.subdistricts.map((s, i) => (
                  <span key={s.code}>
                    {i > 0 && ', '}
                    <Link to={`/areas/${s.code}`}>{nameOf(s, lang)}</Link>
                  </span>
                ))}
              </dd>
            </div>
          )}
          {profile.established_fiscal_year && (
            <div>
              <dt>{t('registry.fund.established')}</dt>
              <dd>{formatFiscalYear(profile.established_fiscal_year, lang)}</dd>
            </div>
          )}
          {profile.address && (
            <div>
              <dt>{t('registry.fund.address')}</dt>
              <dd>{profile.address}</dd>
            </div>
          )}
          {profile.phone && (
            <div>
              <dt>{t('registry.fund.phone')}</dt>
              <dd>
                <a href={`tel:${profile.phone.replace(/[^0-9+]/g, '')}`}>{profile.phone}</a>
              </dd>
            </div>
          )}
          {profile.email && (
            <div>
              <dt>{t('registry.fund.email')}</dt>
              <dd>
                <a href={`mailto:${profile.email}`}>{profile.email}</a>
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="years">
        <h2 id="years">{t('registry.years.title')}</h2>
        {profile.years.length === 0 ? (
          <p>{t('registry.years.none')}</p>
        ) : (
          <>
            <table className="data-table reg-table reg-table--years">
              <thead>
                <tr>
                  <th scope="col">{t('registry.years.fiscalYear')}</th>
                  <th scope="col" className="num">
                    {t('registry.years.population')}
                  </th>
                  <th scope="col">{t('registry.years.incomeBand')}</th>
                  <th scope="col" className="num">
                    {t('registry.years.minRate')}
                  </th>
                  <th scope="col" className="num">
                    {t('registry.years.perCapita')}
                  </th>
                  <th scope="col" className="num">
                    {t('registry.years.nhsoEstimate')}
                  </th>
                  <th scope="col" className="num">
                    {t('registry.years.minimumCofunding')}
                  </th>
                  <th scope="col" className="num">
                    {t('registry.years.cofunding')}
                  </th>
                  <th scope="col">{t('registry.years.meets')}</th>
                  {can('fund_year.edit') && (
                    <th scope="col">
                      <span className="visually-hidden">{t('registry.years.edit')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {profile.years.map((year) => (
                  <YearRow
                    key={year.fiscal_year}
                    year={year}
                    asOf={populationAsOf[year.fiscal_year] ?? null}
                    editHref={can('fund_year.edit') ? `/funds/${profile.code}/years/${year.fiscal_year}` : null}
                  />
                ))}
              </tbody>
            </table>
            <p className="hint">{t('registry.years.note')}</p>
          </>
        )}
      </section>

      <SpendingSection years={spending} />

      <section aria-labelledby="committee">
        <h2 id="committee">{t('registry.committee.title')}</h2>
        <h3>{t('registry.committee.current', { date: asOfLabel })}</h3>
        {committee.current.length === 0 ? <p>{t('registry.committee.none')}</p> : <CommitteeTable members={committee.current} />}
        {committee.upcoming.length > 0 && (
          <>
            <h3>{t('registry.committee.upcoming')}</h3>
            <CommitteeTable members={committee.upcoming} />
          </>
        )}
        {committee.ended.length > 0 && (
          <details className="history">
            <summary>{t('registry.committee.ended', { count: committee.ended.length })}</summary>
            <CommitteeTable members={committee.ended} />
          </details>
        )}
      </section>

      {profile.internal && (
        <section aria-labelledby="internal" className="reg-internal">
          <h2 id="internal">{t('registry.internal.title')}</h2>
          <p className="hint">{t('registry.internal.note')}</p>
          <dl className="details">
            <div>
              <dt>{t('registry.internal.bankName')}</dt>
              <dd>{profile.internal.bank_name ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('registry.internal.bankBranch')}</dt>
              <dd>{profile.internal.bank_branch ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('registry.internal.accountName')}</dt>
              <dd>{profile.internal.bank_account_name ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('registry.internal.accountNumber')}</dt>
              <dd>{profile.internal.bank_account_number ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('registry.internal.openingBalance')}</dt>
              <dd>
                {profile.internal.opening_balance === null
                  ? '—'
                  : openingBalanceDate
                    ? t('registry.internal.openingBalanceOn', { amount: baht(profile.internal.opening_balance, lang), date: openingBalanceDate })
                    : baht(profile.internal.opening_balance, lang)}
              </dd>
            </div>
          </dl>
        </section>
      )}
    </>
  );
}

function YearRow({ year, asOf, editHref }: { year: FundYearView; asOf: string | null; editHref: string | null }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const band = lang === 'en' ? year.income_band_label_en : year.income_band_label_th;
  const meets =
    year.meets_minimum === null ? (
      <span className="status">{t('registry.years.meets.unknown')}</span>
    ) : year.meets_minimum ? (
      <span className="status status--active">{t('registry.years.meets.yes')}</span>
    ) : (
      <span className="status status--warning">{t('registry.years.meets.no')}</span>
    );
  return (
    <tr>
      <th scope="row" className="nowrap" data-label={t('registry.years.fiscalYear')}>
        {year.fiscal_year}
      </th>
      <td className="num" data-label={t('registry.years.population')}>
        {formatCount(year.population)}
        {asOf && <span className="cell-note">{t('registry.years.asOf', { date: asOf })}</span>}
      </td>
      <td data-label={t('registry.years.incomeBand')}>{band ?? year.income_band ?? '—'}</td>
      <td className="num" data-label={t('registry.years.minRate')}>
        {percent(year.min_rate_percent)}
      </td>
      <td className="num" data-label={t('registry.years.perCapita')}>
        {baht(year.nhso_per_capita, lang)}
      </td>
      <td className="num" data-label={t('registry.years.nhsoEstimate')}>
        {baht(year.nhso_estimate, lang)}
      </td>
      <td className="num" data-label={t('registry.years.minimumCofunding')}>
        {baht(year.minimum_cofunding, lang)}
      </td>
      <td className="num" data-label={t('registry.years.cofunding')}>
        {baht(year.cofunding_budget, lang)}
      </td>
      <td data-label={t('registry.years.meets')}>{meets}</td>
      {editHref && (
        <td>
          <Link to={editHref}>
            {t('registry.years.edit')}
            <span className="visually-hidden"> {formatFiscalYear(year.fiscal_year, lang)}</span>
          </Link>
        </td>
      )}
    </tr>
  );
}

type MemberRow = CommitteeMemberView & { termStart: string; termEnd: string | null };

function CommitteeTable({ members }: { members: MemberRow[] }) {
  const t = useT();
  return (
    <table className="data-table reg-table">
      <thead>
        <tr>
          <th scope="col">{t('registry.committee.name')}</th>
          <th scope="col">{t('registry.committee.position')}</th>
          <th scope="col">{t('registry.committee.slot')}</th>
          <th scope="col">{t('registry.committee.organisation')}</th>
          <th scope="col">{t('registry.committee.term')}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((m, i) => (
          // Several appointments may share a name and a seat; their order here is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no public id
          <tr key={i}>
            <th scope="row">{`${m.title}${m.first_name} ${m.last_name}`}</th>
            <td data-label={t('registry.committee.position')}>{t(`registry.position.${m.position}`)}</td>
            <td data-label={t('registry.committee.slot')}>{slotLabel(t, m.composition_slot)}</td>
            <td data-label={t('registry.committee.organisation')}>{m.organisation ?? '—'}</td>
            <td data-label={t('registry.committee.term')} className="nowrap">
              {m.termEnd ? t('registry.committee.termRange', { start: m.termStart, end: m.termEnd }) : t('registry.committee.termOpen', { start: m.termStart })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An unknown fund code says so, in the reader's language; other errors get the usual pages. */
export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404 && error.data?.reason === 'unknown_fund') {
    return (
      <section className="error-page">
        <title>{`${t('registry.fund.unknownTitle')} — kongtun`}</title>
        <h1>{t('registry.fund.unknownTitle')}</h1>
        <p>{t('registry.error.unknownFund', { code: String(error.data.code) })}</p>
        <p>{t('registry.fund.unknownHelp')}</p>
        <p>
          <Link to="/funds">{t('registry.search.title')}</Link> · <Link to="/areas">{t('registry.area.backToAreas')}</Link>
        </p>
      </section>
    );
  }
  return <RootErrorBoundary />;
}
