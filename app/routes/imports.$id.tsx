import { Link } from 'react-router';
import { RunSummary } from '../components/history-import.tsx';
import { runAction, runLoader } from '../lib/history-import.server.ts';
import { useT } from '../root.tsx';
import type { Route } from './+types/imports.$id';

// One import run of the area's or admin's page: the dry run's summary and its apply.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return runLoader(context, request, params.id);
}

export async function action({ context, params }: Route.ActionArgs) {
  return runAction(context, params.id, '/imports');
}

export default function ImportRun({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : null;
  const { run } = loaderData;
  return (
    <section className="admin-page">
      <title>{`${t('history.page.runTitle', { id: run.id, file: run.fileName })} — kongtun`}</title>
      <p className="back-link">
        <Link to="/imports">{t('history.page.backToImports')}</Link>
      </p>
      <RunSummary run={run} changes={loaderData.changes} mine={loaderData.mine} mayApply={loaderData.mayApply} errors={failed?.errors ?? {}} />
      <p>
        <Link to="/imports">{t('history.page.another')}</Link>
      </p>
    </section>
  );
}
