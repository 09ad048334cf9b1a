import { Form } from 'react-router';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import { EXPENSE_GROUPS } from '../../src/domain/proposals.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { ActivityRecordView } from '../../src/use-cases/project-followup.ts';
import { CsrfField, useT } from '../root.tsx';
import { labelled, valuesOf } from './admin-form.tsx';
import { Described, describedBy, ErrorSummary, SelectField, TextAreaField, TextField } from './form.tsx';

// The activity record's form, for recording one and for correcting it: on a phone, one column of
// big fields in the order things are remembered (when, what, who came, how it went, what it
// cost, the photos and receipts). Field names are dotted paths (participants.0.actual,
// expenses.3.amount) that app/lib/nested-form.ts reads back and the use case's problems name.

export interface ActivityFormData {
  /** The project's own page, for the links. */
  base: string;
  today: string;
  plannedActivities: readonly { position: number; title: string }[];
  plannedParticipants: readonly { targetGroupCode: string; people: number }[];
  groups: readonly { code: string; name: string }[];
  record: (Omit<ActivityRecordView, 'expenses' | 'total'> & { dateInput: string; expenses: readonly { group: string; amount: string }[] }) | null;
}

const TEXTS = ['done', 'outputs', 'outcomes', 'problems', 'fixes'] as const;

/** The participants' rows: the record's (or the plan's, prefilled) and one more to choose another group. */
function participantRows(d: ActivityFormData) {
  const rows: { code: string | null; planned: string; actual: string }[] = d.record
    ? d.record.participants.map((p) => ({ code: p.targetGroupCode, planned: String(p.planned), actual: String(p.actual) }))
    : d.plannedParticipants.map((p) => ({ code: p.targetGroupCode, planned: String(p.people), actual: '' }));
  // Planned groups the record left out come back, so a correction can add them.
  if (d.record) {
    for (const p of d.plannedParticipants) if (!rows.some((r) => r.code === p.targetGroupCode)) rows.push({ code: p.targetGroupCode, planned: String(p.people), actual: '' });
  }
  // One more row to choose another group (a refused post shows it as typed).
  rows.push({ code: null, planned: '', actual: '' });
  return rows;
}

/** Names for the error summary: "ผู้สูงอายุ – มาจริง (คน): …". */
export function activityLabels(t: Translate, d: ActivityFormData, rows: readonly { code: string | null }[], typed: Record<string, string> | undefined) {
  const name = (code: string | null | undefined) => d.groups.find((g) => g.code === code)?.name ?? t('followup.activity.otherGroup');
  const labels: Record<string, string> = {
    activity_date: t('followup.activity.date'),
    title: t('followup.activity.title'),
    activity_position: t('followup.activity.position'),
    'files.photo': t('followup.activity.photos'),
    'files.receipt': t('followup.activity.receipts'),
  };
  for (const key of TEXTS) labels[key] = t(`followup.activity.${key}`);
  rows.forEach((r, i) => {
    const group = name(r.code ?? typed?.[`participants.${i}.target_group_code`]);
    labels[`participants.${i}.target_group_code`] = group;
    labels[`participants.${i}.planned`] = `${group} – ${t('followup.activity.plannedN')}`;
    labels[`participants.${i}.actual`] = `${group} – ${t('followup.activity.actualN')}`;
  });
  EXPENSE_GROUPS.forEach((g, i) => {
    labels[`expenses.${i}.amount`] = t('followup.activity.amount', { group: t(`proposal.expense.${g}`) });
    labels[`expenses.${i}.group`] = t(`proposal.expense.${g}`);
  });
  return labels;
}

/** A count box beside its label, small enough that the two counts of a group share a row on a phone. */
function CountField(props: { name: string; label: string; value: string; error: string | undefined }) {
  return (
    <div className={props.error ? 'field activity-count field--error' : 'field activity-count'}>
      <label htmlFor={props.name}>{props.label}</label>
      <Described name={props.name} error={props.error} />
      <input
        id={props.name}
        name={props.name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        defaultValue={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props)}
      />
    </div>
  );
}

