import { Link, redirect } from 'react-router';
import { allowedActions } from '../../src/domain/policy.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden } from '../../src/use-cases/errors.ts';
import { requestInfo } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { useT } from '../root.tsx';
import type { Route } from './+types/admin';

const ADMIN_ACTIONS = ['rules.edit', 'funds.import', 'accounts.manage', 'catalogue.edit', 'outbox.view'] as const;

/** The administrators' pages, each shown only to those who may use it. */
export async function loader({ context }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const allowed = allowedActions(actorOf(user), ADMIN_ACTIONS);
  if (allowed.length === 0) throw asRouteError(new Forbidden('admin'));
  return { allowed };
}

export default function Admin({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { allowed } = loaderData;
  const entries = [
    { action: 'rules.edit', to: '/admin/rules', title: t('admin.index.rules'), text: t('admin.index.rulesText') },
    { action: 'funds.import', to: '/admin/import', title: t('admin.index.import'), text: t('admin.index.importText') },
    { action: 'funds.import', to: '/imports', title: t('history.page.title'), text: t('history.adminText') },
    { action: 'accounts.manage', to: '/admin/accounts', title: t('admin.index.accounts'), text: t('admin.index.accountsText') },
    { action: 'catalogue.edit', to: '/admin/catalogue', title: t('catalogue.adminLink'), text: t('catalogue.adminLinkText') },
    { action: 'outbox.view', to: '/admin/outbox', title: t('outbox.title'), text: t('outbox.adminLinkText') },
  ].filter((e) => (allowed as readonly string[]).includes(e.action));
  return (
    <section className="admin-page">
      <title>{`${t('admin.index.title')} — kongtun`}</title>
      <h1>{t('admin.index.title')}</h1>
      <p className="lead-text">{t('admin.index.lead')}</p>
      <ul className="admin-links">
        {entries.map((e) => (
          <li key={e.to}>
            <Link to={e.to}>{e.title}</Link>
            <p>{e.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
