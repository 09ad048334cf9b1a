import { Form } from 'react-router';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import { COMMITTEE_POSITIONS, COMMITTEE_SLOTS } from '../../src/domain/registry.ts';
import type { Lang, MessageKey, Translate } from '../../src/i18n/index.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { CommitteeMember } from '../../src/use-cases/funds-write.ts';
import { useT } from '../root.tsx';
import { Described, describedBy, Field, SelectField, TextField } from './form.tsx';

// Pieces the registry's editing pages share: field errors for the summary, echoing what was
// typed, a group of checkboxes, and how money and rates are written into inputs.

/** The error summary names each field: "Population: Must be a whole number …". */
export function labelled(errors: Record<string, string> | undefined, labels: Record<string, string>): Record<string, string> | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, labels[field] ? `${labels[field]}: ${message}` : message]));
}

/** A string a failed post echoes back, else the stored value. */
export function echo(input: Record<string, unknown> | undefined, name: string, stored: string | number | null | undefined): string {
  const typed = input?.[name];
  if (typeof typed === 'string') return typed;
  return stored === null || stored === undefined ? '' : String(stored);
}

/** The form's fields as strings (a file field is left out). */
export function formFields(form: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of form) {
    if (typeof value !== 'string' || name === '_csrf') continue;
    if (arrays.includes(name)) fields[name] = form.getAll(name).filter((v): v is string => typeof v === 'string');
    else fields[name] = value;
  }
  for (const name of arrays) fields[name] ??= [];
  return fields;
}

/** Numeric baht text for an input: '1234567.50' → '1,234,567.50'. */
/** What was typed (a refused save, or a form kept when the session ended), else what is saved. */
export interface Values {
  typed: Record<string, string> | undefined;
  text(name: string, stored: string | number | null | undefined): string;
  checked(name: string, stored: boolean): boolean;
}

export function valuesOf(typed: Record<string, string> | undefined): Values {
  return {
    typed,
    text: (name, stored) => (typed ? (typed[name] ?? '') : stored === null || stored === undefined ? '' : String(stored)),
    checked: (name, stored) => (typed ? typed[name] === 'on' : stored),
  };
}

/** An objective's indicator and target side by side: the same pair in a plan and a proposal. */
export function IndicatorTargetFields(props: {
  at: (field: 'indicator' | 'target') => string;
  v: Values;
  stored: { indicator: string; target: string } | undefined;
  errors: Record<string, string>;
  labels: { indicator: string; target: string; indicatorHint?: string; targetHint?: string };
}) {
  const { at, v, stored, errors, labels } = props;
  return (
    <div className="field-pair">
      <TextField
        name={at('indicator')}
        label={labels.indicator}
        {...(labels.indicatorHint ? { hint: labels.indicatorHint } : {})}
        defaultValue={v.text(at('indicator'), stored?.indicator)}
        error={errors[at('indicator')]}
        maxLength={1000}
        autoComplete="off"
      />
      <TextField
        name={at('target')}
        label={labels.target}
        {...(labels.targetHint ? { hint: labels.targetHint } : {})}
        defaultValue={v.text(at('target'), stored?.target)}
        error={errors[at('target')]}
        maxLength={200}
        autoComplete="off"
      />
    </div>
  );
}

export function moneyForInput(value: string | null): string {
  return value === null ? '' : formatBaht(fromNumeric(value), { unit: false });
}

/** Numeric baht text for reading: '1,234,567.50 บาท'. */
export function moneyText(value: string | null, lang: Lang): string {
  return value === null ? '—' : formatBaht(fromNumeric(value), { lang });
}

/** '30.00' → '30', '12.50' → '12.5'. */
export function rateText(value: string | null): string {
  return value === null ? '—' : value.replace(/\.?0+$/, '');
}

