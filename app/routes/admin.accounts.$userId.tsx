import { data, Form, Link, redirect } from 'react-router';
import { formatClockTime, formatPhone, formatResetCode } from '../../src/domain/accounts.ts';
import { ROLES } from '../../src/domain/roles.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import {
  addRoleAssignment,
  issuePasswordReset,
  removeRoleAssignment,
  setAccountActive,
  viewAccountAsAdmin,
} from '../../src/use-cases/accounts.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { ErrorSummary, SelectField, TextField } from '../components/form.tsx';
import { ResetCodeBox } from '../components/reset-code.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/admin.accounts.$userId';

const NOTICES: Record<string, MessageKey> = {
  roleAdded: 'accounts.notice.roleAdded',
  roleRemoved: 'accounts.notice.roleRemoved',
  deactivated: 'accounts.notice.deactivated',
  reactivated: 'accounts.notice.reactivated',
};

function userIdOf(params: { userId: string }): number {
  const id = Number(params.userId);
  if (!Number.isSafeInteger(id) || id <= 0) throw data(null, { status: 404 });
  return id;
}

export async function loader({ context, params, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const account = await viewAccountAsAdmin(services(context).database.db, actorOf(user), { userId: userIdOf(params) });
    const done = new URL(request.url).searchParams.get('done') ?? '';
    return {
      notice: NOTICES[done] ?? null,
      isSelf: account.id === user.id,
      id: account.id,
      version: account.version,
      isActive: account.isActive,
      name: `${account.title}${account.firstName} ${account.lastName}`.trim(),
      username: account.username,
      phone: formatPhone(account.phone),
      email: account.email ?? '',
      since: formatThaiDate(account.createdAt, lang),
      organisation: account.organisation && { name: account.organisation.name, type: account.organisation.type, fund: account.organisation.fund?.code ?? null },
      roles: account.roles.map((r) => ({
        id: r.id,
        role: r.role,
        scopeCode: r.scopeCode,
        scopeName: r.scopeName ? (lang === 'en' && r.scopeName.en ? r.scopeName.en : r.scopeName.th) : null,
      })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const { user, t, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const actor = actorOf(user);
  const userId = userIdOf(params);
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const here = `/admin/accounts/${userId}`;
  const intent = field('intent');
  if (intent === 'addRole') {
    const input = { role: field('role'), scopeCode: field('scopeCode') };
    const result = await attempt(t, input, () => addRoleAssignment(db, actor, { userId, ...input }));
    if (!('value' in result)) return result;
    return redirect(`${here}?done=roleAdded`);
  }
  if (intent === 'removeRole') {
    const assignmentId = Number(field('assignmentId'));
    const result = await attempt(t, {}, () => removeRoleAssignment(db, actor, { userId, assignmentId }));
    if (!('value' in result)) return result;
    return redirect(`${here}?done=roleRemoved`);
  }
  if (intent === 'setActive') {
    const active = field('active') === 'true';
    const version = Number(field('version'));
    const result = await attempt(t, {}, () => setAccountActive(db, actor, { userId, active, version }));
    if (!('value' in result)) return result;
    return redirect(`${here}?done=${active ? 'reactivated' : 'deactivated'}`);
  }
  if (intent === 'issueReset') {
    const result = await attempt(t, {}, () => issuePasswordReset(db, actor, { userId }));
    if (!('value' in result)) return result;
    const { code, expiresAt, username } = result.value;
    return {
      ok: true as const,
      issued: {
        username,
        code: formatResetCode(code),
        expires: `${formatThaiDate(expiresAt, lang)} ${formatClockTime(expiresAt, lang)}`,
        resetUrl: `${new URL(request.url).origin}/reset`,
      },
    };
  }
  return redirect(here);
}

export default function AdminAccount({ loaderData: account, actionData }: Route.ComponentProps) {
  const t = useT();
  const issued = actionData && 'issued' in actionData ? actionData.issued : null;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const input = (failed?.input ?? {}) as Record<string, unknown>;
  return (
    <section className="admin-account">
      <title>{`${account.name} — ${t('accounts.admin.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/admin/accounts">{t('accounts.admin.back')}</Link>
      </p>
      {account.notice && !failed && !issued && (
        <div className="notice" role="status">
          {t(account.notice)}
        </div>
      )}
      <h1>{account.name}</h1>
      <ErrorSummary errors={errors} />
      {issued && <ResetCodeBox {...issued} />}
      <dl className="details">
        <div>
          <dt>{t('accounts.field.username')}</dt>
          <dd>{account.username}</dd>
        </div>
        <div>
          <dt>{t('accounts.field.phone')}</dt>
          <dd>{account.phone || '—'}</dd>
        </div>
        <div>
          <dt>{t('accounts.field.email')}</dt>
          <dd>{account.email || '—'}</dd>
        </div>
        <div>
          <dt>{t('accounts.account.since')}</dt>
          <dd>{account.since}</dd>
        </div>
        {account.organisation && (
          <div>
            <dt>{t('accounts.admin.organisation')}</dt>
            <dd>
              {account.organisation.name} ({t(`accounts.orgType.${account.organisation.type}` as MessageKey)}
              {account.organisation.fund ? `, ${account.organisation.fund}` : ''})
            </dd>
          </div>
        )}
        <div>
          <dt>{t('accounts.admin.status')}</dt>
          <dd>{account.isActive ? t('accounts.status.active') : t('accounts.status.inactive')}</dd>
        </div>
      </dl>

      <h2>{t('accounts.account.roles')}</h2>
      {account.roles.length === 0 ? (
        <p>{t('accounts.account.noRoles')}</p>
      ) : (
        <ul className="role-list">
          {account.roles.map((r) => (
            <li key={r.id}>
              <strong>{t(`role.${r.role}`)}</strong> — {r.scopeName ? `${r.scopeName} (${r.scopeCode})` : r.scopeCode}{' '}
              <Form method="post" className="inline-form">
                <CsrfField />
                <input type="hidden" name="intent" value="removeRole" />
                <input type="hidden" name="assignmentId" value={r.id} />
                <button type="submit" className="link-button link-button--danger">
                  {t('accounts.admin.removeRole')}
                  <span className="visually-hidden">
                    {' '}
                    {t(`role.${r.role}`)} {r.scopeCode}
                  </span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('accounts.admin.addRole')}</h3>
      <Form method="post" noValidate className="narrow">
        <CsrfField />
        <input type="hidden" name="intent" value="addRole" />
        <SelectField
          name="role"
          label={t('accounts.admin.role')}
          defaultValue={typeof input.role === 'string' ? input.role : 'proposer'}
          error={errors.role}
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
        <TextField
          name="scopeCode"
          label={t('accounts.admin.scopeCode')}
          hint={t('accounts.admin.scopeHint')}
          defaultValue={typeof input.scopeCode === 'string' ? input.scopeCode : undefined}
          error={errors.scopeCode}
          maxLength={10}
        />
        <button type="submit" className="button">
          {t('accounts.admin.addRoleButton')}
        </button>
      </Form>

      <h2>{t('accounts.admin.resetTitle')}</h2>
      <p>{t('accounts.admin.resetText')}</p>
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="issueReset" />
        <button type="submit" className="button button--secondary" disabled={!account.isActive}>
          {t('accounts.people.issueReset')}
        </button>
      </Form>

      {!account.isSelf && (
        <>
          <h2>{account.isActive ? t('accounts.admin.deactivateTitle') : t('accounts.admin.reactivateTitle')}</h2>
          <p>{account.isActive ? t('accounts.admin.deactivateText') : t('accounts.admin.reactivateText')}</p>
          <Form method="post">
            <CsrfField />
            <input type="hidden" name="intent" value="setActive" />
            <input type="hidden" name="active" value={account.isActive ? 'false' : 'true'} />
            <input type="hidden" name="version" value={account.version} />
            <button type="submit" className={account.isActive ? 'button button--danger' : 'button'}>
              {account.isActive ? t('accounts.admin.deactivate') : t('accounts.admin.reactivate')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
