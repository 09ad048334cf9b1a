import type { Kysely } from 'kysely';
import type { RouterContextProvider } from 'react-router';
import { type CsvValue, toCsv, UTF8_BOM } from '../../src/api/csv.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { isLang, type Lang, type Translate, translator } from '../../src/i18n/index.ts';
import { userForApiToken } from '../../src/use-cases/api-tokens.ts';
import { actorOf } from '../../src/use-cases/authorize.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';
import { UnknownArea, UnknownFund } from '../../src/use-cases/registry-read.ts';
import type { SessionUser } from '../../src/use-cases/sessions.ts';
import { requestInfo, services } from './request.server.ts';

// The JSON API under /api/v1: who is asking (a bearer token, else the session cookie, else the
// public), in which language errors are written, and the two output forms (JSON, CSV).
// Reads need no CSRF token: the root middleware checks only non-GET requests. Writes take a
// JSON body and need a bearer token, which no browser sends by itself, so no other site can
// make them (the root middleware skips its form token for exactly those requests).

/** What every API handler gets. */
export interface ApiRequest {
  db: Kysely<DB>;
  user: SessionUser | null;
  actor: Actor | null;
  lang: Lang;
  t: Translate;
  url: URL;
  request: Request;
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
  options: { write?: boolean } = {},
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
    } else if (options.write) {
      throw new ApiError(401, 'token_required', t('api.error.tokenRequired'), { 'WWW-Authenticate': 'Bearer realm="kongtun"' });
    }
    const response = await handle({ db: database.db, user, actor: actorOf(user), lang, t, url, request });
    response.headers.set('Content-Language', lang);
    return response;
  } catch (error) {
    // Refused to the public: say that signing in (a token) may help, as HTTP means by 401.
    const anonymous = error instanceof Forbidden && info.user === null && request.headers.get('authorization') === null;
    const failure = anonymous
      ? new ApiError(401, 'authentication_required', t('api.error.authenticationRequired'), { 'WWW-Authenticate': 'Bearer realm="kongtun"' })
      : apiErrorOf(error, t);
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
  if (error instanceof Conflict) return new ApiError(409, 'conflict', t('api.error.conflict'));
  return new ApiError(500, 'server_error', t('registry.error.server'));
}

export function apiErrorResponse(failure: ApiError, lang: Lang): Response {
  const fields = (failure as ApiError & { fields?: Record<string, string> }).fields;
  return Response.json(
    { error: { code: failure.code, message: failure.message, ...(fields ? { fields } : {}) } },
    { status: failure.status, headers: { ...COMMON_HEADERS, ...failure.headers, 'Content-Language': lang } },
  );
}

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...COMMON_HEADERS, ...init.headers } });
}

/** Runs a use case whose field names differ from the API's, renaming the fields of its refusals. */
export async function renamingFields<T>(run: Promise<T>, rename: (field: string) => string): Promise<T> {
  try {
    return await run;
  } catch (error) {
    if (error instanceof Invalid) throw new Invalid(error.problems.map((p) => ({ ...p, field: rename(p.field) })));
    throw error;
  }
}

/** 405 for a method the endpoint does not take, naming the ones it does. */
export function methodNotAllowed(api: ApiRequest, allowed: readonly string[]): ApiError {
  return new ApiError(405, 'method_not_allowed', api.t('api.error.method', { method: api.request.method, allowed: allowed.join(', ') }), {
    Allow: allowed.join(', '),
  });
}

/** Most a JSON body may hold: a whole proposal page is a few kilobytes. */
export const MAX_JSON_BYTES = 256 * 1024;
const MAX_JSON_DEPTH = 8;
/** Keys that would reach an object's prototype once copied; such a member is dropped. */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** What a JSON body becomes for the use cases, which read the nested text of the pages' forms. */
export type FormValue = string | boolean | { [key: string]: FormValue };

/**
 * The request's JSON object, shaped as the pages' forms send it (see app/lib/nested-form.ts):
 * numbers become their text, null the empty text, an array of objects a record keyed by
 * position (`[{…}, {…}]` → `{"0": {…}, "1": {…}}`) and an array of codes or ids a set of ticked
 * boxes (`["elderly"]` → `{"elderly": true}`). 415 when it is not JSON, 413 when too large, 400
 * when it does not parse or is not an object.
 */
export async function apiJsonBody(api: ApiRequest): Promise<Record<string, FormValue>> {
  const type = api.request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) throw new ApiError(415, 'unsupported_media_type', api.t('api.error.contentType'));
  const tooLarge = () => new ApiError(413, 'payload_too_large', api.t('api.error.tooLarge', { max: MAX_JSON_BYTES / 1024 }));
  if (Number(api.request.headers.get('content-length') ?? 0) > MAX_JSON_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (api.request.body) {
    // Read no further than the limit, whatever the client declared.
    for await (const chunk of api.request.body) {
      size += chunk.byteLength;
      if (size > MAX_JSON_BYTES) throw tooLarge();
      chunks.push(chunk);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new ApiError(400, 'invalid_json', api.t('api.error.json'));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError(400, 'invalid_json', api.t('api.error.jsonObject'));
  return formObject(parsed as Record<string, unknown>, 1, api.t);
}

function formObject(object: Record<string, unknown>, depth: number, t: Translate): Record<string, FormValue> {
  if (depth > MAX_JSON_DEPTH) throw new ApiError(400, 'invalid_json', t('api.error.jsonDepth', { max: MAX_JSON_DEPTH }));
  const out: Record<string, FormValue> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!UNSAFE_KEYS.has(key)) out[key] = formValue(value, depth, t);
  }
  return out;
}

function formValue(value: unknown, depth: number, t: Translate): FormValue {
  if (value === null) return '';
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  if (!Array.isArray(value)) return formObject(value as Record<string, unknown>, depth + 1, t);
  if (value.every((item) => typeof item === 'string' || typeof item === 'number')) return Object.fromEntries(value.map(String).filter((key) => !UNSAFE_KEYS.has(key)).map((key) => [key, true]));
  return formObject({ ...value }, depth + 1, t);
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
