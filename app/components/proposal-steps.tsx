import type { ReactNode } from 'react';
import { parseMoney, parseWholeNumber } from '../../src/domain/import-values.ts';
import { formatBaht, fromNumeric, type Satang, sumSatang } from '../../src/domain/money.ts';
import { type IndicatorUnit, SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { EXPENSE_GROUPS, lineAmount, ORGANISATION_TYPES, PEOPLES_GROUP_MIN_MEMBERS } from '../../src/domain/proposals.ts';
import type { TargetGroup } from '../../src/use-cases/planning-catalogue.ts';
import type { PlanOption, ProposalView } from '../../src/use-cases/proposals.ts';
import { rowCount } from '../lib/nested-form.ts';
import { useRootData, useT } from '../root.tsx';
import { IndicatorTargetFields, moneyForInput, type Values } from './admin-form.tsx';
import { Described, describedBy, Field, RadioGroupField, SelectField, TextAreaField, TextField } from './form.tsx';
import { figureText } from './plan-parts.tsx';
import { RowButton } from './proposal-parts.tsx';
import { nameOf } from './registry.tsx';

// The seven pages of the proposal that save, one short form each. Field names are the dotted
// paths the use case (proposal-steps.ts) reads and names its problems by; every input's id is
// its name, so the error summary's links land on it. A refused save shows what was typed.

export interface StepProps {
  view: ProposalView;
  v: Values;
  errors: Record<string, string>;
  /** The repeating group given one more empty row ("members", "activities.0.expenses"). */
  adding: string | null;
}

/** The rows a group shows: what is saved (or was typed, however far down), at least `min`, and one more when asked. */
function rowsOf(props: StepProps, group: string, saved: number, min: number): number {
  return Math.max(rowCount(saved, 0, props.v.typed, group), min) + (props.adding === group ? 1 : 0);
}

/** A group's frame: its legend, hint, its own error (linked from the summary by the group's name). */
function Group(props: { id: string; legend: ReactNode; hint?: string; error?: string | undefined; className?: string; children: ReactNode }) {
  return (
    <fieldset
      id={props.id}
      tabIndex={-1}
      className={['form-section', props.error ? 'form-section--error' : '', props.className ?? ''].filter(Boolean).join(' ')}
      aria-describedby={describedBy({ name: props.id, hint: props.hint, error: props.error })}
    >
      <legend>{props.legend}</legend>
      <Described name={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------

export function OrganisationStep(props: StepProps) {
  const t = useT();
  const { view, v, errors } = props;
  const members = view.content.members;
  const count = rowsOf(props, 'members', members.length, PEOPLES_GROUP_MIN_MEMBERS);
  return (
    <>
      <TextField
        name="organisation_name"
        label={t('proposal.field.organisation_name')}
        hint={t('proposal.hint.organisation_name')}
        defaultValue={v.text('organisation_name', view.organisation.name)}
        error={errors.organisation_name}
        maxLength={200}
        autoComplete="organization"
      />
      <RadioGroupField
        name="organisation_type"
        legend={t('proposal.field.organisation_type')}
        defaultValue={v.text('organisation_type', view.organisation.type)}
        error={errors.organisation_type}
        options={ORGANISATION_TYPES.map((n) => ({ value: String(n), label: t(`proposal.orgType.${n}`) }))}
      />
      <div className="field-pair">
        <TextField
          name="coordinator_name"
          label={t('proposal.field.coordinator_name')}
          hint={t('proposal.hint.coordinator_name')}
          defaultValue={v.text('coordinator_name', view.coordinator.name)}
          error={errors.coordinator_name}
          maxLength={200}
          autoComplete="name"
        />
        <TextField
          name="coordinator_phone"
          type="tel"
          label={t('proposal.field.coordinator_phone')}
          hint={t('proposal.hint.coordinator_phone')}
          defaultValue={v.text('coordinator_phone', view.coordinator.phone)}
          error={errors.coordinator_phone}
          maxLength={30}
          inputMode="tel"
          autoComplete="tel"
        />
      </div>
      <Group id="members" legend={t('proposal.field.members')} hint={t('proposal.hint.members', { min: PEOPLES_GROUP_MIN_MEMBERS })} error={errors.members}>
        {Array.from({ length: count }, (_, i) => {
          const at = (f: string) => `members.${i}.${f}`;
          const stored = members[i];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
            <fieldset key={i} className="member-row">
              <legend>{t('proposal.row.member', { n: i + 1 })}</legend>
              <TextField name={at('title')} label={t('proposal.field.members.title')} defaultValue={v.text(at('title'), stored?.title)} error={errors[at('title')]} maxLength={40} autoComplete="off" />
              <TextField name={at('first_name')} label={t('proposal.field.first_name')} defaultValue={v.text(at('first_name'), stored?.first_name)} error={errors[at('first_name')]} maxLength={100} autoComplete="off" />
              <TextField name={at('last_name')} label={t('proposal.field.last_name')} defaultValue={v.text(at('last_name'), stored?.last_name)} error={errors[at('last_name')]} maxLength={100} autoComplete="off" />
            </fieldset>
          );
        })}
        <RowButton intent="add:members" label={t('proposal.flow.addMember')} />
      </Group>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export interface ProblemOptions {
  /** The fiscal year of the approved plan the programs come from; null when the fund has none. */
  planYear: number | null;
  programs: { code: string; name_th: string; name_en: string; inPlan: boolean; situations: PlanOption['programs'][number]['situations'] }[];
}

export function ProblemStep(props: StepProps & { options: ProblemOptions }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, v, errors, options } = props;
  const chosen = new Set(view.content.programs);
  const situations = new Set(view.content.situations.map((s) => s.indicator_code));
  const value = (unit: string, text: string | null) => (text === null ? '—' : t(`plans.value.${unit as IndicatorUnit}`, { value: figureText(text, lang) }));
  return (
    <>
      <TextAreaField name="title" label={t('proposal.field.title')} hint={t('proposal.hint.title')} defaultValue={v.text('title', view.title)} error={errors.title} maxLength={500} rows={2} />
      <TextAreaField
        name="rationale"
        label={t('proposal.field.rationale')}
        hint={t('proposal.hint.rationale')}
        defaultValue={v.text('rationale', view.rationale)}
        error={errors.rationale}
        maxLength={10000}
        rows={7}
      />
      <Group
        id="programs"
        legend={t('proposal.field.programs')}
        hint={options.planYear === null ? t('proposal.hint.programsNoPlan') : t('proposal.hint.programs', { year: options.planYear })}
        error={errors.programs}
        className="flow-programs"
      >
        {errors.situations && (
          <p id="situations" className="field__error">
            {errors.situations}
          </p>
        )}
        {options.programs.map((p) => {
          const id = `programs.${p.code}`;
          return (
            <div key={p.code} className="flow-program">
              <div className="radios__item">
                <input type="checkbox" id={id} name={id} defaultChecked={v.checked(id, chosen.has(p.code))} />
                <label htmlFor={id}>
                  {nameOf({ name_th: p.name_th, name_en: p.name_en }, lang)}
                  {!p.inPlan && options.planYear !== null && <span className="radios__hint">{t('proposal.hint.notInPlan')}</span>}
                </label>
              </div>
              {p.situations.length > 0 && (
                <fieldset className="flow-situations">
                  <legend>{t('proposal.field.situations')}</legend>
                  {p.situations.map((s) => {
                    const sid = `situations.${s.indicator_code}`;
                    return (
                      <div key={s.indicator_code} className="radios__item">
                        <input type="checkbox" id={sid} name={sid} defaultChecked={v.checked(sid, situations.has(s.indicator_code))} />
                        <label htmlFor={sid}>
                          <span lang="th">{s.name_th}</span>
                          <span className="radios__hint">{t('proposal.flow.situationValue', { value: value(s.unit, s.value), target: value(s.unit, s.target) })}</span>
                        </label>
                      </div>
                    );
                  })}
                </fieldset>
              )}
            </div>
          );
        })}
      </Group>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export function ObjectivesStep(props: StepProps) {
  const t = useT();
  const { view, v, errors } = props;
  const saved = view.content.objectives;
  const count = rowsOf(props, 'objectives', saved.length, 1);
  return (
    <Group id="objectives" legend={t('proposal.field.objectives')} hint={t('proposal.hint.objectives')} error={errors.objectives}>
      {Array.from({ length: count }, (_, i) => {
        const at = (f: string) => `objectives.${i}.${f}`;
        const stored = saved[i];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
          <fieldset key={i} className="plan-row">
            <legend>{t('proposal.row.objective', { n: i + 1 })}</legend>
            <TextAreaField name={at('objective')} label={t('proposal.field.objective')} defaultValue={v.text(at('objective'), stored?.objective)} error={errors[at('objective')]} maxLength={1000} rows={2} />
            <IndicatorTargetFields
              at={at}
              v={v}
              stored={stored}
              errors={errors}
              labels={{
                indicator: t('proposal.field.indicator'),
                indicatorHint: t('proposal.hint.indicator'),
                target: t('proposal.field.target'),
                targetHint: t('proposal.hint.target'),
              }}
            />
            {count > 1 && <RowButton intent={`remove:objectives.${i}`} label={t('proposal.flow.removeObjective', { n: i + 1 })} danger />}
          </fieldset>
        );
      })}
      <RowButton intent="add:objectives" label={t('proposal.flow.addObjective')} />
    </Group>
  );
}

// ---------------------------------------------------------------------------------------------

export function TargetsStep(props: StepProps & { groups: TargetGroup[] }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, v, errors } = props;
  const saved = new Map(view.content.targetGroups.map((g) => [g.code, g.people]));
  return (
    <Group id="target_groups" legend={t('proposal.field.target_groups')} hint={t('proposal.hint.target_groups')} error={errors.target_groups} className="flow-groups">
      {props.groups.map((g) => {
        const name = `target_groups.${g.code}`;
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
                defaultValue={v.text(name, saved.get(g.code))}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={errors[name] ? `${name}-error` : undefined}
              />
              <span aria-hidden="true">{t('proposal.flow.people')}</span>
            </span>
          </Field>
        );
      })}
    </Group>
  );
}

// ---------------------------------------------------------------------------------------------

/** unit cost × units × times of what is in a line's fields now; null while any of them cannot be read. */
function typedAmount(line: { unit_cost: string; units: string; times: string }): Satang | null {
  const cost = parseMoney(line.unit_cost);
  const units = parseWholeNumber(line.units);
  const times = parseWholeNumber(line.times);
  if (!cost.ok || !units.ok || !times.ok || units.value < 1 || times.value < 1) return null;
  try {
    return lineAmount({ unitCost: cost.value, units: units.value, times: times.value });
  } catch {
    // Beyond what an amount can be: the server refuses it with a message.
    return null;
  }
}

export function ActivitiesStep(props: StepProps & { live: Record<string, string> | null }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, v, errors } = props;
  const saved = view.content.activities;
  const count = rowsOf(props, 'activities', saved.length, 1);
  // Amounts as the fields hold them now: as typed (live, or a refused save), else as saved.
  const current = props.live ?? v.typed;
  const money = (amount: Satang | null) => (amount === null ? '—' : formatBaht(amount, { lang }));
  const amounts = Array.from({ length: count }, (_, a) => {
    const group = `activities.${a}.expenses`;
    const lines = rowsOf(props, group, saved[a]?.expenses.length ?? 0, 1);
    return Array.from({ length: lines }, (_, l): Satang | null => {
      const at = (f: string) => `${group}.${l}.${f}`;
      if (!current) {
        const stored = saved[a]?.expenses[l];
        return stored ? fromNumeric(stored.amount) : null;
      }
      const line = { unit_cost: current[at('unit_cost')] ?? '', units: current[at('units')] ?? '', times: current[at('times')] ?? '' };
      return Object.values(line).every((x) => x.trim() === '') ? null : typedAmount(line);
    });
  });
  const activityTotal = (a: number) => sumSatang(amounts[a]!.filter((x): x is Satang => x !== null));
  const total = sumSatang(amounts.map((_, a) => activityTotal(a)));
  return (
    <>
      {/* Where the check page's "no activities yet" and the summary's list errors lead. */}
      <div id="activities" tabIndex={-1}>
        {errors.activities && <p className="field__error">{errors.activities}</p>}
      </div>
      {Array.from({ length: count }, (_, a) => {
        const at = (f: string) => `activities.${a}.${f}`;
        const stored = saved[a];
        const group = `activities.${a}.expenses`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
          <fieldset key={a} className="flow-activity">
            <legend>{t('proposal.row.activity', { n: a + 1 })}</legend>
            <TextField
              name={at('title')}
              label={t('proposal.field.activities.title')}
              hint={a === 0 ? t('proposal.hint.activityTitle') : undefined}
              defaultValue={v.text(at('title'), stored?.title)}
              error={errors[at('title')]}
              maxLength={500}
              autoComplete="off"
            />
            <TextAreaField name={at('detail')} label={t('proposal.field.detail')} defaultValue={v.text(at('detail'), stored?.detail)} error={errors[at('detail')]} maxLength={5000} rows={3} />
            <Group id={group} legend={t('proposal.field.expenses')} hint={a === 0 ? t('proposal.hint.expenses') : undefined} error={errors[group]} className="flow-lines">
              {amounts[a]!.map((amount, l) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
                <ExpenseLine key={`${group}.${l}`} group={group} l={l} stored={stored?.expenses[l]} amount={money(amount)} v={v} errors={errors} removable={amounts[a]!.length > 1} />
              ))}
              <RowButton intent={`add:${group}`} label={t('proposal.flow.addLine')} />
              <p className="flow-total">
                {t('proposal.flow.activityTotal')} <strong>{money(activityTotal(a))}</strong>
              </p>
            </Group>
            {count > 1 && <RowButton intent={`remove:activities.${a}`} label={t('proposal.flow.removeActivity', { n: a + 1 })} danger />}
          </fieldset>
        );
      })}
      <RowButton intent="add:activities" label={t('proposal.flow.addActivity')} />
      <p className="flow-grand-total" aria-live="polite">
        {t('proposal.flow.total')} <strong>{money(total)}</strong>
      </p>
    </>
  );
}

