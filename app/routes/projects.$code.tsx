import { Link, redirect } from 'react-router';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import { formatFiscalYear, formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listPrograms, listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { loadProject } from '../../src/use-cases/project-followup.ts';
import { listAttachments } from '../../src/use-cases/proposal-attachments.ts';
import { getProject } from '../../src/use-cases/proposals.ts';
import { Detail, StackTable } from '../components/plan-parts.tsx';
import { Amount, catalogueFor, ObjectivesTable, OriginBadge, TargetGroupsTable, viewText } from '../components/proposal-view.tsx';
import { nameOf } from '../components/registry.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import reviewCss from '../styles/proposal-review.css?url';
import type { Route } from './+types/projects.$code';

// An approved project for everyone: what it is, who carries it out, the money approved, when and
// where, what it aims at and for whom, its activities in brief. Nothing that reaches a person
// (no phone numbers, no member names); the whole proposal and form กปท.7 are a link away.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: reviewCss }];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const db = services(context).database.db;
  try {
    const view = await getProject(db, actorOf(user), { code: params.code });
    const code = view.project?.code ?? params.code;
    if (code !== params.code) throw redirect(`/projects/${code}`);
    const [programs, groups, follows, files] = await Promise.all([
      listPrograms(db, { includeInactive: true }),
      listTargetGroups(db),
      mayFollow(db, user, code),
      view.origin === 'system' ? [] : listAttachments(db, actorOf(user), { id: view.id }),
    ]);
    const text = viewText(view, lang);
    const meeting = view.outsideMeeting
      ? { ref: view.outsideMeeting.ref, date: view.outsideMeeting.date ? formatThaiDate(view.outsideMeeting.date, lang) : null }
      : null;
    return {
      code,
      id: view.id,
      title: view.title,
      fund: view.fund,
      fiscalYear: view.fiscalYear,
      organisation: view.organisation,
      supportCategory: view.supportCategory,
      budget: view.budget,
      approvedAmount: view.decision.approvedAmount,
      place: view.place,
      objectives: view.content.objectives,
      targetGroups: view.content.targetGroups,
      activities: view.content.activities.map((a) => ({ position: a.position, title: a.title, total: a.total })),
      targetNames: catalogueFor(programs, groups, view).targetGroups,
      period: { start: text.periodStart, end: text.periodEnd },
      decided: text.decided,
      origin: view.origin,
      meeting,
      files: files.map((f) => ({ id: f.id, name: f.file_name })),
      recorded: new URL(request.url).searchParams.has('recorded') && follows,
      follows,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

/** Whether the signed-in person may follow the project (its group, the area's people); the public page is the same either way. */
async function mayFollow(db: Parameters<typeof loadProject>[0], user: ReturnType<typeof requestInfo>['user'], code: string): Promise<boolean> {
  if (!user) return false;
  try {
    await loadProject(db, actorOf(user), code);
    return true;
  } catch (error) {
    if (error instanceof Forbidden) return false;
    throw error;
  }
}

export default function ProjectPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const d = loaderData;
  const fundName = nameOf(d.fund, lang);
  return (
    <article className="project-page">
      <title>{`${d.title} (${d.code}) — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${d.fund.code}/proposals`}>{t('projectPage.otherProjects')}</Link>
      </p>
      {d.recorded && (
        <p className="notice" role="status">
          {t('outside.project.recorded', { code: d.code })}
        </p>
      )}
      <h1>
        {d.title}
        <span className="heading-note">
          {t('projectPage.title', { code: d.code })} · {formatFiscalYear(d.fiscalYear, lang)}
          <OriginBadge origin={d.origin} />
        </span>
      </h1>
      <p className="lead-text">{t('projectPage.lead')}</p>

      <dl className="details proposal-facts project-facts">
        <Detail term={t('projectPage.fund')}>
          <Link to={`/funds/${d.fund.code}`}>{fundName}</Link>
        </Detail>
        <Detail term={t('projectPage.organisation')}>
          {d.organisation.name}
          {d.organisation.type && <span className="cell-note">{t(`proposal.orgType.${d.organisation.type}`)}</span>}
        </Detail>
        <Detail term={t('projectPage.category')}>{d.supportCategory ? t(`planning.category.${d.supportCategory}`) : '—'}</Detail>
        <Detail term={t('projectPage.approved')}>{d.approvedAmount ? <Amount value={d.approvedAmount} lang={lang} words /> : '—'}</Detail>
        <Detail term={t('projectPage.period')}>{d.period.start || d.period.end ? t('review.periodRange', { start: d.period.start ?? '—', end: d.period.end ?? '—' }) : '—'}</Detail>
        <Detail term={t('projectPage.place')}>{d.place || '—'}</Detail>
        {d.decided && <Detail term={t('projectPage.approvedAt')}>{d.decided}</Detail>}
        {d.meeting && (
          <Detail term={t('outside.project.meeting')}>{d.meeting.date ? t('outside.project.meetingRef', { ref: d.meeting.ref, date: d.meeting.date }) : d.meeting.ref}</Detail>
        )}
        <Detail term={t('outside.origin.label')}>{t(`outside.origin.${d.origin}`)}</Detail>
        {d.files.length > 0 && (
          <Detail term={t('outside.project.scan')}>
            {d.files.map((f) => (
              <a key={f.id} href={`/proposals/${d.id}/attachments/${f.id}`} className="file-link">
                {f.name}
              </a>
            ))}
          </Detail>
        )}
      </dl>

      <p className="project-links">
        {d.follows && (
          <Link className="button" to={`/projects/${d.code}/follow-up`}>
            {t('followup.page.link')}
          </Link>
        )}
        {/* A project approved outside the system has no proposal written here to print or read. */}
        {d.origin === 'system' && (
          <>
            <Link className="button button--secondary" to={`/proposals/${d.id}/print`}>
              {t('projectPage.print')}
            </Link>
            <Link to={`/proposals/${d.id}`}>{t('projectPage.full')}</Link>
          </>
        )}
      </p>

      {(d.origin === 'system' || d.objectives.length > 0) && (
        <section className="proposal-section" aria-labelledby="objectives-title">
          <h2 id="objectives-title">{t('review.section.objectives')}</h2>
          <ObjectivesTable objectives={d.objectives} />
        </section>
      )}

      <section className="proposal-section" aria-labelledby="targets-title">
        <h2 id="targets-title">{t('review.section.targets')}</h2>
        <TargetGroupsTable groups={d.targetGroups} names={d.targetNames} lang={lang} />
      </section>

      {(d.origin === 'system' || d.activities.length > 0) && (
      <section className="proposal-section" aria-labelledby="activities-title">
        <h2 id="activities-title">{t('projectPage.activities')}</h2>
        <StackTable
          caption={t('projectPage.activities')}
          rows={d.activities}
          rowKey={(a) => a.position}
          columns={[
            { label: t('projectPage.activities'), cell: (a) => `${a.position + 1}. ${a.title}` },
            { label: t('projectPage.activityCost'), num: true, cell: (a) => formatBaht(fromNumeric(a.total), { lang }) },
          ]}
        />
        <p className="proposal-total">
          {t('projectPage.requested')}: <strong>{formatBaht(fromNumeric(d.budget), { lang })}</strong>
        </p>
      </section>
      )}
    </article>
  );
}
