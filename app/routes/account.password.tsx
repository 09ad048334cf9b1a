import { Form, Link, redirect } from 'react-router';
import { changePassword } from '../../src/use-cases/accounts.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { clientIp } from '../../src/use-cases/sessions.ts';
import { ErrorSummary, TextField } from '../components/form.tsx';
import { requestInfo, services } from '../lib/request.server.ts';
import { attempt } from '../lib/use-case.server.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/account.password';

export async function loader({ context }: Route.LoaderArgs) {
  if (!requestInfo(context).user) throw redirect('/sign-in');
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const { user, t, sessionToken } = requestInfo(context);
  if (!user) throw redirect('/sign-in');
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const result = await attempt(t, {}, () =>
    changePassword(services(context).database.db, actorOf(user), {
      currentPassword: field('currentPassword'),
      newPassword: field('newPassword'),
      confirmPassword: field('confirmPassword'),
      ...(sessionToken ? { keepSessionToken: sessionToken } : {}),
      ip: clientIp(request.headers),
    }),
  );
  if (!('value' in result)) return result;
  return redirect('/account?done=password');
}

export default function ChangePassword({ actionData }: Route.ComponentProps) {
  const t = useT();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <section className="narrow">
      <title>{`${t('accounts.password.title')} — kongtun`}</title>
      <p className="back-link">
        <Link to="/account">{t('accounts.account.back')}</Link>
      </p>
      <h1>{t('accounts.password.title')}</h1>
      <p>{t('accounts.password.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField name="currentPassword" type="password" label={t('accounts.field.currentPassword')} autoComplete="current-password" error={errors.currentPassword} />
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
          {t('accounts.password.submit')}
        </button>
      </Form>
    </section>
  );
}
