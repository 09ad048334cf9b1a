import { Form, Link, redirect, useNavigation } from 'react-router';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { NEEDS_OWNER } from '../../src/domain/proposals.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listPrograms, listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { listAttachments } from '../../src/use-cases/proposal-attachments.ts';
import { getProposal, transitionProposal } from '../../src/use-cases/proposals.ts';
import { formFields } from '../components/admin-form.tsx';
import { ErrorSummary } from '../components/form.tsx';
import { FlowHeading, type FlowPage, fieldLabel, pageHref, signInHref, stepName, TaskList } from '../components/proposal-parts.tsx';
import { Amount, type Catalogue, catalogueFor, ProposalSections, viewText } from '../components/proposal-view.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import flowCss from '../styles/proposal-flow.css?url';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/proposals.$id.check';

// Step 9 of 9, "check your answers": what is still missing (each problem linking to its field),
// every section of the proposal with a link to change it, the budget in figures and Thai words
// beside the fund's money, and the button that sends it. After sending: what happens next.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: flowCss }];

/** Sent and waiting for the mentor: the check page then says what happens next. */
const JUST_SENT = ['submitted', 'resubmitted', 'in_review'];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname));
  const db = services(context).database.db;
  const actor = actorOf(user);
  try {
    const view = await getProposal(db, actor, { id: params.id });
    const editable = NEEDS_OWNER.includes(view.state);
    // Further on than that: its own page says where it stands.
    if (!editable && !JUST_SENT.includes(view.state)) throw redirect(`/proposals/${view.id}`);
    const [files, programs, groups] = await Promise.all([listAttachments(db, actor, { id: view.id }), listPrograms(db, { includeInactive: true }), listTargetGroups(db)]);
    return {
      view,
      text: viewText(view, lang),
      catalogue: catalogueFor(programs, groups, view),
      sent: editable ? null : url.searchParams.get('sent') === 'again' ? ('again' as const) : ('sent' as const),
      sentAt: view.submittedAt ? `${formatThaiDate(view.submittedAt, lang)} ${formatClockTime(view.submittedAt, lang)}` : null,
      files: files.map((f) => ({ id: f.id, name: f.file_name })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  const here = `/proposals/${params.id}/check`;
  if (!user) throw redirect(signInHref(here));
  const db = services(context).database.db;
  const actor = actorOf(user);
  const input = formFields(await request.formData());
  const result = await attempt(t, input, () => transitionProposal(db, actor, { id: params.id, version: input.version, action: input.intent, reason: '' }));
  if ('value' in result) return redirect(`${here}?sent=1`);
  // A second press (a double click, a form sent again) finds it already sent: say so, not an error.
  try {
    const now = await getProposal(db, actor, { id: params.id });
    if (JUST_SENT.includes(now.state)) return redirect(`${here}?sent=again`);
  } catch (error) {
    throw asRouteError(error);
  }
  return result;
}

export default function CheckAnswers({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view } = d;
  if (d.sent) return <SentPanel d={d} />;
  const failed = actionData && !actionData.ok ? actionData : null;
  const refusal = failed ? (failed.errors._form ?? Object.values(failed.errors)[0]) : undefined;
  const change = (page: FlowPage, name: string) => (
    <p className="flow-change">
      <Link to={pageHref(view.id, page)}>
        {t('proposal.check.change')}
        <span className="visually-hidden"> {name}</span>
      </Link>
    </p>
  );
  return (
    <section className="flow flow-check">
      <FlowHeading page="check" title={view.title} question={t('proposal.step.check.question')} hint={<p>{t('proposal.step.check.hint')}</p>} />
      <TaskList id={view.id} current="check" problems={view.problems} />
      <ErrorSummary errors={refusal ? { send: refusal } : undefined} />
      <Problems d={d} />
      <ProposalSections
        view={view}
        text={d.text}
        catalogue={d.catalogue as Catalogue}
        lang={lang}
        publicView={false}
        after={(section) => change(section, t(`review.section.${section}`))}
      />
      <section className="proposal-section" aria-labelledby="files-title">
        <h2 id="files-title">{t('proposal.step.attachments.short')}</h2>
        {d.files.length === 0 ? (
          <p>{t('proposal.files.none')}</p>
        ) : (
          <ul className="plain-list">
            {d.files.map((f) => (
              <li key={f.id}>{f.name}</li>
            ))}
          </ul>
        )}
        {change('attachments', t('proposal.step.attachments.short'))}
      </section>
      <SendForm d={d} />
    </section>
  );
}

type Data = Route.ComponentProps['loaderData'];

function Problems({ d }: { d: Data }) {
  const t = useT();
  const { problems, id } = d.view;
  if (problems.length === 0) {
    return (
      <p className="notice" role="status">
        {t('proposal.check.ready')}
      </p>
    );
  }
  return (
    <div className="warning flow-problems" id="problems">
      <h2>{t('proposal.check.problemsTitle', { count: problems.length })}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.step}-${p.field}-${p.problem}`}>
            <Link to={`${pageHref(id, p.step)}#${p.field}`}>
              {stepName(t, p.step)} – {fieldLabel(t, p.field)}: {t(`proposal.problem.${p.problem}`)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SendForm({ d }: { d: Data }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view } = d;
  const submitting = useNavigation().state === 'submitting';
  const action = view.actions.find((a) => a === 'submit' || a === 'resubmit');
  if (!action) return null;
  const blocked = view.problems.length > 0;
  return (
    <Form method="post" className="flow-send" id="send">
      <CsrfField />
      <input type="hidden" name="version" value={view.version} />
      <h2>{t('proposal.check.sendTitle')}</h2>
      <p className="flow-send__budget">
        {t('proposal.check.budgetTitle')} <Amount value={view.budget} lang={lang} words />
      </p>
      <p>{t('proposal.check.sendLead')}</p>
      {blocked && (
        <p className="flow-send__blocked" id="send-blocked">
          {t('proposal.check.blocked', { count: view.problems.length })}
        </p>
      )}
      <button
        type="submit"
        name="intent"
        value={action}
        className={blocked ? 'button flow-send__button flow-send__button--blocked' : 'button flow-send__button'}
        aria-disabled={blocked || undefined}
        aria-describedby={blocked ? 'send-blocked' : undefined}
        // While the first press is on its way a second does nothing (the server would refuse it anyway).
        disabled={submitting}
      >
        {t(`proposal.action.${action}`)}
      </button>
    </Form>
  );
}

function SentPanel({ d }: { d: Data }) {
  const t = useT();
  const { view } = d;
  return (
    <section className="flow flow-sent">
      <title>{`${t('proposal.sent.title')} — kongtun`}</title>
      <div className="flow-panel" role="status">
        <h1>{d.sent === 'again' ? t('proposal.sent.again') : t('proposal.sent.title')}</h1>
        <p className="flow-panel__title">{view.title}</p>
        {d.sentAt && <p>{t('proposal.sent.at', { when: d.sentAt })}</p>}
      </div>
      <h2>{t('proposal.sent.nextTitle')}</h2>
      <ol className="flow-next">
        <li>{t('proposal.sent.next1')}</li>
        <li>{t('proposal.sent.next2')}</li>
        <li>{t('proposal.sent.next3')}</li>
      </ol>
      <p>
        {t('proposal.sent.inbox')} <Link to="/inbox">{t('proposal.sent.inboxLink')}</Link>
      </p>
      <p className="form-actions">
        <Link to={`/proposals/${view.id}`} className="button">
          {t('proposal.sent.open')}
        </Link>
        <Link to="/proposals">{t('proposal.sent.list')}</Link>
      </p>
    </section>
  );
}
