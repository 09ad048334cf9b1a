import { data, Form, Link, redirect } from 'react-router';
import type { BudgetProblem } from '../../src/domain/proposals.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { addToAgenda, decideAgenda, getMeeting, type MeetingView, removeFromAgenda, saveAttendance, saveMinutes } from '../../src/use-cases/meetings.ts';
import { labelled, moneyForInput, moneyText } from '../components/admin-form.tsx';
import { ErrorSummary, RadioGroupField, TextAreaField, TextField } from '../components/form.tsx';
import { attendanceRecorded, bahtFigure, categoryLabel, DecisionBadge, meetingNumber, positionLabel, QuorumStatus } from '../components/meeting-parts.tsx';
import { Detail, PlanHeading, StackTable } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { flatFields, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt, withMoney } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.meetings.$id';

// One committee meeting: who came (and so whether it may decide), the agenda of proposals with
// their budget warnings, the committee's decisions for the whole agenda in one form, and the
// minutes. The officer keeps the meeting; committee members record decisions; the rest of the
// area reads. Each form says what it does with a hidden `intent`; the decision fields are the
// dotted names (decisions.<item>.<field>) the use case names its problems by.

const NOTICES: Record<string, MessageKey> = {
  created: 'meetings.done.created',
  attendance: 'meetings.done.attendance',
  added: 'meetings.done.added',
  removed: 'meetings.done.removed',
  decided: 'meetings.done.decided',
  minutes: 'meetings.done.minutes',
};

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  let meeting: MeetingView;
  try {
    meeting = await getMeeting(services(context).database.db, actorOf(user), { id: params.id });
  } catch (error) {
    throw asPageError(error);
  }
  if (meeting.fund.code !== params.code) throw redirect(`/funds/${meeting.fund.code}/meetings/${meeting.id}`);
  return {
    meeting,
    dateText: formatThaiDate(meeting.date, lang),
    notice: NOTICES[new URL(request.url).searchParams.get('done') ?? ''] ?? null,
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const nested = nestedFields(await request.formData());
  const typed = flatFields(nested);
  const id = params.id;
  const run = async (done: string, anchor: string, useCase: () => Promise<unknown>) => {
    const result = await attempt(withMoney(t), typed, useCase);
    if (!('value' in result)) return result;
    return redirect(`/funds/${params.code.toUpperCase()}/meetings/${id}?done=${done}#${anchor}`);
  };
  switch (nested.intent) {
    case 'attendance':
      return run('attendance', 'attendance', () => saveAttendance(db, actor, { ...nested, id }));
    case 'add':
      return run('added', 'agenda', () => addToAgenda(db, actor, { id, proposalId: nested.proposalId, version: nested.version }));
    case 'remove':
      return run('removed', 'agenda', () => removeFromAgenda(db, actor, { id, itemId: nested.itemId }));
    case 'decide':
      return run('decided', 'agenda', () => decideAgenda(db, actor, { ...nested, id }));
    case 'minutes':
      return run('minutes', 'meeting-minutes', () => saveMinutes(db, actor, { ...nested, id }));
    default:
      throw data(null, { status: 400 });
  }
}

type Data = Route.ComponentProps['loaderData'];
type Item = MeetingView['items'][number];
type Typed = Record<string, string> | undefined;

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const m = d.meeting;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const typed = failed ? (failed.input as unknown as Record<string, string>) : undefined;
  // What a refused post typed belongs to the form that sent it; the other forms show what is saved.
  const typedFor = (intent: string): Typed => (typed?.intent === intent ? typed : undefined);
  const formError = (intent: string) => (typed?.intent === intent ? errors._form : undefined);
  const base = `/funds/${m.fund.code}/meetings/${m.id}`;
  const number = meetingNumber(m);
  return (
    <section className="admin-page meeting-page">
      <PlanHeading
        title={t('meetings.meeting.title', { number })}
        fund={{ code: m.fund.code, name: nameOf(m.fund, lang) }}
        back={{ to: `/funds/${m.fund.code}/meetings`, label: t('meetings.meeting.back') }}
      />
      <dl className="details meeting-facts">
        <Detail term={t('meetings.meeting.date')}>{d.dateText}</Detail>
        <Detail term={t('meetings.meeting.place')}>{m.place || '—'}</Detail>
        <Detail term={t('meetings.meeting.agenda')}>{t('meetings.meeting.agendaCount', { count: m.items.length, open: m.items.filter((i) => i.decision === null).length })}</Detail>
      </dl>
      <p className="meeting-print-link">
        <Link to={`${base}/resolution`}>{t('meetings.meeting.resolution')}</Link>
      </p>
      {d.notice && !failed && (
        <div className="notice" role="status">
          {t(d.notice)}
        </div>
      )}
      <ErrorSummary errors={labelled(errors, errorLabels(t, m))} />

      <Attendance d={d} typed={typedFor('attendance')} error={formError('attendance')} action={`${base}#attendance`} />
      <Agenda d={d} typed={typedFor('decide')} errors={errors} formError={formError('decide') ?? formError('remove')} action={`${base}#agenda`} />
      {m.may.manage && m.candidates.length > 0 && (
        <Candidates d={d} error={typed?.intent === 'add' ? errors.proposal : undefined} formError={formError('add')} action={`${base}#candidates`} />
      )}
      <Minutes d={d} typed={typedFor('minutes')} errors={typed?.intent === 'minutes' ? errors : {}} action={`${base}#meeting-minutes`} />
    </section>
  );
}

