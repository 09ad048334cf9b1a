import { data, Form, Link, redirect } from 'react-router';
import { dateForInput } from '../../src/domain/import-values.ts';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { fromNumeric, toNumeric } from '../../src/domain/money.ts';
import type { ExpenseGroup } from '../../src/domain/proposals.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { deleteActivity, getFollowUp, removeActivityFile, updateActivity } from '../../src/use-cases/project-followup.ts';
import { ActivityForm, uploadsOf } from '../components/activity-form.tsx';
import { amountText } from '../components/ledger-parts.tsx';
import { Detail, PlanHeading } from '../components/plan-parts.tsx';
import { signInHref } from '../components/proposal-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { flatFields, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useRootData, useT } from '../root.tsx';
import followupCss from '../styles/followup.css?url';
import type { Route } from './+types/projects.$code.activities.$id';

// One activity record: the group and the officer correct it (at the version they read; someone
// saving first is told plainly and what was typed stays), add or remove photos and receipts,
// or delete it after confirming. Others who follow the project read it.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: followupCss }];

const NOTICES = { saved: 'followup.activity.saved', fileRemoved: 'followup.activity.fileRemoved' } as const;

async function recordOf(context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params'], user: NonNullable<ReturnType<typeof requestInfo>['user']>) {
  const view = await getFollowUp(services(context).database.db, actorOf(user), { code: params.code });
  const record = view.activities.find((a) => String(a.id) === params.id);
  if (!record) throw data(null, { status: 404 });
  return { view, record };
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  const url = new URL(request.url);
  if (!user) throw redirect(signInHref(url.pathname));
  const db = services(context).database.db;
  try {
    const { view, record } = await recordOf(context, params, user);
    const groups = await listTargetGroups(db);
    const done = url.searchParams.get('done');
    return {
      project: { code: view.code, title: view.title, fund: view.fund, mayRecord: view.mayRecord },
      form: {
        base: `/projects/${view.code}`,
        today: dateForInput(toBangkokIsoDate(new Date()), lang),
        plannedActivities: view.plannedActivities,
        plannedParticipants: view.plannedParticipants,
        groups: groups.map((g) => ({ code: g.code, name: nameOf(g, lang) })),
        record: {
          ...record,
          dateInput: dateForInput(record.activityDate, lang),
          dateText: formatThaiDate(record.activityDate, lang),
          expenses: record.expenses.map((e) => ({ group: e.group, amount: toNumeric(e.amount) })),
        },
      },
      total: record.total,
      activityTitle: view.plannedActivities.find((a) => a.position === record.activityPosition)?.title ?? null,
      confirmDelete: url.searchParams.get('confirm') === 'delete',
      notice: done && done in NOTICES ? NOTICES[done as keyof typeof NOTICES] : null,
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  const here = `/projects/${params.code}/activities/${params.id}`;
  if (!user) throw redirect(signInHref(here));
  const db = services(context).database.db;
  const actor = actorOf(user);
  const form = await request.formData();
  const nested = nestedFields(form);
  const typed = flatFields(nested);
  const target = { code: params.code, id: params.id };
  switch (nested.intent) {
    case 'remove-file': {
      const result = await attempt(t, {}, () => removeActivityFile(db, actor, { ...target, fileId: nested.file }));
      if (!('value' in result)) return result;
      return redirect(`${here}?done=fileRemoved#files`);
    }
    case 'delete': {
      const result = await attempt(t, typed, () => deleteActivity(db, actor, { ...target, version: nested.version }));
      if (!('value' in result)) return result;
      return redirect(`/projects/${params.code}/follow-up?done=deleted#activities`);
    }
    case 'save': {
      const files = await uploadsOf(form);
      // Chosen files cannot be shown again: the form says so when they were.
      if (files.length) typed._files = String(files.length);
      const result = await attempt(t, typed, () => updateActivity(db, actor, { ...nested, ...target, files }));
      if (!('value' in result)) {
        // Someone saved first: what was typed stays, and saving again is against what they saved.
        if (result.init?.status === 409) {
          const { record } = await recordOf(context, params, user);
          typed.version = String(record.version);
        }
        return result;
      }
      return redirect(`${here}?done=saved`);
    }
    default:
      throw data(null, { status: 400 });
  }
}

export default function ActivityPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { project, form } = loaderData;
  const record = form.record;
  const failed = actionData && !actionData.ok ? actionData : null;
  const typed = failed?.input as Record<string, string> | undefined;
  const errors: Record<string, string> = failed?.errors ?? {};
  const here = `/projects/${project.code}/activities/${record.id}`;
  const conflict = errors._form !== undefined;
  const heading = project.mayRecord ? t('followup.activity.editTitle') : t('followup.activity.viewTitle');
  return (
    <section className="activity-page">
      <PlanHeading title={`${heading}: ${record.title}`} fund={{ code: project.fund.code, name: nameOf(project.fund, lang) }} back={{ to: `/projects/${project.code}/follow-up`, label: t('followup.activity.back') }} />
      {loaderData.notice && !failed && (
        <p className="notice" role="status">
          {t(loaderData.notice)}
        </p>
      )}
      {conflict && (
        <div className="notice notice--warning" role="alert">
          <p>{t('followup.activity.conflict')}</p>
          <p>
            <a href={here} target="_blank" rel="noopener">
              {t('followup.activity.seeSaved')}
            </a>
          </p>
        </div>
      )}

      {project.mayRecord ? (
        <ActivityForm data={form} typed={typed} errors={errors} version={typed?.version ?? String(record.version)} />
      ) : (
        <ReadOnly record={record} activityTitle={loaderData.activityTitle} total={amountText(loaderData.total)} groups={form.groups} />
      )}

      <section aria-labelledby="files" className="activity-files">
        <h2 id="files">{t('followup.activity.attached')}</h2>
        {record.files.length === 0 ? (
          <p>{t('followup.activity.none')}</p>
        ) : (
          <ul className="activity-file-list">
            {record.files.map((f) => {
              const href = `${here}/files/${f.id}`;
              return (
                <li key={f.id}>
                  {f.mediaType.startsWith('image/') && (
                    <img src={href} alt="" width={72} height={72} loading="lazy" />
                  )}
                  <span className="activity-file-list__name">
                    <a href={href} target="_blank" rel="noopener">
                      {f.fileName}
                    </a>
                    <span className="cell-note"> {t(`followup.activity.kind.${f.kind}`)}</span>
                  </span>
                  {project.mayRecord && (
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="file" value={f.id} />
                      <button type="submit" name="intent" value="remove-file" className="link-button link-button--danger">
                        {t('followup.activity.removeFile')}
                        <span className="visually-hidden"> {f.fileName}</span>
                      </button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {project.mayRecord && (
        <section className="activity-delete" aria-labelledby="delete">
          <h2 id="delete" className="visually-hidden">
            {t('followup.activity.delete')}
          </h2>
          {loaderData.confirmDelete ? (
            <div className="notice notice--warning" role="alert">
              <p>{t('followup.activity.deleteConfirm')}</p>
              <Form method="post" className="form-actions">
                <CsrfField />
                <input type="hidden" name="version" value={typed?.version ?? String(record.version)} />
                <button type="submit" name="intent" value="delete" className="button button--danger">
                  {t('followup.activity.deleteYes')}
                </button>
                <Link to={here}>{t('followup.activity.deleteNo')}</Link>
              </Form>
            </div>
          ) : (
            <Link to={`${here}?confirm=delete#delete`} className="link-button link-button--danger">
              {t('followup.activity.delete')}
            </Link>
          )}
        </section>
      )}
    </section>
  );
}

function ReadOnly(props: {
  record: NonNullable<Route.ComponentProps['loaderData']['form']['record']>;
  activityTitle: string | null;
  total: string;
  groups: readonly { code: string; name: string }[];
}) {
  const t = useT();
  const r = props.record;
  const name = (code: string) => props.groups.find((g) => g.code === code)?.name ?? code;
  return (
    <dl className="details details--stacked">
      <Detail term={t('followup.activity.date')}>{r.dateText}</Detail>
      <Detail term={t('followup.activity.position')}>{props.activityTitle ?? t('followup.activity.positionNone')}</Detail>
      <Detail term={t('followup.activity.participants')}>
        {r.participants.length === 0
          ? '—'
          : r.participants.map((p) => (
              <span key={p.targetGroupCode} className="activity-line">
                {name(p.targetGroupCode)}: {t('followup.activity.plannedN')} {p.planned} · {t('followup.activity.actualN')} {p.actual}
              </span>
            ))}
      </Detail>
      {(['done', 'outputs', 'outcomes', 'problems', 'fixes'] as const).map((key) => (
        <Detail key={key} term={t(`followup.activity.${key}`)}>
          <span className="prewrap">{r[key] || '—'}</span>
        </Detail>
      ))}
      <Detail term={t('followup.activity.expenses')}>
        {r.expenses.length === 0
          ? '—'
          : r.expenses.map((e) => (
              <span key={e.group} className="activity-line">
                {t(`proposal.expense.${e.group as ExpenseGroup}`)}: {amountText(fromNumeric(e.amount))}
              </span>
            ))}
        <strong className="activity-line">
          {t('followup.page.total')}: {props.total}
        </strong>
      </Detail>
    </dl>
  );
}