/** A labelled group of checkboxes sharing a name; the error links to the fieldset (id = name). */
export function CheckboxGroupField(props: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <fieldset id={props.name} tabIndex={-1} className={props.error ? 'field radios field--error' : 'field radios'} aria-describedby={describedBy(props)}>
      <legend>{props.legend}</legend>
      <Described name={props.name} hint={props.hint} error={props.error} />
      <div className="checkbox-columns">
        {props.options.map((option) => (
          <div key={option.value} className="radios__item">
            <input
              type="checkbox"
              id={`${props.name}-${option.value}`}
              name={props.name}
              value={option.value}
              defaultChecked={props.checked.includes(option.value)}
            />
            <label htmlFor={`${props.name}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A read-only value shown where an input would be, with why it cannot be changed. */
export function FixedField(props: { label: string; value: string; hint?: string }) {
  return (
    <div className="field field--fixed">
      <span className="field__label">{props.label}</span>
      <p className="field__value">{props.value}</p>
      {props.hint && <p className="field__hint">{props.hint}</p>}
    </div>
  );
}

/** The fields of a committee appointment, for adding one and for correcting one. */
export function CommitteeMemberFields(props: {
  values: Record<string, string>;
  errors: Record<string, string>;
  labels: Record<string, string>;
}) {
  const t = useT();
  const { values, errors, labels } = props;
  return (
    <>
      <div className="name-row">
        <TextField
          name="title"
          label={`${labels.title} ${t('admin.optional')}`}
          defaultValue={values.title}
          error={errors.title}
          maxLength={40}
        />
        <div className="field-pair">
          <TextField name="first_name" label={labels.first_name!} defaultValue={values.first_name} error={errors.first_name} maxLength={100} />
          <TextField name="last_name" label={labels.last_name!} defaultValue={values.last_name} error={errors.last_name} maxLength={100} />
        </div>
      </div>
      <SelectField
        name="position"
        label={labels.position!}
        defaultValue={values.position}
        error={errors.position}
        options={[{ value: '', label: t('admin.committee.choose') }, ...COMMITTEE_POSITIONS.map((p) => ({ value: p, label: t(`registry.position.${p}`) }))]}
      />
      <SelectField
        name="composition_slot"
        label={labels.composition_slot!}
        defaultValue={values.composition_slot}
        error={errors.composition_slot}
        options={[{ value: '', label: t('admin.committee.choose') }, ...COMMITTEE_SLOTS.map((s) => ({ value: s, label: t(`registry.slot.${s}`) }))]}
      />
      <TextField
        name="organisation"
        label={`${labels.organisation} ${t('admin.optional')}`}
        defaultValue={values.organisation}
        error={errors.organisation}
        maxLength={200}
      />
      <div className="field-pair">
        <TextField name="term_start" label={labels.term_start!} hint={t('admin.dateHint')} defaultValue={values.term_start} error={errors.term_start} maxLength={12} />
        <TextField
          name="term_end"
          label={`${labels.term_end} ${t('admin.optional')}`}
          hint={t('admin.committee.termEndHint')}
          defaultValue={values.term_end}
          error={errors.term_end}
          maxLength={12}
        />
      </div>
      <div className="field-pair">
        <TextField
          name="appointment_order_number"
          label={`${labels.appointment_order_number} ${t('admin.optional')}`}
          hint={t('admin.committee.orderNumberHint')}
          defaultValue={values.appointment_order_number}
          error={errors.appointment_order_number}
          maxLength={60}
        />
        <TextField
          name="appointment_order_date"
          label={`${labels.appointment_order_date} ${t('admin.optional')}`}
          hint={t('admin.dateHint')}
          defaultValue={values.appointment_order_date}
          error={errors.appointment_order_date}
          maxLength={12}
        />
      </div>
    </>
  );
}

/** The labels of a committee appointment's fields, for the fields and the error summary. */
export function committeeLabels(t: Translate): Record<string, string> {
  return {
    title: t('admin.committee.titleField'),
    first_name: t('admin.committee.firstName'),
    last_name: t('admin.committee.lastName'),
    position: t('admin.committee.position'),
    composition_slot: t('admin.committee.slot'),
    organisation: t('admin.committee.organisation'),
    term_start: t('admin.committee.termStart'),
    term_end: t('admin.committee.termEnd'),
    appointment_order_number: t('admin.committee.orderNumber'),
    appointment_order_date: t('admin.committee.orderDate'),
  };
}

/** An appointment as the tables show it, its dates written for the reader. */
export function memberRow(m: CommitteeMember, lang: Lang, t: Translate) {
  const date = (d: string | null) => (d ? formatThaiDate(d, lang, 'short') : null);
  const start = date(m.term_start)!;
  const end = date(m.term_end);
  return {
    id: m.id,
    name: `${m.title}${m.first_name} ${m.last_name}`.trim(),
    position: t(`registry.position.${m.position}`),
    slot: t(`registry.slot.${m.composition_slot}` as MessageKey),
    organisation: m.organisation ?? '',
    term: end ? t('admin.committee.termRange', { start, end }) : t('admin.committee.termOpen', { start }),
    order: m.appointment_order_number
      ? m.appointment_order_date
        ? t('admin.committee.orderValue', { number: m.appointment_order_number, date: date(m.appointment_order_date)! })
        : m.appointment_order_number
      : '',
  };
}

/** A labelled file input with its error message beside it. */
export function FileField(props: { name: string; label: string; accept: string; hint?: string; error?: string | undefined }) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={props.name}
        name={props.name}
        type="file"
        accept={props.accept}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
      />
    </Field>
  );
}

/** The "open another fiscal year" box; the loader reads it with openYear (open-year.server.ts). */
export function OpenYearForm(props: { label: string; button: string; value: string; error: string | null }) {
  const t = useT();
  return (
    <Form method="get" className="inline-fields">
      <TextField
        name="open"
        label={props.label}
        hint={t('admin.fund.yearHint')}
        defaultValue={props.value}
        error={props.error ?? undefined}
        inputMode="numeric"
        maxLength={4}
      />
      <button type="submit" className="button button--secondary">
        {props.button}
      </button>
    </Form>
  );
}
