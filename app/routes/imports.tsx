import { Link } from 'react-router';
import { ColumnsList, RunList, UploadForm } from '../components/history-import.tsx';
import { importsAction, importsLoader } from '../lib/history-import.server.ts';
import { useT } from '../root.tsx';
import type { Route } from './+types/imports';

// Importing history for an area (a provincial or regional officer) or anywhere (an admin): a
// file may hold many funds, each row checked against the importer's area.

export async function loader({ context, request }: Route.LoaderArgs) {
  return importsLoader(context, request);
}

export async function action({ context, request }: Route.ActionArgs) {
  return importsAction(context, request, '/imports');
}

export default function Imports({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <section className="admin-page">
      <title>{`${t('history.page.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/account">{t('accounts.nav.account')}</Link>
      </p>
      <h1>{t('history.page.title')}</h1>
      <p className="lead-text">{t('history.page.lead')}</p>
      <p>{t('history.page.areaLead')}</p>
      <UploadForm errors={failed?.errors ?? {}} kind={String((failed?.input as { kind?: string } | undefined)?.kind ?? '')} maxMb={loaderData.maxMb} />
      <ColumnsList />
      <RunList runs={loaderData.runs} base="/imports" showFund />
    </section>
  );
}
