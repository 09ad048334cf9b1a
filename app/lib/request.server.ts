import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createContext, data, type MiddlewareFunction, type RouterContextProvider } from 'react-router';
import { isLang, type Lang, type Translate, translator } from '../../src/i18n/index.ts';
import { type SessionUser, userForSession } from '../../src/use-cases/sessions.ts';
import { type AppServices, appServicesContext } from '../context.ts';
import { cookieHeader, readCookies } from './cookies.ts';
import { CSRF_FIELD } from './forms.ts';
import { multipartBoundary, multipartField } from './multipart.server.ts';

export const SESSION_COOKIE = 'kt_session';
export const LANG_COOKIE = 'kt_lang';
export const CSRF_COOKIE = 'kt_csrf';

/** What the root middleware learns about each request. */
export interface RequestInfo {
  user: SessionUser | null;
  lang: Lang;
  t: Translate;
  csrfToken: string;
  sessionToken: string | undefined;
}

export const requestInfoContext = createContext<RequestInfo>();

export function services(context: Readonly<RouterContextProvider>): AppServices {
  return context.get(appServicesContext);
}

export function requestInfo(context: Readonly<RouterContextProvider>): RequestInfo {
  return context.get(requestInfoContext);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * CSRF defence by double submit: a random HttpOnly cookie that every form echoes in a hidden
 * field. Another site can make the browser send the cookie but cannot read it to fill the field.
 */
async function csrfTokenOf(request: Request): Promise<string | null> {
  const header = request.headers.get('x-csrf-token');
  if (header) return header;
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('form')) return null;
  // A multipart body (an upload of any size) is read only as far as the token, its first field.
  if (multipartBoundary(type)) return multipartField(request, CSRF_FIELD);
  const value = (await request.clone().formData()).get(CSRF_FIELD);
  return typeof value === 'string' ? value : null;
}

/**
 * A call to the API carrying a bearer token needs no form token: a browser never adds an
 * Authorization header by itself, and apiHandler then acts for that token alone, never for the
 * session cookie (app/lib/api.server.ts).
 */
function isBearerApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith('/api/') && /^Bearer /i.test(request.headers.get('authorization') ?? '');
}

/** Reads session, language and CSRF state; rejects forged state-changing requests. */
export const requestInfoMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const { database, config } = services(context);
  const cookies = readCookies(request.headers.get('cookie'));
  const sessionToken = cookies.get(SESSION_COOKIE);
  const user = await userForSession(database.db, sessionToken);
  const chosen = cookies.get(LANG_COOKIE);
  const lang: Lang = isLang(chosen) ? chosen : (user?.locale ?? 'th');
  const existingCsrf = cookies.get(CSRF_COOKIE);
  const csrfToken = existingCsrf && /^[A-Za-z0-9_-]{32,}$/.test(existingCsrf) ? existingCsrf : randomBytes(24).toString('base64url');
  context.set(requestInfoContext, { user, lang, t: translator(lang), csrfToken, sessionToken });

  if (!SAFE_METHODS.has(request.method) && !isBearerApiRequest(request)) {
    const sent = await csrfTokenOf(request);
    if (!existingCsrf || !sent || !sameToken(sent, existingCsrf)) {
      // The error page explains; nothing of the request has been acted on.
      throw data({ reason: 'csrf' }, { status: 403 });
    }
  }

  const response = await next();
  if (csrfToken !== existingCsrf) {
    response.headers.append('Set-Cookie', cookieHeader(CSRF_COOKIE, csrfToken, { secure: config.cookieSecure }));
  }
  return response;
};
