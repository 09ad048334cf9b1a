import { data, Form, Link, redirect } from 'react-router';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { type ContentProblem, DECISIONS, type Decision, type ProposalTransition, transitionRule } from '../../src/domain/proposals.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import type { Lang, MessageKey, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { listPrograms, listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { listAttachments } from '../../src/use-cases/proposal-attachments.ts';
import {
  addComment,
  answerSuggestion,
  COMMENT_SECTIONS,
  getProposal,
  getProposalHistory,
  type ProposalHistory,
  type ProposalView,
  REVIEW_CHECKS,
  SUGGESTABLE_FIELDS,
  saveReviewChecklist,
  transitionProposal,
} from '../../src/use-cases/proposals.ts';
import { ErrorSummary, SelectField, TextAreaField } from '../components/form.tsx';
import { Detail, StackTable } from '../components/plan-parts.tsx';
import {
  Amount,
  type Catalogue,
  type ContentSection,
  catalogueFor,
  holderKey,
  keyed,
  ProposalSections,
  ProposalStateBadge,
  type ViewText,
  viewText,
} from '../components/proposal-view.tsx';
import { nameOf } from '../components/registry.tsx';
import { nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import reviewCss from '../styles/proposal-review.css?url';
import type { Route } from './+types/proposals.$id';

// A proposal's own page, for everyone who may read it: its state, who holds it and what this
// reader may do next; its content section by section; for the people with a part in it the
// mentor's review (comments, suggestions the proposer accepts or declines, the quality checks)
// and its history. The public reaches only approved proposals.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reviewCss }];

type CommentView = ProposalHistory['comments'][number] & { when: string };

const NOTICES: Record<string, MessageKey> = {
  submit: 'review.done.submit',
  start_review: 'review.done.start_review',
  return: 'review.done.return',
  resubmit: 'review.done.resubmit',
  pass_review: 'review.done.pass_review',
  withdraw: 'review.done.withdraw',
  cancel: 'review.done.cancel',
  comment: 'review.done.comment',
  accepted: 'review.done.accepted',
  declined: 'review.done.declined',
  checklist: 'review.done.checklist',
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang, t } = requestInfo(context);
  const db = services(context).database.db;
  const actor = actorOf(user);
  try {
    const view = await getProposal(db, actor, { id: params.id });
    // The history is for those with a part in the proposal and the area's staff; the public
    // (reading an approved proposal) gets none of it.
    const history = await getProposalHistory(db, actor, { id: view.id }).catch((error: unknown) => {
      if (error instanceof Forbidden) return null;
      throw error;
    });
    const [attachments, programs, groups] = await Promise.all([
      history ? listAttachments(db, actor, { id: view.id }) : [],
      listPrograms(db, { includeInactive: true }),
      listTargetGroups(db),
    ]);
    const when = (d: Date) => formatThaiDate(d, lang, 'short');
    return {
      // The members' names are for the people with a part in it; the public reads how many.
      view: history ? view : { ...view, content: { ...view.content, members: [] } },
      text: viewText(view, lang),
      catalogue: catalogueFor(programs, groups, view),
      history: history && {
        comments: history.comments.map((c) => ({ ...c, when: when(c.createdAt) })),
        versions: history.versions.map((v) => ({ ...v, when: when(v.createdAt) })),
        events: history.events.map((e) => ({
          when: t('review.eventWhen', { date: when(e.at), time: formatClockTime(e.at, lang) }),
          actor: e.actor,
          text: eventText(t, e.action, e.data),
          reason: typeof e.data.reason === 'string' ? e.data.reason : null,
        })),
      },
      // Why it was sent back (or cancelled), said where the proposer looks first.
      stateReason:
        view.state === 'returned' || view.state === 'cancelled'
          ? (history?.events.findLast((e) => e.action === `proposal.${view.state === 'returned' ? 'return' : 'cancel'}`)?.data.reason ?? null)
          : null,
      attachments: attachments.map((a) => ({ id: a.id, name: a.file_name, kb: Math.max(1, Math.round(a.size_bytes / 1024)) })),
      notice: NOTICES[new URL(request.url).searchParams.get('done') ?? ''] ?? null,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

/** An audit event of the proposal in words: "ส่งกลับให้แก้ไข", "บันทึกหน้า: กลุ่มเป้าหมาย". */
function eventText(t: Translate, action: string, data: Record<string, unknown>): string {
  const name = action.replace(/^proposal\./, '');
  const section = (value: unknown) => keyed(t, `review.section.${String(value)}`, String(value ?? ''));
  if (name === 'save' || name === 'mentor_edit') return t(`review.event.${name}`, { step: section(data.step) });
  if (name === 'comment') return t(data.suggestion ? 'review.event.suggestion' : 'review.event.comment', { section: section(data.section) });
  if (name === 'attach' || name === 'detach') return t(`review.event.${name}`, { file: String(data.file ?? '') });
  return keyed(t, `review.event.${name}`, t('review.event.other', { action }));
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const input = nestedFields(await request.formData());
  const here = `/proposals/${encodeURIComponent(params.id)}`;
  const target = { ...input, id: params.id };
  switch (input.intent) {
    case 'transition': {
      const result = await attempt(t, input, () => transitionProposal(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=${encodeURIComponent(String(input.action))}`);
    }
    case 'comment': {
      const result = await attempt(t, input, () => addComment(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=comment#comments`);
    }
    case 'answer': {
      const accept = input.answer === 'accept';
      const result = await attempt(t, input, () => answerSuggestion(db, actor, { id: params.id, commentId: input.comment, accept, version: input.version }));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=${accept ? 'accepted' : 'declined'}`);
    }
    case 'checklist': {
      const result = await attempt(t, input, () => saveReviewChecklist(db, actor, target));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=checklist#checklist`);
    }
    default:
      throw data(null, { status: 400 });
  }
}

/** The steps this page offers: the committee's decisions are taken on the meeting's page. */
type PageStep = Exclude<ProposalTransition, Decision>;
const isPageStep = (step: ProposalTransition): step is PageStep => !(DECISIONS as readonly string[]).includes(step);
/** Steps with more to them than a button live elsewhere: on the meeting's page, or behind "other options". */
const ON_MEETING_PAGE: readonly PageStep[] = ['add_to_agenda', 'remove_from_agenda'];
const SECONDARY: readonly PageStep[] = ['withdraw', 'cancel'];
/** Fields the page has an input for; an error about anything else shows at the top of the state box. */
const FIELDS_ON_PAGE = new Set(['section', 'body', 'suggested_field', 'suggested_text']);

export default function ProposalPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { view, text, catalogue, history, attachments } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  const input = (failed?.input ?? {}) as Record<string, unknown>;
  const typed = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : undefined);
  // Each error lands beside its field; the reason box is the one of the step that was posted.
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(failed?.errors ?? {})) {
    const id = field === 'reason' ? `reason-${String(input.action)}` : FIELDS_ON_PAGE.has(field) ? field : '_form';
    errors[id] ??= message;
  }
  const insider = history !== null;
  const hats = view.hats;
  const isOwner = hats.includes('owner');
  const isReviewer = hats.includes('mentor') || hats.includes('officer');
  const fundName = nameOf(view.fund, lang);
  const title = view.title || t('review.untitled');
  const here = `/proposals/${view.id}`;
  const summaryLabels: Record<string, string> = {
    section: t('review.commentSection'),
    body: t('review.commentBody'),
    suggested_field: t('review.suggestField'),
    suggested_text: t('review.suggestText'),
  };
  const commentsBySection = (section: string) => history?.comments.filter((c) => c.section === section) ?? [];
  const openSuggestions = history?.comments.filter((c) => c.suggestionState === 'open') ?? [];
  const offered = view.actions.filter(isPageStep);
  const steps = offered.filter((a) => !SECONDARY.includes(a));
  const secondary = offered.filter((a) => SECONDARY.includes(a));
  return (
    <article className="proposal-page">
      <title>{`${title} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${view.fund.code}/proposals?fiscal_year=${view.fiscalYear}`}>{t('review.fundList', { fund: fundName })}</Link>
      </p>
      <h1>
        {title}
        <span className="heading-note">
          {fundName} ({view.fund.code}) · {formatFiscalYear(view.fiscalYear, lang)}
          {view.project && <> · {t('review.projectCode', { code: view.project.code })}</>}
        </span>
      </h1>
      {loaderData.notice && !failed && (
        <div className="notice" role="status">
          {t(loaderData.notice)}
        </div>
      )}
      <ErrorSummary errors={Object.fromEntries(Object.entries(errors).map(([f, m]) => [f, summaryLabels[f] ? `${summaryLabels[f]}: ${m}` : m]))} />

      <div className="review-state" id="_form" tabIndex={-1}>
        <p className="review-state__line">
          <ProposalStateBadge state={view.state} publicState={view.publicState} staff={insider} />
        </p>
        {insider && <p className="review-state__holder">{t(holderKey(view.state, hats))}</p>}
        {insider && view.agenda && (
          <p>
            {t('review.agenda', { number: view.agenda.number, year: view.agenda.fiscalYear, date: text.agendaDate ?? '' })}{' '}
            {!isOwner && <Link to={`/funds/${view.fund.code}/meetings/${view.agenda.meetingId}`}>{t('review.agendaLink')}</Link>}
          </p>
        )}
        {typeof loaderData.stateReason === 'string' && (
          <p className="review-state__reason">
            <strong>{t('review.stateReason')}</strong> <span className="prewrap">{loaderData.stateReason}</span>
          </p>
        )}
        <p className="hint">
          {text.submitted && <>{t('review.submittedAt', { date: text.submitted })} · </>}
          {t('review.updatedAt', { date: text.updated })}
        </p>
        {errors._form && (
          <p className="warning">
            {errors._form} <a href={here}>{t('review.reload')}</a>
          </p>
        )}
        {view.mayEdit && isOwner && (
          <p className="review-state__edit">
            <Link className="button" to={`${here}/edit/${view.problems[0]?.step ?? 'organisation'}`}>
              {t('review.continue')}
            </Link>
            <Link to={`${here}/check`}>{t('review.check')}</Link>
          </p>
        )}
        {view.mayEdit && !isOwner && (
          <p className="review-state__edit">
            <Link className="button button--secondary" to={`${here}/edit/organisation`}>
              {t('review.staffEdit')}
            </Link>
            <span className="hint">{t('review.staffEditHint')}</span>
          </p>
        )}
        {view.mayEdit && view.problems.length > 0 && <Problems problems={view.problems} here={here} />}
      </div>

      {steps.length + secondary.length > 0 && (
        <section className="review-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('review.actionsTitle')}</h2>
          {steps.map((step) => (
            <Step key={step} step={step} view={view} error={errors[`reason-${step}`]} typed={input.action === step ? typed('reason') : undefined} />
          ))}
          {secondary.length > 0 && (
            <details className="review-more" open={secondary.some((s) => errors[`reason-${s}`]) || undefined}>
              <summary>{t('review.moreActions')}</summary>
              {secondary.map((step) => (
                <Step key={step} step={step} view={view} error={errors[`reason-${step}`]} typed={input.action === step ? typed('reason') : undefined} />
              ))}
            </details>
          )}
        </section>
      )}

      {isOwner && openSuggestions.length > 0 && <Suggestions suggestions={openSuggestions} view={view} />}

      {insider && (
        <nav className="review-toc" aria-labelledby="toc-title">
          <h2 id="toc-title" className="review-toc__title">
            {t('review.onThisPage')}
          </h2>
          <ul>
            <li>
              <a href="#section-organisation">{t('review.toContent')}</a>
            </li>
            <li>
              <a href="#review">{t('review.toReview')}</a>
            </li>
            <li>
              <a href="#history">{t('review.toHistory')}</a>
            </li>
            <li>
              <Link to={`${here}/print`}>{t('review.printLink')}</Link>
            </li>
          </ul>
        </nav>
      )}

      {(view.decision.decidedAt || view.project) && <DecisionBox view={view} text={text} lang={lang} />}

      <ProposalSections
        view={view}
        text={text}
        catalogue={catalogue as Catalogue}
        lang={lang}
        publicView={!insider}
        after={insider ? (section: ContentSection) => <SectionComments comments={commentsBySection(section)} /> : undefined}
      />

      {insider && (
        <section className="proposal-section" aria-labelledby="attachments-title">
          <h2 id="attachments-title">{t('review.attachments')}</h2>
          {attachments.length === 0 ? (
            <p>{t('review.attachmentsNone')}</p>
          ) : (
            <ul className="review-files">
              {attachments.map((a) => (
                <li key={a.id}>
                  <a href={`${here}/attachments/${a.id}`}>{a.name}</a> <span className="cell-note">{t('review.attachmentSize', { size: a.kb })}</span>
                </li>
              ))}
            </ul>
          )}
          {view.mayEdit && (
            <p>
              <Link to={`${here}/attachments`}>{t('review.attachmentsEdit')}</Link>
            </p>
          )}
        </section>
      )}

      {!insider && (
        <p>
          <Link to={`${here}/print`}>{t('review.printLink')}</Link>
        </p>
      )}

      {history && (
        <>
          <section className="review-area" id="review" aria-labelledby="review-title">
            <h2 id="review-title">{t('review.reviewTitle')}</h2>
            <Checklist view={view} editable={isReviewer} />
            <h3 id="comments">{t('review.commentsOnWhole')}</h3>
            <CommentList comments={commentsBySection('whole')} />
            {(isOwner || isReviewer) && <CommentForm view={view} suggest={isReviewer} errors={errors} typed={input.intent === 'comment' ? typed : () => undefined} />}
          </section>
          <History history={history} view={view} />
        </>
      )}
    </article>
  );
}

