import { Form, Link, redirect } from 'react-router';
import { formatPhone } from '../../src/domain/accounts.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { listAccounts } from '../../src/use-cases/accounts.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { SelectField, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { useT } from '../root.tsx';
import type { Route } from './+types/admin.accounts';

/** Every account, for an admin: search by name, username, phone or email, filter by role. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const params = new URL(request.url).searchParams;
  try {
    const list = await listAccounts(services(context).database.db, actorOf(user), {
      q: (params.get('q') ?? '').slice(0, 100),
      role: params.get('role') ?? '',
      page: params.get('page') ?? '1',
    });
    return {
      ...list,
      rows: list.rows.map((r) => ({
        id: r.id,
        username: r.username,
        name: `${r.title}${r.firstName} ${r.lastName}`.trim(),
        contact: [formatPhone(r.phone), r.email ?? ''].filter(Boolean).join(', '),
        roles: r.roles.map((a) => ({ role: a.role, scopeCode: a.scopeCode })),
        organisationName: r.organisationName,
        isActive: r.isActive,
      })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export default function AdminAccounts({ loaderData: data }: Route.ComponentProps) {
  const t = useT();
  const from = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
  const to = Math.min(data.total, data.page * data.pageSize);
  const pageLink = (page: number) => `?${new URLSearchParams({ q: data.q, role: data.role, page: String(page) })}`;
  return (
    <section className="admin-accounts">
      <title>{`${t('accounts.admin.title')} — kongtun`}</title>
      <h1>{t('accounts.admin.title')}</h1>
      <Form method="get" className="search-form" role="search">
        <TextField name="q" label={t('accounts.admin.search')} hint={t('accounts.admin.searchHint')} defaultValue={data.q} maxLength={100} />
        <SelectField
          name="role"
          label={t('accounts.admin.roleFilter')}
          defaultValue={data.role}
          options={[{ value: '', label: t('accounts.admin.anyRole') }, ...ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))]}
        />
        <button type="submit" className="button">
          {t('accounts.admin.searchButton')}
        </button>
      </Form>
      <p role="status">{t('accounts.admin.showing', { from, to, total: data.total })}</p>
      {data.rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table data-table--stack">
            <caption className="visually-hidden">{t('accounts.admin.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.field.username')}</th>
                <th scope="col">{t('accounts.field.name')}</th>
                <th scope="col">{t('accounts.account.roles')}</th>
                <th scope="col">{t('accounts.people.contact')}</th>
                <th scope="col">{t('accounts.admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/accounts/${r.id}`}>{r.username}</Link>
                  </th>
                  <td data-label={t('accounts.field.name')}>
                    {r.name}
                    {r.organisationName && <span className="cell-note">{r.organisationName}</span>}
                  </td>
                  <td data-label={t('accounts.account.roles')}>
                    {r.roles.map((a) => (
                      <span key={`${a.role}-${a.scopeCode}`} className="role-chip">
                        {t(`role.${a.role}`)} {a.scopeCode}
                      </span>
                    ))}
                  </td>
                  <td data-label={t('accounts.people.contact')}>{r.contact || '—'}</td>
                  <td data-label={t('accounts.admin.status')}>{r.isActive ? t('accounts.status.active') : t('accounts.status.inactive')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('accounts.admin.pages')}>
        {data.page > 1 && <Link to={pageLink(data.page - 1)}>{t('accounts.admin.previous')}</Link>}
        {to < data.total && <Link to={pageLink(data.page + 1)}>{t('accounts.admin.next')}</Link>}
      </nav>
    </section>
  );
}
