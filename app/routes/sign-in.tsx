import { data, Form, Link, redirect, useActionData } from 'react-router';
import { z } from 'zod';
import { formatClockTime } from '../../src/domain/accounts.ts';
import { clientIp, SESSION_LIFETIME_MS, signIn } from '../../src/use-cases/sessions.ts';
import { ErrorSummary, TextField } from '../components/form.tsx';
import { cookieHeader } from '../lib/cookies.ts';
import { requestInfo, SESSION_COOKIE, services } from '../lib/request.server.ts';
import { fieldMessages } from '../lib/use-case.server.ts';
import { Invalid } from '../../src/use-cases/errors.ts';
import { CsrfField, useT } from '../root.tsx';
import type { Route } from './+types/sign-in';

const schema = z.object({
  username: z.string().trim().min(1, 'error.required').max(40, 'error.tooLong'),
  password: z.string().min(1, 'error.required').max(200, 'error.tooLong'),
});

/** Where to go once signed in: a page of this site asked for by `?returnTo=` (a session that ran out mid-form), else home. */
function returnTo(request: Request): string {
  const asked = new URL(request.url).searchParams.get('returnTo') ?? '';
  // Read as the browser would, against a stand-in origin: anything that leaves it (//x, /\x) is refused.
  const to = new URL(asked, 'http://kongtun.invalid');
  return asked.startsWith('/') && to.origin === 'http://kongtun.invalid' ? to.pathname + to.search + to.hash : '/';
}

export async function loader({ context, request }: Route.LoaderArgs) {
  if (requestInfo(context).user) throw redirect(returnTo(request));
  // Sent here from a page: say so, so the person knows they will be taken back.
  return { continuing: returnTo(request) !== '/' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { t, lang } = requestInfo(context);
  const { database, config } = services(context);
  const form = Object.fromEntries(await request.formData());
  const username = typeof form.username === 'string' ? form.username : '';
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        username,
        errors: fieldMessages(Invalid.fromZod(parsed.error), t, { username: 'signIn.username', password: 'signIn.password' }),
      },
      { status: 400 },
    );
  }
  const result = await signIn(database.db, {
    ...parsed.data,
    userAgent: request.headers.get('user-agent'),
    ip: clientIp(request.headers),
  });
  if (!result.ok) {
    const errors: Record<string, string> = {
      username: result.lockedUntil ? t('accounts.signIn.locked', { time: formatClockTime(result.lockedUntil, lang) }) : t('signIn.failed'),
    };
    return data({ username, errors }, { status: result.lockedUntil ? 429 : 401 });
  }
  return redirect(returnTo(request), {
    headers: {
      'Set-Cookie': cookieHeader(SESSION_COOKIE, result.token, {
        maxAgeSeconds: SESSION_LIFETIME_MS / 1000,
        secure: config.cookieSecure,
      }),
    },
  });
}

export default function SignIn({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <title>{`${t('signIn.title')} — kongtun`}</title>
      <h1>{t('signIn.title')}</h1>
      {loaderData?.continuing && <p className="notice">{t('signIn.continue')}</p>}
      <ErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        <CsrfField />
        <TextField
          name="username"
          label={t('signIn.username')}
          autoComplete="username"
          defaultValue={result?.username}
          error={result?.errors.username}
          maxLength={40}
        />
        <TextField
          name="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          error={result?.errors.password}
        />
        <button type="submit" className="button">
          {t('signIn.submit')}
        </button>
      </Form>
      <p>
        {t('accounts.signIn.forgot')} {t('accounts.signIn.forgotText')} <Link to="/reset">{t('accounts.signIn.forgotLink')}</Link>
      </p>
      <p>
        {t('accounts.signIn.noAccount')} <Link to="/register">{t('accounts.signIn.registerLink')}</Link>
      </p>
      <p className="hint">{t('signIn.demoHint')}</p>
    </section>
  );
}
