import { useState } from 'react';
import { Form, Link, redirect } from 'react-router';
import { percentToBasisPoints } from '../../src/domain/fund-year.ts';
import { parseMoney } from '../../src/domain/import-values.ts';
import { formatBaht, fromNumeric, type Satang, ZERO_SATANG } from '../../src/domain/money.ts';
import { SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { formatFiscalYear } from '../../src/domain/thai-date.ts';
import type { Lang, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { FINANCE_FIELDS, type FinanceField, financialPlanOf, financialProblemsText, financialSummaryText } from '../../src/use-cases/financial-plan.ts';
import { saveFinancialPlan } from '../../src/use-cases/plans.ts';
import { formFields, labelled, moneyForInput, moneyText, rateText } from '../components/admin-form.tsx';
import { ErrorSummary, Field } from '../components/form.tsx';
import { Detail, PlanHeading, revisionQuery, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { loadFundPlanYear } from '../lib/plans.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.plans.$fy.finance';

// The annual financial plan: expected receipts, the allocations to support categories 10(1)–10(5)
// each beside what the plan's projects in that category add up to, and the summary NHSO checks
// (10(4) within its cap of the year's income, nothing allocated beyond the receipts).

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const search = new URL(request.url).searchParams;
  const { year, revision } = await loadFundPlanYear(context, params, search, '/finance');
  const { plan } = year;
  return {
    fund: year.fund,
    fiscalYear: year.fiscalYear,
    plan: plan && {
      revision: plan.revision,
      status: plan.status,
      version: plan.version,
      finance: plan.finance,
      projectCounts: Object.fromEntries(
        SUPPORT_CATEGORIES.map((c) => [c, plan.entries.flatMap((e) => e.projects).filter((p) => p.support_category === c).length]),
      ) as Record<(typeof SUPPORT_CATEGORIES)[number], number>,
    },
    editable: plan !== null && plan.status === 'draft' && year.may.edit,
    asked: revision,
    saved: search.get('done') === 'saved',
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const input = formFields(await request.formData());
  // The cap and the receipts come back as numeric text; written here as people read money.
  const readable: Translate = (key, params) =>
    t(
      key,
      params && (key === 'planning.error.overAdminCap' || key === 'planning.error.overReceipts')
        ? { ...params, max: formatBaht(fromNumeric(String(params.max)), { unit: false }), percent: rateText(String(params.percent)) }
        : params,
    );
  const result = await attempt(readable, input, () =>
    saveFinancialPlan(services(context).database.db, actorOf(user), { ...input, code: params.code, fiscalYear: params.fy }),
  );
  if (!('value' in result)) return result;
  return redirect(`/funds/${params.code.toUpperCase()}/plans/${params.fy}/finance?done=saved`);
}

const RECEIPTS = ['carry_over', 'nhso_transfer', 'lao_cofunding', 'other_income'] as const;

/**
 * The summary of the amounts in the form, as the use case will work it out, so the page can show
 * it before saving (after a refused save, and as the user types once scripts have loaded).
 * null when an amount cannot be read; then the saved summary stands.
 */
function summaryOf(values: Record<string, unknown>, capPercent: string | null) {
  const amount = (field: FinanceField): Satang | null => {
    const text = typeof values[field] === 'string' ? (values[field] as string).trim() : '';
    if (text === '') return ZERO_SATANG;
    const parsed = parseMoney(text);
    return parsed.ok ? parsed.value : null;
  };
  const read = Object.fromEntries(FINANCE_FIELDS.map((f) => [f, amount(f)])) as Record<FinanceField, Satang | null>;
  if (Object.values(read).some((v) => v === null) || capPercent === null) return null;
  const plan = financialPlanOf(read);
  const bp = percentToBasisPoints(capPercent);
  return { summary: financialSummaryText(plan, bp), problems: financialProblemsText(plan, bp) };
}

export default function FinancialPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const typed = failed ? (failed.input as unknown as Record<string, unknown>) : undefined;
  // What the form holds now: typed (a refused save), as the user types, else the saved amounts.
  const [live, setLive] = useState<Record<string, unknown> | null>(null);
  const fyLabel = formatFiscalYear(d.fiscalYear, lang);
  const fundName = nameOf(d.fund, lang);
  const yearHref = `/funds/${d.fund.code}/plans/${d.fiscalYear}${revisionQuery(d.asked)}`;
  const head = (
    <PlanHeading
      title={t('plans.money.title')}
      fund={{ code: d.fund.code, name: fundName }}
      year={fyLabel}
      back={{ to: `${yearHref}#finance`, label: t('plans.entry.back', { year: fyLabel }) }}
    />
  );
  if (!d.plan) {
    return (
      <section className="admin-page plan-page">
        {head}
        <p className="plan-empty">{t('plans.money.noPlan')}</p>
      </section>
    );
  }
  const { finance } = d.plan;
  const capPercent = finance.adminCapPercent ? rateText(finance.adminCapPercent) : null;
  const label = (field: FinanceField): string => {
    if (field.startsWith('allocation_')) return t(`planning.category.${Number(field.slice(-1)) as 1 | 2 | 3 | 4 | 5}`);
    return t(`plans.money.${field as (typeof RECEIPTS)[number]}`);
  };
  const labels: Record<string, string> = Object.fromEntries(FINANCE_FIELDS.map((f) => [f, label(f)]));
  labels.allocation_total = t('plans.money.totalAllocated');
  const value = (field: FinanceField, suggested?: string | null): string => {
    const sent = typed?.[field];
    if (typeof sent === 'string') return sent;
    const stored = finance.inputs[field];
    return moneyForInput(stored ?? suggested ?? null);
  };
  const inForm = live ?? typed ?? null;
  const unsaved = d.editable && inForm ? summaryOf(inForm, finance.adminCapPercent) : null;
  const s = unsaved?.summary ?? finance.summary;
  const problems = unsaved?.problems ?? finance.problems;
  return (
    <section className="admin-page plan-page">
      {head}
      {d.saved && !failed && (
        <div className="notice" role="status">
          {t('plans.money.saved')}
        </div>
      )}
      <ErrorSummary errors={labelled(errors, labels)} />
      {!d.editable && <p className="notice plan-readonly">{t('plans.money.readOnly')}</p>}

      <div className="plan-money">
        {d.editable ? (
          <Form
            method="post"
            noValidate
            className="plan-form"
            id="_form"
            onChange={(event) => setLive(Object.fromEntries(new FormData(event.currentTarget)))}
          >
            <CsrfField />
            <input type="hidden" name="version" value={d.plan.version} />
            {errors._form && (
              <p className="warning">
                {errors._form} <a href={`/funds/${d.fund.code}/plans/${d.fiscalYear}/finance`}>{t('plans.entry.reload')}</a>
              </p>
            )}
            <fieldset className="form-section">
              <legend>{t('plans.money.receipts')}</legend>
              <p className="field__hint">{t('plans.money.receiptsLead')}</p>
              {RECEIPTS.map((field) => {
                const suggestable = field === 'nhso_transfer' || field === 'lao_cofunding' ? field : null;
                const suggested = suggestable ? finance.suggested[suggestable] : null;
                const hint = [
                  t('admin.moneyHint'),
                  suggestable && suggested
                    ? t(finance.inputs[suggestable] === null ? `plans.money.suggestedFilled.${suggestable}` : `plans.money.suggested.${suggestable}`, {
                        amount: moneyText(suggested, lang),
                      })
                    : null,
                  field === 'carry_over' ? t('plans.money.carryOverHint') : null,
                ]
                  .filter(Boolean)
                  .join(' · ');
                return <MoneyInput key={field} name={field} label={label(field)} hint={hint} value={value(field, suggested)} error={errors[field]} />;
              })}
            </fieldset>
            <fieldset className="form-section">
              <legend>{t('plans.money.allocations')}</legend>
              <p className="field__hint">{t('plans.money.allocationsLead')}</p>
              {SUPPORT_CATEGORIES.map((c) => {
                const field = `allocation_${c}` as const;
                const planned = t('plans.money.planned', { amount: moneyText(finance.plannedByCategory[c], lang), count: d.plan?.projectCounts[c] ?? 0 });
                const cap = c === 4 && capPercent ? t('plans.money.capHint', { percent: capPercent }) : null;
                return (
                  <MoneyInput
                    key={field}
                    name={field}
                    label={label(field)}
                    hint={[t('admin.moneyHint'), cap].filter(Boolean).join(' · ')}
                    beside={planned}
                    value={value(field)}
                    error={errors[field]}
                  />
                );
              })}
              <p className="plan-money__total">
                {t('plans.money.totalLine', { allocated: moneyText(s.totalAllocated, lang), receipts: moneyText(s.totalReceipts, lang) })}{' '}
                <span className={s.unallocated.startsWith('-') ? 'plan-negative' : undefined}>{t('plans.money.leftLine', { amount: moneyText(s.unallocated, lang) })}</span>
              </p>
            </fieldset>
            <div className="plan-savebar">
              <button type="submit" className="button">
                {t('plans.money.save')}
              </button>
              <Link to={`${yearHref}#finance`}>{t('plans.entry.cancel')}</Link>
            </div>
          </Form>
        ) : (
          <ReadOnlyFinance finance={finance} counts={d.plan.projectCounts} label={label} lang={lang} />
        )}

        <aside className="figures plan-money__summary" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('plans.money.summary')}</h2>
          <p className="hint">{unsaved ? t('plans.money.summaryUnsaved') : t('plans.money.summaryNote')}</p>
          <dl className="details details--stacked">
            <Detail term={t('plans.money.yearIncome')}>{moneyText(s.yearIncome, lang)}</Detail>
            <Detail term={t('plans.money.totalReceipts')}>{moneyText(s.totalReceipts, lang)}</Detail>
            <Detail term={capPercent ? t('plans.money.adminCapOf', { percent: capPercent }) : t('plans.money.adminCap')}>{moneyText(s.adminCap, lang)}</Detail>
            <div id="allocation_total" tabIndex={-1} className={errors.allocation_total ? 'plan-summary--error' : undefined}>
              <dt>{t('plans.money.totalAllocated')}</dt>
              <dd>
                {moneyText(s.totalAllocated, lang)}
                {errors.allocation_total && <span className="field__error plan-summary__error">{errors.allocation_total}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('plans.money.unallocated')}</dt>
              <dd className={s.unallocated.startsWith('-') ? 'plan-negative' : undefined}>{moneyText(s.unallocated, lang)}</dd>
            </div>
          </dl>
          {!failed &&
            problems.map((p) => (
              <p key={p.field} className="warning">
                {p.problem === 'over_admin_cap'
                  ? t('plans.money.problemAdmin', { max: moneyText(p.max, lang) })
                  : t('plans.money.problemTotal', { max: moneyText(p.max, lang) })}
              </p>
            ))}
        </aside>
      </div>
    </section>
  );
}

function MoneyInput(props: { name: string; label: string; hint: string; beside?: string; value: string; error?: string | undefined }) {
  const ids = [`${props.name}-hint`, props.beside ? `${props.name}-planned` : '', props.error ? `${props.name}-error` : ''].filter(Boolean).join(' ');
  return (
    <Field name={props.name} label={props.label} hint={props.hint} error={props.error} className="plan-money__field">
      <div className="plan-money__row">
        <input
          id={props.name}
          name={props.name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={props.value}
          maxLength={20}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={ids}
        />
        {props.beside && (
          <p id={`${props.name}-planned`} className="plan-money__planned">
            {props.beside}
          </p>
        )}
      </div>
    </Field>
  );
}

type Finance = NonNullable<Route.ComponentProps['loaderData']['plan']>['finance'];

function ReadOnlyFinance(props: { finance: Finance; counts: Record<1 | 2 | 3 | 4 | 5, number>; label: (f: FinanceField) => string; lang: Lang }) {
  const t = useT();
  const { finance, lang } = props;
  return (
    <div>
      <h2>{t('plans.money.receipts')}</h2>
      <div className="table-scroll">
        <table className="data-table plan-money__table">
          <tbody>
            {RECEIPTS.map((f) => (
              <tr key={f}>
                <th scope="row">{props.label(f)}</th>
                <td className="num">{moneyText(finance.inputs[f], lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('plans.money.allocations')}</h2>
      <StackTable
        className="plan-money__table"
        rows={SUPPORT_CATEGORIES}
        rowKey={(c) => c}
        columns={[
          { label: t('plans.projects.category'), cell: (c) => props.label(`allocation_${c}`) },
          { label: t('plans.money.allocated'), num: true, cell: (c) => moneyText(finance.inputs[`allocation_${c}`], lang) },
          {
            label: t('plans.money.plannedShort'),
            num: true,
            cell: (c) => (
              <>
                {moneyText(finance.plannedByCategory[c], lang)}
                <span className="cell-note">{t('plans.money.projects', { count: props.counts[c] })}</span>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
