import { useState } from 'react';
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { fiscalYearRange } from '../../src/domain/fiscal-year.ts';
import { dateForInput } from '../../src/domain/import-values.ts';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import type { Step } from '../../src/domain/proposals.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { actorOf, findFund } from '../../src/use-cases/authorize.ts';
import { discardStash, readStash, stashForm } from '../../src/use-cases/form-stash.ts';
import { listPrograms, listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { isStep, STEPS } from '../../src/use-cases/proposal-steps.ts';
import { getProposal, planOptions, saveProposalStep } from '../../src/use-cases/proposals.ts';
import { ErrorSummary } from '../components/form.tsx';
import { FormKeeper } from '../components/proposal-autosave.tsx';
import { DefaultSubmit, FlowHeading, pageHref, SavedNote, SaveBar, signInHref, summaryOf, TaskList } from '../components/proposal-parts.tsx';
import {
  ActivitiesStep,
  ObjectivesStep,
  OrganisationStep,
  PeriodStep,
  type ProblemOptions,
  ProblemStep,
  ResultsStep,
  TargetsStep,
} from '../components/proposal-steps.tsx';
import { valuesOf } from '../components/admin-form.tsx';
import { flatFields, type Nested, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import flowCss from '../styles/proposal-flow.css?url';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/proposals.$id.edit.$step';

// One page of the proposer's guided flow (organisation, problem, objectives, targets,
// activities, period, results): a question, a short form, and save-and-continue. Every post
// saves to the server; a post whose session has ended is kept (form-stash) and comes back after
// signing in. "Add a row" and "remove" buttons save and show the page again, so no script is
// needed; with scripts the activities' amounts add up as they are typed.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: flowCss }];

const stepPath = (id: string | number, step: string) => `/proposals/${id}/edit/${step}`;

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang, csrfToken } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname + url.search));
  if (!isStep(params.step)) throw data(null, { status: 404 });
  const step: Step = params.step;
  const db = services(context).database.db;
  const actor = actorOf(user);
  try {
    const view = await getProposal(db, actor, { id: params.id });
    // Someone else holds it now (sent, under review): its own page says where it stands.
    if (!view.mayEdit) throw redirect(`/proposals/${view.id}`);
    const stashId = url.searchParams.get('stash');
    const stash = stashId ? await readStash(db, actor, { id: stashId, proposalId: view.id, path: stepPath(view.id, step), csrfToken }) : null;
    const savedStep = url.searchParams.get('saved');
    const fy = fiscalYearRange(view.fiscalYear);
    return {
      view,
      step,
      stash,
      adding: url.searchParams.get('add'),
      justSaved: savedStep !== null,
      // A save that brought the person here: its page's kept copy in the browser can go.
      clear: savedStep && isStep(savedStep) ? [stepPath(view.id, savedStep)] : [],
      savedTime: formatClockTime(view.updatedAt, lang),
      savedDate: formatThaiDate(view.updatedAt, lang, 'short'),
      problem: step === 'problem' ? await problemOptions(db, view.fund.code, view.fiscalYear, view.content.programs) : null,
      groups: step === 'targets' ? await listTargetGroups(db) : [],
      dates: { start: dateForInput(view.periodStart, lang), end: dateForInput(view.periodEnd, lang) },
      fyRange: { start: formatThaiDate(fy.start, lang), end: formatThaiDate(fy.end, lang) },
    };
  } catch (error) {
    throw asPageError(error);
  }
}

/**
 * The programs to choose from: the fund's approved plan's, with their situation rows; all the
 * catalogue's when the fund has no approved plan. Programs already chosen stay on the list.
 */
async function problemOptions(db: Parameters<typeof planOptions>[0], fundCode: string, fiscalYear: number, chosen: readonly string[]): Promise<ProblemOptions> {
  const fund = await findFund(db, fundCode);
  const plan = await planOptions(db, fund.id, fiscalYear);
  const catalogue = await listPrograms(db);
  const inPlan = new Set(plan.programs.map((p) => p.code));
  const others = catalogue.filter((p) => !inPlan.has(p.code) && (plan.fiscalYear === null || chosen.includes(p.code)));
  return {
    planYear: plan.fiscalYear,
    programs: [
      ...plan.programs.map((p) => ({ ...p, inPlan: true })),
      ...others.map((p) => ({ code: p.code, name_th: p.name_th, name_en: p.name_en, inPlan: false, situations: [] })),
    ],
  };
}

