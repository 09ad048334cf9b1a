import { Link } from 'react-router';
import { RunSummary } from '../components/history-import.tsx';
import { runAction, runLoader } from '../lib/history-import.server.ts';
import { useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.imports.$id';

// One import run of the fund: what the dry run found, row by row, and the button that applies
// it all or nothing; once applied, the way to the imported projects.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return runLoader(context, request, params.id, params.code);
}

export async function action({ context, params }: Route.ActionArgs) {
  return runAction(context, params.id, `/funds/${params.code}/imports`);
}

export default function FundImportRun({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : null;
  const { run } = loaderData;
  return (
    <section className="admin-page">
      <title>{`${t('history.page.runTitle', { id: run.id, file: run.fileName })} — kongtun`}</title>
      <p className="back-link">
        <Link to={`/funds/${params.code}/imports`}>{t('history.page.backToImports')}</Link>
      </p>
      <RunSummary
        run={run}
        changes={loaderData.changes}
        mine={loaderData.mine}
        mayApply={loaderData.mayApply}
        errors={failed?.errors ?? {}}
        after={
          run.status === 'applied' && run.kind === 'projects' ? (
            <p>
              <Link to={`/funds/${params.code}/proposals?origin=imported`}>{t('history.page.viewProjects')}</Link>
            </p>
          ) : null
        }
      />
      <p>
        <Link to={`/funds/${params.code}/imports`}>{t('history.page.another')}</Link>
      </p>
    </section>
  );
}
