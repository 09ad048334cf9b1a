import type { ReactNode } from 'react';
import { Form, Link, redirect } from 'react-router';
import { dateForInput } from '../../src/domain/import-values.ts';
import { formatHundredths, hundredthsFromNumeric, type IndicatorUnit, PRIORITY_CRITERIA, priorityTotal, SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, Translate } from '../../src/i18n/index.ts';
import type { Comparison } from '../../src/use-cases/plan-analysis.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { getPlanEntry, savePlanEntry } from '../../src/use-cases/plans.ts';
import { IndicatorTargetFields, labelled, moneyForInput, moneyText, type Values, valuesOf } from '../components/admin-form.tsx';
import { Described, describedBy, ErrorSummary, SelectField, TextAreaField, TextField } from '../components/form.tsx';
import { Detail, PlanHeading, revisionQuery, StackTable } from '../components/plan-parts.tsx';
import { formatCount } from '../components/registry.tsx';
import { flatFields, nestedFields, rowCount } from '../lib/nested-form.ts';
import { askedRevision } from '../lib/plans.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.plans.$fy.programs.$program';

// The situation entry page: a fund's figures for one program of its plan, each beside the
// district, province, region and national figures, then priority, objectives, approaches,
// target groups and planned projects. One form, one Save; field names are the dotted paths the
// use case names its problems by, and each input's id is its name, so the error summary's
// links land on the field.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const search = new URL(request.url).searchParams;
  const revision = askedRevision(search);
  try {
    const entry = await getPlanEntry(services(context).database.db, actorOf(user), {
      code: params.code,
      fiscalYear: params.fy,
      program: params.program,
      revision: revision ?? undefined,
    });
    if (entry.fund.code !== params.code) {
      throw redirect(`/funds/${entry.fund.code}/plans/${entry.fiscalYear}/programs/${entry.program.code}${revisionQuery(revision)}`);
    }
    return {
      ...entry,
      situations: entry.situations.map((s) => ({
        ...s,
        dateInput: dateForInput(s.data_date, lang),
        dateText: s.data_date ? formatThaiDate(s.data_date, lang, 'short') : null,
      })),
      asked: revision,
      saved: search.get('done') === 'saved',
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const nested = nestedFields(await request.formData());
  const typed = flatFields(nested);
  const result = await attempt(t, typed, () =>
    savePlanEntry(services(context).database.db, actorOf(user), { ...nested, code: params.code, fiscalYear: params.fy, program: params.program }),
  );
  if (!('value' in result)) return result;
  return redirect(`/funds/${params.code.toUpperCase()}/plans/${params.fy}/programs/${encodeURIComponent(params.program)}?done=saved`);
}

type Data = Route.ComponentProps['loaderData'];
type Situation = Data['situations'][number];

/** A value in its unit, as people read it: 'ร้อยละ 12.5', '3.2 ต่อประชากรพันคน'. */
function valueText(t: Translate, unit: IndicatorUnit, text: string | null, lang: Lang): string {
  if (text === null) return '—';
  return t(`plans.value.${unit}`, { value: formatHundredths(hundredthsFromNumeric(text), lang) });
}

/** What a failed post typed, else what is stored. */
export default function PlanProgram({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const typed = failed ? (failed.input as unknown as Record<string, string>) : undefined;
  const fyLabel = formatFiscalYear(d.fiscalYear, lang);
  const programName = lang === 'en' ? d.program.name_en : d.program.name_th;
  const yearHref = `/funds/${d.fund.code}/plans/${d.fiscalYear}${revisionQuery(d.asked)}`;
  return (
    <section className="admin-page plan-page plan-entry">
      <PlanHeading
        title={t('plans.entry.title', { program: programName })}
        fund={{ code: d.fund.code, name: d.fund.name_th }}
        year={fyLabel}
        back={{ to: `${yearHref}#programs`, label: t('plans.entry.back', { year: fyLabel }) }}
      />
      {d.saved && !failed && (
        <div className="notice" role="status">
          {t('plans.entry.saved')}
        </div>
      )}
      {d.editable ? <EntryForm d={d} errors={errors} typed={typed} /> : <EntryReadOnly d={d} />}
    </section>
  );
}

function ReadOnlyReason({ d }: { d: Data }) {
  const t = useT();
  const status = d.plan.status;
  const text =
    status === 'submitted'
      ? t('plans.entry.readOnlySubmitted')
      : status === 'approved'
        ? t('plans.entry.readOnlyApproved')
        : status === 'superseded'
          ? t('plans.entry.readOnlySuperseded')
          : t('plans.entry.readOnlyNoRight');
  return <p className="notice plan-readonly">{text}</p>;
}

// ---------------------------------------------------------------------------------------------
// The form

function EntryForm({ d, errors, typed }: { d: Data; errors: Record<string, string>; typed: Record<string, string> | undefined }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const v = valuesOf(typed);
  const objectiveRows = rowCount(d.objectives.length, 2, typed, 'objectives');
  const projectRows = rowCount(d.projects.length, 2, typed, 'projects');
  const labels = entryLabels(t, d, lang, objectiveRows, projectRows);
  const reload = `/funds/${d.fund.code}/plans/${d.fiscalYear}/programs/${d.program.code}`;
  return (
    <>
      <p className="lead-text">{t('plans.entry.lead')}</p>
      <ErrorSummary errors={labelled(inPageOrder(errors, labels), labels)} />
      <Form method="post" noValidate className="plan-form" id="_form" key={d.plan.version}>
        <CsrfField />
        <input type="hidden" name="version" value={d.plan.version} />
        {errors._form && (
          <p className="warning">
            {errors._form} <a href={reload}>{t('plans.entry.reload')}</a>
          </p>
        )}

        <h2 id="situation">{t('plans.entry.situationTitle')}</h2>
        <p className="hint">{t('plans.entry.situationLead')}</p>
        <p className="hint">{t('plans.compare.explain')}</p>
        {d.situations.length === 0 && <p>{t('plans.entry.noIndicators')}</p>}
        {d.situations.map((s) => (
          <IndicatorCard key={s.indicator.code} s={s} fiscalYear={d.fiscalYear} errors={errors} v={v} typed={typed !== undefined} />
        ))}

        <h2 id="scores">{t('plans.entry.scoresTitle')}</h2>
        <p className="hint">{t('plans.entry.scoresLead')}</p>
        <div className="plan-scores">
          {PRIORITY_CRITERIA.map((c) => (
            <SelectField
              key={c}
              name={`scores.${c}`}
              label={t(`plans.score.${c}`)}
              hint={t(`plans.score.${c}Hint`)}
              defaultValue={v.text(`scores.${c}`, d.scores[c])}
              error={errors[`scores.${c}`]}
              options={[
                { value: '', label: t('plans.score.none') },
                ...[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`plans.score.option${n as 1 | 2 | 3 | 4}`) })),
              ]}
            />
          ))}
        </div>
        {priorityTotal(d.scores) !== null && <p className="plan-total">{t('plans.entry.scoreTotal', { total: priorityTotal(d.scores) ?? 0 })}</p>}

        <RowGroup
          group="objectives"
          title={t('plans.entry.objectivesTitle')}
          lead={t('plans.entry.objectivesLead')}
          error={errors.objectives}
          intro={<Examples d={d} />}
          count={objectiveRows}
          legend={(n) => t('plans.entry.objectiveN', { n })}
          row={(at, i) => {
            const stored = d.objectives[i];
            return (
              <>
                <TextAreaField
                  name={at('objective')}
                  label={t('plans.entry.objective')}
                  defaultValue={v.text(at('objective'), stored?.objective)}
                  error={errors[at('objective')]}
                  maxLength={1000}
                  rows={2}
                />
                <IndicatorTargetFields
                  at={at}
                  v={v}
                  stored={stored}
                  errors={errors}
                  labels={{ indicator: t('plans.entry.objectiveIndicator'), target: t('plans.entry.objectiveTarget'), targetHint: t('plans.entry.objectiveTargetHint') }}
                />
              </>
            );
          }}
        />

        <Checkboxes
          name="approaches"
          legend={t('plans.entry.approachesTitle')}
          hint={d.approaches.length ? t('plans.entry.approachesHint') : t('plans.entry.noApproaches')}
          error={errors.approaches}
          items={d.approaches.map((a) => ({ value: String(a.id), label: a.name_th, checked: v.checked(`approaches.${a.id}`, a.chosen) }))}
        />

        <Checkboxes
          name="target_groups"
          legend={t('plans.entry.groupsTitle')}
          hint={t('plans.entry.groupsHint')}
          error={errors.target_groups}
          items={d.targetGroups.map((g) => ({
            value: g.code,
            label: `${lang === 'en' ? g.name_en : g.name_th} (${g.code})`,
            note: g.in_coverage ? t('plans.entry.coverageGroup') : undefined,
            checked: v.checked(`target_groups.${g.code}`, g.chosen),
          }))}
        />

        <RowGroup
          group="projects"
          title={t('plans.entry.projectsTitle')}
          lead={t('plans.entry.projectsLead')}
          error={errors.projects}
          count={projectRows}
          legend={(n) => t('plans.entry.projectN', { n })}
          row={(at, i) => {
            const stored = d.projects[i];
            return (
              <>
                <TextField
                  name={at('title')}
                  label={t('plans.entry.projectTitle')}
                  defaultValue={v.text(at('title'), stored?.title)}
                  error={errors[at('title')]}
                  maxLength={500}
                  autoComplete="off"
                />
                <TextField
                  name={at('organisation')}
                  label={`${t('plans.entry.projectOrganisation')} ${t('admin.optional')}`}
                  hint={t('plans.entry.projectOrganisationHint')}
                  defaultValue={v.text(at('organisation'), stored?.organisation)}
                  error={errors[at('organisation')]}
                  maxLength={300}
                  autoComplete="off"
                />
                <div className="field-pair">
                  <TextField
                    name={at('budget')}
                    label={t('plans.entry.projectBudget')}
                    hint={t('admin.moneyHint')}
                    defaultValue={v.text(at('budget'), stored ? moneyForInput(stored.budget) : '')}
                    error={errors[at('budget')]}
                    maxLength={20}
                    inputMode="decimal"
                    autoComplete="off"
                  />
                  <SelectField
                    name={at('support_category')}
                    label={t('plans.entry.projectCategory')}
                    defaultValue={v.text(at('support_category'), stored?.support_category)}
                    error={errors[at('support_category')]}
                    options={[{ value: '', label: t('plans.entry.chooseCategory') }, ...SUPPORT_CATEGORIES.map((c) => ({ value: String(c), label: t(`planning.category.${c}`) }))]}
                  />
                </div>
              </>
            );
          }}
        />
        <p className="hint">{t('plans.entry.moreRows')}</p>

        <div className="plan-savebar">
          <button type="submit" className="button">
            {t('plans.entry.save')}
          </button>
          <Link to={`/funds/${d.fund.code}/plans/${d.fiscalYear}#programs`}>{t('plans.entry.cancel')}</Link>
        </div>
      </Form>
    </>
  );
}

