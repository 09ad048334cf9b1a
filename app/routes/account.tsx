import { Form, Link, redirect } from 'react-router';
import { formatPhone } from '../../src/domain/accounts.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { signOutEverywhere, viewAccount } from '../../src/use-cases/accounts.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { cookieHeader } from '../lib/cookies.ts';
import { requestInfo, SESSION_COOKIE, services } from '../lib/request.server.ts';
import { asRouteError } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import { mayImportHistory } from '../../src/use-cases/import-history.ts';
import type { Route } from './+types/account';

/** Messages shown once after something was done elsewhere (?done=…). */
const NOTICES: Record<string, MessageKey> = {
  registered: 'accounts.notice.registered',
  password: 'accounts.notice.passwordChanged',
};

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  try {
    const account = await viewAccount(services(context).database.db, actorOf(user), { userId: user.id });
    const done = new URL(request.url).searchParams.get('done') ?? '';
    const scopeLabel = (code: string, name: { th: string; en: string | null } | null) =>
      name ? `${lang === 'en' && name.en ? name.en : name.th} (${code})` : code;
    return {
      notice: NOTICES[done] ?? null,
      name: `${account.title}${account.firstName} ${account.lastName}`.trim(),
      username: account.username,
      phone: formatPhone(account.phone),
      email: account.email ?? '',
      since: formatThaiDate(account.createdAt, lang),
      roles: account.roles.map((r) => ({ id: r.id, role: r.role, scope: scopeLabel(r.scopeCode, r.scopeName) })),
      organisation: account.organisation && {
        ...account.organisation,
        fund: account.organisation.fund && scopeLabel(account.organisation.fund.code, { th: account.organisation.fund.nameTh, en: account.organisation.fund.nameEn }),
      },
      isFundOfficer: user.roles.some((r) => r.role === 'fund_officer'),
      isAdmin: user.roles.some((r) => r.role === 'admin'),
      mayImport: mayImportHistory(actorOf(user)),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user } = requestInfo(context);
  const { database, config } = services(context);
  if (!user) throw redirect('/sign-in');
  const form = await request.formData();
  if (form.get('intent') !== 'signOutEverywhere') throw redirect('/account');
  try {
    await signOutEverywhere(database.db, actorOf(user), { userId: user.id });
  } catch (error) {
    throw asRouteError(error);
  }
  return redirect('/sign-in', {
    headers: { 'Set-Cookie': cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: config.cookieSecure }) },
  });
}

export default function Account({ loaderData: data }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="account">
      <title>{`${t('accounts.account.title')} — kongtun`}</title>
      {data.notice && (
        <div className="notice" role="status">
          {t(data.notice)}
        </div>
      )}
      <h1>{t('accounts.account.title')}</h1>

      <h2>{t('accounts.account.about')}</h2>
      <dl className="details">
        <div>
          <dt>{t('accounts.field.name')}</dt>
          <dd>{data.name}</dd>
        </div>
        <div>
          <dt>{t('accounts.field.username')}</dt>
          <dd>{data.username}</dd>
        </div>
        <div>
          <dt>{t('accounts.field.phone')}</dt>
          <dd>{data.phone || '—'}</dd>
        </div>
        <div>
          <dt>{t('accounts.field.email')}</dt>
          <dd>{data.email || '—'}</dd>
        </div>
        <div>
          <dt>{t('accounts.account.since')}</dt>
          <dd>{data.since}</dd>
        </div>
      </dl>

      <h2>{t('accounts.account.roles')}</h2>
      {data.roles.length === 0 ? (
        <p>{t('accounts.account.noRoles')}</p>
      ) : (
        <ul className="role-list">
          {data.roles.map((r) => (
            <li key={r.id}>
              <strong>{t(`role.${r.role}`)}</strong> — {r.scope}
            </li>
          ))}
        </ul>
      )}

      {data.organisation && (
        <>
          <h2>{t('accounts.account.organisation')}</h2>
          <dl className="details">
            <div>
              <dt>{t('accounts.field.organisationName')}</dt>
              <dd>{data.organisation.name}</dd>
            </div>
            <div>
              <dt>{t('accounts.field.organisationType')}</dt>
              <dd>{t(`accounts.orgType.${data.organisation.type}` as MessageKey)}</dd>
            </div>
            {data.organisation.description && (
              <div>
                <dt>{t('accounts.field.organisationDescription')}</dt>
                <dd className="prewrap">{data.organisation.description}</dd>
              </div>
            )}
            {data.organisation.fund && (
              <div>
                <dt>{t('accounts.account.proposesTo')}</dt>
                <dd>{data.organisation.fund}</dd>
              </div>
            )}
          </dl>
          {data.organisation.members.length > 0 && (
            <>
              <h3>{t('accounts.account.members', { n: data.organisation.members.length })}</h3>
              <ol>
                {data.organisation.members.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: members in their recorded order
                  <li key={i}>{`${m.title}${m.firstName} ${m.lastName}`}</li>
                ))}
              </ol>
            </>
          )}
        </>
      )}

      <h2>{t('accounts.account.manage')}</h2>
      <ul className="action-list">
        <li>
          <Link to="/account/password">{t('accounts.password.title')}</Link>
        </li>
        <li>
          <Link to="/account/tokens">{t('accounts.tokens.title')}</Link>
        </li>
        {data.isFundOfficer && (
          <li>
            <Link to="/account/people">{t('accounts.people.title')}</Link>
          </li>
        )}
        {data.isAdmin && (
          <li>
            <Link to="/admin/accounts">{t('accounts.admin.title')}</Link>
          </li>
        )}
        {data.mayImport && (
          <li>
            <Link to="/imports">{t('history.accountLink')}</Link>
          </li>
        )}
      </ul>

      <h2>{t('accounts.account.signOutEverywhere')}</h2>
      <p>{t('accounts.account.signOutEverywhereText')}</p>
      <Form method="post">
        <CsrfField />
        <input type="hidden" name="intent" value="signOutEverywhere" />
        <button type="submit" className="button button--secondary">
          {t('accounts.account.signOutEverywhereButton')}
        </button>
      </Form>
    </section>
  );
}
