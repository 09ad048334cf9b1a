import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { type Parsed, parseFiscalYear } from '../domain/import-values.ts';
import type { MessageKey } from '../i18n/index.ts';
import { Invalid } from './errors.ts';

// Pieces shared by the registry's writing use cases (funds-write, rules, import-funds).

type Db = Kysely<DB>;

export const invalid = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
  new Invalid([{ field, key, ...(params ? { params } : {}) }]);

/** A form value as text: absent, null and non-strings read as ''. */
const text = z.preprocess((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''), z.string());

/** A required value checked by one of the domain's parsers (import-values.ts). */
export function parsed<T>(parser: (text: string) => Parsed<T>) {
  return text.transform((value, ctx): T => {
    if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'admin.error.required' });
      return z.NEVER;
    }
    const result = parser(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: `admin.error.${result.problem}`, ...(result.params ? { params: result.params } : {}) });
    return z.NEVER;
  });
}

/** An optional value: empty means null. */
export function optionalParsed<T>(parser: (text: string) => Parsed<T>) {
  return text.transform((value, ctx): T | null => {
    if (value.trim() === '') return null;
    const result = parser(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: `admin.error.${result.problem}`, ...(result.params ? { params: result.params } : {}) });
    return z.NEVER;
  });
}

/** Required single-line text, trimmed. */
export const requiredText = (max: number) =>
  text.pipe(z.string().trim().min(1, 'admin.error.required').max(max, 'admin.error.tooLong'));

/** Optional text, trimmed; empty means null. */
export const optionalText = (max: number) =>
  text.pipe(
    z
      .string()
      .trim()
      .max(max, 'admin.error.tooLong')
      .transform((v) => (v === '' ? null : v)),
  );

/** The version a form was rendered with. */
export const versionField = z.coerce.number('admin.error.invalid').int('admin.error.invalid').min(1, 'admin.error.invalid');

export async function audit(
  db: Db,
  actorId: number | null,
  action: string,
  subjectType: string,
  subjectId: number | string,
  data: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({ actor_user_id: actorId, action, subject_type: subjectType, subject_id: String(subjectId), data: JSON.stringify(data) })
    .execute();
}

/** numeric text without trailing fraction zeros, so '15.120000' and '15.12' compare equal. */
export function plainNumeric(value: string | null): string | null {
  if (value === null) return null;
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** A fiscal year from an address or a query string; Invalid names the field. */
export function parseYear(value: unknown): number {
  const parsed = parseFiscalYear(String(value ?? ''));
  if (!parsed.ok) throw invalid('fiscal_year', `admin.error.${parsed.problem}`, parsed.params);
  return parsed.value;
}
