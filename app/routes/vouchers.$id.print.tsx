import { Link } from 'react-router';
import { bahtText } from '../../src/domain/money.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { VOUCHER_TRANSITIONS } from '../../src/domain/vouchers.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getVoucher } from '../../src/use-cases/vouchers.ts';
import { accountName, moneyFigure } from '../components/ledger-parts.tsx';
import { PrintButton } from '../components/print-button.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/vouchers.$id.print';

// The voucher on A4 (ใบขอเบิกเงิน): what is paid, to whom, from which account, and a signature
// block per signatory of the chain, with the name and date of whoever signed in the last round.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

type Signer = 'request' | 'check' | 'approve_finance' | 'approve_clerk' | 'approve_chair';
const SIGNERS: Signer[] = ['request', ...VOUCHER_TRANSITIONS.filter((t) => t.signs).map((t) => t.step as Signer)];

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  try {
    const v = await getVoucher(services(context).database.db, actorOf(user), { id: params.id });
    const lastRound = Math.max(1, ...v.history.map((h) => h.round));
    const signed = Object.fromEntries(
      SIGNERS.map((step) => {
        const h = v.history.filter((s) => s.round === lastRound && (s.step === step || (step === 'request' && s.step === 'resubmit'))).at(-1);
        return [step, h ? { name: h.actorName, date: formatThaiDate(new Date(h.at), lang) } : null];
      }),
    );
    return { v, signed, requestedText: formatThaiDate(v.requestedAt, lang) };
  } catch (error) {
    throw asPageError(error);
  }
}

export default function VoucherPrint({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { v, signed, requestedText } = loaderData;
  const fundName = nameOf(v.fund, lang);
  return (
    <article className="sheet-page">
      <title>{`${t('voucher.view.title', { id: String(v.id) })}: ${fundName} — kongtun`}</title>
      <div className="sheet-toolbar">
        <p className="back-link">
          <Link to={`/vouchers/${v.id}`}>{t('voucher.view.back')}</Link>
        </p>
        <PrintButton label={t('voucher.view.print')} />
      </div>
      <div className="sheet">
        <h1>{t('voucher.view.title', { id: String(v.id) })}</h1>
        <p className="sheet-sub">{fundName.startsWith('กองทุน') ? fundName : `กองทุนหลักประกันสุขภาพ${fundName}`}</p>
        <p className="sheet-sub">{requestedText}</p>
        <table className="sheet-table">
          <tbody>
            <tr>
              <th scope="row">{t('voucher.col.project')}</th>
              <td>{v.projectCode ? `${v.projectCode} ${v.projectTitle ?? ''}` : t('voucher.purpose.administration')}</td>
            </tr>
            <tr>
              <th scope="row">{t('voucher.view.category')}</th>
              <td>{accountName(t, `50${v.supportCategory}00`)}</td>
            </tr>
            <tr>
              <th scope="row">{t('voucher.col.payee')}</th>
              <td>{v.payee}</td>
            </tr>
            {v.description && (
              <tr>
                <th scope="row">{t('ledger.col.description')}</th>
                <td>{v.description}</td>
              </tr>
            )}
            <tr>
              <th scope="row">{t('voucher.col.amount')}</th>
              <td>
                {moneyFigure(v.amount)} ({bahtText(v.amount)})
              </td>
            </tr>
            <tr>
              <th scope="row">{t('voucher.new.method')}</th>
              <td>
                {t(`voucher.method.${v.paymentMethod}`)} {v.chequeNo}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('voucher.view.bank')}</th>
              <td>{v.fund.bank_account_number ? `${v.fund.bank_account_name ?? ''} ${v.fund.bank_account_number}` : '—'}</td>
            </tr>
            {v.reference && (
              <tr>
                <th scope="row">{t('voucher.view.reference')}</th>
                <td>
                  {v.reference} {v.postedOn && formatThaiDate(v.postedOn, lang)}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <div className="signature-blocks">
          {SIGNERS.map((step) => {
            const s = signed[step];
            return (
              <div key={step} className="signature-block">
                <p>{t('voucher.view.signature')} ..................................................</p>
                <p>( {s?.name || '..................................................'} )</p>
                <p>{t(`voucher.signer.${step}`)}</p>
                <p>{s ? s.date : '......../......../........'}</p>
              </div>
            );
          })}
        </div>
      </div>
    </article>
  );
}
