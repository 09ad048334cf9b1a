import { Form, Link, redirect } from 'react-router';
import { currentFiscalYear } from '../../src/domain/fiscal-year.ts';
import { dateForInput } from '../../src/domain/import-values.ts';
import { LAO_TYPES } from '../../src/domain/registry.ts';
import type { Lang, MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getFundForEdit, updateFund } from '../../src/use-cases/funds-write.ts';
import { CheckboxGroupField, echo, FixedField, formFields, labelled, moneyForInput } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.edit';

const NOTICES: Record<string, MessageKey> = { saved: 'admin.saved', unchanged: 'admin.unchanged' };

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const fund = await getFundForEdit(services(context).database.db, actorOf(user), { code: params.code });
    if (fund.code !== params.code) throw redirect(`/funds/${fund.code}/edit`);
    const done = new URL(request.url).searchParams.get('done') ?? '';
    return { fund, notice: NOTICES[done] ?? null, currentYear: currentFiscalYear() };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData(), ['subdistricts']);
  const result = await attempt(t, input, () => updateFund(services(context).database.db, actorOf(user), { ...input, code: params.code }));
  if (!('value' in result)) return result;
  return redirect(`/funds/${result.value.code}/edit?done=${result.value.changed.length > 0 ? 'saved' : 'unchanged'}`);
}

const nameIn = (area: { name_th: string; name_en: string | null }, lang: Lang) => (lang === 'en' && area.name_en ? area.name_en : area.name_th);