function IndicatorCard(props: { s: Situation; fiscalYear: number; errors: Record<string, string>; v: Values; typed: boolean }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { s, errors, v } = props;
  const { indicator } = s;
  const at = (f: string) => `situations.${indicator.code}.${f}`;
  const unit = t(`planning.unit.${indicator.unit}`);
  const name = lang === 'en' ? indicator.name_en : indicator.name_th;
  const isCount = indicator.unit === 'count';
  const fromCounts = s.numerator !== null && s.denominator !== null;
  const hasError = SITUATION_FIELDS.some((f) => errors[at(f)]);
  return (
    <fieldset className={hasError ? 'plan-indicator plan-indicator--error' : 'plan-indicator'}>
      <legend>
        <span className="plan-indicator__name">{name}</span>
        <span className="plan-indicator__meta">
          {indicator.code} · {t('plans.entry.unit', { unit })} · {t(`plans.direction.${indicator.direction}`)}
        </span>
      </legend>
      {indicator.definition_th && (
        <p className="field__hint" lang="th">
          {indicator.definition_th}
        </p>
      )}
      <div className="plan-indicator__body">
        <div className="plan-indicator__inputs">
          {isCount ? (
            <TextField
              name={at('value')}
              label={indicator.numerator_th || t('plans.entry.countLabel')}
              labelLang="th"
              hint={t('plans.entry.countHint')}
              defaultValue={v.text(at('value'), s.value)}
              error={errors[at('value')]}
              maxLength={16}
              inputMode="decimal"
              autoComplete="off"
            />
          ) : (
            <>
              <div className="field-pair">
                <TextField
                  name={at('numerator')}
                  label={wording(t, 'numerator', indicator.numerator_th, lang)}
                  labelLang="th"
                  hint={t('plans.entry.numeratorHint')}
                  defaultValue={v.text(at('numerator'), s.numerator)}
                  error={errors[at('numerator')]}
                  maxLength={16}
                  inputMode="numeric"
                  autoComplete="off"
                />
                <TextField
                  name={at('denominator')}
                  label={wording(t, 'denominator', indicator.denominator_th, lang)}
                  labelLang="th"
                  hint={t('plans.entry.denominatorHint')}
                  defaultValue={v.text(at('denominator'), s.denominator)}
                  error={errors[at('denominator')]}
                  maxLength={16}
                  inputMode="numeric"
                  autoComplete="off"
                />
              </div>
              <TextField
                name={at('value')}
                label={t('plans.entry.rateOnly', { unit })}
                hint={t('plans.entry.rateOnlyHint')}
                defaultValue={v.text(at('value'), fromCounts ? null : s.value)}
                error={errors[at('value')]}
                maxLength={16}
                inputMode="decimal"
                autoComplete="off"
              />
            </>
          )}
          {s.value !== null && (
            <p className="plan-computed">
              <span className="plan-computed__label">
                {props.typed ? t('plans.entry.lastSaved') : fromCounts ? t('plans.entry.computed') : t('plans.entry.savedValue')}
              </span>{' '}
              <strong>{valueText(t, indicator.unit, s.value, lang)}</strong>
              {fromCounts && <span className="cell-note">{t('plans.entry.computedFrom', { numerator: formatCount(s.numerator), denominator: formatCount(s.denominator) })}</span>}
            </p>
          )}
          <TextField
            name={at('target')}
            label={t('plans.entry.target', { unit })}
            hint={t(`plans.entry.targetHint.${indicator.direction}`)}
            defaultValue={v.text(at('target'), s.target)}
            error={errors[at('target')]}
            maxLength={16}
            inputMode="decimal"
            autoComplete="off"
          />
          <div className="field-pair">
            <TextField
              name={at('source')}
              label={`${t('plans.entry.source')} ${t('admin.optional')}`}
              hint={t('plans.entry.sourceHint')}
              defaultValue={v.text(at('source'), s.source)}
              error={errors[at('source')]}
              maxLength={300}
              autoComplete="off"
            />
            <TextField
              name={at('data_date')}
              label={`${t('plans.entry.dataDate')} ${t('admin.optional')}`}
              hint={t('admin.dateHint')}
              defaultValue={v.text(at('data_date'), s.dateInput)}
              error={errors[at('data_date')]}
              maxLength={12}
              autoComplete="off"
            />
          </div>
        </div>
        <ComparisonTable comparison={s.comparison} unit={indicator.unit} own={s.value} fiscalYear={props.fiscalYear} />
      </div>
    </fieldset>
  );
}

