import { ColumnsList, RunList, UploadForm } from '../components/history-import.tsx';
import { PlanHeading } from '../components/plan-parts.tsx';
import { nameOf } from '../components/registry.tsx';
import { importsAction, importsLoader } from '../lib/history-import.server.ts';
import { useRootData, useT } from '../root.tsx';
import type { Route } from './+types/funds.$code.imports';

// The fund officer imports the fund's history from the current program (localfund): a file is
// checked first (a dry run), its run's page shows what would change and applies it.

export async function loader({ context, params, request }: Route.LoaderArgs) {
  return importsLoader(context, request, params.code);
}

export async function action({ context, params, request }: Route.ActionArgs) {
  return importsAction(context, request, `/funds/${params.code}/imports`, params.code);
}

export default function FundImports({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const lang = useRootData()?.lang ?? 'th';
  const fund = loaderData.fund!;
  const failed = actionData && !actionData.ok ? actionData : null;
  const base = `/funds/${fund.code}/imports`;
  return (
    <section className="admin-page">
      <PlanHeading
        title={t('history.page.title')}
        fund={{ code: fund.code, name: nameOf({ name_th: fund.nameTh, name_en: fund.nameEn }, lang) }}
        back={{ to: `/funds/${fund.code}`, label: t('history.page.back') }}
      />
      <p className="lead-text">{t('history.page.lead')}</p>
      <p>{t('history.page.fundLead', { code: fund.code })}</p>
      <UploadForm errors={failed?.errors ?? {}} kind={String((failed?.input as { kind?: string } | undefined)?.kind ?? '')} maxMb={loaderData.maxMb} />
      <ColumnsList />
      <RunList runs={loaderData.runs} base={base} />
    </section>
  );
}
