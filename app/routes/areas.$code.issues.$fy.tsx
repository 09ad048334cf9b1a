import { data, Form, Link, redirect } from 'react-router';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import type { Lang } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { type DistrictIssues, getDistrictIssues, MAX_DISTRICT_ISSUES, MIN_DISTRICT_ISSUES, saveDistrictIssues } from '../../src/use-cases/plan-analysis.ts';
import { listPrograms } from '../../src/use-cases/planning-catalogue.ts';
import { labelled } from '../components/admin-form.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/form.tsx';
import { shortFundName } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { type Nested, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/areas.$code.issues.$fy';

// The district health board's (พชอ.) issues for a year: a few rows, each an issue with its plan
// program, the program's indicators it follows and the district's funds that work on it. The
// indicators offered are those of the row's program; choosing another program and pressing
// "show its indicators" re-renders the form without saving, so it all works without JavaScript.

/** Blank rows offered beyond the saved issues. */
const SPARE_ROWS = 2;

interface IssueRow {
  title: string;
  program: string;
  indicators: string[];
  funds: string[];
}

async function load(context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  let issues: DistrictIssues;
  try {
    issues = await getDistrictIssues(db, actorOf(user), { code: params.code, fiscalYear: params.fy });
  } catch (error) {
    throw asPageError(error);
  }
  const planPage = `/areas/${issues.district.code}/plans/${issues.fiscalYear}`;
  // Those who may not change the issues read them on the district plan.
  if (!issues.mayEdit) throw redirect(`${planPage}#issues`);
  if (issues.district.code !== params.code || String(issues.fiscalYear) !== params.fy) {
    throw redirect(`/areas/${issues.district.code}/issues/${issues.fiscalYear}`);
  }
  const programs = await listPrograms(db, { includeInactive: true });
  return { issues, programs, planPage };
}

export async function loader({ params, context }: Route.LoaderArgs) {
  const { issues, programs, planPage } = await load(context, params);
  return {
    district: issues.district,
    fiscalYear: issues.fiscalYear,
    version: issues.version,
    rows: issues.issues.map((i) => ({ title: i.title, program: i.program_code, indicators: i.indicators, funds: i.funds })),
    funds: issues.funds,
    programs: programs.map((p) => ({
      code: p.code,
      name_th: p.name_th,
      name_en: p.name_en,
      is_active: p.is_active,
      indicators: p.indicators.filter((i) => i.is_active).map(({ code, name_th, name_en, unit }) => ({ code, name_th, name_en, unit })),
    })),
    planPage,
  };
}

export async function action({ params, context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const form = await request.formData();
  const intent = form.get('intent');
  const input = nestedFields(form);
  delete input.intent;
  // "Show its indicators": the same form again, nothing saved.
  if (intent === 'refresh') return data({ ok: false as const, refreshed: true, input: input as Record<string, unknown>, errors: {} as Record<string, string> });
  const result = await attempt(t, input, () =>
    saveDistrictIssues(services(context).database.db, actorOf(user), { ...input, code: params.code, fiscalYear: params.fy }),
  );
  if (!('value' in result)) return result;
  return redirect(`/areas/${params.code}/plans/${params.fy}?done=issues#issues`);
}

/** The posted rows, in order, as the form shows them. */
function rowsFromInput(input: Record<string, unknown>): IssueRow[] {
  const issues = (input.issues ?? {}) as Record<string, Nested | string>;
  const ticked = (group: Nested | string | undefined) =>
    typeof group === 'object' ? Object.entries(group).filter(([, v]) => v === 'on').map(([code]) => code) : [];
  return Object.entries(issues)
    .filter(([key, value]) => /^\d{1,2}$/.test(key) && typeof value === 'object')
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, value]) => {
      const row = value as Nested;
      return {
        title: typeof row.title === 'string' ? row.title : '',
        program: typeof row.program === 'string' ? row.program : '',
        indicators: ticked(row.indicators),
        funds: ticked(row.funds),
      };
    });
}

export default function DistrictIssuesPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { district, fiscalYear: fy, programs, funds, planPage } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const refreshed = failed !== null && 'refreshed' in failed;
  const errors: Record<string, string> = failed?.errors ?? {};
  const echoed = failed ? rowsFromInput(failed.input) : null;
  const version = failed ? String(failed.input.version ?? '') : loaderData.version === null ? '' : String(loaderData.version);
  const rows = [...(echoed ?? loaderData.rows)];
  if (!echoed) {
    const wanted = Math.min(MAX_DISTRICT_ISSUES, Math.max(rows.length + SPARE_ROWS, MIN_DISTRICT_ISSUES + 1));
    while (rows.length < wanted) rows.push({ title: '', program: '', indicators: [], funds: [] });
  }
  const labels: Record<string, string> = {};
  rows.forEach((_, i) => {
    labels[`issues.${i}.title`] = `${t('issues.row', { n: i + 1 })} — ${t('issues.titleField')}`;
    labels[`issues.${i}.program`] = `${t('issues.row', { n: i + 1 })} — ${t('issues.program')}`;
  });
  const { _form: formError, ...fieldErrors } = errors;
  const name = nameOf(district, lang);
  const title = t('issues.title');
  const action = `/areas/${district.code}/issues/${fy}`;
  return (
    <section className="admin-page issues-page">
      <title>{`${title}: ${name} — ${formatFiscalYear(fy, lang)} — kongtun`}</title>
      <p className="back-link">
        <Link to={planPage}>{t('issues.back', { name })}</Link>
      </p>
      <h1>
        {title}
        <span className="heading-note">
          {name} ({district.code}) · {formatFiscalYear(fy, lang)}
        </span>
      </h1>
      {formError && (
        <div className="warning" role="alert">
          {formError}
        </div>
      )}
      {refreshed && (
        <div className="notice" role="status">
          {t('issues.refreshed')}
        </div>
      )}
      <ErrorSummary errors={labelled(fieldErrors, labels)} />
      <div className="lead-text">
        <p>{t('issues.lead', { min: MIN_DISTRICT_ISSUES })}</p>
        <ul className="plain-list">
          <li>{t('issues.howIndicators')}</li>
          <li>{t('issues.howFunds')}</li>
          <li>{t('issues.howRemove')}</li>
        </ul>
      </div>
      <Form method="post" noValidate action={action} className="issues-form">
        <CsrfField />
        {/* Enter in a text box saves (the first submit button is the default one). */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          {t('issues.save')}
        </button>
        <input type="hidden" name="version" value={version} />
        {rows.map((row, i) => (
          <IssueFields
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the form
            key={i}
            index={i}
            row={row}
            errors={errors}
            programs={programs}
            funds={funds}
            action={action}
            lang={lang}
          />
        ))}
        {rows.length >= MAX_DISTRICT_ISSUES && <p className="hint">{t('issues.maxRows', { max: MAX_DISTRICT_ISSUES })}</p>}
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button">
            {t('issues.save')}
          </button>
          <Link to={planPage}>{t('admin.cancel')}</Link>
        </div>
      </Form>
    </section>
  );
}