/** Names for the error summary: "Item 1: approved amount — …". */
function errorLabels(t: Translate, m: MeetingView): Record<string, string> {
  const labels: Record<string, string> = { proposal: t('meetings.candidates.title'), minutes: t('meetings.minutes.text'), place: t('meetings.meeting.place') };
  m.items.forEach((item, i) => {
    const n = i + 1;
    labels[`decisions.${item.id}.decision`] = t('meetings.item.fieldOf', { n, field: t('meetings.decide.legend') });
    labels[`decisions.${item.id}.approved_amount`] = t('meetings.item.fieldOf', { n, field: t('meetings.decide.amount') });
    labels[`decisions.${item.id}.conditions`] = t('meetings.item.fieldOf', { n, field: t('meetings.decide.conditions') });
    labels[`decisions.${item.id}.reason`] = t('meetings.item.fieldOf', { n, field: t('meetings.decide.reason') });
  });
  return labels;
}

/** A refusal that belongs to the whole form (no quorum, someone saved first), where the summary links to it. */
function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="warning" id="_form" tabIndex={-1}>
      {message}
    </p>
  );
}

// ---------------------------------------------------------------------------------------------
// Who came

function Attendance({ d, typed, error, action }: { d: Data; typed: Typed; error: string | undefined; action: string }) {
  const t = useT();
  const m = d.meeting;
  const recorded = attendanceRecorded(m.members);
  return (
    <div className="meeting-section">
      <h2 id="attendance">{t('meetings.attendance.title')}</h2>
      <QuorumStatus meeting={m} />
      {m.members.length === 0 && <p className="warning">{t('meetings.attendance.noMembers')}</p>}
      {m.may.manage && m.members.length > 0 ? (
        <Form method="post" noValidate action={action} key={m.version}>
          <CsrfField />
          <input type="hidden" name="intent" value="attendance" />
          <input type="hidden" name="version" value={m.version} />
          <FormError message={error} />
          <fieldset className="field radios meeting-members">
            <legend>{t('meetings.attendance.legend')}</legend>
            <p className="field__hint">{t('meetings.attendance.hint')}</p>
            {m.members.map((member) => {
              const name = `present.${member.id}`;
              return (
                <div key={member.id} className="radios__item meeting-member">
                  <input type="checkbox" id={name} name={name} defaultChecked={typed ? typed[name] === 'on' : member.present === true} />
                  <label htmlFor={name}>
                    {member.name}
                    <span className="radios__hint">
                      {positionLabel(t, member.position)}
                      {member.organisation ? ` · ${member.organisation}` : ''}
                    </span>
                  </label>
                </div>
              );
            })}
          </fieldset>
          <button type="submit" className="button">
            {t('meetings.attendance.save')}
          </button>
        </Form>
      ) : (
        m.members.length > 0 && (
          <StackTable
            caption={t('meetings.attendance.title')}
            rows={m.members}
            rowKey={(member) => member.id}
            columns={[
              { label: t('meetings.attendance.name'), cell: (member) => member.name },
              { label: t('meetings.attendance.position'), cell: (member) => positionLabel(t, member.position) },
              {
                label: t('meetings.attendance.present'),
                cell: (member) =>
                  !recorded || member.present === null
                    ? '—'
                    : member.present
                      ? t('meetings.attendance.yes')
                      : t('meetings.attendance.no'),
              },
            ]}
          />
        )
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The agenda and the decisions

function Agenda(props: { d: Data; typed: Typed; errors: Record<string, string>; formError: string | undefined; action: string }) {
  const t = useT();
  const m = props.d.meeting;
  const open = m.items.filter((i) => i.decision === null);
  const removable = m.may.manage ? open : [];
  const cards = m.items.map((item, i) => (
    <AgendaItem key={item.id} item={item} n={i + 1} may={m.may} typed={props.typed} errors={props.errors} />
  ));
  return (
    <div className="meeting-section">
      <h2 id="agenda">{t('meetings.agenda.title')}</h2>
      {m.items.length === 0 && <p className="plan-empty">{m.may.manage ? t('meetings.agenda.noneManage') : t('meetings.agenda.none')}</p>}
      {m.may.decide && open.length > 0 ? (
        <Form method="post" noValidate action={props.action} id="decisions" key={m.version}>
          <CsrfField />
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="version" value={m.version} />
          <p className="hint">{t('meetings.decide.lead')}</p>
          <FormError message={props.formError} />
          {!m.quorum.met && !props.formError && <p className="warning">{t('meetings.decide.needsQuorum')}</p>}
          {cards}
          <div className="plan-savebar">
            <button type="submit" className="button">
              {t('meetings.decide.submit')}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <FormError message={props.formError} />
          {cards}
        </>
      )}
      {/* Outside the decisions form (forms do not nest); each item's Remove button names its form. */}
      {removable.map((item) => (
        <Form key={item.id} method="post" action={props.action} id={`remove-${item.id}`} hidden>
          <CsrfField />
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="itemId" value={item.id} />
        </Form>
      ))}
    </div>
  );
}

function AgendaItem(props: { item: Item; n: number; may: MeetingView['may']; typed: Typed; errors: Record<string, string> }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { item, n } = props;
  const title = item.title || `#${item.proposalId}`;
  return (
    <article className={item.decision === null ? 'meeting-item' : 'meeting-item meeting-item--decided'} aria-labelledby={`item-${item.id}`}>
      <h3 id={`item-${item.id}`} className="meeting-item__title">
        <span className="meeting-item__n">{t('meetings.item.n', { n })}</span> <Link to={`/proposals/${item.proposalId}`}>{title}</Link>
      </h3>
      <dl className="details meeting-item__facts">
        <Detail term={t('meetings.item.organisation')}>{item.organisationName || '—'}</Detail>
        <Detail term={t('meetings.item.requested')}>{moneyText(item.budget, lang)}</Detail>
        <Detail term={t('meetings.item.category')}>{categoryLabel(t, item.supportCategory)}</Detail>
        <Detail term={t('meetings.item.decision')}>
          <DecisionBadge decision={item.decision} />
        </Detail>
      </dl>
      {item.budgetProblems.map((p) => (
        <p key={p.problem} className="warning">
          {t(`proposal.budget.${p.problem as BudgetProblem['problem']}`, { remaining: p.remaining ? bahtFigure(p.remaining) : '' })}
        </p>
      ))}
      {item.changedSinceAgenda && <p className="warning">{t('meetings.item.changed')}</p>}
      {item.decision !== null ? (
        <Decided item={item} />
      ) : (
        props.may.decide && <DecisionFields item={item} typed={props.typed} errors={props.errors} />
      )}
      {item.decision === null && props.may.manage && (
        <p className="meeting-item__remove">
          <button type="submit" form={`remove-${item.id}`} className="link-button link-button--danger">
            {t('meetings.item.remove')}
            <span className="visually-hidden"> {title}</span>
          </button>
        </p>
      )}
    </article>
  );
}

function Decided({ item }: { item: Item }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  return (
    <dl className="details meeting-item__decided">
      {item.approvedAmount !== null && <Detail term={t('meetings.item.approved')}>{moneyText(item.approvedAmount, lang)}</Detail>}
      {item.projectCode && (
        <Detail term={t('meetings.item.projectCode')}>
          <Link to={`/projects/${item.projectCode}`} className="meeting-code">
            {item.projectCode}
          </Link>
        </Detail>
      )}
      {item.conditions && (
        <Detail term={t('meetings.decide.conditions')}>
          <span className="prewrap">{item.conditions}</span>
        </Detail>
      )}
      {item.reason && (
        <Detail term={t('meetings.decide.reason')}>
          <span className="prewrap">{item.reason}</span>
        </Detail>
      )}
    </dl>
  );
}

function DecisionFields({ item, typed, errors }: { item: Item; typed: Typed; errors: Record<string, string> }) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const at = (field: string) => `decisions.${item.id}.${field}`;
  const value = (field: string, stored: string) => (typed ? (typed[at(field)] ?? '') : stored);
  return (
    <div className="meeting-decide">
      <input type="hidden" name={at('version')} value={item.proposalVersion} />
      <RadioGroupField
        name={at('decision')}
        legend={t('meetings.decide.legend')}
        defaultValue={value('decision', '')}
        error={errors[at('decision')]}
        options={[
          { value: '', label: t('meetings.decide.notYet') },
          { value: 'approve', label: t('proposal.action.approve') },
          { value: 'reject', label: t('proposal.action.reject') },
          { value: 'defer', label: t('proposal.action.defer') },
        ]}
      />
      <TextField
        name={at('approved_amount')}
        label={t('meetings.decide.amount')}
        hint={t('meetings.decide.amountHint', { amount: moneyText(item.budget, lang) })}
        defaultValue={value('approved_amount', moneyForInput(item.budget))}
        error={errors[at('approved_amount')]}
        inputMode="decimal"
        autoComplete="off"
        maxLength={20}
      />
      <div className="field-pair">
        <TextAreaField
          name={at('conditions')}
          label={`${t('meetings.decide.conditions')} ${t('admin.optional')}`}
          hint={t('meetings.decide.conditionsHint')}
          defaultValue={value('conditions', '')}
          error={errors[at('conditions')]}
          maxLength={2000}
          rows={2}
        />
        <TextAreaField
          name={at('reason')}
          label={t('meetings.decide.reason')}
          hint={t('meetings.decide.reasonHint')}
          defaultValue={value('reason', '')}
          error={errors[at('reason')]}
          maxLength={2000}
          rows={2}
        />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Reviewed proposals that can go on the agenda

function Candidates(props: { d: Data; error: string | undefined; formError: string | undefined; action: string }) {
  const { d, error, action } = props;
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  return (
    <div className="meeting-section">
      <h2 id="candidates">{t('meetings.candidates.title')}</h2>
      <p className="hint">{t('meetings.candidates.lead')}</p>
      <FormError message={props.formError} />
      {error && (
        <p className="warning" id="proposal" tabIndex={-1}>
          {error}
        </p>
      )}
      <StackTable
        caption={t('meetings.candidates.title')}
        rows={d.meeting.candidates}
        rowKey={(c) => c.id}
        columns={[
          { label: t('meetings.candidates.proposal'), cell: (c) => <Link to={`/proposals/${c.id}`}>{c.title || `#${c.id}`}</Link> },
          { label: t('meetings.item.organisation'), cell: (c) => c.organisationName || '—' },
          { label: t('meetings.item.requested'), num: true, cell: (c) => moneyText(c.budget, lang) },
          { label: t('meetings.candidates.state'), cell: (c) => t(`proposal.state.${c.state}`) },
          {
            label: t('meetings.candidates.action'),
            cell: (c) => (
              <Form method="post" action={action} className="inline-form">
                <CsrfField />
                <input type="hidden" name="intent" value="add" />
                <input type="hidden" name="proposalId" value={c.id} />
                <input type="hidden" name="version" value={c.version} />
                <button type="submit" className="button button--secondary button--small">
                  {t('proposal.action.add_to_agenda')}
                  <span className="visually-hidden"> {c.title}</span>
                </button>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The minutes

function Minutes({ d, typed, errors, action }: { d: Data; typed: Typed; errors: Record<string, string>; action: string }) {
  const t = useT();
  const m = d.meeting;
  return (
    <div className="meeting-section">
      {/* Not id="minutes": that is the field's, which the error summary links to. */}
      <h2 id="meeting-minutes">{t('meetings.minutes.title')}</h2>
      {m.may.manage ? (
        <Form method="post" noValidate action={action} className="admin-form" key={m.version}>
          <CsrfField />
          <input type="hidden" name="intent" value="minutes" />
          <input type="hidden" name="version" value={m.version} />
          <FormError message={errors._form} />
          <TextField name="place" label={t('meetings.meeting.place')} defaultValue={typed?.place ?? m.place} error={errors.place} maxLength={300} />
          <TextAreaField
            name="minutes"
            label={t('meetings.minutes.text')}
            hint={t('meetings.minutes.hint')}
            defaultValue={typed?.minutes ?? m.minutes}
            error={errors.minutes}
            maxLength={20000}
            rows={8}
          />
          <button type="submit" className="button">
            {t('meetings.minutes.save')}
          </button>
        </Form>
      ) : m.minutes ? (
        <p className="prewrap meeting-minutes">{m.minutes}</p>
      ) : (
        <p className="hint">{t('meetings.minutes.none')}</p>
      )}
    </div>
  );
}
