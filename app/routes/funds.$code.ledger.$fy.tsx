import { data, Form, Link, redirect } from 'react-router';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { dateForInput } from '../../src/domain/import-values.ts';
import { RECEIPT_SOURCE_KEYS } from '../../src/domain/ledger.ts';
import { formatFiscalYear, formatThaiDate, formatThaiMonth } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { closeMonth, getLedger, recordReceipt, recordRefund, reopenMonth } from '../../src/use-cases/ledger.ts';
import { echo, formFields, labelled } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/form.tsx';
import { accountName, amountText } from '../components/ledger-parts.tsx';
import { PlanHeading, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt, withMoney } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/funds.$code.ledger.$fy';

// A fund's books for a fiscal year: the balance, the cash book with its running balance, the
// receipt and refund forms for the finance officer, the month closes, and the way to the
// statements and vouchers. Each form names its use case with a hidden `intent`.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

const NOTICES: Record<string, 'ledger.months.closedDone' | 'ledger.months.reopenedDone'> = {
  closed: 'ledger.months.closedDone',
  reopened: 'ledger.months.reopenedDone',
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const ledger = await getLedger(services(context).database.db, actorOf(user), { code: params.code, fiscalYear: params.fy });
    if (ledger.fund.code !== params.code) throw redirect(`/funds/${ledger.fund.code}/ledger/${ledger.fiscalYear}`);
    const url = new URL(request.url);
    return {
      ledger: {
        ...ledger,
        entries: ledger.entries.map((e) => ({ ...e, dateText: formatThaiDate(e.date, lang, 'short') })),
        months: ledger.months.map((m) => ({ ...m, name: formatThaiMonth(m.month, lang) })),
      },
      today: dateForInput(toBangkokIsoDate(new Date()), lang),
      notice: NOTICES[url.searchParams.get('done') ?? ''] ?? null,
      posted: url.searchParams.get('posted'),
      postedKind: url.searchParams.get('kind'),
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const input = formFields(await request.formData());
  const base = `/funds/${params.code.toUpperCase()}/ledger/${params.fy}`;
  const code = params.code;
  switch (input.intent) {
    case 'receipt': {
      // One form for money in: a refund is money in from a project, named by its code.
      const post = input.source === 'refund' ? recordRefund : recordReceipt;
      const result = await attempt(withMoney(t), input, () => post(db, actor, { ...input, code }));
      if (!('value' in result)) return result;
      return redirect(`${base}?posted=${result.value.reference}&kind=${input.source === 'refund' ? 'refund' : 'receipt'}#cash-book`);
    }
    case 'close':
    case 'reopen': {
      const result = await attempt(t, input, () =>
        input.intent === 'close' ? closeMonth(db, actor, { code, month: input.month }) : reopenMonth(db, actor, { code, month: input.month, reason: input.reason }),
      );
      if (!('value' in result)) return result;
      return redirect(`${base}?done=${input.intent === 'close' ? 'closed' : 'reopened'}#months`);
    }
    default:
      throw data(null, { status: 400 });
  }
}

export default function LedgerPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { ledger, today, notice, posted, postedKind } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const input = failed?.input as Record<string, unknown> | undefined;
  const errorsFor = (intent: string): Record<string, string> => (input?.intent === intent ? (failed?.errors ?? {}) : {});
  const base = `/funds/${ledger.fund.code}/ledger/${ledger.fiscalYear}`;
  const year = String(ledger.fiscalYear);
  const monthError = errorsFor('close').month ?? errorsFor('reopen').month ?? errorsFor('reopen').reason;
  return (
    <section className="admin-page ledger-page">
      <PlanHeading title={t('ledger.page.title', { year: String(ledger.fiscalYear) })} fund={{ code: ledger.fund.code, name: nameOf(ledger.fund, lang) }} back={{ to: `/funds/${ledger.fund.code}`, label: t('admin.backToFund') }} />
      <p className="lead-text">{t('ledger.page.lead')}</p>
      {posted && (
        <p className="notice" role="status">
          {t(postedKind === 'refund' ? 'ledger.refund.done' : 'ledger.receipt.done', { reference: posted })}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {t(notice)}
        </p>
      )}

      <dl className="ledger-figures">
        <div>
          <dt>{t('ledger.page.carriedForward')}</dt>
          <dd>{amountText(ledger.carriedForward)}</dd>
        </div>
        <div>
          <dt>{t('ledger.page.balance')}</dt>
          <dd className="ledger-figures__balance">{amountText(ledger.balance)}</dd>
        </div>
      </dl>

      <nav className="ledger-links" aria-label={t('ledger.statements.title')}>
        <Link className="button button--secondary" to={`/funds/${ledger.fund.code}/vouchers?fy=${ledger.fiscalYear}`}>
          {t('voucher.nav')}
        </Link>
        <Link className="button button--secondary" to={`/funds/${ledger.fund.code}/statements/${ledger.fiscalYear}/year`}>
          {t('ledger.statements.title')}
        </Link>
        <a className="button button--secondary" href={`${base}/export?list=cashbook&format=csv`}>
          {t('ledger.statement.csv')}
        </a>
        <a className="button button--secondary" href={`${base}/export?list=cashbook&format=xlsx`}>
          {t('ledger.export.xlsx')}
        </a>
      </nav>
      <p className="ledger-years">
        {t('ledger.page.years')}:{' '}
        {[ledger.fiscalYear - 1, ledger.fiscalYear + 1].map((fy) => (
          <Link key={fy} to={`/funds/${ledger.fund.code}/ledger/${fy}`} className="ledger-years__link">
            {formatFiscalYear(fy, lang)}
          </Link>
        ))}
      </p>

      {ledger.actions.post && (
        <ReceiptForm action={base} errors={errorsFor('receipt')} input={input?.intent === 'receipt' ? input : undefined} today={today} />
      )}

      <h2 id="cash-book">{t('ledger.cashbook.title')}</h2>
      {ledger.entries.length === 0 ? (
        <p className="plan-empty">{t('ledger.cashbook.none')}</p>
      ) : (
        <StackTable
          caption={t('ledger.cashbook.caption', { year })}
          className="cash-book"
          rows={ledger.entries}
          rowKey={(e) => e.id}
          columns={[
            { label: t('ledger.col.reference'), cell: (e) => <span className="ledger-ref">{e.reference}</span> },
            { label: t('ledger.col.date'), cell: (e) => e.dateText },
            {
              label: t('ledger.col.description'),
              cell: (e) => (
                <>
                  {e.description || t(`ledger.kind.${e.kind}`)}
                  {e.projectCode && (
                    <>
                      {' '}
                      <Link to={`/projects/${e.projectCode}`}>{e.projectCode}</Link>
                    </>
                  )}
                  <span className="ledger-accounts">{e.lines.filter((l) => l.accountCode !== '10100').map((l) => accountName(t, l.accountCode)).join(', ')}</span>
                </>
              ),
            },
            { label: t('ledger.col.document'), cell: (e) => e.documentNo || '—' },
            { label: t('ledger.col.in'), num: true, cell: (e) => (e.bankChange > 0 ? amountText(e.bankChange) : '') },
            { label: t('ledger.col.out'), num: true, cell: (e) => (e.bankChange < 0 ? amountText(-e.bankChange as typeof e.bankChange) : '') },
            { label: t('ledger.col.balance'), num: true, cell: (e) => amountText(e.balance) },
          ]}
        />
      )}

      <h2 id="months">{t('ledger.months.title')}</h2>
      {monthError && (
        <p className="field-error" role="alert">
          {monthError}
        </p>
      )}
      <StackTable
        caption={t('ledger.months.caption', { year })}
        className="ledger-months"
        rows={ledger.months}
        rowKey={(m) => m.month}
        columns={[
          { label: t('ledger.months.month'), cell: (m) => m.name },
          {
            label: t('ledger.months.state'),
            cell: (m) => (m.closed ? <span className="status status--closed">{t('ledger.months.closed')}</span> : <span className="status">{t('ledger.months.open')}</span>),
          },
          {
            label: t('ledger.statements.title'),
            cell: (m) => <Link to={`/funds/${ledger.fund.code}/statements/${ledger.fiscalYear}/month/${Number(m.month.slice(5, 7))}`}>{t('ledger.statements.month')}</Link>,
          },
          {
            label: t('ledger.months.close'),
            cell: (m) =>
              m.closable && ledger.actions.closeMonth ? (
                <Form method="post" action={`${base}#months`}>
                  <CsrfField />
                  <input type="hidden" name="intent" value="close" />
                  <input type="hidden" name="month" value={m.month} />
                  <button type="submit" className="button button--small" aria-label={t('ledger.months.closeMonth', { month: m.name })}>
                    {t('ledger.months.close')}
                  </button>
                </Form>
              ) : m.reopenable && ledger.actions.reopenMonth ? (
                <Form method="post" action={`${base}#months`} className="ledger-reopen">
                  <CsrfField />
                  <input type="hidden" name="intent" value="reopen" />
                  <input type="hidden" name="month" value={m.month} />
                  <label>
                    <span className="visually-hidden">{t('ledger.months.reason')}</span>
                    <input name="reason" maxLength={1000} placeholder={t('ledger.months.reason')} />
                  </label>
                  <button type="submit" className="button button--small button--secondary" aria-label={t('ledger.months.reopenMonth', { month: m.name })}>
                    {t('ledger.months.reopen')}
                  </button>
                </Form>
              ) : null,
          },
        ]}
      />
    </section>
  );
}