function IssueFields(props: {
  index: number;
  row: IssueRow;
  errors: Record<string, string>;
  programs: { code: string; name_th: string; name_en: string; is_active: boolean; indicators: { code: string; name_th: string; name_en: string }[] }[];
  funds: { code: string; name_th: string; programs: string[] }[];
  action: string;
  lang: Lang;
}) {
  const t = useT();
  const { index: i, row, errors, programs, funds, action, lang } = props;
  const prefix = `issues.${i}`;
  const program = programs.find((p) => p.code === row.program);
  const options = [
    { value: '', label: t('issues.chooseProgram') },
    ...programs.filter((p) => p.is_active || p.code === row.program).map((p) => ({ value: p.code, label: nameOf(p, lang) })),
  ];
  // Funds whose plan for the year holds the row's program first: the likely contributors.
  const holding = (f: { programs: string[] }) => row.program !== '' && f.programs.includes(row.program);
  const orderedFunds = [...funds.filter(holding), ...funds.filter((f) => !holding(f))];
  // Indicators ticked before another program was chosen are not this program's: say so.
  const stray = program ? row.indicators.filter((code) => !program.indicators.some((ind) => ind.code === code)) : [];
  return (
    <fieldset className="form-section issue-row" id={`issue-${i}`}>
      <legend>{t('issues.row', { n: i + 1 })}</legend>
      <TextField
        name={`${prefix}.title`}
        label={t('issues.titleField')}
        hint={i === 0 ? t('issues.titleHint') : undefined}
        defaultValue={row.title}
        error={errors[`${prefix}.title`]}
        maxLength={300}
      />
      <div className="issue-row__program">
        <SelectField name={`${prefix}.program`} label={t('issues.program')} options={options} defaultValue={row.program} error={errors[`${prefix}.program`]} />
        <button type="submit" name="intent" value="refresh" formAction={`${action}#issue-${i}`} className="button button--secondary button--small">
          {t('issues.showIndicators')}
        </button>
      </div>
      <fieldset className="field radios issue-row__group" id={`${prefix}.indicators`}>
        <legend>{program ? t('issues.indicatorsOf', { program: nameOf(program, lang) }) : t('issues.indicators')}</legend>
        {!program ? (
          <p className="field__hint">{t('issues.indicatorsNoProgram')}</p>
        ) : program.indicators.length === 0 ? (
          <p className="field__hint">{t('issues.noIndicators')}</p>
        ) : (
          <div className="checkbox-columns">
            {program.indicators.map((indicator) => {
              const id = `${prefix}.indicators.${indicator.code}`;
              return (
                <div key={indicator.code} className="radios__item">
                  <input type="checkbox" id={id} name={id} value="on" defaultChecked={row.indicators.includes(indicator.code)} />
                  <label htmlFor={id}>{nameOf(indicator, lang)}</label>
                </div>
              );
            })}
          </div>
        )}
        {stray.length > 0 && <p className="field__hint">{t('issues.strayIndicators', { count: stray.length })}</p>}
      </fieldset>
      <fieldset className="field radios issue-row__group" id={`${prefix}.funds`} aria-describedby={`${prefix}.funds-hint`}>
        <legend>{t('issues.funds')}</legend>
        <p className="field__hint" id={`${prefix}.funds-hint`}>
          {program ? t('issues.fundsHint', { program: nameOf(program, lang) }) : t('issues.fundsHintNoProgram')}
        </p>
        {funds.length === 0 ? (
          <p>{t('issues.noFunds')}</p>
        ) : (
          <div className="checkbox-columns">
            {orderedFunds.map((fund) => {
              const id = `${prefix}.funds.${fund.code}`;
              return (
                <div key={fund.code} className="radios__item">
                  <input type="checkbox" id={id} name={id} value="on" defaultChecked={row.funds.includes(fund.code)} />
                  <label htmlFor={id}>
                    {shortFundName(fund.name_th)} <span className="code">{fund.code}</span>
                    {holding(fund) && <span className="holds-program">{t('issues.holdsProgram')}</span>}
                  </label>
                </div>
              );
            })}
          </div>
        )}
      </fieldset>
    </fieldset>
  );
}