const SITUATION_FIELDS = ['numerator', 'denominator', 'value', 'target', 'source', 'data_date'] as const;

/** The catalogue words are Thai; English readers get them named as what they are. */
function wording(t: Translate, part: 'numerator' | 'denominator', text: string, lang: Lang): string {
  if (!text) return t(`plans.entry.${part}`);
  return lang === 'en' ? t(`plans.entry.${part}Of`, { wording: text }) : text;
}

function ComparisonTable(props: { comparison: Comparison; unit: IndicatorUnit; own: string | null; fiscalYear: number }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const cell = (text: string | null | undefined) => (text == null ? '—' : formatHundredths(hundredthsFromNumeric(text), lang));
  const levels = ['district', 'province', 'region', 'country'] as const;
  return (
    <div className="plan-compare">
      <table className="plan-compare__table">
        <caption>{t('plans.compare.caption', { year: props.fiscalYear, unit: t(`planning.unit.${props.unit}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.compare.area')}</th>
            <th scope="col" className="num">
              {t('plans.compare.plain')}
            </th>
            <th scope="col" className="num">
              {t('plans.compare.weighted')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="plan-compare__own">
            <th scope="row">{t('plans.compare.thisFund')}</th>
            <td className="num" colSpan={2}>
              {cell(props.own)}
            </td>
          </tr>
          {levels.map((level) => {
            const figure = props.comparison[level];
            return (
              <tr key={level}>
                <th scope="row">
                  {t(`plans.compare.${level}`)}
                  {figure && <span className="cell-note">{t('plans.compare.funds', { count: formatCount(figure.funds) })}</span>}
                </th>
                <td className="num">{cell(figure?.plain)}</td>
                <td className="num">{cell(figure?.weighted)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Examples({ d }: { d: Data }) {
  const t = useT();
  const examples = [...new Set(d.situations.map((s) => s.indicator.default_objective_th).filter(Boolean))].slice(0, 5);
  if (examples.length === 0) return null;
  return (
    <details className="plan-examples">
      <summary>{t('plans.entry.examples')}</summary>
      <ul lang="th">
        {examples.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * A repeating group of the form (objectives, projects): its heading, lead and the group's error,
 * then `count` numbered rows whose fields are named `group.<row>.<field>` (at(field)).
 */
function RowGroup(props: {
  group: string;
  title: string;
  lead: string;
  error: string | undefined;
  intro?: ReactNode;
  count: number;
  legend: (n: number) => string;
  row: (at: (field: string) => string, i: number) => ReactNode;
}) {
  return (
    <>
      <h2 id={props.group} tabIndex={-1}>
        {props.title}
      </h2>
      <p className="hint">{props.lead}</p>
      {props.error && <p className="field__error">{props.error}</p>}
      {props.intro}
      {Array.from({ length: props.count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
        <fieldset key={i} className="plan-row">
          <legend>{props.legend(i + 1)}</legend>
          {props.row((field) => `${props.group}.${i}.${field}`, i)}
        </fieldset>
      ))}
    </>
  );
}

/** Checkboxes each named `group.value` ('on' when ticked); the fieldset's id is the group's name. */
function Checkboxes(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  items: { value: string; label: string; note?: string | undefined; checked: boolean }[];
}) {
  return (
    <fieldset
      id={props.name}
      tabIndex={-1}
      className={props.error ? 'field radios plan-checks field--error' : 'field radios plan-checks'}
      aria-describedby={describedBy(props)}
    >
      <legend>
        <h2 className="plan-checks__title">{props.legend}</h2>
      </legend>
      <Described name={props.name} hint={props.hint} error={props.error} />
      <div className="checkbox-columns">
        {props.items.map((item) => {
          const id = `${props.name}.${item.value}`;
          return (
            <div key={item.value} className="radios__item">
              <input type="checkbox" id={id} name={id} defaultChecked={item.checked} />
              <label htmlFor={id}>
                {item.label}
                {item.note && <span className="radios__hint">{item.note}</span>}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The summary lists problems in the order their fields appear on the page. */
function inPageOrder(errors: Record<string, string>, labels: Record<string, string>): Record<string, string> {
  const order = ['_form', ...Object.keys(labels)];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** Each field's name for the error summary: "<indicator> – how many smoke: …". */
function entryLabels(t: Translate, d: Data, lang: Lang, objectiveRows: number, projectRows: number): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const s of d.situations) {
    const name = lang === 'en' ? s.indicator.name_en : s.indicator.name_th;
    for (const f of SITUATION_FIELDS) labels[`situations.${s.indicator.code}.${f}`] = `${name} – ${t(`plans.field.${f}`)}`;
  }
  for (const c of PRIORITY_CRITERIA) labels[`scores.${c}`] = t(`plans.score.${c}`);
  labels.objectives = t('plans.entry.objectivesTitle');
  for (let i = 0; i < objectiveRows; i++) {
    for (const f of ['objective', 'indicator', 'target'] as const) labels[`objectives.${i}.${f}`] = `${t('plans.entry.objectiveN', { n: i + 1 })} – ${t(`plans.field.objective.${f}`)}`;
  }
  labels.approaches = t('plans.entry.approachesTitle');
  labels.target_groups = t('plans.entry.groupsTitle');
  labels.projects = t('plans.entry.projectsTitle');
  for (let i = 0; i < projectRows; i++) {
    for (const f of ['title', 'organisation', 'budget', 'support_category'] as const) labels[`projects.${i}.${f}`] = `${t('plans.entry.projectN', { n: i + 1 })} – ${t(`plans.field.project.${f}`)}`;
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Read only

function EntryReadOnly({ d }: { d: Data }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const total = priorityTotal(d.scores);
  const approaches = d.approaches.filter((a) => a.chosen);
  const groups = d.targetGroups.filter((g) => g.chosen);
  return (
    <>
      <ReadOnlyReason d={d} />
      <h2 id="situation">{t('plans.entry.situationTitle')}</h2>
      <p className="hint">{t('plans.compare.explain')}</p>
      {d.situations.map((s) => {
        const { indicator } = s;
        const name = lang === 'en' ? indicator.name_en : indicator.name_th;
        const fromCounts = s.numerator !== null && s.denominator !== null;
        return (
          <section key={indicator.code} className="plan-indicator" aria-labelledby={`ind-${indicator.code}`}>
            <h3 id={`ind-${indicator.code}`} className="plan-indicator__heading">
              <span className="plan-indicator__name">{name}</span>
              <span className="plan-indicator__meta">
                {indicator.code} · {t(`plans.direction.${indicator.direction}`)}
              </span>
            </h3>
            <div className="plan-indicator__body">
              {s.value === null ? (
                <p className="plan-indicator__inputs">{t('plans.entry.noValue')}</p>
              ) : (
                <dl className="details details--stacked plan-indicator__inputs">
                  {fromCounts && (
                    <>
                      <Detail termLang="th" term={wording(t, 'numerator', indicator.numerator_th, lang)}>{formatCount(s.numerator)}</Detail>
                      <Detail termLang="th" term={wording(t, 'denominator', indicator.denominator_th, lang)}>{formatCount(s.denominator)}</Detail>
                    </>
                  )}
                  <Detail term={t('plans.entry.value')}>{valueText(t, indicator.unit, s.value, lang)}</Detail>
                  <Detail term={t('plans.entry.targetShort')}>{valueText(t, indicator.unit, s.target, lang)}</Detail>
                  <Detail term={t('plans.entry.source')}>
                    {s.source ?? '—'}
                    {s.dateText && <span className="cell-note">{t('plans.entry.asOf', { date: s.dateText })}</span>}
                  </Detail>
                </dl>
              )}
              <ComparisonTable comparison={s.comparison} unit={indicator.unit} own={s.value} fiscalYear={d.fiscalYear} />
            </div>
          </section>
        );
      })}

      <h2 id="scores">{t('plans.entry.scoresTitle')}</h2>
      <dl className="details">
        {PRIORITY_CRITERIA.map((c) => (
          <Detail key={c} term={t(`plans.score.${c}`)}>{d.scores[c] ?? '—'}</Detail>
        ))}
        <Detail term={t('plans.entry.scoreTotalLabel')}>{total === null ? t('plans.programs.unscored') : t('plans.programs.priorityOf', { total })}</Detail>
      </dl>

      <ReadOnlyPart id="objectives" title={t('plans.entry.objectivesTitle')} empty={d.objectives.length === 0}>
        <StackTable
          rows={d.objectives}
          // Objectives have no id of their own: rows are positions.
          rowKey={(_, i) => i}
          columns={[
            { label: t('plans.entry.objective'), cell: (o) => o.objective },
            { label: t('plans.entry.objectiveIndicator'), cell: (o) => o.indicator || '—' },
            { label: t('plans.entry.objectiveTarget'), cell: (o) => o.target || '—' },
          ]}
        />
      </ReadOnlyPart>

      <ReadOnlyPart id="approaches" title={t('plans.entry.approachesTitle')} empty={approaches.length === 0}>
        <ul>
          {approaches.map((a) => (
            <li key={a.id} lang="th">
              {a.name_th}
            </li>
          ))}
        </ul>
      </ReadOnlyPart>

      <ReadOnlyPart id="target_groups" title={t('plans.entry.groupsTitle')} empty={groups.length === 0}>
        <ul>
          {groups.map((g) => (
            <li key={g.code}>
              {lang === 'en' ? g.name_en : g.name_th} <span className="code">{g.code}</span>
            </li>
          ))}
        </ul>
      </ReadOnlyPart>

      <ReadOnlyPart id="projects" title={t('plans.entry.projectsTitle')} empty={d.projects.length === 0}>
        <StackTable
          rows={d.projects}
          // Planned projects have no public id: rows are positions.
          rowKey={(_, i) => i}
          columns={[
            { label: t('plans.entry.projectTitle'), cell: (p) => p.title },
            { label: t('plans.entry.projectOrganisation'), cell: (p) => p.organisation || '—' },
            { label: t('plans.entry.projectCategory'), cell: (p) => t(`planning.category.${p.support_category as 1 | 2 | 3 | 4 | 5}`) },
            { label: t('plans.entry.projectBudget'), num: true, cell: (p) => moneyText(p.budget, lang) },
          ]}
        />
      </ReadOnlyPart>
    </>
  );
}

/** A part of the read-only entry under its heading, or that none was given. */
function ReadOnlyPart(props: { id: string; title: string; empty: boolean; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <h2 id={props.id}>{props.title}</h2>
      {props.empty ? <p>{t('plans.entry.noneGiven')}</p> : props.children}
    </>
  );
}
