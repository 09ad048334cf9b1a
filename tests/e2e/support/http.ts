import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/db/seed/demo.ts';

/** Signs in over plain HTTP (CSRF cookie and field included) and returns the Cookie header to send. */
export async function signInOverHttp(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const page = await fetch(`${baseUrl}/sign-in`);
  const csrfCookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const response = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, username, password }),
  });
  expect(response.status, `sign-in of ${username}`).toBe(302);
  const session = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return `${csrfCookie}; ${session}`;
}