export default function EditFund({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { fund, notice, currentYear } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = failed?.input as Record<string, unknown> | undefined;
  const value = (name: string, stored: string | number | null) => echo(input, name, stored);
  const checked = Array.isArray(input?.subdistricts) ? (input.subdistricts as string[]) : fund.subdistricts;
  const labels: Record<string, string> = {
    name_th: t('admin.fund.nameTh'),
    name_en: t('admin.fund.nameEn'),
    lao_type: t('admin.fund.laoType'),
    lao_name: t('admin.fund.laoName'),
    district_code: t('admin.fund.districtCode'),
    subdistricts: t('admin.fund.subdistricts'),
    established_fiscal_year: t('admin.fund.established'),
    address: t('admin.fund.address'),
    phone: t('admin.fund.phone'),
    email: t('admin.fund.email'),
    latitude: t('admin.fund.latitude'),
    longitude: t('admin.fund.longitude'),
    bank_name: t('admin.fund.bankName'),
    bank_branch: t('admin.fund.bankBranch'),
    bank_account_name: t('admin.fund.bankAccountName'),
    bank_account_number: t('admin.fund.bankAccountNumber'),
    opening_balance: t('admin.fund.openingBalance'),
    opening_balance_date: t('admin.fund.openingBalanceDate'),
    status: t('admin.fund.status'),
  };
  const fundName = lang === 'en' && fund.name_en ? fund.name_en : fund.name_th;
  return (
    <section className="admin-page">
      <title>{`${t('admin.fund.title')}: ${fundName} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${fund.code}`}>{t('admin.backToFund')}</Link>
      </p>
      <h1>
        {t('admin.fund.title')}
        <span className="heading-note">
          {fundName} ({fund.code})
        </span>
      </h1>
      {notice && !failed && (
        <div className="notice" role="status">
          {t(notice)}
        </div>
      )}
      <ErrorSummary errors={labelled(errors, labels)} />
      <p className="lead-text">{t('admin.fund.lead')}</p>
      <Form method="post" noValidate className="admin-form">
        <CsrfField />
        <input type="hidden" name="version" value={fund.version} />
        <fieldset className="form-section">
          <legend>{t('admin.fund.sectionBasics')}</legend>
          <FixedField label={t('admin.fund.code')} value={fund.code} hint={t('admin.fund.codeFixed')} />
          <TextField name="name_th" label={labels.name_th!} defaultValue={value('name_th', fund.name_th)} error={errors.name_th} maxLength={200} />
          <TextField
            name="name_en"
            label={`${labels.name_en} ${t('admin.optional')}`}
            defaultValue={value('name_en', fund.name_en)}
            error={errors.name_en}
            maxLength={200}
          />
          <SelectField
            name="lao_type"
            label={labels.lao_type!}
            defaultValue={value('lao_type', fund.lao_type)}
            error={errors.lao_type}
            options={LAO_TYPES.map((type) => ({ value: type, label: t(`registry.laoType.${type}`) }))}
          />
          <TextField
            name="lao_name"
            label={labels.lao_name!}
            hint={t('admin.fund.laoNameHint')}
            defaultValue={value('lao_name', fund.lao_name)}
            error={errors.lao_name}
            maxLength={200}
          />
          <TextField
            name="established_fiscal_year"
            label={`${labels.established_fiscal_year} ${t('admin.optional')}`}
            hint={t('admin.fund.yearHint')}
            defaultValue={value('established_fiscal_year', fund.established_fiscal_year)}
            error={errors.established_fiscal_year}
            inputMode="numeric"
            maxLength={4}
          />
          <SelectField
            name="status"
            label={labels.status!}
            defaultValue={value('status', fund.status)}
            error={errors.status}
            options={(['active', 'closed'] as const).map((s) => ({ value: s, label: t(`registry.status.${s}`) }))}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('admin.fund.sectionPlace')}</legend>
          {fund.mayChangeDistrict ? (
            <TextField
              name="district_code"
              label={labels.district_code!}
              hint={`${nameIn(fund.district, lang)}, ${nameIn(fund.district.province, lang)} — ${t('admin.fund.districtHint')}`}
              defaultValue={value('district_code', fund.district.code)}
              error={errors.district_code}
              inputMode="numeric"
              maxLength={4}
            />
          ) : (
            <FixedField
              label={t('admin.fund.district')}
              value={t('admin.fund.districtValue', {
                district: nameIn(fund.district, lang),
                province: nameIn(fund.district.province, lang),
                code: fund.district.code,
              })}
              hint={t('admin.fund.districtFixed')}
            />
          )}
          <CheckboxGroupField
            name="subdistricts"
            legend={labels.subdistricts!}
            hint={t('admin.fund.subdistrictsHint')}
            error={errors.subdistricts}
            checked={checked}
            options={fund.subdistrictOptions.map((s) => ({ value: s.code, label: `${nameIn(s, lang)} (${s.code})` }))}
          />
          <TextAreaField
            name="address"
            label={`${labels.address} ${t('admin.optional')}`}
            defaultValue={value('address', fund.address)}
            error={errors.address}
            maxLength={500}
            rows={3}
          />
          <p className="field__hint">{t('admin.fund.coordinatesHint')}</p>
          <div className="field-pair">
            <TextField
              name="latitude"
              label={`${labels.latitude} ${t('admin.optional')}`}
              defaultValue={value('latitude', fund.latitude)}
              error={errors.latitude}
              maxLength={12}
            />
            <TextField
              name="longitude"
              label={`${labels.longitude} ${t('admin.optional')}`}
              defaultValue={value('longitude', fund.longitude)}
              error={errors.longitude}
              maxLength={12}
            />
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('admin.fund.sectionContact')}</legend>
          <TextField
            name="phone"
            type="tel"
            label={`${labels.phone} ${t('admin.optional')}`}
            hint={t('admin.fund.phoneHint')}
            defaultValue={value('phone', fund.phone)}
            error={errors.phone}
            autoComplete="off"
            maxLength={40}
          />
          <TextField
            name="email"
            type="email"
            label={`${labels.email} ${t('admin.optional')}`}
            defaultValue={value('email', fund.email)}
            error={errors.email}
            autoComplete="off"
            maxLength={200}
          />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('admin.fund.sectionBank')}</legend>
          <TextField name="bank_name" label={`${labels.bank_name} ${t('admin.optional')}`} defaultValue={value('bank_name', fund.bank_name)} error={errors.bank_name} maxLength={100} />
          <TextField
            name="bank_branch"
            label={`${labels.bank_branch} ${t('admin.optional')}`}
            defaultValue={value('bank_branch', fund.bank_branch)}
            error={errors.bank_branch}
            maxLength={100}
          />
          <TextField
            name="bank_account_name"
            label={`${labels.bank_account_name} ${t('admin.optional')}`}
            defaultValue={value('bank_account_name', fund.bank_account_name)}
            error={errors.bank_account_name}
            maxLength={200}
          />
          <TextField
            name="bank_account_number"
            label={`${labels.bank_account_number} ${t('admin.optional')}`}
            hint={t('admin.fund.bankAccountHint')}
            defaultValue={value('bank_account_number', fund.bank_account_number)}
            error={errors.bank_account_number}
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
          />
          <div className="field-pair">
            <TextField
              name="opening_balance"
              label={`${labels.opening_balance} ${t('admin.optional')}`}
              hint={t('admin.moneyHint')}
              defaultValue={value('opening_balance', moneyForInput(fund.opening_balance))}
              error={errors.opening_balance}
              maxLength={20}
            />
            <TextField
              name="opening_balance_date"
              label={labels.opening_balance_date!}
              hint={t('admin.dateHint')}
              defaultValue={value('opening_balance_date', dateForInput(fund.opening_balance_date, lang))}
              error={errors.opening_balance_date}
              maxLength={12}
            />
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('admin.save')}
          </button>
          <Link to={`/funds/${fund.code}`}>{t('admin.cancel')}</Link>
        </div>
      </Form>
      <h2>{t('admin.fund.links')}</h2>
      <ul className="action-list">
        <li>
          <Link to={`/funds/${fund.code}/years/${currentYear}`}>{t('admin.fund.yearsLink')}</Link>
        </li>
        <li>
          <Link to={`/funds/${fund.code}/committee`}>{t('admin.fund.committeeLink')}</Link>
        </li>
      </ul>
    </section>
  );
}
