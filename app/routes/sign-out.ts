import { redirect } from 'react-router';
import { signOut } from '../../src/use-cases/sessions.ts';
import { cookieHeader } from '../lib/cookies.ts';
import { requestInfo, SESSION_COOKIE, services } from '../lib/request.server.ts';
import type { Route } from './+types/sign-out';

export async function action({ context }: Route.ActionArgs) {
  const { database, config } = services(context);
  await signOut(database.db, requestInfo(context).sessionToken);
  return redirect('/', {
    headers: { 'Set-Cookie': cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: config.cookieSecure }) },
  });
}

export function loader() {
  return redirect('/');
}
