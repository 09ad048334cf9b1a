import { redirect } from 'react-router';
import { toBangkokIsoDate } from '../../src/domain/fiscal-year.ts';
import { dateForInput } from '../../src/domain/import-values.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { listTargetGroups } from '../../src/use-cases/planning-catalogue.ts';
import { getFollowUp, recordActivity } from '../../src/use-cases/project-followup.ts';
import { ActivityForm, uploadsOf } from '../components/activity-form.tsx';
import { PlanHeading } from '../components/plan-parts.tsx';
import { signInHref } from '../components/proposal-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { flatFields, nestedFields } from '../lib/nested-form.ts';
import { requestInfo, services } from '../lib/request.server.ts';
import { asPageError, attempt } from '../lib/use-case.server.ts';
import { useRootData, useT } from '../root.tsx';
import followupCss from '../styles/followup.css?url';
import type { Route } from './+types/projects.$code.activities.new';

// Recording an activity (บันทึกกิจกรรม), for the project's group or the fund's officer, on a
// phone in a minute: only the date and the title are required. The participants come prefilled
// with the plan's numbers; photos and receipts go up with the record in the same post.

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: followupCss }];

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect(signInHref(new URL(request.url).pathname));
  const db = services(context).database.db;
  try {
    const view = await getFollowUp(db, actorOf(user), { code: params.code });
    if (!view.mayRecord) throw new Forbidden('project.record');
    const groups = await listTargetGroups(db);
    return {
      project: { code: view.code, title: view.title, fund: view.fund },
      form: {
        base: `/projects/${view.code}`,
        today: dateForInput(toBangkokIsoDate(new Date()), lang),
        plannedActivities: view.plannedActivities,
        plannedParticipants: view.plannedParticipants,
        groups: groups.map((g) => ({ code: g.code, name: nameOf(g, lang) })),
        record: null,
      },
    };
  } catch (error) {
    throw asPageError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect(signInHref(`/projects/${params.code}/activities/new`));
  const form = await request.formData();
  const nested = nestedFields(form);
  const files = await uploadsOf(form);
  const typed = flatFields(nested);
  // Chosen files cannot be shown again: the form says so when they were.
  if (files.length) typed._files = String(files.length);
  const result = await attempt(t, typed, () => recordActivity(services(context).database.db, actorOf(user), { ...nested, code: params.code, files }));
  if (!('value' in result)) return result;
  return redirect(`/projects/${params.code}/follow-up?done=recorded#activities`);
}

export default function NewActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const { project, form } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <section className="activity-page">
      <PlanHeading
        title={`${t('followup.activity.newTitle')}: ${project.title}`}
        fund={{ code: project.fund.code, name: nameOf(project.fund, lang) }}
        back={{ to: `/projects/${project.code}/follow-up`, label: t('followup.activity.back') }}
      />
      <p className="lead-text">{t('followup.activity.lead')}</p>
      <ActivityForm data={form} typed={failed?.input as Record<string, string> | undefined} errors={failed?.errors ?? {}} />
    </section>
  );
}
