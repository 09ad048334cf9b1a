import { Form, Link, redirect } from 'react-router';
import { can } from '../../src/domain/policy.ts';
import { formatClockTime, formatPhone, formatResetCode } from '../../src/domain/accounts.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { issuePasswordReset, listFundPeople } from '../../src/use-cases/accounts.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { ErrorSummary } from '../components/form.tsx';
import { ResetCodeBox } from '../components/reset-code.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/account.people';

/** A fund officer's people: everyone tied to the officer's funds, with "issue a reset code". */
export async function loader({ context }: Route.LoaderArgs) {
  const { user } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  // Admins reach everyone's account from the admin pages.
  if (can(actorOf(user), 'accounts.manage')) throw redirect('/admin/accounts');
  try {
    const { fundCodes, people } = await listFundPeople(services(context).database.db, actorOf(user));
    return {
      fundCodes,
      people: people.map((p) => ({
        id: p.id,
        username: p.username,
        name: `${p.title}${p.firstName} ${p.lastName}`.trim(),
        contact: [formatPhone(p.phone), p.email ?? ''].filter(Boolean).join(', '),
        roles: p.roles.map((r) => ({ role: r.role, scopeCode: r.scopeCode })),
        organisationName: p.organisationName,
        isActive: p.isActive,
        canIssueReset: p.canIssueReset,
      })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user, t, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const form = await request.formData();
  const userId = Number(form.get('userId'));
  if (!Number.isSafeInteger(userId) || userId <= 0) throw redirect('/account/people');
  const result = await attempt(t, {}, () => issuePasswordReset(services(context).database.db, actorOf(user), { userId }));
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

export default function FundPeople({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const issued = actionData && 'issued' in actionData ? actionData.issued : null;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  return (
    <section className="account-people">
      <title>{`${t('accounts.people.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/account">{t('accounts.account.back')}</Link>
      </p>
      <h1>{t('accounts.people.title')}</h1>
      <p className="lead">{t('accounts.people.lead', { funds: loaderData.fundCodes.join(', ') })}</p>
      <ErrorSummary errors={errors} />
      {issued && <ResetCodeBox {...issued} />}
      {loaderData.people.length === 0 ? (
        <p>{t('accounts.people.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--stack">
            <caption className="visually-hidden">{t('accounts.people.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.field.name')}</th>
                <th scope="col">{t('accounts.field.username')}</th>
                <th scope="col">{t('accounts.account.roles')}</th>
                <th scope="col">{t('accounts.people.contact')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('accounts.people.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaderData.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    {p.organisationName && <span className="cell-note">{p.organisationName}</span>}
                    {!p.isActive && <span className="cell-note">{t('accounts.status.inactive')}</span>}
                  </th>
                  <td data-label={t('accounts.field.username')}>{p.username}</td>
                  <td data-label={t('accounts.account.roles')}>
                    {p.roles.map((r) => (
                      <span key={`${r.role}-${r.scopeCode}`} className="role-chip">
                        {t(`role.${r.role}`)} {r.scopeCode}
                      </span>
                    ))}
                  </td>
                  <td data-label={t('accounts.people.contact')}>{p.contact || '—'}</td>
                  <td>
                    {p.canIssueReset && (
                      <Form method="post" className="inline-form">
                        <CsrfField />
                        <input type="hidden" name="userId" value={p.id} />
                        <button type="submit" className="button button--small button--secondary">
                          {t('accounts.people.issueReset')}
                          <span className="visually-hidden"> {p.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
