import { Form, Link, redirect } from 'react-router';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { formatThaiDate } from '../../src/domain/thai-date.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../src/use-cases/api-tokens.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { ErrorSummary, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { asRouteError, attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/account.tokens';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, lang } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const when = (date: Date | null) => (date ? `${formatThaiDate(date, lang, 'short')} ${formatClockTime(date, lang)}` : null);
  try {
    const tokens = await listApiTokens(services(context).database.db, actorOf(user), { userId: user.id });
    return {
      revoked: new URL(request.url).searchParams.get('done') === 'revoked',
      tokens: tokens.map((token) => ({
        id: token.id,
        name: token.name,
        created: when(token.createdAt)!,
        lastUsed: when(token.lastUsedAt),
        revoked: when(token.revokedAt),
      })),
    };
  } catch (error) {
    throw asRouteError(error);
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const db = services(context).database.db;
  const form = await request.formData();
  if (form.get('intent') === 'revoke') {
    const tokenId = Number(form.get('tokenId'));
    if (!Number.isSafeInteger(tokenId) || tokenId <= 0) throw redirect('/account/tokens');
    try {
      await revokeApiToken(db, actorOf(user), { tokenId });
    } catch (error) {
      throw asRouteError(error);
    }
    return redirect('/account/tokens?done=revoked');
  }
  const name = form.get('name');
  const input = { name: typeof name === 'string' ? name : '' };
  const result = await attempt(t, input, () => createApiToken(db, actorOf(user), { userId: user.id, name: input.name }));
  if (!('value' in result)) return result;
  return { ok: true as const, created: { name: result.value.name, secret: result.value.secret } };
}

export default function ApiTokens({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const created = actionData && 'created' in actionData ? actionData.created : null;
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  return (
    <section className="account-tokens">
      <title>{`${t('accounts.tokens.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/account">{t('accounts.account.back')}</Link>
      </p>
      <h1>{t('accounts.tokens.title')}</h1>
      <p className="lead">{t('accounts.tokens.lead')}</p>
      {loaderData.revoked && !created && (
        <div className="notice" role="status">
          {t('accounts.notice.tokenRevoked')}
        </div>
      )}
      {created && (
        <div className="secret-box" role="status">
          <h2>{t('accounts.tokens.created', { name: created.name })}</h2>
          <p>
            <strong>{t('accounts.tokens.copyNow')}</strong>
          </p>
          <p>
            <code className="secret">{created.secret}</code>
          </p>
          <p className="hint">{t('accounts.tokens.usage')}</p>
        </div>
      )}

      <h2>{t('accounts.tokens.new')}</h2>
      <ErrorSummary errors={errors} />
      {/* Keyed by the new token so the name box empties once it is made. */}
      <Form method="post" noValidate className="narrow" key={created?.secret ?? 'new'}>
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <TextField
          name="name"
          label={t('accounts.field.tokenName')}
          hint={t('accounts.hint.tokenName')}
          defaultValue={typeof failed?.input.name === 'string' ? failed.input.name : undefined}
          error={errors.name}
          maxLength={100}
        />
        <button type="submit" className="button">
          {t('accounts.tokens.create')}
        </button>
      </Form>

      <h2>{t('accounts.tokens.yours')}</h2>
      {loaderData.tokens.length === 0 ? (
        <p>{t('accounts.tokens.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--stack">
            <caption className="visually-hidden">{t('accounts.tokens.yours')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.field.tokenName')}</th>
                <th scope="col">{t('accounts.tokens.createdAt')}</th>
                <th scope="col">{t('accounts.tokens.lastUsed')}</th>
                <th scope="col">{t('accounts.tokens.status')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td data-label={t('accounts.tokens.createdAt')}>{token.created}</td>
                  <td data-label={t('accounts.tokens.lastUsed')}>{token.lastUsed ?? t('accounts.tokens.neverUsed')}</td>
                  <td data-label={t('accounts.tokens.status')}>
                    {token.revoked ? (
                      t('accounts.tokens.revokedAt', { when: token.revoked })
                    ) : (
                      <Form method="post" className="inline-form">
                        <CsrfField />
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={token.id} />
                        <span className="status-active">{t('accounts.tokens.active')}</span>{' '}
                        <button type="submit" className="button button--small button--danger">
                          {t('accounts.tokens.revoke')}
                          <span className="visually-hidden"> {token.name}</span>
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
