import { Form, redirect, useNavigation } from 'react-router';
import { SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { ORGANISATION_TYPES } from '../../src/domain/proposals.ts';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { outsideProjectForm, recordPaperProject } from '../../src/use-cases/outside-projects.ts';
import { Described, describedBy, ErrorSummary, Field, SelectField, TextField } from '../components/form.tsx';
import { PlanHeading } from '../components/plan-parts.tsx';
import { signInHref } from '../components/proposal-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { flatFields, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt, withMoney } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import flowCss from '../styles/proposal-flow.css?url';
import type { Route } from './+types/funds.$code.projects.new';

// The fund's officer records a project its committee approved on paper (บันทึกโครงการที่อนุมัติ
// นอกระบบ): one form, no JavaScript needed, problems beside their fields; the scanned proposal
// goes up with it. Then the project's own page, from where it is followed like any other.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: flowCss }];

const FIELDS = [
  'fiscal_year',
  'title',
  'organisation_name',
  'organisation_type',
  'support_category',
  'approved_amount',
  'approval_date',
  'meeting_ref',
  'meeting_date',
  'period_start',
  'period_end',
  'place',
  'coordinator_name',
  'coordinator_phone',
  'project_code',
  'scan',
] as const;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect(signInHref(new URL(request.url).pathname));
  try {
    const form = await outsideProjectForm(services(context).database.db, actorOf(user), { code: params.code });
    if (form.fund.code !== params.code) throw redirect(`/funds/${form.fund.code}/projects/new`);
    return form;
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect(signInHref(`/funds/${params.code}/projects/new`));
  const form = await request.formData();
  const nested = nestedFields(form);
  const upload = form.get('scan');
  const file = upload instanceof File && (upload.size > 0 || upload.name !== '') ? { fileName: upload.name, bytes: new Uint8Array(await upload.arrayBuffer()) } : null;
  const typed = flatFields(nested);
  if (file) typed._file = file.fileName;
  const labels = Object.fromEntries(FIELDS.map((f) => [f, `outside.field.${f}` as MessageKey]));
  const result = await attempt(withMoney(t), typed, () => recordPaperProject(services(context).database.db, actorOf(user), { ...nested, code: params.code, file }), labels);
  if (!('value' in result)) return result;
  return redirect(`/projects/${result.value.projectCode}?recorded=1`);
}

export default function NewOutsideProject({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const typed: Record<string, string> = (failed?.input as Record<string, string> | undefined) ?? {};
  const errors = failed?.errors ?? {};
  const submitting = useNavigation().state === 'submitting';
  const value = (name: string, fallback = '') => typed[name] ?? fallback;
  const label = (name: (typeof FIELDS)[number]) => t(`outside.field.${name}`);
  const groupName = (code: string) => `target_groups.${code}`;
  const names: Record<string, string> = Object.fromEntries([
    ...FIELDS.map((f) => [f, label(f)]),
    ['target_groups', t('outside.form.targets')],
    ...d.targetGroups.map((g) => [groupName(g.code), `${t('outside.form.targets')} – ${nameOf(g, lang)}`]),
  ]);
  const summary = Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, field === '_form' ? message : `${names[field] ?? field}: ${message}`]));
  const years = [d.fiscalYear + 1, d.fiscalYear, d.fiscalYear - 1, d.fiscalYear - 2];
  const dateHint = t('outside.hint.date');
  const text = (name: (typeof FIELDS)[number], props: { hint?: string; maxLength?: number; inputMode?: 'text' | 'numeric' | 'decimal' | 'tel'; type?: 'text' | 'tel' } = {}) => (
    <TextField name={name} label={label(name)} defaultValue={value(name)} error={errors[name]} autoComplete="off" {...props} />
  );
  return (
    <section className="outside-project">
      <PlanHeading title={t('outside.form.title')} fund={{ code: d.fund.code, name: nameOf(d.fund, lang) }} back={{ to: `/funds/${d.fund.code}`, label: t('outside.form.back') }} />
      <p className="lead-text">{t('outside.form.lead')}</p>
      <ErrorSummary errors={summary} />
      {typed._file && Object.keys(errors).length > 0 && <p className="notice notice--warning">{t('followup.activity.filesAgain')}</p>}
      <Form method="post" encType="multipart/form-data" noValidate className="flow-form" aria-busy={submitting || undefined}>
        <CsrfField />
        <fieldset className="form-section">
          <legend>{t('outside.form.project')}</legend>
          <SelectField
            name="fiscal_year"
            label={label('fiscal_year')}
            defaultValue={value('fiscal_year', String(d.fiscalYear))}
            error={errors.fiscal_year}
            options={years.map((y) => ({ value: String(y), label: formatFiscalYear(y, lang) }))}
          />
          {text('title', { maxLength: 500 })}
          {text('organisation_name', { maxLength: 200 })}
          <SelectField
            name="organisation_type"
            label={label('organisation_type')}
            defaultValue={value('organisation_type')}
            error={errors.organisation_type}
            options={[{ value: '', label: '—' }, ...ORGANISATION_TYPES.map((type) => ({ value: String(type), label: t(`proposal.orgType.${type}`) }))]}
          />
          <SelectField
            name="support_category"
            label={label('support_category')}
            defaultValue={value('support_category')}
            error={errors.support_category}
            options={[{ value: '', label: '—' }, ...SUPPORT_CATEGORIES.map((c) => ({ value: String(c), label: t(`planning.category.${c}`) }))]}
          />
          {text('project_code', { hint: t('outside.hint.project_code'), maxLength: 30 })}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('outside.form.decision')}</legend>
          {text('approved_amount', { hint: t('outside.hint.amount'), inputMode: 'decimal', maxLength: 20 })}
          {text('approval_date', { hint: dateHint, maxLength: 12 })}
          {text('meeting_ref', { hint: t('outside.hint.meeting_ref'), maxLength: 100 })}
          {text('meeting_date', { hint: `${t('outside.hint.meeting_date')} · ${dateHint}`, maxLength: 12 })}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('outside.form.period')}</legend>
          {text('period_start', { hint: dateHint, maxLength: 12 })}
          {text('period_end', { hint: dateHint, maxLength: 12 })}
          {text('place', { maxLength: 1000 })}
          {text('coordinator_name', { maxLength: 200 })}
          {text('coordinator_phone', { type: 'tel', inputMode: 'tel', maxLength: 30 })}
        </fieldset>

        <fieldset
          id="target_groups"
          tabIndex={-1}
          className={['form-section', 'flow-groups', errors.target_groups ? 'form-section--error' : ''].filter(Boolean).join(' ')}
          aria-describedby={describedBy({ name: 'target_groups', hint: t('outside.form.targetsHint'), error: errors.target_groups })}
        >
          <legend>{t('outside.form.targets')}</legend>
          <Described name="target_groups" hint={t('outside.form.targetsHint')} error={errors.target_groups} />
          {d.targetGroups.map((g) => {
            const name = groupName(g.code);
            return (
              <Field key={g.code} name={name} label={nameOf(g, lang)} error={errors[name]} className="flow-people">
                <span className="flow-people__input">
                  <input
                    id={name}
                    name={name}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={9}
                    defaultValue={value(name)}
                    aria-invalid={errors[name] ? true : undefined}
                    aria-describedby={errors[name] ? `${name}-error` : undefined}
                  />
                  <span aria-hidden="true">{t('proposal.flow.people')}</span>
                </span>
              </Field>
            );
          })}
        </fieldset>

        <fieldset className="form-section">
          <legend>{t('outside.form.scanSection')}</legend>
          <Field name="scan" label={label('scan')} hint={t('outside.hint.scan')} error={errors.scan}>
            <input
              id="scan"
              name="scan"
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-invalid={errors.scan ? true : undefined}
              aria-describedby={describedBy({ name: 'scan', hint: t('outside.hint.scan'), error: errors.scan })}
            />
          </Field>
        </fieldset>

        <p>
          <button type="submit" className="button" disabled={submitting}>
            {t('outside.form.submit')}
          </button>
        </p>
      </Form>
    </section>
  );
}
