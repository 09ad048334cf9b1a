import { Form, Link } from 'react-router';
import { resetPassword } from '../../src/use-cases/accounts.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { clientIp } from '../../src/use-cases/sessions.ts';
import { ErrorSummary, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/reset';

/** Setting a new password with the one-time code a fund officer or an admin gave. */
export async function action({ context, request }: Route.ActionArgs) {
  const { user, t } = requestInfo(context);
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const input = { username: field('username') };
  const result = await attempt(t, input, () =>
    resetPassword(services(context).database.db, actorOf(user), {
      username: field('username'),
      code: field('code'),
      newPassword: field('newPassword'),
      confirmPassword: field('confirmPassword'),
      ip: clientIp(request.headers),
    }),
  );
  if (!('value' in result)) return result;
  return { ok: true as const };
}

export default function Reset({ actionData }: Route.ComponentProps) {
  const t = useT();
  if (actionData?.ok) {
    return (
      <section className="narrow">
        <title>{`${t('accounts.reset.doneTitle')} — kongtun`}</title>
        <h1>{t('accounts.reset.doneTitle')}</h1>
        <div className="notice" role="status">
          {t('accounts.reset.done')}
        </div>
        <p>
          <Link to="/sign-in" className="button">
            {t('nav.signIn')}
          </Link>
        </p>
      </section>
    );
  }
  const failed = actionData && !actionData.ok ? actionData : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const username = failed && typeof failed.input.username === 'string' ? failed.input.username : undefined;
  return (
    <section className="narrow">
      <title>{`${t('accounts.reset.title')} — kongtun`}</title>
      <h1>{t('accounts.reset.title')}</h1>
      <p>{t('accounts.reset.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="username" label={t('accounts.field.username')} autoComplete="username" defaultValue={username} error={errors.username} maxLength={40} />
        <TextField
          name="code"
          label={t('accounts.field.code')}
          hint={t('accounts.hint.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          error={errors.code}
          maxLength={20}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('accounts.field.newPassword')}
          hint={t('accounts.hint.password')}
          autoComplete="new-password"
          error={errors.newPassword}
        />
        <TextField name="confirmPassword" type="password" label={t('accounts.field.confirmPassword')} autoComplete="new-password" error={errors.confirmPassword} />
        <button type="submit" className="button">
          {t('accounts.reset.submit')}
        </button>
      </Form>
    </section>
  );
}
