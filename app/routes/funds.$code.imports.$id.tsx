import { Link } from 'react-router';
import { RunPage } from '../components/history-import.tsx';
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
  return (
    <RunPage
      data={loaderData}
      failed={failed}
      base={`/funds/${params.code}/imports`}
      after={
        loaderData.run.status === 'applied' && loaderData.run.kind === 'projects' ? (
          <p>
            <Link to={`/funds/${params.code}/proposals?origin=imported`}>{t('history.page.viewProjects')}</Link>
          </p>
        ) : null
      }
    />
  );
}
