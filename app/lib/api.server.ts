import type { Kysely } from 'kysely';
import type { RouterContextProvider } from 'react-router';
import { type CsvValue, toCsv, UTF8_BOM } from '../../src/api/csv.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { isLang, type Lang, type Translate, translator } from '../../src/i18n/index.ts';
import { userForApiToken } from '../../src/use-cases/api-tokens.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { UnknownArea, UnknownFund } from '../../src/use-cases/registry-read.ts';
import type { SessionUser } from '../../src/use-cases/sessions.ts';
import { requestInfo, services } from './request.server.ts';

// The JSON API under /api/v1: who is asking (a bearer token, else the session cookie, else the
// public), in which language errors are written, and the two output forms (JSON, CSV).
// Reads need no CSRF token: the root middleware checks only non-GET requests.

/** What every API handler gets. */
export interface ApiRequest {
  db: Kysely<DB>;
  user: SessionUser | null;
  actor: Actor | null;
  lang: Lang;
  t: Translate;
  url: URL;
}

/** An error the API answers as `{ error: { code, message } }` with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const COMMON_HEADERS = {
  // Answers depend on who asks (actions, internal fields), so no shared cache may keep them.
  'Cache-Control': 'private, no-store',
  Vary: 'Authorization, Cookie, Accept-Language',
  'X-Content-Type-Options': 'nosniff',
};

/** The preferred of Thai and English in an Accept-Language header, or null when neither is named. */
export function langFromAcceptLanguage(header: string | null): Lang | null {
  if (!header) return null;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (!isLang(primary)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? null;
}

/** `?lang=` first, then Accept-Language, then the page language (cookie or the user's own). */
function apiLang(url: URL, request: Request, fallback: Lang): Lang {
  const asked = url.searchParams.get('lang');
  if (isLang(asked)) return asked;
  return langFromAcceptLanguage(request.headers.get('accept-language')) ?? fallback;
}

/**
 * Runs an API handler: resolves the caller and the language, and turns refusals into JSON
 * errors. A bearer token, when sent, must be valid and not revoked (401 otherwise); without
 * one the session cookie counts, and without that the caller is the public.
 */
export async function apiHandler(
  { request, context }: { request: Request; context: Readonly<RouterContextProvider> },
  handle: (api: ApiRequest) => Promise<Response>,
): Promise<Response> {
  const info = requestInfo(context);
  const url = new URL(request.url);
  const lang = apiLang(url, request, info.lang);
  const t = translator(lang);
  const { database, logger } = services(context);
  try {
    let user = info.user;
    const authorization = request.headers.get('authorization');
    if (authorization !== null) {
      const match = /^Bearer[ ]+([A-Za-z0-9_~+/.=-]+)[ ]*$/i.exec(authorization);
      if (!match) {
        throw new ApiError(401, 'invalid_authorization', t('registry.error.authorization'), {
          'WWW-Authenticate': 'Bearer realm="kongtun", error="invalid_request"',
        });
      }
      user = await userForApiToken(database.db, match[1]);
      if (!user) {
        throw new ApiError(401, 'invalid_token', t('registry.error.token'), {
          'WWW-Authenticate': 'Bearer realm="kongtun", error="invalid_token"',
        });
      }
    }
    const response = await handle({ db: database.db, user, actor: actorOf(user), lang, t, url });
    response.headers.set('Content-Language', lang);
    return response;
  } catch (error) {
    const failure = apiErrorOf(error, t);
    if (failure.status >= 500) logger.error({ err: error, path: url.pathname }, 'API request failed');
    return apiErrorResponse(failure, lang);
  }
}

function apiErrorOf(error: unknown, t: Translate): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Invalid) {
    const fields: Record<string, string> = {};
    for (const problem of error.problems) fields[problem.field] ??= t(problem.key, { field: problem.field, ...problem.params });
    const failure = new ApiError(400, 'invalid_input', Object.values(fields).join('; '));
    return Object.assign(failure, { fields });
  }
  if (error instanceof UnknownArea) return new ApiError(404, 'area_not_found', t('registry.error.unknownArea', { code: error.code }));
  if (error instanceof UnknownFund) return new ApiError(404, 'fund_not_found', t('registry.error.unknownFund', { code: error.code }));
  if (error instanceof NotFound) return new ApiError(404, 'not_found', t('registry.error.notFound'));
  if (error instanceof Forbidden) return new ApiError(403, 'forbidden', t('registry.error.forbidden'));
  return new ApiError(500, 'server_error', t('registry.error.server'));
}

export function apiErrorResponse(failure: ApiError, lang: Lang): Response {
  const fields = (failure as ApiError & { fields?: Record<string, string> }).fields;
  return Response.json(
    { error: { code: failure.code, message: failure.message, ...(fields ? { fields } : {}) } },
    { status: failure.status, headers: { ...COMMON_HEADERS, ...failure.headers, 'Content-Language': lang } },
  );
}

export function apiJson(body: unknown, init: { status?: number } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: COMMON_HEADERS });
}

/** `?format=json` (the default) or `?format=csv`; anything else is a 400. */
export function apiFormat(api: ApiRequest): 'json' | 'csv' {
  const format = api.url.searchParams.get('format');
  if (format === null || format === '' || format === 'json') return 'json';
  if (format === 'csv') return 'csv';
  throw new ApiError(400, 'invalid_input', api.t('registry.error.format'));
}

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/** A list as CSV: UTF-8 with a byte-order mark (so Excel reads Thai), a header row, RFC 4180. */
export function apiCsv<Row>(filename: string, columns: readonly CsvColumn<Row>[], rows: readonly Row[]): Response {
  return new Response(UTF8_BOM + toCsv(columns, rows), {
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    },
  });
}

/** The same field names as the JSON items, each column its own property. */
export function columnsOf<Row extends object>(keys: readonly (keyof Row & string)[]): CsvColumn<Row>[] {
  return keys.map((key) => ({ header: key, value: (row: Row) => row[key] as CsvValue }));
}
