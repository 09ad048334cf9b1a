import { data, Form, Link, redirect } from 'react-router';
import { formatBaht, fromNumeric, type Satang, sumSatang } from '../../src/domain/money.ts';
import { type PlanStatus, type PlanTransition, SUPPORT_CATEGORIES } from '../../src/domain/planning.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, MessageKey, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { addPlanProgram, removePlanProgram, startFundPlan, transitionFundPlan } from '../../src/use-cases/plans.ts';
import { formFields, labelled, moneyText, rateText } from '../components/admin-form.tsx';
import { ErrorSummary, RadioGroupField, SelectField, TextField } from '../components/form.tsx';
import { Detail, OnTime, PlanHeading, PlanStatusBadge, revisionQuery, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { loadFundPlanYear } from '../lib/plans.server.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.plans.$fy';

const NOTICES: Record<string, MessageKey> = {
  started: 'plans.done.started',
  added: 'plans.done.added',
  removed: 'plans.done.removed',
  submit: 'plans.done.submit',
  return: 'plans.done.return',
  approve: 'plans.done.approve',
  revise: 'plans.done.revise',
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { lang } = requestInfo(context);
  const search = new URL(request.url).searchParams;
  const { year, revision } = await loadFundPlanYear(context, params, search);
  const date = (d: string | Date | null) => (d ? formatThaiDate(d, lang, 'short') : null);
  const { plan } = year;
  const working = year.revisions.find((r) => r.status === 'draft' || r.status === 'submitted') ?? year.revisions.find((r) => r.status === 'approved');
  const removeCode = search.get('remove');
  const addedCode = search.get('program');
  return {
    fund: year.fund,
    fiscalYear: year.fiscalYear,
    deadline: formatThaiDate(year.deadline, lang),
    revisions: year.revisions.map((r) => ({
      revision: r.revision,
      status: r.status,
      meeting_number: r.meeting_number,
      meeting: date(r.meeting_date),
      submitted: date(r.submitted_at),
      approvedOnTime: r.approvedOnTime,
    })),
    plan: plan && {
      revision: plan.revision,
      status: plan.status,
      version: plan.version,
      meeting_number: plan.meeting_number,
      meeting: date(plan.meeting_date),
      approvedOnTime: plan.approvedOnTime,
      entries: plan.entries,
      finance: plan.finance,
      coverage: plan.coverage,
    },
    /** Whether this is the revision being worked on or in force, not an older one. */
    isWorking: revision === null || plan?.revision === working?.revision,
    asked: revision,
    targetGroups: year.targetGroups,
    programOptions: year.programOptions,
    previousYearHasPlan: year.previousYearHasPlan,
    may: year.may,
    transitions: year.transitions,
    notice: NOTICES[search.get('done') ?? ''] ?? null,
    added: plan?.entries.find((e) => e.program_code === addedCode) ?? null,
    removing: plan?.status === 'draft' && year.may.edit ? (plan.entries.find((e) => e.program_code === removeCode) ?? null) : null,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const input = formFields(await request.formData());
  const target = { ...input, code: params.code, fiscalYear: params.fy };
  const here = `/funds/${params.code.toUpperCase()}/plans/${params.fy}`;
  switch (input.intent) {
    case 'start': {
      const result = await attempt(t, input, () => startFundPlan(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=started`);
    }
    case 'add': {
      const result = await attempt(t, input, () => addPlanProgram(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=added&program=${encodeURIComponent(String(input.program))}#programs`);
    }
    case 'remove': {
      const result = await attempt(t, input, () => removePlanProgram(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=removed#programs`);
    }
    case 'transition': {
      const result = await attempt(t, input, () => transitionFundPlan(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=${encodeURIComponent(String(input.transition))}`);
    }
    default:
      throw data(null, { status: 400 });
  }
}

type Entry = NonNullable<Route.ComponentProps['loaderData']['plan']>['entries'][number];

const projectTotal = (entry: Entry) => sumSatang(entry.projects.map((p) => fromNumeric(p.budget)));

export default function FundPlanYearPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const { plan, fund } = d;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = (failed?.input ?? {}) as unknown as Record<string, string>;
  const fyLabel = formatFiscalYear(d.fiscalYear, lang);
  const fundName = nameOf(fund, lang);
  const base = `/funds/${fund.code}/plans/${d.fiscalYear}`;
  const keep = revisionQuery(d.asked);
  const editable = plan !== null && plan.status === 'draft' && d.may.edit && d.isWorking;
  const labels: Record<string, string> = {
    copy: t('plans.start.legend'),
    program: t('plans.add.label'),
    meeting_number: t('plans.workflow.meetingNumber'),
    meeting_date: t('plans.workflow.meetingDate'),
  };
  const programName = (e: { name_th: string; name_en: string }) => (lang === 'en' ? e.name_en : e.name_th);
  return (
    <section className="admin-page plan-page">
      <PlanHeading
        title={t('plans.year.title', { year: fyLabel })}
        fund={{ code: fund.code, name: fundName }}
        back={{ to: `/funds/${fund.code}/plans`, label: t('plans.backToYears') }}
      />
      {d.notice && !failed && (
        <div className="notice" role="status">
          {t(d.notice)}
          {d.added && (
            <>
              {' '}
              <Link to={`${base}/programs/${d.added.program_code}`}>{t('plans.done.addedNext', { program: programName(d.added) })}</Link>
            </>
          )}
        </div>
      )}
      <ErrorSummary errors={labelled(errors, labels)} />

      {plan === null ? (
        <NoPlan
          may={d.may}
          previousYearHasPlan={d.previousYearHasPlan}
          fiscalYear={d.fiscalYear}
          deadline={d.deadline}
          errors={errors}
          input={input}
        />
      ) : (
        <>
          <div className="plan-state" id="_form" tabIndex={-1}>
            <p className="plan-state__line">
              <PlanStatusBadge status={plan.status} /> <span className="plan-state__rev">{t('plans.revisionN', { n: plan.revision })}</span>
            </p>
            {d.isWorking ? (
              <p>{stateText(t, plan.status, d.deadline, d.may.viewDraft)}</p>
            ) : (
              <p className="warning">
                {plan.status === 'approved' ? t('plans.year.inForceWhileRevising', { n: plan.revision }) : t('plans.year.oldRevision', { n: plan.revision })}{' '}
                <Link to={base}>{t('plans.year.toCurrent')}</Link>
              </p>
            )}
            {plan.meeting && (
              <p>
                {t('plans.year.approvedAt', { number: plan.meeting_number ?? '—', date: plan.meeting })} <OnTime value={plan.approvedOnTime} />
              </p>
            )}
            {plan.status === 'draft' && d.isWorking && <p className="hint">{t('plans.year.deadline', { date: d.deadline })}</p>}
          </div>

          {d.transitions.length > 0 && (
            <Workflow
              transitions={d.transitions}
              version={plan.version}
              revision={plan.revision}
              deadline={d.deadline}
              errors={errors}
              input={input}
            />
          )}

          <h2 id="programs">{t('plans.programs.title', { count: plan.entries.length })}</h2>
          <p className="hint">{t('plans.programs.lead')}</p>
          {plan.entries.length === 0 ? (
            <p>{editable ? t('plans.programs.noneYet') : t('plans.programs.none')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table stack-table plan-programs">
                <caption className="visually-hidden">{t('plans.programs.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('plans.programs.rank')}
                    </th>
                    <th scope="col">{t('plans.programs.program')}</th>
                    <th scope="col" className="num">
                      {t('plans.programs.priority')}
                    </th>
                    <th scope="col" className="num">
                      {t('plans.programs.situations')}
                    </th>
                    <th scope="col" className="num">
                      {t('plans.programs.objectives')}
                    </th>
                    <th scope="col" className="num">
                      {t('plans.programs.projects')}
                    </th>
                    {editable && (
                      <th scope="col">
                        <span className="visually-hidden">{t('plans.programs.actions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {plan.entries.map((e, i) => (
                    <tr key={e.program_code}>
                      <td className="num plan-programs__rank" data-label={t('plans.programs.rank')}>
                        {i + 1}
                      </td>
                      <th scope="row">
                        <Link to={`${base}/programs/${e.program_code}${keep}`}>{programName(e)}</Link>
                      </th>
                      <td className="num" data-label={t('plans.programs.priority')}>
                        {e.priority === null ? t('plans.programs.unscored') : t('plans.programs.priorityOf', { total: e.priority })}
                      </td>
                      <td className="num" data-label={t('plans.programs.situations')}>
                        {e.situations}
                      </td>
                      <td className="num" data-label={t('plans.programs.objectives')}>
                        {e.objectives}
                      </td>
                      <td className="num" data-label={t('plans.programs.projects')}>
                        {e.projects.length}
                        {e.projects.length > 0 && <span className="cell-note">{formatBaht(projectTotal(e), { lang })}</span>}
                      </td>
                      {editable && (
                        <td>
                          <Link to={`?remove=${e.program_code}#remove`} className="link-button--danger">
                            {t('plans.remove.link')}
                            <span className="visually-hidden"> {programName(e)}</span>
                          </Link>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          {editable && d.removing && (
            <div className="plan-confirm" id="remove" tabIndex={-1}>
              <h3>{t('plans.remove.title', { program: programName(d.removing) })}</h3>
              <p>
                {t('plans.remove.lead', {
                  situations: d.removing.situations,
                  objectives: d.removing.objectives,
                  projects: d.removing.projects.length,
                })}
              </p>
              <Form method="post" className="form-actions" action={base}>
                <CsrfField />
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="version" value={plan.version} />
                <input type="hidden" name="program" value={d.removing.program_code} />
                <button type="submit" className="button button--danger">
                  {t('plans.remove.confirm', { program: programName(d.removing) })}
                </button>
                <Link to={`${base}#programs`}>{t('plans.remove.cancel')}</Link>
              </Form>
            </div>
          )}

          {editable && d.programOptions.length > 0 && (
            <Form method="post" noValidate className="inline-fields plan-add" action={`${base}#programs`}>
              <CsrfField />
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="version" value={plan.version} />
              <SelectField
                name="program"
                label={labels.program!}
                hint={t('plans.add.hint')}
                defaultValue={input.intent === 'add' ? input.program : ''}
                error={errors.program}
                options={[{ value: '', label: t('plans.add.choose') }, ...d.programOptions.map((p) => ({ value: p.code, label: programName(p) }))]}
              />
              <button type="submit" className="button button--secondary">
                {t('plans.add.button')}
              </button>
            </Form>
          )}

          <h2 id="coverage">{t('plans.coverage.title')}</h2>
          <p className="hint">{t('plans.coverage.lead', { reached: plan.coverage.reached.length, total: plan.coverage.reached.length + plan.coverage.missing.length })}</p>
          <ul className="plan-coverage">
            {d.targetGroups
              .filter((g) => g.in_coverage)
              .map((g) => {
                const reached = plan.coverage.reached.includes(g.code);
                return (
                  <li key={g.code} className={reached ? 'plan-coverage__item plan-coverage__item--reached' : 'plan-coverage__item plan-coverage__item--missing'}>
                    <span className="plan-coverage__mark" aria-hidden="true">
                      {reached ? '✓' : '✗'}
                    </span>
                    <span className="plan-coverage__name">
                      {lang === 'en' ? g.name_en : g.name_th} <span className="code">{g.code}</span>
                    </span>
                    <span className="plan-coverage__state">{reached ? t('plans.coverage.reached') : t('plans.coverage.missing')}</span>
                  </li>
                );
              })}
          </ul>

          <h2 id="finance">{t('plans.finance.title')}</h2>
          <FinanceSummary finance={plan.finance} lang={lang} />
          <p>
            <Link to={`${base}/finance${keep}`} className="button button--secondary">
              {editable ? t('plans.finance.edit') : t('plans.finance.view')}
            </Link>
          </p>

          <h2 id="projects">{t('plans.projects.title')}</h2>
          <ProjectsByCategory entries={plan.entries} allocations={plan.finance.inputs} lang={lang} programName={programName} />
        </>
      )}

      {d.revisions.length > 0 && (
        <>
          <h2 id="revisions">{t('plans.revisions.title')}</h2>
          <StackTable
            caption={t('plans.revisions.title')}
            rows={d.revisions}
            rowKey={(r) => r.revision}
            columns={[
              {
                label: t('plans.revisions.revision'),
                cell: (r) =>
                  r.revision === plan?.revision ? (
                    <>
                      {t('plans.revisionN', { n: r.revision })} <span className="cell-note">{t('plans.revisions.shown')}</span>
                    </>
                  ) : (
                    <Link to={`${base}?revision=${r.revision}`}>{t('plans.revisionN', { n: r.revision })}</Link>
                  ),
              },
              { label: t('plans.revisions.status'), cell: (r) => <PlanStatusBadge status={r.status} /> },
              { label: t('plans.revisions.submitted'), cell: (r) => r.submitted ?? '—' },
              {
                label: t('plans.revisions.meeting'),
                cell: (r) => (r.meeting ? t('plans.revisions.meetingValue', { number: r.meeting_number ?? '—', date: r.meeting }) : '—'),
              },
              { label: t('plans.revisions.onTime'), cell: (r) => <OnTime value={r.approvedOnTime} /> },
            ]}
          />
        </>
      )}
    </section>
  );
}

function stateText(t: Translate, status: PlanStatus, deadline: string, internal: boolean): string {
  if (!internal) return status === 'approved' ? t('plans.state.publicApproved') : t('plans.state.superseded');
  switch (status) {
    case 'draft':
      return t('plans.state.draft');
    case 'submitted':
      return t('plans.state.submitted', { date: deadline });
    case 'approved':
      return t('plans.state.approved');
    default:
      return t('plans.state.superseded');
  }
}

function NoPlan(props: {
  may: { viewDraft: boolean; edit: boolean };
  previousYearHasPlan: boolean;
  fiscalYear: number;
  deadline: string;
  errors: Record<string, string>;
  input: Record<string, string>;
}) {
  const t = useT();
  if (!props.may.viewDraft) return <p className="plan-empty">{t('plans.year.noneApproved')}</p>;
  if (!props.may.edit) return <p className="plan-empty">{t('plans.year.noneYet')}</p>;
  const options = [
    ...(props.previousYearHasPlan
      ? [{ value: 'previous', label: t('plans.start.previous', { year: props.fiscalYear - 1 }), hint: t('plans.start.previousHint') }]
      : []),
    { value: 'empty', label: t('plans.start.empty'), hint: t('plans.start.emptyHint') },
  ];
  return (
    <div className="plan-start" id="_form" tabIndex={-1}>
      <h2 id="start">{t('plans.start.title')}</h2>
      <p>{t('plans.start.lead', { date: props.deadline })}</p>
      <Form method="post" noValidate className="admin-form">
        <CsrfField />
        <input type="hidden" name="intent" value="start" />
        <RadioGroupField
          name="copy"
          legend={t('plans.start.legend')}
          options={options}
          defaultValue={props.input.intent === 'start' ? props.input.copy : (options[0]?.value ?? 'empty')}
          error={props.errors.copy}
        />
        <button type="submit" className="button">
          {t('plans.start.button')}
        </button>
      </Form>
    </div>
  );
}

const TRANSITION_STYLE: Record<PlanTransition, string> = {
  submit: 'button',
  return: 'button button--secondary',
  approve: 'button',
  revise: 'button button--secondary',
};

function Workflow(props: {
  transitions: PlanTransition[];
  version: number;
  revision: number;
  deadline: string;
  errors: Record<string, string>;
  input: Record<string, string>;
}) {
  const t = useT();
  const { errors, input } = props;
  const approving = input.transition === 'approve';
  return (
    <section className="plan-workflow" aria-labelledby="workflow">
      <h2 id="workflow">{t('plans.workflow.title')}</h2>
      {props.transitions.map((transition) => (
        <Form key={transition} method="post" noValidate className="plan-workflow__step">
          <CsrfField />
          <input type="hidden" name="intent" value="transition" />
          <input type="hidden" name="transition" value={transition} />
          <input type="hidden" name="version" value={props.version} />
          <p className="plan-workflow__lead">{t(`plans.workflow.${transition}Lead`, { date: props.deadline, n: props.revision + 1 })}</p>
          {transition === 'approve' && (
            <div className="field-pair">
              <TextField
                name="meeting_number"
                label={t('plans.workflow.meetingNumber')}
                hint={t('plans.workflow.meetingNumberHint')}
                defaultValue={approving ? input.meeting_number : ''}
                error={errors.meeting_number}
                maxLength={60}
              />
              <TextField
                name="meeting_date"
                label={t('plans.workflow.meetingDate')}
                hint={t('admin.dateHint')}
                defaultValue={approving ? input.meeting_date : ''}
                error={errors.meeting_date}
                maxLength={12}
              />
            </div>
          )}
          <button type="submit" className={TRANSITION_STYLE[transition]}>
            {t(`plans.workflow.${transition}`, { n: props.revision + 1 })}
          </button>
        </Form>
      ))}
    </section>
  );
}

type Finance = NonNullable<Route.ComponentProps['loaderData']['plan']>['finance'];

function FinanceSummary({ finance, lang }: { finance: Finance; lang: Lang }) {
  const t = useT();
  const s = finance.summary;
  const entered = Object.values(finance.inputs).some((v) => v !== null);
  if (!entered) return <p>{t('plans.finance.notYet')}</p>;
  return (
    <>
      <dl className="details plan-sums">
        <Detail term={t('plans.finance.yearIncome')}>{moneyText(s.yearIncome, lang)}</Detail>
        <Detail term={t('plans.finance.totalReceipts')}>{moneyText(s.totalReceipts, lang)}</Detail>
        <Detail term={t('plans.finance.totalAllocated')}>{moneyText(s.totalAllocated, lang)}</Detail>
        <Detail term={t('plans.finance.unallocated')}>{moneyText(s.unallocated, lang)}</Detail>
        <Detail term={finance.adminCapPercent ? t('plans.finance.adminCapOf', { percent: rateText(finance.adminCapPercent) }) : t('plans.finance.adminCap')}>
          {moneyText(s.adminCap, lang)}
        </Detail>
      </dl>
      {finance.problems.map((p) => (
        <p key={p.field} className="warning">
          {p.problem === 'over_admin_cap'
            ? t('plans.finance.problemAdmin', { max: moneyText(p.max, lang) })
            : t('plans.finance.problemTotal', { max: moneyText(p.max, lang) })}
        </p>
      ))}
    </>
  );
}

function ProjectsByCategory(props: {
  entries: Entry[];
  allocations: Finance['inputs'];
  lang: Lang;
  programName: (e: { name_th: string; name_en: string }) => string;
}) {
  const t = useT();
  const { entries, lang } = props;
  const projects = entries.flatMap((e) => e.projects.map((p) => ({ ...p, program: props.programName(e) })));
  if (projects.length === 0) return <p>{t('plans.projects.none')}</p>;
  const rows = SUPPORT_CATEGORIES.map((c) => {
    const list = projects.filter((p) => p.support_category === c);
    return { category: c, list, total: sumSatang(list.map((p) => fromNumeric(p.budget))) as Satang };
  });
  return (
    <>
      <StackTable
        caption={t('plans.projects.title')}
        rows={rows}
        rowKey={(r) => r.category}
        columns={[
          { label: t('plans.projects.category'), cell: (r) => t(`planning.category.${r.category}`) },
          { label: t('plans.projects.count'), num: true, cell: (r) => r.list.length },
          { label: t('plans.projects.budget'), num: true, cell: (r) => formatBaht(r.total, { lang }) },
          { label: t('plans.projects.allocated'), num: true, cell: (r) => moneyText(props.allocations[`allocation_${r.category}`], lang) },
        ]}
      />
      <details className="history">
        <summary>{t('plans.projects.list', { count: projects.length })}</summary>
        {rows
          .filter((r) => r.list.length > 0)
          .map((r) => (
            <div key={r.category}>
              <h3>{t(`planning.category.${r.category}`)}</h3>
              <StackTable
                rows={r.list}
                // Planned projects have no public id: rows are positions.
                rowKey={(_, i) => i}
                columns={[
                  { label: t('plans.projects.projectTitle'), cell: (p) => p.title },
                  { label: t('plans.projects.program'), cell: (p) => p.program },
                  { label: t('plans.projects.organisation'), cell: (p) => p.organisation || '—' },
                  { label: t('plans.projects.budget'), num: true, cell: (p) => moneyText(p.budget, lang) },
                ]}
              />
            </div>
          ))}
      </details>
    </>
  );
}