function ExpenseLine(props: {
  group: string;
  l: number;
  stored: ProposalView['content']['activities'][number]['expenses'][number] | undefined;
  amount: string;
  v: Values;
  errors: Record<string, string>;
  removable: boolean;
}) {
  const t = useT();
  const { v, errors, stored } = props;
  const at = (f: string) => `${props.group}.${props.l}.${f}`;
  return (
    <fieldset className="flow-line">
      <legend>{t('proposal.row.line', { n: props.l + 1 })}</legend>
      <SelectField
        name={at('group')}
        label={t('proposal.field.group')}
        defaultValue={v.text(at('group'), stored?.group)}
        error={errors[at('group')]}
        options={[{ value: '', label: t('proposal.flow.chooseGroup') }, ...EXPENSE_GROUPS.map((g) => ({ value: g, label: t(`proposal.expense.${g}`) }))]}
      />
      <TextField name={at('item')} label={t('proposal.field.item')} defaultValue={v.text(at('item'), stored?.item)} error={errors[at('item')]} maxLength={500} autoComplete="off" />
      <TextField
        name={at('unit_cost')}
        label={t('proposal.field.unit_cost')}
        defaultValue={v.text(at('unit_cost'), stored ? moneyForInput(stored.unit_cost) : '')}
        error={errors[at('unit_cost')]}
        maxLength={20}
        inputMode="decimal"
        autoComplete="off"
      />
      <div className="flow-line__counts">
        <TextField name={at('units')} label={t('proposal.field.units')} defaultValue={v.text(at('units'), stored?.units)} error={errors[at('units')]} maxLength={9} inputMode="numeric" autoComplete="off" />
        <TextField name={at('times')} label={t('proposal.field.times')} defaultValue={v.text(at('times'), stored?.times)} error={errors[at('times')]} maxLength={9} inputMode="numeric" autoComplete="off" />
      </div>
      <p className="flow-line__amount">
        <span className="flow-line__label">{t('proposal.field.amount')}</span> <output htmlFor={`${at('unit_cost')} ${at('units')} ${at('times')}`}>{props.amount}</output>
      </p>
      {props.removable && <RowButton intent={`remove:${props.group}.${props.l}`} label={t('proposal.flow.removeLine', { n: props.l + 1 })} danger />}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------

export function PeriodStep(props: StepProps & { dates: { start: string; end: string }; fyRange: string }) {
  const t = useT();
  const { v, errors, view } = props;
  return (
    <>
      <p className="flow-fy">{props.fyRange}</p>
      <div className="field-pair">
        <TextField
          name="period_start"
          label={t('proposal.field.period_start')}
          hint={t('proposal.hint.date')}
          defaultValue={v.text('period_start', props.dates.start)}
          error={errors.period_start}
          maxLength={12}
          autoComplete="off"
        />
        <TextField
          name="period_end"
          label={t('proposal.field.period_end')}
          hint={t('proposal.hint.date')}
          defaultValue={v.text('period_end', props.dates.end)}
          error={errors.period_end}
          maxLength={12}
          autoComplete="off"
        />
      </div>
      <TextAreaField name="place" label={t('proposal.field.place')} hint={t('proposal.hint.place')} defaultValue={v.text('place', view.place)} error={errors.place} maxLength={1000} rows={2} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export function ResultsStep(props: StepProps) {
  const t = useT();
  const { v, errors, view } = props;
  const suggested = view.suggestedCategory;
  const type = view.organisation.type;
  return (
    <>
      <TextAreaField
        name="expected_results"
        label={t('proposal.field.expected_results')}
        hint={t('proposal.hint.expected_results')}
        defaultValue={v.text('expected_results', view.expectedResults)}
        error={errors.expected_results}
        maxLength={5000}
        rows={6}
      />
      <RadioGroupField
        name="support_category"
        legend={t('proposal.field.support_category')}
        hint={t('proposal.hint.support_category')}
        defaultValue={v.text('support_category', view.supportCategory)}
        error={errors.support_category}
        options={SUPPORT_CATEGORIES.map((c) => ({
          value: String(c),
          label: t(`planning.category.${c}`),
          ...(c === suggested && type ? { hint: t('proposal.flow.suggested', { type: t(`proposal.orgType.${type}`) }) } : {}),
        }))}
      />
    </>
  );
}