/** Money in: by source, or back from a project (a refund, RET…) named by its project code. */
function ReceiptForm(props: { action: string; errors: Record<string, string>; input: Record<string, unknown> | undefined; today: string }) {
  const t = useT();
  const { errors, input } = props;
  const labels: Record<string, string> = {
    source: t('ledger.receipt.source'),
    project_code: t('ledger.refund.project'),
    entry_date: t('ledger.receipt.date'),
    amount: t('ledger.receipt.amount'),
    document_no: t('ledger.receipt.document'),
    description: t('ledger.receipt.description'),
  };
  return (
    <div className="ledger-form" id="receipt-form">
      <h2>{t('ledger.receipt.title')}</h2>
      {errors._form && (
        <p className="field-error" role="alert">
          {errors._form}
        </p>
      )}
      <ErrorSummary errors={labelled(errors, labels)} />
      <Form method="post" noValidate action={`${props.action}#receipt-form`} className="ledger-form__fields">
        <CsrfField />
        <input type="hidden" name="intent" value="receipt" />
        <SelectField
          name="source"
          label={labels.source!}
          options={[
            { value: '', label: '—' },
            ...RECEIPT_SOURCE_KEYS.map((s) => ({ value: s, label: t(`ledger.source.${s}`) })),
            { value: 'refund', label: t('ledger.source.refund') },
          ]}
          defaultValue={echo(input, 'source', '')}
          error={errors.source}
        />
        <TextField name="project_code" label={labels.project_code!} hint={t('ledger.refund.projectHint')} defaultValue={echo(input, 'project_code', '')} error={errors.project_code} maxLength={40} autoComplete="off" />
        <TextField name="entry_date" label={labels.entry_date!} hint={t('ledger.receipt.dateHint')} defaultValue={echo(input, 'entry_date', props.today)} error={errors.entry_date} maxLength={12} autoComplete="off" />
        <TextField name="amount" label={labels.amount!} hint={t('ledger.receipt.amountHint')} defaultValue={echo(input, 'amount', '')} error={errors.amount} maxLength={20} inputMode="decimal" autoComplete="off" />
        <TextField name="document_no" label={labels.document_no!} defaultValue={echo(input, 'document_no', '')} error={errors.document_no} maxLength={100} />
        <TextField name="description" label={labels.description!} defaultValue={echo(input, 'description', '')} error={errors.description} maxLength={1000} />
        <button type="submit" className="button">
          {t('ledger.receipt.submit')}
        </button>
      </Form>
    </div>
  );
}
