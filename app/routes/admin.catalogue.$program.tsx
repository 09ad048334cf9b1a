import { data, Form, Link, redirect } from 'react-router';
import { INDICATOR_UNITS } from '../../src/domain/planning.ts';
import { can } from '../../src/domain/policy.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { type Approach, createIndicator, getProgram, type Indicator, saveApproach, updateIndicator, updateProgram } from '../../src/use-cases/planning-catalogue.ts';
import { echo } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../components/form.tsx';
import { nameOf } from '../components/registry.tsx';
import { type Nested, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/admin.catalogue.$program';

// One plan program of the catalogue: its names and order, each situation indicator (all of its
// columns), and its standard approaches. Every form on the page posts here with an `intent`; its
// fields carry the form's prefix (program.name_th, indicator_TOB01.unit …) so that ids stay unique
// and an error lands beside the field of the form that was sent.

const INTENTS = ['program', 'indicator', 'new_indicator', 'approach', 'new_approach'] as const;
type Intent = (typeof INTENTS)[number];

const NOTICES: Record<string, MessageKey> = {
  program: 'catalogue.savedProgram',
  indicator: 'catalogue.savedIndicator',
  new_indicator: 'catalogue.createdIndicator',
  approach: 'catalogue.savedApproach',
  new_approach: 'catalogue.createdApproach',
};

/** The prefix of a form's fields, and the anchor it returns to. */
function prefixOf(intent: Intent, target: string): string {
  switch (intent) {
    case 'indicator':
      return `indicator_${target}`;
    case 'approach':
      return `approach_${target}`;
    default:
      return intent;
  }
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  if (!can(actorOf(user), 'catalogue.edit')) throw asRouteError(new Forbidden('catalogue.edit'));
  try {
    const program = await getProgram(services(context).database.db, params.program, { includeInactive: true });
    const search = new URL(request.url).searchParams;
    const done = search.get('done') ?? '';
    return { program, notice: NOTICES[done] ?? null, item: NOTICES[done] ? (search.get('item') ?? '').slice(0, 40) : '' };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '') as Intent;
  if (!INTENTS.includes(intent)) throw data(null, { status: 400 });
  const target = String(form.get('target') ?? '').slice(0, 40);
  const prefix = prefixOf(intent, target);
  const sent = nestedFields(form)[prefix];
  const fields: Record<string, unknown> = typeof sent === 'object' ? { ...sent } : {};
  const db = services(context).database.db;
  const actor = actorOf(user);
  const program = params.program;
  const result = await attempt(t, fields, async () => {
    switch (intent) {
      case 'program':
        await updateProgram(db, actor, { ...fields, code: program });
        return program;
      case 'indicator':
        await updateIndicator(db, actor, { ...fields, code: target });
        return target;
      case 'new_indicator':
        return (await createIndicator(db, actor, { ...fields, program })).code;
      case 'approach':
        await saveApproach(db, actor, { ...fields, program, id: target });
        return target;
      case 'new_approach':
        await saveApproach(db, actor, { ...fields, program });
        return '';
    }
  });
  if (!('value' in result)) {
    // The errors named by the sent form's fields, so each lands beside its own input.
    const { errors } = result.data;
    const named = Object.fromEntries(Object.entries(errors).map(([field, message]) => [field === '_form' ? '_form' : `${prefix}.${field}`, message]));
    return data({ ok: false as const, prefix, input: fields as Nested, errors: named }, result.init ?? undefined);
  }
  const anchor = intent === 'program' ? 'program' : intent === 'new_indicator' ? `indicator_${result.value}` : intent === 'new_approach' ? 'approaches' : prefix;
  return redirect(`/admin/catalogue/${program}?done=${intent}&item=${encodeURIComponent(result.value)}#${anchor}`);
}

type Failed = { prefix: string; input: Nested; errors: Record<string, string> } | null;

/** What a form shows: the failed post's input if it was this form, else the stored values. */
function valuesFor(failed: Failed, prefix: string): Record<string, unknown> | undefined {
  return failed && failed.prefix === prefix ? failed.input : undefined;
}

function errorsFor(failed: Failed, prefix: string): Record<string, string> {
  if (!failed || failed.prefix !== prefix) return {};
  return Object.fromEntries(
    Object.entries(failed.errors).flatMap(([key, message]) => (key.startsWith(`${prefix}.`) ? [[key.slice(prefix.length + 1), message]] : key === '_form' ? [[key, message]] : [])),
  );
}

/** A failed post's checkbox: ticked only if it was sent; otherwise the stored flag. */
function flag(values: Record<string, unknown> | undefined, name: string, stored: boolean): boolean {
  return values ? values[name] === 'on' : stored;
}

export default function CatalogueProgram({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { program, notice, item } = loaderData;
  const failed: Failed = actionData && !actionData.ok ? actionData : null;
  const labels = fieldLabels(t);
  const summary: Record<string, string> = {};
  if (failed) {
    for (const [key, message] of Object.entries(failed.errors)) {
      if (key === '_form') continue;
      const field = key.slice(failed.prefix.length + 1);
      summary[key] = labels[field] ? `${labels[field]}: ${message}` : message;
    }
  }
  const name = nameOf(program, lang);
  const nextApproachOrder = Math.max(0, ...program.approaches.map((a) => a.sort_order)) + 10;
  const nextIndicatorOrder = Math.max(0, ...program.indicators.map((i) => i.sort_order)) + 10;
  return (
    <section className="admin-page catalogue-page">
      <title>{`${failed ? `${t('error.summaryTitle')}: ` : ''}${name} — ${t('catalogue.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin/catalogue">{t('catalogue.back')}</Link>
      </p>
      <h1>
        {name}
        <span className="heading-note">
          {t('catalogue.programHeading')} · <code>{program.code}</code>
          {!program.is_active && <> · {t('catalogue.inactive')}</>}
        </span>
      </h1>
      {notice && !failed && (
        <div className="notice" role="status">
          {t(notice, { item })}
        </div>
      )}
      <ErrorSummary errors={summary} />

      <section aria-labelledby="program" className="catalogue-section">
        <h2 id="program" tabIndex={-1}>
          {t('catalogue.programTitle')}
        </h2>
        <ProgramForm program={program} failed={failed} />
      </section>

      <section aria-labelledby="indicators" className="catalogue-section">
        <h2 id="indicators">{t('catalogue.indicatorsTitle', { count: program.indicators.length })}</h2>
        <p className="hint">{t('catalogue.indicatorsLead')}</p>
        {program.indicators.length === 0 && <p>{t('catalogue.noIndicators')}</p>}
        {program.indicators.map((indicator) => (
          <details
            key={indicator.code}
            className="catalogue-item"
            id={`indicator_${indicator.code}`}
            open={failed?.prefix === `indicator_${indicator.code}` || item === indicator.code}
          >
            <summary>
              <code>{indicator.code}</code> {nameOf(indicator, lang)}
              <span className="catalogue-item__meta">
                {t(`planning.unit.${indicator.unit}` as MessageKey)}
                {!indicator.is_active && <> · {t('catalogue.inactive')}</>}
                {!indicator.counts_in_analysis && <> · {t('catalogue.notCounted')}</>}
              </span>
            </summary>
            <IndicatorForm program={program.code} indicator={indicator} failed={failed} />
          </details>
        ))}
        <details className="catalogue-item catalogue-item--new" id="new_indicator" open={failed?.prefix === 'new_indicator'}>
          <summary>{t('catalogue.addIndicator')}</summary>
          <IndicatorForm program={program.code} indicator={null} failed={failed} defaultOrder={nextIndicatorOrder} />
        </details>
      </section>

      <section aria-labelledby="approaches" className="catalogue-section">
        <h2 id="approaches" tabIndex={-1}>
          {t('catalogue.approachesTitle', { count: program.approaches.length })}
        </h2>
        <p className="hint">{t('catalogue.approachesLead')}</p>
        {program.approaches.length === 0 && <p>{t('catalogue.noApproaches')}</p>}
        <ol className="approach-list">
          {program.approaches.map((approach, i) => (
            <li key={approach.id} id={`approach_${approach.id}`} className={approach.is_active ? undefined : 'approach-list__inactive'}>
              <ApproachForm program={program.code} approach={approach} n={i + 1} failed={failed} />
            </li>
          ))}
        </ol>
        <h3 id="new_approach">{t('catalogue.addApproach')}</h3>
        <ApproachForm program={program.code} approach={null} n={program.approaches.length + 1} failed={failed} defaultOrder={nextApproachOrder} />
      </section>
    </section>
  );
}

function fieldLabels(t: ReturnType<typeof useT>): Record<string, string> {
  return {
    code: t('catalogue.field.code'),
    name_th: t('catalogue.field.nameTh'),
    name_en: t('catalogue.field.nameEn'),
    sort_order: t('catalogue.field.sortOrder'),
    is_active: t('catalogue.field.isActive'),
    definition_th: t('catalogue.field.definition'),
    unit: t('catalogue.field.unit'),
    numerator_th: t('catalogue.field.numerator'),
    denominator_th: t('catalogue.field.denominator'),
    direction: t('catalogue.field.direction'),
    default_objective_th: t('catalogue.field.defaultObjective'),
    default_indicator_th: t('catalogue.field.defaultIndicator'),
    counts_in_analysis: t('catalogue.field.countsInAnalysis'),
    version: t('catalogue.field.version'),
  };
}

function FormError({ errors }: { errors: Record<string, string> }) {
  if (!errors._form) return null;
  return (
    <div className="warning" role="alert">
      {errors._form}
    </div>
  );
}

/** A checkbox with its label beside it; ticked sends "on". */
function CheckboxField(props: { name: string; label: string; hint?: string; defaultChecked: boolean; error?: string | undefined }) {
  const hintId = `${props.name}-hint`;
  return (
    <div className={props.error ? 'field field--error' : 'field'}>
      {props.error && (
        <p id={`${props.name}-error`} className="field__error">
          {props.error}
        </p>
      )}
      <div className="radios__item">
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          value="on"
          defaultChecked={props.defaultChecked}
          aria-describedby={props.hint ? hintId : undefined}
        />
        <label htmlFor={props.name}>
          {props.label}
          {props.hint && (
            <span id={hintId} className="radios__hint">
              {props.hint}
            </span>
          )}
        </label>
      </div>
    </div>
  );
}

function ProgramForm({ program, failed }: { program: { code: string; name_th: string; name_en: string; sort_order: number; is_active: boolean; version: number }; failed: Failed }) {
  const t = useT();
  const prefix = 'program';
  const values = valuesFor(failed, prefix);
  const errors = errorsFor(failed, prefix);
  const labels = fieldLabels(t);
  const f = (field: string) => `${prefix}.${field}`;
  return (
    <Form method="post" noValidate className="admin-form" action={`/admin/catalogue/${program.code}#program`}>
      <CsrfField />
      <input type="hidden" name="intent" value="program" />
      <input type="hidden" name={f('version')} value={echo(values, 'version', program.version)} />
      <FormError errors={errors} />
      <div className="field-pair">
        <TextField name={f('name_th')} label={labels.name_th!} defaultValue={echo(values, 'name_th', program.name_th)} error={errors.name_th} maxLength={200} />
        <TextField name={f('name_en')} label={labels.name_en!} defaultValue={echo(values, 'name_en', program.name_en)} error={errors.name_en} maxLength={200} />
      </div>
      <div className="field-pair">
        <TextField
          name={f('sort_order')}
          label={labels.sort_order!}
          hint={t('catalogue.sortOrderHint')}
          defaultValue={echo(values, 'sort_order', program.sort_order)}
          error={errors.sort_order}
          inputMode="numeric"
          maxLength={6}
        />
        <CheckboxField
          name={f('is_active')}
          label={t('catalogue.programActive')}
          hint={t('catalogue.programActiveHint')}
          defaultChecked={flag(values, 'is_active', program.is_active)}
          error={errors.is_active}
        />
      </div>
      <button type="submit" className="button">
        {t('catalogue.saveProgram')}
      </button>
    </Form>
  );
}

function IndicatorForm(props: { program: string; indicator: Indicator | null; failed: Failed; defaultOrder?: number }) {
  const { program, indicator, failed, defaultOrder = 0 } = props;
  const t = useT();
  const isNew = indicator === null;
  const prefix = isNew ? 'new_indicator' : `indicator_${indicator.code}`;
  const values = valuesFor(failed, prefix);
  const errors = errorsFor(failed, prefix);
  const labels = fieldLabels(t);
  const f = (field: string) => `${prefix}.${field}`;
  const stored = (field: keyof Indicator) => (indicator ? (indicator[field] as string | number) : undefined);
  const v = (field: keyof Indicator, fallback = '') => echo(values, field, stored(field) ?? fallback);
  return (
    <Form method="post" noValidate className="admin-form catalogue-form" action={`/admin/catalogue/${program}#${prefix}`}>
      <CsrfField />
      <input type="hidden" name="intent" value={isNew ? 'new_indicator' : 'indicator'} />
      {!isNew && <input type="hidden" name="target" value={indicator.code} />}
      {!isNew && <input type="hidden" name={f('version')} value={echo(values, 'version', indicator.version)} />}
      <FormError errors={errors} />
      {isNew && (
        <TextField name={f('code')} label={labels.code!} hint={t('catalogue.codeHint')} defaultValue={v('code')} error={errors.code} maxLength={20} />
      )}
      <TextField name={f('name_th')} label={labels.name_th!} defaultValue={v('name_th')} error={errors.name_th} maxLength={300} />
      <TextField name={f('name_en')} label={labels.name_en!} defaultValue={v('name_en')} error={errors.name_en} maxLength={300} />
      <TextAreaField
        name={f('definition_th')}
        label={`${labels.definition_th} ${t('admin.optional')}`}
        defaultValue={v('definition_th')}
        error={errors.definition_th}
        maxLength={1000}
        rows={3}
      />
      <div className="field-pair">
        <SelectField
          name={f('unit')}
          label={labels.unit!}
          hint={t('catalogue.unitHint')}
          defaultValue={v('unit', 'percent')}
          error={errors.unit}
          options={INDICATOR_UNITS.map((u) => ({ value: u, label: t(`planning.unit.${u}`) }))}
        />
        <SelectField
          name={f('direction')}
          label={labels.direction!}
          hint={t('catalogue.directionHint')}
          defaultValue={v('direction', 'decrease')}
          error={errors.direction}
          options={[
            { value: 'decrease', label: t('catalogue.direction.decrease') },
            { value: 'increase', label: t('catalogue.direction.increase') },
          ]}
        />
      </div>
      <TextField
        name={f('numerator_th')}
        label={labels.numerator_th!}
        hint={t('catalogue.numeratorHint')}
        defaultValue={v('numerator_th')}
        error={errors.numerator_th}
        maxLength={300}
      />
      <TextField
        name={f('denominator_th')}
        label={labels.denominator_th!}
        hint={t('catalogue.denominatorHint')}
        defaultValue={v('denominator_th')}
        error={errors.denominator_th}
        maxLength={300}
      />
      <TextAreaField
        name={f('default_objective_th')}
        label={`${labels.default_objective_th} ${t('admin.optional')}`}
        hint={t('catalogue.defaultObjectiveHint')}
        defaultValue={v('default_objective_th')}
        error={errors.default_objective_th}
        maxLength={500}
        rows={2}
      />
      <TextAreaField
        name={f('default_indicator_th')}
        label={`${labels.default_indicator_th} ${t('admin.optional')}`}
        hint={t('catalogue.defaultIndicatorHint')}
        defaultValue={v('default_indicator_th')}
        error={errors.default_indicator_th}
        maxLength={500}
        rows={2}
      />
      <TextField
        name={f('sort_order')}
        label={labels.sort_order!}
        hint={t('catalogue.sortOrderHint')}
        defaultValue={echo(values, 'sort_order', indicator ? indicator.sort_order : defaultOrder)}
        error={errors.sort_order}
        inputMode="numeric"
        maxLength={6}
      />
      <CheckboxField
        name={f('counts_in_analysis')}
        label={labels.counts_in_analysis!}
        hint={t('catalogue.countsHint')}
        defaultChecked={flag(values, 'counts_in_analysis', indicator ? indicator.counts_in_analysis : true)}
        error={errors.counts_in_analysis}
      />
      <CheckboxField
        name={f('is_active')}
        label={t('catalogue.indicatorActive')}
        hint={t('catalogue.indicatorActiveHint')}
        defaultChecked={flag(values, 'is_active', indicator ? indicator.is_active : true)}
        error={errors.is_active}
      />
      <button type="submit" className="button">
        {isNew ? t('catalogue.createIndicator') : t('catalogue.saveIndicator', { code: indicator.code })}
      </button>
    </Form>
  );
}

function ApproachForm(props: { program: string; approach: Approach | null; n: number; failed: Failed; defaultOrder?: number }) {
  const { program, approach, n, failed, defaultOrder = 0 } = props;
  const t = useT();
  const isNew = approach === null;
  const prefix = isNew ? 'new_approach' : `approach_${approach.id}`;
  const values = valuesFor(failed, prefix);
  const errors = errorsFor(failed, prefix);
  const labels = fieldLabels(t);
  const f = (field: string) => `${prefix}.${field}`;
  return (
    <Form method="post" noValidate className="approach-form" action={`/admin/catalogue/${program}#${isNew ? 'new_approach' : prefix}`}>
      <CsrfField />
      <input type="hidden" name="intent" value={isNew ? 'new_approach' : 'approach'} />
      {!isNew && <input type="hidden" name="target" value={approach.id} />}
      <FormError errors={errors} />
      <TextAreaField
        name={f('name_th')}
        label={isNew ? t('catalogue.newApproachName') : t('catalogue.approachName', { n })}
        defaultValue={echo(values, 'name_th', approach?.name_th ?? '')}
        error={errors.name_th}
        maxLength={500}
        rows={2}
      />
      <div className="approach-form__row">
        <TextField
          name={f('sort_order')}
          label={labels.sort_order!}
          defaultValue={echo(values, 'sort_order', approach ? approach.sort_order : defaultOrder)}
          error={errors.sort_order}
          inputMode="numeric"
          maxLength={6}
        />
        <CheckboxField
          name={f('is_active')}
          label={t('catalogue.approachActive')}
          defaultChecked={flag(values, 'is_active', approach ? approach.is_active : true)}
          error={errors.is_active}
        />
        <button type="submit" className="button button--secondary">
          {isNew ? t('catalogue.createApproach') : t('catalogue.saveApproach')}
          {!isNew && <span className="visually-hidden"> {t('catalogue.approachName', { n })}</span>}
        </button>
      </div>
    </Form>
  );
}
