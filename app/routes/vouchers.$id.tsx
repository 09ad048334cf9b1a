import { Form, Link, redirect } from 'react-router';
import { transitionOf } from '../../src/domain/vouchers.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getVoucher, stepVoucher } from '../../src/use-cases/vouchers.ts';
import { formFields } from '../components/admin-form.tsx';
import { TextAreaField } from '../components/form.tsx';
import { accountName, amountText, VoucherStateBadge } from '../components/ledger-parts.tsx';
import { Detail, PlanHeading } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt, withMoney } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/vouchers.$id';

// One payment voucher: what it pays, who signed it and when, and the steps the reader may take
// now. The steps are one form with a button each, so a return's reason sits beside the buttons
// and the version the page showed goes with whichever is pressed (a second tab is told).

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const voucher = await getVoucher(services(context).database.db, actorOf(user), { id: params.id });
    return {
      voucher: {
        ...voucher,
        requestedText: formatThaiDate(voucher.requestedAt, lang),
        postedText: voucher.postedOn ? formatThaiDate(voucher.postedOn, lang) : null,
        history: voucher.history.map((h) => ({ ...h, atText: `${formatThaiDate(new Date(h.at), lang, 'short')} ${new Date(h.at).toLocaleTimeString('th-TH', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit' })}` })),
      },
      done: new URL(request.url).searchParams.get('done'),
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  const result = await attempt(withMoney(t), input, () => stepVoucher(services(context).database.db, actorOf(user), { step: input.step, version: input.version, reason: input.reason, id: params.id }));
  if (!('value' in result)) return result;
  return redirect(`/vouchers/${params.id}?done=${String(input.step)}`);
}

export default function VoucherPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { voucher: v, done } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const needsReason = v.steps.some((s) => transitionOf(v.state, s)?.needsReason);
  const formError = errors._form ?? errors.step ?? errors.amount;
  return (
    <section className="admin-page voucher-page">
      <PlanHeading title={t('voucher.view.title', { id: String(v.id) })} fund={{ code: v.fund.code, name: nameOf(v.fund, lang) }} back={{ to: `/funds/${v.fund.code}/vouchers?fy=${v.fiscalYear}`, label: t('voucher.view.back') }} />
      {done && (
        <p className="notice" role="status">
          {t('voucher.view.stepDone', { step: t(`voucher.step.${done}` as 'voucher.step.check') })}
        </p>
      )}
      <p>
        <VoucherStateBadge state={v.state} />
      </p>
      <dl className="details">
        <Detail term={t('voucher.col.project')}>{v.projectCode ? <Link to={`/projects/${v.projectCode}`}>{`${v.projectCode} ${v.projectTitle ?? ''}`}</Link> : t('voucher.purpose.administration')}</Detail>
        <Detail term={t('voucher.view.category')}>{accountName(t, `50${v.supportCategory}00`)}</Detail>
        <Detail term={t('voucher.col.payee')}>{v.payee}</Detail>
        {v.description && <Detail term={t('ledger.col.description')}>{v.description}</Detail>}
        <Detail term={t('voucher.col.amount')}>{amountText(v.amount)}</Detail>
        <Detail term={t('voucher.new.method')}>
          {t(`voucher.method.${v.paymentMethod}`)}
          {v.chequeNo && ` ${v.chequeNo}`}
        </Detail>
        <Detail term={t('voucher.view.bank')}>{v.fund.bank_account_number ? `${v.fund.bank_account_name ?? ''} ${v.fund.bank_account_number}` : '—'}</Detail>
        <Detail term={t('voucher.col.requestedAt')}>{v.requestedText}</Detail>
        {v.reference && (
          <Detail term={t('voucher.view.reference')}>
            {v.reference} ({v.postedText})
          </Detail>
        )}
      </dl>

      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      {v.signedAlready && v.state !== 'paid' && v.state !== 'cancelled' && <p className="notice">{t('voucher.view.signedAlready')}</p>}
      {v.steps.length > 0 && (
        <Form method="post" className="voucher-steps" id="steps">
          <CsrfField />
          <input type="hidden" name="version" value={v.version} />
          {needsReason && <TextAreaField name="reason" label={t('voucher.view.reasonLabel')} error={errors.reason} maxLength={1000} rows={2} />}
          {v.steps.map((step) => (
            <button key={step} type="submit" name="step" value={step} className={transitionOf(v.state, step)?.signs || step === 'resubmit' ? 'button' : 'button button--secondary'}>
              {t(`voucher.step.${step}`)}
            </button>
          ))}
        </Form>
      )}

      <h2>{t('voucher.view.history')}</h2>
      <ol className="voucher-history">
        {v.history.map((h) => (
          <li key={h.id}>
            <strong>{t(`voucher.step.${h.step}`)}</strong> · {h.actorName || '—'} · {h.atText}
            {h.round > 1 && ` · ${t('voucher.view.round', { n: String(h.round) })}`}
            {h.reason && (
              <>
                <br />
                {t('voucher.view.reason')}: {h.reason}
              </>
            )}
          </li>
        ))}
      </ol>
      <p>
        <Link className="button button--secondary" to={`/vouchers/${v.id}/print`}>
          {t('voucher.view.print')}
        </Link>
      </p>
    </section>
  );
}
