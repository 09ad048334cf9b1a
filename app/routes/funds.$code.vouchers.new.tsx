import { redirect } from 'react-router';
import { Form } from 'react-router';
import { PAYMENT_METHODS } from '../../src/domain/vouchers.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { requestVoucher, voucherForm } from '../../src/use-cases/vouchers.ts';
import { echo, formFields, labelled } from '../components/admin-form.tsx';
import { ErrorSummary, RadioGroupField, SelectField, TextAreaField, TextField } from '../components/form.tsx';
import { amountText } from '../components/ledger-parts.tsx';
import { PlanHeading } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt, withMoney } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import ledgerCss from '../styles/ledger.css?url';
import type { Route } from './+types/funds.$code.vouchers.new';

// Requesting a payment (ขอเบิกเงิน): for an approved project, chosen from those with money left,
// or for the fund's own 10(4) expenses. The first signature of the chain; the voucher page
// takes it from there.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: ledgerCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    return { form: await voucherForm(services(context).database.db, actorOf(user), { code: params.code }) };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  const result = await attempt(withMoney(t), input, () => requestVoucher(services(context).database.db, actorOf(user), { ...input, code: params.code }));
  if (!('value' in result)) return result;
  return redirect(`/vouchers/${result.value.id}?done=request`);
}

export default function NewVoucher({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { form } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = failed?.input as Record<string, unknown> | undefined;
  const labels = {
    purpose: t('voucher.new.purpose'),
    project_code: t('voucher.new.project'),
    payee: t('voucher.new.payee'),
    description: t('voucher.new.description'),
    amount: t('voucher.new.amount'),
    payment_method: t('voucher.new.method'),
    cheque_no: t('voucher.new.chequeNo'),
  };
  return (
    <section className="admin-page voucher-page">
      <PlanHeading title={t('voucher.new.title')} fund={{ code: form.fund.code, name: nameOf(form.fund, lang) }} back={{ to: `/funds/${form.fund.code}/vouchers`, label: t('voucher.view.back') }} />
      <p className="lead-text">{t('voucher.new.lead')}</p>
      {!form.bankAccountSet && (
        <p className="notice notice--warning" role="alert">
          {t('voucher.new.noBank')}
        </p>
      )}
      {errors._form && (
        <p className="field-error" role="alert">
          {errors._form}
        </p>
      )}
      <ErrorSummary errors={labelled(errors, labels)} />
      <Form method="post" noValidate className="ledger-form">
        <CsrfField />
        <RadioGroupField
          name="purpose"
          legend={labels.purpose}
          options={[
            { value: 'project', label: t('voucher.purpose.project') },
            { value: 'administration', label: t('voucher.purpose.administration') },
          ]}
          defaultValue={echo(input, 'purpose', 'project')}
          error={errors.purpose}
        />
        <SelectField
          name="project_code"
          label={labels.project_code}
          options={
            form.projects.length === 0
              ? [{ value: '', label: t('voucher.new.projectNone') }]
              : [{ value: '', label: '—' }, ...form.projects.map((p) => ({ value: p.code, label: t('voucher.new.projectOption', { code: p.code, title: p.title, remaining: amountText(p.remaining) }) }))]
          }
          defaultValue={echo(input, 'project_code', '')}
          error={errors.project_code}
        />
        <TextField name="payee" label={labels.payee} hint={t('voucher.new.payeeHint')} defaultValue={echo(input, 'payee', '')} error={errors.payee} maxLength={200} />
        <TextAreaField name="description" label={labels.description} defaultValue={echo(input, 'description', '')} error={errors.description} maxLength={1000} rows={2} />
        <TextField name="amount" label={labels.amount} hint={t('ledger.receipt.amountHint')} defaultValue={echo(input, 'amount', '')} error={errors.amount} maxLength={20} inputMode="decimal" autoComplete="off" />
        <RadioGroupField
          name="payment_method"
          legend={labels.payment_method}
          options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`voucher.method.${m}`) }))}
          defaultValue={echo(input, 'payment_method', 'cheque')}
          error={errors.payment_method}
        />
        <TextField name="cheque_no" label={labels.cheque_no} defaultValue={echo(input, 'cheque_no', '')} error={errors.cheque_no} maxLength={40} autoComplete="off" />
        <button type="submit" className="button">
          {t('voucher.new.submit')}
        </button>
      </Form>
    </section>
  );
}