export function ActivityForm(props: {
  data: ActivityFormData;
  typed: Record<string, string> | undefined;
  errors: Record<string, string>;
  /** The version the form saves against (edit only). */
  version?: string;
}) {
  const t = useT();
  const { data: d, errors } = props;
  const v = valuesOf(props.typed);
  const r = d.record;
  const rows = participantRows(d);
  const labels = activityLabels(t, d, rows, props.typed);
  const amountOf = (group: string) => {
    const line = r?.expenses.find((e) => e.group === group);
    return line ? formatBaht(fromNumeric(line.amount), { unit: false }) : '';
  };
  const { _form: _conflict, ...fieldErrors } = errors;
  return (
    <>
      <ErrorSummary errors={labelled(fieldErrors, labels)} />
      {props.typed?._files && Object.keys(fieldErrors).length > 0 && <p className="notice notice--warning">{t('followup.activity.filesAgain')}</p>}
      <Form method="post" encType="multipart/form-data" noValidate className="activity-form">
        <CsrfField />
        {props.version !== undefined && <input type="hidden" name="version" value={props.version} />}
        {/* Enter in a field saves, never another button's action. */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />

        <fieldset className="activity-part">
          <legend>{t('followup.activity.what')}</legend>
          <TextField
            name="activity_date"
            label={labels.activity_date!}
            hint={t('followup.activity.dateHint', { example: d.today })}
            defaultValue={v.text('activity_date', r ? r.dateInput : d.today)}
            error={errors.activity_date}
            maxLength={12}
            inputMode="text"
            autoComplete="off"
          />
          <TextField name="title" label={labels.title!} hint={t('followup.activity.titleHint')} defaultValue={v.text('title', r?.title)} error={errors.title} maxLength={500} autoComplete="off" />
          {d.plannedActivities.length > 0 && (
            <SelectField
              name="activity_position"
              label={labels.activity_position!}
              options={[
                { value: '', label: t('followup.activity.positionNone') },
                ...d.plannedActivities.map((a) => ({ value: String(a.position), label: t('followup.activity.positionOption', { n: a.position, title: a.title }) })),
              ]}
              defaultValue={v.text('activity_position', r?.activityPosition ?? (d.plannedActivities.length === 1 ? d.plannedActivities[0]!.position : null))}
              error={errors.activity_position}
            />
          )}
        </fieldset>

        <fieldset className="activity-part" id="participants">
          <legend>{t('followup.activity.participants')}</legend>
          <p className="field__hint">{t('followup.activity.participantsHint')}</p>
          {rows.map((row, i) => {
            const at = (f: string) => `participants.${i}.${f}`;
            const other = row.code === null;
            return (
              <fieldset key={at('row')} id={other ? undefined : at('target_group_code')} className={other ? 'activity-people activity-people--other' : 'activity-people'}>
                {other ? (
                  <>
                    <legend className="visually-hidden">{t('followup.activity.otherGroup')}</legend>
                    <SelectField
                      name={at('target_group_code')}
                      label={t('followup.activity.otherGroup')}
                      options={[{ value: '', label: t('followup.activity.chooseGroup') }, ...d.groups.filter((g) => !rows.some((x) => x.code === g.code)).map((g) => ({ value: g.code, label: g.name }))]}
                      defaultValue={v.text(at('target_group_code'), '')}
                      error={errors[at('target_group_code')]}
                    />
                  </>
                ) : (
                  <>
                    <legend className="activity-people__name">{labels[at('target_group_code')]}</legend>
                    {errors[at('target_group_code')] && <p className="field__error">{errors[at('target_group_code')]}</p>}
                    <input type="hidden" name={at('target_group_code')} value={row.code ?? ''} />
                  </>
                )}
                <div className="activity-people__counts">
                  <CountField name={at('planned')} label={t('followup.activity.plannedN')} value={v.text(at('planned'), row.planned)} error={errors[at('planned')]} />
                  <CountField name={at('actual')} label={t('followup.activity.actualN')} value={v.text(at('actual'), row.actual)} error={errors[at('actual')]} />
                </div>
              </fieldset>
            );
          })}
        </fieldset>

        <fieldset className="activity-part">
          <legend>{t('followup.activity.story')}</legend>
          {TEXTS.map((key) => (
            <TextAreaField key={key} name={key} label={labels[key]!} defaultValue={v.text(key, r?.[key])} error={errors[key]} maxLength={5000} rows={key === 'done' ? 4 : 3} />
          ))}
        </fieldset>

        <fieldset className="activity-part" id="expenses">
          <legend>{t('followup.activity.expenses')}</legend>
          <p className="field__hint">{t('followup.activity.expensesHint')}</p>
          <div className="activity-expenses">
            {EXPENSE_GROUPS.map((group, i) => (
              <div key={group}>
                <input type="hidden" name={`expenses.${i}.group`} value={group} />
                <TextField
                  name={`expenses.${i}.amount`}
                  label={labels[`expenses.${i}.amount`]!}
                  defaultValue={v.text(`expenses.${i}.amount`, amountOf(group))}
                  error={errors[`expenses.${i}.amount`] ?? errors[`expenses.${i}.group`]}
                  maxLength={20}
                  inputMode="decimal"
                  autoComplete="off"
                />
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset className="activity-part">
          <legend>{t('followup.page.files')}</legend>
          <FilesField name="files.photo" label={labels['files.photo']!} hint={t('followup.activity.photosHint')} accept="image/jpeg,image/png,.jpg,.jpeg,.png" error={errors['files.photo']} />
          <FilesField
            name="files.receipt"
            label={labels['files.receipt']!}
            hint={t('followup.activity.receiptsHint')}
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            error={errors['files.receipt']}
          />
        </fieldset>

        <div className="activity-savebar">
          <button type="submit" name="intent" value="save" className="button activity-save">
            {t('followup.activity.save')}
          </button>
        </div>
      </Form>
    </>
  );
}

/** A file input taking several files at once. */
function FilesField(props: { name: string; label: string; hint: string; accept: string; error: string | undefined }) {
  return (
    <div className={props.error ? 'field field--error' : 'field'}>
      <label htmlFor={props.name}>{props.label}</label>
      <Described name={props.name} hint={props.hint} error={props.error} />
      <input id={props.name} name={props.name} type="file" multiple accept={props.accept} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props)} />
    </div>
  );
}

/** The uploads of a multipart post, as the use case takes them: chosen files only. */
export async function uploadsOf(form: FormData) {
  const uploads: { kind: 'photo' | 'receipt'; fileName: string; bytes: Uint8Array }[] = [];
  for (const kind of ['photo', 'receipt'] as const) {
    for (const file of form.getAll(`files.${kind}`)) {
      if (file instanceof File && (file.size > 0 || file.name !== '')) uploads.push({ kind, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    }
  }
  return uploads;
}
