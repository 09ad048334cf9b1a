import { redirect } from 'react-router';
import { z } from 'zod';
import { cookieHeader } from '../lib/cookies.ts';
import { LANG_COOKIE, services } from '../lib/request.server.ts';
import type { Route } from './+types/lang';

const schema = z.object({
  lang: z.enum(['th', 'en']),
  // Only a path on this site: never an open redirect to another host.
  returnTo: z
    .string()
    .regex(/^\/(?!\/)[^\s\\]*$/)
    .catch('/'),
});

/** Remembers the chosen language for a year and goes back to the page it was chosen on. */
export async function action({ request, context }: Route.ActionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  const lang = parsed.success ? parsed.data.lang : 'th';
  const returnTo = parsed.success ? parsed.data.returnTo : '/';
  return redirect(returnTo, {
    headers: {
      'Set-Cookie': cookieHeader(LANG_COOKIE, lang, {
        maxAgeSeconds: 365 * 24 * 3600,
        secure: services(context).config.cookieSecure,
      }),
    },
  });
}

export function loader() {
  return redirect('/');
}
