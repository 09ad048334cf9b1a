import { data } from 'react-router';
import { formatBaht, fromNumeric } from '../../src/domain/money.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../src/use-cases/errors.ts';

/**
 * Runs a use case for an action and turns its refusals into what the page shows: field errors
 * (400) beside the inputs, a conflict message (409), or the 403 / 404 pages. The input is
 * echoed back so nothing the user typed is lost.
 */
export async function attempt<T>(
  t: Translate,
  input: Record<string, unknown>,
  run: () => Promise<T>,
  /** Field labels, for generic messages such as 'error.required' ("Enter {field}"). */
  labels: Record<string, MessageKey> = {},
): Promise<{ ok: true; value: T } | ReturnType<typeof failure>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof Invalid) return failure(400, input, fieldMessages(error, t, labels));
    if (error instanceof Conflict) return failure(409, input, { _form: t('error.conflict') });
    throw asRouteError(error);
  }
}

/** The message to show beside each field: the first problem of each, in the user's language. */
export function fieldMessages(error: Invalid, t: Translate, labels: Record<string, MessageKey> = {}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of error.problems) {
    const label = labels[problem.field];
    errors[problem.field] ??= t(problem.key, { field: label ? t(label) : '', ...problem.params });
  }
  return errors;
}

function failure(status: number, input: Record<string, unknown>, errors: Record<string, string>) {
  return data({ ok: false as const, input, errors }, { status });
}

/** Forbidden and NotFound become the 403 and 404 pages; anything else stays a 500. */
export function asRouteError(error: unknown): unknown {
  if (error instanceof Forbidden) return data({ reason: 'forbidden' }, { status: 403 });
  if (error instanceof NotFound) return data(null, { status: 404 });
  return error;
}

/** As asRouteError, and an address the use case cannot read (a fiscal year 'abc') is a page that does not exist. */
export function asPageError(error: unknown): unknown {
  if (error instanceof Invalid) return data(null, { status: 404 });
  return asRouteError(error);
}

/** Parameters of the use cases' messages that are amounts (numeric text), by name. */
const MONEY_PARAMS = new Set(['max', 'remaining', 'paid', 'balance', 'limit']);

/** A translator that writes the amounts in a use case's messages as people read money. */
export const withMoney =
  (t: Translate): Translate =>
  (key, params) =>
    t(
      key,
      params &&
        Object.fromEntries(Object.entries(params).map(([k, v]) => [k, MONEY_PARAMS.has(k) && typeof v === 'string' ? formatBaht(fromNumeric(v), { unit: false }) : v])),
    );
