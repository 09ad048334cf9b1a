import { Link } from 'react-router';
import { monthsOf, statementPeriod } from '../../src/domain/ledger.ts';
import { bahtText, type Satang } from '../../src/domain/money.ts';
import { formatThaiDate, formatThaiMonth } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getStatement } from '../../src/use-cases/ledger.ts';
import { accountName, moneyFigure, SignatureBlocks } from '../components/ledger-parts.tsx';
import { PrintButton } from '../components/print-button.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/funds.$code.statements.$fy.$kind.$number';

// A receipts-and-payments statement (รายงานการรับ-จ่ายเงินและเงินคงเหลือ) for a month, a quarter or
// a fiscal year, as printed on A4 for the committee, NHSO and the auditors: the balance brought
// forward, receipts by account, payments by account, the balance carried forward in figures and
// words, and the signature blocks. Until every month in it is closed it says it is a draft.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  try {
    const view = await getStatement(services(context).database.db, actorOf(user), { code: params.code, kind: params.kind, fiscalYear: params.fy, number: params.number ?? 0 });
    const year = statementPeriod('year', view.period.fiscalYear);
    return {
      view,
      range: { from: formatThaiDate(view.period.start, lang), to: formatThaiDate(view.period.end, lang) },
      monthName: view.period.kind === 'month' ? formatThaiMonth(view.period.start, lang) : null,
      months: monthsOf(year).map((m) => ({ number: Number(m.slice(5, 7)), name: formatThaiMonth(m, lang) })),
      signedIn: user !== null,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export default function StatementPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, range, monthName, months, signedIn } = loaderData;
  const { statement: s, period } = view;
  const base = `/funds/${view.fund.code}/statements/${period.fiscalYear}`;
  const fundName = nameOf(view.fund, lang);
  const periodText =
    period.kind === 'month'
      ? t('ledger.statement.periodMonth', { month: monthName ?? '' })
      : period.kind === 'quarter'
        ? t('ledger.statement.periodQuarter', { n: String(period.number), year: String(period.fiscalYear) })
        : t('ledger.statement.periodYear', { year: String(period.fiscalYear) });
  const exportQuery = `list=statement&kind=${period.kind}&number=${period.number}`;
  return (
    <article className="sheet-page">
      <title>{`${t('ledger.statement.title')} ${periodText}: ${fundName} — kongtun`}</title>
      <div className="sheet-toolbar">
        {signedIn && (
          <p className="back-link">
            <Link to={`/funds/${view.fund.code}/ledger/${period.fiscalYear}`}>{t('ledger.statement.back')}</Link>
          </p>
        )}
        <PrintButton label={t('ledger.statement.print')} />
        <a className="button button--secondary" href={`/funds/${view.fund.code}/ledger/${period.fiscalYear}/export?${exportQuery}&format=csv`}>
          {t('ledger.statement.csv')}
        </a>
        <a className="button button--secondary" href={`/funds/${view.fund.code}/ledger/${period.fiscalYear}/export?${exportQuery}&format=xlsx`}>
          {t('ledger.export.xlsx')}
        </a>
      </div>
      <nav className="sheet-toolbar" aria-label={t('ledger.statements.title')}>
        <Link to={`${base}/year`} aria-current={period.kind === 'year' ? 'page' : undefined}>
          {t('ledger.statements.year')}
        </Link>
        {[1, 2, 3, 4].map((n) => (
          <Link key={n} to={`${base}/quarter/${n}`} aria-current={period.kind === 'quarter' && period.number === n ? 'page' : undefined}>
            {t('ledger.statements.quarterN', { n: String(n) })}
          </Link>
        ))}
        <select
          aria-label={t('ledger.statements.month')}
          value={period.kind === 'month' ? String(period.number) : ''}
          onChange={(event) => {
            if (event.target.value) window.location.assign(`${base}/month/${event.target.value}`);
          }}
        >
          <option value="">{t('ledger.statements.month')}</option>
          {months.map((m) => (
            <option key={m.number} value={m.number}>
              {m.name}
            </option>
          ))}
        </select>
      </nav>

      <div className="sheet">
        <h1>{t('ledger.statement.title')}</h1>
        <p className="sheet-sub">{fundName.startsWith('กองทุน') ? fundName : `กองทุนหลักประกันสุขภาพ${fundName}`}</p>
        <p className="sheet-sub">{periodText}</p>
        <p className="sheet-sub">{t('ledger.statement.range', range)}</p>
        {!view.published && <p className="sheet-draft">{t('ledger.statement.draft')}</p>}
        <table className="sheet-table">
          <caption className="visually-hidden">{`${t('ledger.statement.title')} ${periodText}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ledger.col.account')}</th>
              <th scope="col">{t('ledger.col.description')}</th>
              <th scope="col" className="num">
                {t('ledger.col.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr className="sheet-total">
              <th scope="row" colSpan={2}>
                {t('ledger.statement.carriedForward')}
              </th>
              <td className="num">{moneyFigure(s.carriedForward)}</td>
            </tr>
            <Section title={t('ledger.statement.receipts')} rows={s.receipts} total={{ label: t('ledger.statement.totalReceipts'), amount: s.totalReceipts }} />
            <Section title={t('ledger.statement.payments')} rows={s.payments} total={{ label: t('ledger.statement.totalPayments'), amount: s.totalPayments }} />
            <tr className="sheet-total">
              <th scope="row" colSpan={2}>
                {t('ledger.statement.balance')}
              </th>
              <td className="num">{moneyFigure(s.balance)}</td>
            </tr>
          </tbody>
        </table>
        <p className="sheet-words">{t('ledger.statement.inWords', { words: bahtText(s.balance) })}</p>
        <SignatureBlocks roles={[t('ledger.statement.preparer'), t('ledger.statement.checker'), t('ledger.statement.chair')]} />
      </div>
    </article>
  );
}

function Section(props: { title: string; rows: { accountCode: string; amount: Satang }[]; total: { label: string; amount: Satang } }) {
  const t = useT();
  return (
    <>
      <tr className="sheet-group">
        <th scope="rowgroup" colSpan={3}>
          {props.title}
        </th>
      </tr>
      {props.rows.map((r) => (
        <tr key={r.accountCode}>
          <td>{r.accountCode}</td>
          <td>{accountName(t, r.accountCode)}</td>
          <td className="num">{moneyFigure(r.amount)}</td>
        </tr>
      ))}
      <tr className="sheet-total">
        <th scope="row" colSpan={2}>
          {props.total.label}
        </th>
        <td className="num">{moneyFigure(props.total.amount)}</td>
      </tr>
    </>
  );
}
