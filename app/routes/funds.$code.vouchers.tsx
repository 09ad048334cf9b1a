import { Link, redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listVouchers } from '../../src/use-cases/vouchers.ts';
import { amountText, VoucherStateBadge } from '../components/ledger-parts.tsx';
import { PlanHeading, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/funds.$code.vouchers';

// A fund's payment vouchers of a fiscal year (?fy=, the running one by default), newest first,
// each with where it stands in the sign-off chain; the way to request a new one.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const fiscalYear = new URL(request.url).searchParams.get('fy') ?? String(currentFiscalYear());
  try {
    const list = await listVouchers(services(context).database.db, actorOf(user), { code: params.code, fiscalYear });
    return { list: { ...list, vouchers: list.vouchers.map((v) => ({ ...v, requestedText: formatThaiDate(v.requestedAt, lang, 'short') })) } };
  } catch (error) {
    throw asPageError(error);
  }
}

export default function VouchersPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { list } = loaderData;
  const code = list.fund.code;
  return (
    <section className="admin-page voucher-page">
      <PlanHeading title={t('voucher.list.title', { year: String(list.fiscalYear) })} fund={{ code, name: nameOf(list.fund, lang) }} back={{ to: `/funds/${code}/ledger/${list.fiscalYear}`, label: t('ledger.statement.back') }} />
      <dl className="ledger-figures">
        <div>
          <dt>{t('voucher.list.paid')}</dt>
          <dd>{amountText(list.total.paid)}</dd>
        </div>
        <div>
          <dt>{t('voucher.list.pending')}</dt>
          <dd>{amountText(list.total.pending)}</dd>
        </div>
      </dl>
      <nav className="ledger-links" aria-label={t('voucher.nav')}>
        {list.mayRequest && (
          <Link className="button" to={`/funds/${code}/vouchers/new`}>
            {t('voucher.list.new')}
          </Link>
        )}
        <a className="button button--secondary" href={`/funds/${code}/ledger/${list.fiscalYear}/export?list=vouchers&format=csv`}>
          {t('ledger.statement.csv')}
        </a>
        <a className="button button--secondary" href={`/funds/${code}/ledger/${list.fiscalYear}/export?list=vouchers&format=xlsx`}>
          {t('ledger.export.xlsx')}
        </a>
      </nav>
      <p className="ledger-years">
        {t('ledger.page.years')}:{' '}
        {[list.fiscalYear - 1, list.fiscalYear + 1].map((fy) => (
          <Link key={fy} to={`/funds/${code}/vouchers?fy=${fy}`} className="ledger-years__link">
            {formatFiscalYear(fy, lang)}
          </Link>
        ))}
      </p>
      {list.vouchers.length === 0 ? (
        <p className="plan-empty">{t('voucher.list.none')}</p>
      ) : (
        <StackTable
          caption={t('voucher.list.caption')}
          className="voucher-list"
          rows={list.vouchers}
          rowKey={(v) => v.id}
          columns={[
            { label: t('voucher.col.number'), cell: (v) => <Link to={`/vouchers/${v.id}`}>{t('voucher.view.title', { id: String(v.id) })}</Link> },
            { label: t('voucher.col.requestedAt'), cell: (v) => v.requestedText },
            { label: t('voucher.col.project'), cell: (v) => v.projectCode ?? t('voucher.purpose.administration') },
            { label: t('voucher.col.payee'), cell: (v) => v.payee },
            { label: t('voucher.col.amount'), num: true, cell: (v) => amountText(v.amount) },
            { label: t('voucher.col.state'), cell: (v) => <VoucherStateBadge state={v.state} /> },
          ]}
        />
      )}
    </section>
  );
}