/** `remove:activities.1` takes that row out of what is saved. */
function withoutRow(nested: Nested, path: string): Nested {
  const keys = path.split('.');
  let node: Nested | string | undefined = nested;
  for (const key of keys.slice(0, -1)) node = typeof node === 'object' ? node[key] : undefined;
  if (node && typeof node === 'object') delete node[keys.at(-1)!];
  return nested;
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t, csrfToken } = requestInfo(context);
  const db = services(context).database.db;
  const url = new URL(request.url);
  const path = stepPath(params.id, params.step);
  const nested = nestedFields(await request.formData());
  if (!user) {
    // The session ended while they typed: keep the page's fields and bring them back after signing in.
    const id = await stashForm(db, { proposalId: params.id, path, fields: flatFields(nested), csrfToken });
    throw redirect(signInHref(id ? `${path}?stash=${id}` : path));
  }
  if (!isStep(params.step)) throw data(null, { status: 404 });
  const step: Step = params.step;
  const actor = actorOf(user);
  const intent = typeof nested.intent === 'string' ? nested.intent : 'next';
  if (intent.startsWith('remove:')) withoutRow(nested, intent.slice('remove:'.length));
  const typed = flatFields(nested);
  const result = await attempt(readable(t), typed, () => saveProposalStep(db, actor, { ...nested, id: params.id, step }));
  if (!('value' in result)) return result;
  const stash = url.searchParams.get('stash');
  if (stash) await discardStash(db, actor, { id: stash, proposalId: params.id, csrfToken });
  const at = STEPS.indexOf(step);
  const saved = `saved=${step}`;
  if (intent === 'later') return redirect(`/proposals?saved=${params.id}&step=${step}`);
  if (intent === 'back') return redirect(at === 0 ? `/proposals?saved=${params.id}&step=${step}` : `${stepPath(params.id, STEPS[at - 1]!)}?${saved}`);
  if (intent.startsWith('add:')) {
    const group = intent.slice('add:'.length);
    return redirect(`${path}?${saved}&add=${encodeURIComponent(group)}#${group}`);
  }
  if (intent.startsWith('remove:')) return redirect(`${path}?${saved}`);
  const next = at === STEPS.length - 1 ? pageHref(params.id, 'attachments') : stepPath(params.id, STEPS[at + 1]!);
  return redirect(`${next}?${saved}`);
}

/** The equipment limit comes back as numeric text; written here as people read money. */
function readable(t: Translate): Translate {
  return (key, params) => t(key, key === 'proposal.error.equipmentOverLimit' && params ? { ...params, limit: formatBaht(fromNumeric(String(params.limit)), { unit: false }) } : params);
}

const QUESTIONS = {
  organisation: 'proposal.step.organisation.question',
  problem: 'proposal.step.problem.question',
  objectives: 'proposal.step.objectives.question',
  targets: 'proposal.step.targets.question',
  activities: 'proposal.step.activities.question',
  period: 'proposal.step.period.question',
  results: 'proposal.step.results.question',
} as const;

export default function ProposalStepPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const { view, step } = d;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const typed = (failed?.input as Record<string, string> | undefined) ?? d.stash ?? undefined;
  const v = valuesOf(typed);
  const failedIntent = typed?.intent ?? '';
  const adding = failedIntent.startsWith('add:') ? failedIntent.slice('add:'.length) : d.adding;
  const props = { view, v, errors, adding };
  // The amounts as they are typed, once scripts run; without them the server adds up on saving.
  const [live, setLive] = useState<Record<string, string> | null>(null);
  const submitting = useNavigation().state === 'submitting';
  const path = stepPath(view.id, step);
  // The version the typing started from stays with it (a refused save, a kept form): after a
  // conflict, saving again cannot overwrite the other person's change.
  const version = typed?.version ?? String(view.version);
  const names = Object.fromEntries(d.groups.map((g) => [`target_groups.${g.code}`, `${t('proposal.field.target_groups')} – ${lang === 'en' ? g.name_en : g.name_th}`]));
  return (
    <section className="flow">
      <FlowHeading page={step} title={view.title} question={t(QUESTIONS[step])} hint={<p>{t(`proposal.step.${step}.hint`)}</p>} />
      <TaskList id={view.id} current={step} problems={view.problems} />
      <SavedNote justSaved={d.justSaved && !failed} time={d.savedTime} date={d.savedDate} />
      {view.state === 'returned' && (
        <p className="notice">
          {t('proposal.flow.returned')} <Link to={`/proposals/${view.id}`}>{t('proposal.flow.returnedLink')}</Link>
        </p>
      )}
      {d.stash && !failed && (
        <p className="notice flow-kept" role="status">
          {t('proposal.flow.stashed')}
        </p>
      )}
      <FormKeeper formId="step-form" storageKey={path} clear={d.clear} revision={view.version} onRestore={() => step === 'activities' && setLive(formValues('step-form'))} />
      <ErrorSummary errors={summaryOf(t, errors, names)} />
      {errors._form && (
        <p className="warning" id="_form" tabIndex={-1}>
          {errors._form} <a href={path}>{t('proposal.flow.reload')}</a>
        </p>
      )}
      <Form
        method="post"
        noValidate
        id="step-form"
        className="flow-form"
        key={view.version}
        onChange={step === 'activities' ? (event) => setLive(formValues(event.currentTarget)) : undefined}
        aria-busy={submitting || undefined}
      >
        <DefaultSubmit />
        <CsrfField />
        <input type="hidden" name="version" value={version} />
        {step === 'organisation' && <OrganisationStep {...props} />}
        {step === 'problem' && d.problem && <ProblemStep {...props} options={d.problem} />}
        {step === 'objectives' && <ObjectivesStep {...props} />}
        {step === 'targets' && <TargetsStep {...props} groups={d.groups} />}
        {step === 'activities' && <ActivitiesStep {...props} live={live} />}
        {step === 'period' && <PeriodStep {...props} dates={d.dates} fyRange={t('proposal.flow.fyRange', { year: view.fiscalYear, ...d.fyRange })} />}
        {step === 'results' && <ResultsStep {...props} />}
        <SaveBar first={step === STEPS[0]} />
      </Form>
    </section>
  );
}

/** The form's text fields by name, for adding up as they are typed. */
function formValues(form: HTMLFormElement | string): Record<string, string> {
  const element = typeof form === 'string' ? document.getElementById(form) : form;
  if (!(element instanceof HTMLFormElement)) return {};
  return Object.fromEntries(Array.from(new FormData(element)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