function Problems({ problems, here }: { problems: ContentProblem[]; here: string }) {
  const t = useT();
  const label = (p: ContentProblem) => {
    const activity = /^activities\.(\d+)/.exec(p.field);
    if (activity) return t('review.problemActivity', { n: Number(activity[1]) + 1 });
    return keyed(t, `review.field.${p.field}`, p.field);
  };
  return (
    <div className="review-problems">
      <h2 className="review-problems__title">{t('review.problemsTitle', { count: problems.length })}</h2>
      <p className="hint">{t('review.problemsLead')}</p>
      <ul>
        {problems.map((p) => (
          <li key={`${p.step}-${p.field}-${p.problem}`}>
            <Link to={`${here}/edit/${p.step}`}>{label(p)}</Link>{' '}
            — {t(`proposal.problem.${p.problem}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One workflow step: what it does, a reason box when it needs one, and its button. */
function Step(props: { step: PageStep; view: ProposalView; error: string | undefined; typed: string | undefined }) {
  const t = useT();
  const { step, view } = props;
  if (ON_MEETING_PAGE.includes(step)) {
    return (
      <div className="review-step">
        <p className="review-step__lead">{t(`review.lead.${step}`)}</p>
        <Link className="button button--secondary" to={`/funds/${view.fund.code}/meetings`}>
          {t('review.toMeetings')}
        </Link>
      </div>
    );
  }
  if ((step === 'submit' || step === 'resubmit') && view.problems.length > 0) {
    // Sending would be refused: say so, and where the missing things are listed.
    return (
      <div className="review-step">
        <p className="review-step__lead">{t('review.cannotSend', { count: view.problems.length })}</p>
        <Link className="button button--secondary" to={`/proposals/${view.id}/check`}>
          {t('review.check')}
        </Link>
      </div>
    );
  }
  const needsReason = transitionRule(step).needs === 'reason';
  const id = `reason-${step}`;
  return (
    <Form method="post" noValidate className="review-step">
      <CsrfField />
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="action" value={step} />
      <input type="hidden" name="version" value={view.version} />
      <p className="review-step__lead">{t(`review.lead.${step}`)}</p>
      {needsReason && (
        <div className={props.error ? 'field field--error' : 'field'}>
          <label htmlFor={id}>{t('review.reason')}</label>
          <p id={`${id}-hint`} className="field__hint">
            {t(step === 'return' ? 'review.reasonHint.return' : 'review.reasonHint.cancel')}
          </p>
          {props.error && (
            <p id={`${id}-error`} className="field__error">
              {props.error}
            </p>
          )}
          <textarea
            id={id}
            name="reason"
            rows={3}
            maxLength={2000}
            defaultValue={props.typed}
            aria-invalid={props.error ? true : undefined}
            aria-describedby={props.error ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
        </div>
      )}
      <button type="submit" className={SECONDARY.includes(step) ? 'button button--danger' : step === 'return' ? 'button button--secondary' : 'button'}>
        {t(`proposal.action.${step}`)}
      </button>
    </Form>
  );
}

function Suggestions({ suggestions, view }: { suggestions: CommentView[]; view: ProposalView }) {
  const t = useT();
  const now: Record<string, string> = { title: view.title, rationale: view.rationale, place: view.place, expected_results: view.expectedResults };
  return (
    <section className="review-suggestions" aria-labelledby="suggestions-title" id="suggestions">
      <h2 id="suggestions-title">{t('review.suggestionsTitle', { count: suggestions.length })}</h2>
      <p className="hint">{view.mayEdit ? t('review.suggestionsLead') : t('review.acceptLater')}</p>
      {suggestions.map((s) => {
        const field = s.suggestedField ?? 'title';
        return (
          <div key={s.id} className="review-suggestion">
            <h3>{keyed(t, `review.field.${field}`, field)}</h3>
            <p className="review-comment__body prewrap">{s.body}</p>
            <p className="cell-note">{t('review.commentBy', { author: s.author, date: s.when })}</p>
            <dl className="review-suggestion__texts">
              <div>
                <dt>{t('review.suggestionNow')}</dt>
                <dd className="prewrap">{now[field] || '—'}</dd>
              </div>
              <div>
                <dt>{t('review.suggestionNew')}</dt>
                <dd className="prewrap">{s.suggestedText}</dd>
              </div>
            </dl>
            <Form method="post" className="form-actions review-suggestion__answer">
              <CsrfField />
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="comment" value={s.id} />
              <input type="hidden" name="version" value={view.version} />
              {view.mayEdit && (
                <button type="submit" name="answer" value="accept" className="button">
                  {t('review.accept')}
                </button>
              )}
              <button type="submit" name="answer" value="decline" className="button button--secondary">
                {t('review.decline')}
              </button>
            </Form>
          </div>
        );
      })}
    </section>
  );
}

function DecisionBox({ view, text, lang }: { view: ProposalView; text: ViewText; lang: Lang }) {
  const t = useT();
  const d = view.decision;
  const result = view.state === 'approved' ? 'approved' : view.state === 'rejected' ? 'rejected' : view.state === 'deferred' ? 'deferred' : null;
  return (
    <section className="review-decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('review.decision')}</h2>
      <dl className="details proposal-facts">
        {result && <Detail term={t('review.decision.result')}>{t(`review.decision.${result}`)}</Detail>}
        {d.meeting && (
          <Detail term={t('review.decision.meeting')}>
            {t('review.decision.meetingValue', { number: d.meeting.number, year: d.meeting.fiscalYear, date: text.decisionMeetingDate ?? '' })}
          </Detail>
        )}
        {d.approvedAmount && (
          <Detail term={t('review.decision.amount')}>
            <Amount value={d.approvedAmount} lang={lang} words />
          </Detail>
        )}
        {d.conditions && (
          <Detail term={t('review.decision.conditions')}>
            <span className="prewrap">{d.conditions}</span>
          </Detail>
        )}
        {d.reason && (
          <Detail term={t('review.decision.reason')}>
            <span className="prewrap">{d.reason}</span>
          </Detail>
        )}
        {view.project && (
          <Detail term={t('review.decision.project')}>
            <Link to={`/projects/${view.project.code}`}>{view.project.code}</Link>
            <span className="cell-note">{t('review.decision.projectPage')}</span>
          </Detail>
        )}
      </dl>
    </section>
  );
}

function SectionComments({ comments }: { comments: CommentView[] }) {
  const t = useT();
  if (comments.length === 0) return null;
  return (
    <div className="review-section-comments">
      <h3>{t('review.commentsHere', { count: comments.length })}</h3>
      <CommentList comments={comments} />
    </div>
  );
}

function CommentList({ comments }: { comments: CommentView[] }) {
  const t = useT();
  if (comments.length === 0) return <p className="hint">{t('review.commentsNone')}</p>;
  return (
    <ol className="review-comments">
      {comments.map((c) => (
        <li key={c.id} className="review-comment">
          <p className="review-comment__meta">{t('review.commentBy', { author: c.author, date: c.when })}</p>
          <p className="review-comment__body prewrap">{c.body}</p>
          {c.suggestedField && c.suggestionState && (
            <div className="review-comment__suggestion">
              <p>
                {t('review.suggestion', { field: keyed(t, `review.field.${c.suggestedField}`, c.suggestedField) })}{' '}
                <span className={c.suggestionState === 'accepted' ? 'status status--active' : c.suggestionState === 'declined' ? 'status status--closed' : 'status'}>
                  {t(`review.suggestionState.${c.suggestionState}`)}
                </span>
              </p>
              <p className="prewrap review-comment__text">{c.suggestedText}</p>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function CommentForm(props: { view: ProposalView; suggest: boolean; errors: Record<string, string>; typed: (name: string) => string | undefined }) {
  const t = useT();
  const { errors, typed } = props;
  return (
    <Form method="post" noValidate className="review-comment-form" action={`/proposals/${props.view.id}#comments`}>
      <CsrfField />
      <input type="hidden" name="intent" value="comment" />
      <h3>{props.suggest ? t('review.commentAdd') : t('review.commentReply')}</h3>
      <SelectField
        name="section"
        label={t('review.commentSection')}
        defaultValue={typed('section') ?? 'whole'}
        error={errors.section}
        options={COMMENT_SECTIONS.map((s) => ({ value: s, label: t(`review.section.${s}`) }))}
      />
      <TextAreaField name="body" label={t('review.commentBody')} hint={props.suggest ? t('review.commentBodyHint') : undefined} defaultValue={typed('body')} error={errors.body} maxLength={5000} rows={4} />
      {props.suggest && (
        <fieldset className="form-section review-suggest">
          <legend>{t('review.suggest')}</legend>
          <SelectField
            name="suggested_field"
            label={t('review.suggestField')}
            defaultValue={typed('suggested_field') ?? ''}
            error={errors.suggested_field}
            options={[{ value: '', label: t('review.suggestNone') }, ...SUGGESTABLE_FIELDS.map((f) => ({ value: f, label: t(`review.field.${f}`) }))]}
          />
          <TextAreaField
            name="suggested_text"
            label={t('review.suggestText')}
            hint={t('review.suggestTextHint')}
            defaultValue={typed('suggested_text')}
            error={errors.suggested_text}
            maxLength={10000}
            rows={3}
          />
        </fieldset>
      )}
      <button type="submit" className="button">
        {t('review.commentSend')}
      </button>
    </Form>
  );
}

function Checklist({ view, editable }: { view: ProposalView; editable: boolean }) {
  const t = useT();
  const done = REVIEW_CHECKS.filter((c) => view.reviewChecklist[c]).length;
  return (
    <div className="review-checklist" id="checklist">
      <h3>
        {t('review.checklist')} <span className="cell-note">{t('review.checklistDone', { done, total: REVIEW_CHECKS.length })}</span>
      </h3>
      {editable ? (
        <Form method="post" className="review-checklist__form" action={`/proposals/${view.id}#checklist`}>
          <CsrfField />
          <input type="hidden" name="intent" value="checklist" />
          <input type="hidden" name="version" value={view.version} />
          <fieldset className="field radios">
            <legend>{t('review.checklistLead')}</legend>
            {REVIEW_CHECKS.map((c) => (
              <div key={c} className="radios__item">
                <input type="checkbox" id={`checks.${c}`} name={`checks.${c}`} defaultChecked={view.reviewChecklist[c] === true} />
                <label htmlFor={`checks.${c}`}>{t(`review.check.${c}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button button--secondary">
            {t('review.checklistSave')}
          </button>
        </Form>
      ) : (
        <ul className="review-checks">
          {REVIEW_CHECKS.map((c) => {
            const met = view.reviewChecklist[c] === true;
            return (
              <li key={c} className={met ? 'review-check review-check--met' : 'review-check'}>
                <span className="review-check__mark" aria-hidden="true">
                  {met ? '✓' : '–'}
                </span>
                <span>{t(`review.check.${c}`)}</span>
                <span className="review-check__state">{met ? t('review.checkPassed') : t('review.checkNotYet')}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

type HistoryView = NonNullable<Route.ComponentProps['loaderData']['history']>;

function History({ history, view }: { history: HistoryView; view: ProposalView }) {
  const t = useT();
  const versionsHref = (from: number | 'current', to: number | 'current') => `/proposals/${view.id}/versions?from=${from}&to=${to}`;
  return (
    <section className="review-history" id="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('review.historyTitle')}</h2>
      <h3>{t('review.versions')}</h3>
      <p className="hint">{t('review.versionsLead')}</p>
      {history.versions.length === 0 ? (
        <p>{t('review.versionsNone')}</p>
      ) : (
        <StackTable
          caption={t('review.versions')}
          rows={history.versions}
          rowKey={(v) => v.number}
          columns={[
            { label: t('review.version'), cell: (v) => t('review.versionN', { n: v.number }) },
            { label: t('review.versionReason'), cell: (v) => keyed(t, `review.versionReason.${v.reason}`, v.reason) },
            { label: t('review.versionBy'), cell: (v) => v.author || '—' },
            { label: t('review.versionWhen'), cell: (v) => v.when },
            {
              label: t('review.versionCompare'),
              cell: (v) => (
                <span className="review-compare-links">
                  {v.number > 1 && <Link to={versionsHref(v.number - 1, v.number)}>{t('review.compareWithPrevious')}</Link>}
                  <Link to={versionsHref(v.number, 'current')}>{t('review.compareWithCurrent')}</Link>
                </span>
              ),
            },
          ]}
        />
      )}
      <h3>{t('review.timeline')}</h3>
      <ol className="review-timeline">
        {history.events.map((e, i) => (
          // Events have no id of their own here; their order is fixed by the audit trail.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
          <li key={i} className="review-timeline__item">
            <p className="review-timeline__when">
              {e.when}
              {e.actor && <> · {t('review.eventBy', { actor: e.actor })}</>}
            </p>
            <p className="review-timeline__what">{e.text}</p>
            {e.reason && <p className="review-timeline__reason prewrap">{t('review.eventReason', { reason: e.reason })}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
