import type { ReactNode } from 'react';
import { Link, redirect } from 'react-router';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { can } from '../../src/domain/policy.ts';
import { PUBLIC_STATE } from '../../src/domain/proposals.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { isStep } from '../../src/use-cases/proposal-steps.ts';
import { reportReminders } from '../../src/use-cases/project-reports.ts';
import { getProposal, needsMe, type ProposalSummary } from '../../src/use-cases/proposals.ts';
import { moneyText } from '../components/admin-form.tsx';
import { shortFundName } from '../components/plan-parts.tsx';
import { FormKeeper } from '../components/proposal-autosave.tsx';
import { continueHref, signInHref } from '../components/proposal-parts.tsx';
import { ProposalStateBadge } from '../components/proposal-view.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import flowCss from '../styles/proposal-flow.css?url';
import { useT } from '../root.tsx';
import type { Route } from './+types/proposals';

// "Needs me": what is waiting for whoever is signed in, by the hats they wear — the proposer's
// drafts and returned proposals (with where to continue), the mentor's proposals to review, the
// officer's proposals ready for an agenda, and the committee's next meetings.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: flowCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname + url.search));
  const db = services(context).database.db;
  const actor = actorOf(user);
  try {
    const lists = await needsMe(db, actor);
    // Where each of one's own proposals continues: the first page with something missing.
    const mine = await Promise.all(
      lists.mine.map(async (p) => {
        const view = await getProposal(db, actor, { id: p.id });
        return {
          ...summary(p, lang),
          continueTo: continueHref(p.id, view.problems),
          missing: view.problems.length,
          savedAt: `${formatThaiDate(p.updatedAt, lang, 'short')} ${formatClockTime(p.updatedAt, lang)}`,
          savedClock: formatClockTime(p.updatedAt, lang),
        };
      }),
    );
    const savedId = Number(url.searchParams.get('saved'));
    const savedStep = url.searchParams.get('step');
    const saved = mine.find((p) => p.id === savedId) ?? null;
    const { t } = requestInfo(context);
    // Project reports overdue, due within the week or returned: for the group and the officer.
    const reports = (await reportReminders(db, actor)).map((r) => ({
      link: r.link,
      warn: r.reason !== 'due_soon',
      badge: r.reason === 'returned' ? t('report.state.returned') : t(`report.timeliness.${r.reason}`),
      text: t(`report.reminder.${r.reason}`, { kind: t(`report.kind.${r.kind}`), code: r.code, date: formatThaiDate(r.dueDate, lang, 'short') }),
      title: r.title,
    }));
    return {
      mine,
      reports,
      sent: lists.sent.map((p) => summary(p, lang)),
      toReview: lists.toReview.map((p) => summary(p, lang)),
      forAgenda: lists.forAgenda.map((p) => summary(p, lang)),
      meetings: lists.meetings.map((m) => ({ ...m, dateText: formatThaiDate(m.date, lang) })),
      mayStart: user.roles.some((r) => can({ userId: user.id, roles: [r] }, 'proposal.create', { scopeChain: [r.scopeCode] })),
      saved: saved && { title: saved.title, time: saved.savedClock },
      clear: saved && savedStep && isStep(savedStep) ? [`/proposals/${saved.id}/edit/${savedStep}`] : [],
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

function summary(p: ProposalSummary, lang: 'th' | 'en') {
  return {
    id: p.id,
    title: p.title,
    state: p.state,
    fund: p.fundCode,
    fundName: shortFundName(p.fundName),
    year: formatFiscalYear(p.fiscalYear, lang),
    budget: moneyText(p.budget, lang),
    returned: p.state === 'returned',
  };
}

export default function NeedsMe({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const nothing = d.mine.length + d.reports.length + d.sent.length + d.toReview.length + d.forAgenda.length + d.meetings.length === 0;
  return (
    <section className="flow flow-needs">
      <title>{`${t('proposal.needs.title')} — kongtun`}</title>
      <FormKeeper clear={d.clear} />
      <h1>{t('proposal.needs.title')}</h1>
      {d.saved && (
        <p className="notice" role="status">
          {t('proposal.needs.saved', { title: d.saved.title || t('proposal.flow.untitled'), time: d.saved.time })}
        </p>
      )}
      {d.mayStart && (
        <p className="flow-start">
          <Link to="/proposals/new" className="button flow-start__button">
            {t('proposal.needs.start')}
          </Link>
          <span className="hint">{t('proposal.needs.startHint')}</span>
        </p>
      )}
      {nothing && <p className="plan-empty">{t('proposal.needs.nothing')}</p>}

      {d.mine.length > 0 && (
        <Part id="mine" title={t('proposal.needs.mine')} lead={t('proposal.needs.mineLead')}>
          {d.mine.map((p) => (
            <li key={p.id} className="flow-card">
              <p className="flow-card__title">{p.title || t('proposal.flow.untitled')}</p>
              <p className="flow-card__meta">
                <ProposalStateBadge state={p.state} publicState={PUBLIC_STATE[p.state]} staff /> {p.fundName} ({p.fund}) · {p.year}
              </p>
              <p className="flow-card__meta">
                {t('proposal.needs.lastSaved', { when: p.savedAt })}
                {' · '}
                {p.missing > 0 ? t('proposal.needs.missing', { count: p.missing }) : t('proposal.needs.complete')}
              </p>
              <p className="flow-card__actions">
                <Link to={p.continueTo} className="button button--small">
                  {p.returned ? t('proposal.needs.revise') : t('proposal.needs.continue')}
                  <span className="visually-hidden">: {p.title || t('proposal.flow.untitled')}</span>
                </Link>
                <Link to={`/proposals/${p.id}`}>{t('proposal.needs.open')}</Link>
              </p>
            </li>
          ))}
        </Part>
      )}

      {d.reports.length > 0 && (
        <Part id="reports" title={t('report.reminders.title')} lead={t('report.list.intro')}>
          {d.reports.map((r) => (
            <li key={r.link + r.text} className="flow-card">
              <p className="flow-card__title">
                <Link to={r.link}>{r.text}</Link>
              </p>
              <p className="flow-card__meta">
                <span className={r.warn ? 'status status--warning' : 'status'}>{r.badge}</span> {r.title}
              </p>
            </li>
          ))}
        </Part>
      )}

      {d.sent.length > 0 && <StaffList id="sent" title={t('proposal.needs.sent')} lead={t('proposal.needs.sentLead')} items={d.sent} />}
      {d.toReview.length > 0 && <StaffList id="review" title={t('proposal.needs.toReview')} lead={t('proposal.needs.toReviewLead')} items={d.toReview} />}
      {d.forAgenda.length > 0 && <StaffList id="agenda" title={t('proposal.needs.forAgenda')} lead={t('proposal.needs.forAgendaLead')} items={d.forAgenda} />}

      {d.meetings.length > 0 && (
        <Part id="meetings" title={t('proposal.needs.meetings')} lead={t('proposal.needs.meetingsLead')}>
          {d.meetings.map((m) => (
            <li key={m.id} className="flow-card">
              <p className="flow-card__title">
                <Link to={`/funds/${m.fundCode}/meetings/${m.id}`}>{t('proposal.needs.meeting', { number: m.number, year: m.fiscalYear })}</Link>
              </p>
              <p className="flow-card__meta">
                {m.dateText} · {m.fundCode} · {t('proposal.needs.items', { count: m.items })}
              </p>
            </li>
          ))}
        </Part>
      )}
    </section>
  );
}

function Part(props: { id: string; title: string; lead: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${props.id}-title`} className="flow-part">
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p className="hint">{props.lead}</p>
      <ul className="flow-cards">{props.children}</ul>
    </section>
  );
}

function StaffList(props: { id: string; title: string; lead: string; items: ReturnType<typeof summary>[] }) {
  const t = useT();
  return (
    <Part id={props.id} title={props.title} lead={props.lead}>
      {props.items.map((p) => (
        <li key={p.id} className="flow-card">
          <p className="flow-card__title">
            <Link to={`/proposals/${p.id}`}>{p.title || t('proposal.flow.untitled')}</Link>
          </p>
          <p className="flow-card__meta">
            <ProposalStateBadge state={p.state} publicState={PUBLIC_STATE[p.state]} staff /> {p.fundName} ({p.fund}) · {p.year}
          </p>
          <p className="flow-card__meta">{t('proposal.needs.budget', { amount: p.budget })}</p>
        </li>
      ))}
    </Part>
  );
}
