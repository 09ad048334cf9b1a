import { RunPage } from '../components/history-import.tsx';
import { runAction, runLoader } from '../lib/history-import.server.ts';
import type { Route } from './+types/imports.$id';

// One import run of the area's or admin's page: the dry run's summary and its apply.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return runLoader(context, request, params.id);
}

export async function action({ context, params }: Route.ActionArgs) {
  return runAction(context, params.id, '/imports');
}

export default function ImportRun({ loaderData, actionData }: Route.ComponentProps) {
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <RunPage
      data={loaderData}
      failed={failed}
      base="/imports"
    />
  );
}
