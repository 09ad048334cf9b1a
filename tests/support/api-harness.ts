import { RouterContextProvider } from 'react-router';
import { expect } from 'vitest';
import { appServicesContext } from '../../app/context.ts';
import { requestInfoContext } from '../../app/lib/request.server.ts';
import type { Database } from '../../src/db/database.ts';
import { translator } from '../../src/i18n/index.ts';
import { hashApiToken, newApiTokenSecret } from '../../src/use-cases/api-tokens.ts';
import { loadSessionUser, type SessionUser } from '../../src/use-cases/sessions.ts';

// API routes called as React Router calls them (a Request, the params and a context with the
// services and what the root middleware learnt), each person with a personal API token.

export type Handler = (args: never) => Promise<Response> | Response;
/** A JSON answer as Response.json() gives it; the assertions check its shape. */
export type Json = Awaited<ReturnType<Response['json']>>;

export interface CallOptions {
  method?: string;
  params?: Record<string, string>;
  /** The username whose API token is sent as the bearer token. */
  as?: string;
  /** A JSON body (stringified), or raw text sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The session cookie's user, which writes must not act for. */
  sessionUser?: string;
  /** A multipart/form-data body (an upload). */
  form?: FormData;
}

export function apiHarness(options: { dataDir?: string } = {}) {
  let database: Database;
  /** What the routes logged as errors: a test file expects none. */
  const logged: unknown[] = [];
  const users = new Map<string, SessionUser>();
  const tokens = new Map<string, string>();

  /** Loads every account as a session user and gives `withTokens` an API token each. */
  async function setUp(db: Database, withTokens: readonly string[]) {
    database = db;
    for (const { id, username } of await db.db.selectFrom('app_user').select(['id', 'username']).execute()) {
      users.set(username, (await loadSessionUser(db.db, id))!);
    }
    for (const username of withTokens) {
      const secret = newApiTokenSecret();
      await db.db.insertInto('api_token').values({ user_id: users.get(username)!.id, name: 'test', token_hash: hashApiToken(secret) }).execute();
      tokens.set(username, secret);
    }
  }

  function contextFor(sessionUser?: string) {
    const context = new RouterContextProvider();
    const logger = { error: (...args: unknown[]) => logged.push(args) };
    context.set(appServicesContext, { database, logger: logger as never, config: { cookieSecure: false, dataDir: options.dataDir ?? '' } as never, devServer: false });
    context.set(requestInfoContext, {
      user: sessionUser ? users.get(sessionUser)! : null,
      lang: 'th',
      t: translator('th'),
      csrfToken: 'x'.repeat(32),
      sessionToken: undefined,
    });
    return context;
  }

  async function call(handler: Handler, path: string, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${tokens.get(options.as)}`;
    let body: string | FormData | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const method = options.method ?? (body === undefined ? 'GET' : 'POST');
    const request = new Request(`http://localhost${path}`, { method, headers, body });
    return handler({ request, params: options.params ?? {}, context: contextFor(options.sessionUser) } as never);
  }

  /** A call expected to succeed with `status`; its JSON body. */
  async function ok(status: number, response: Response | Promise<Response>): Promise<Json> {
    const answer = await response;
    const body = await answer.json();
    expect(answer.status, JSON.stringify(body)).toBe(status);
    return body;
  }

  return { setUp, contextFor, call, ok, logged, tokens };
}
