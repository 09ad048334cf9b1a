import type { z } from 'zod';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';

/** The messages to show beside each field, from a Zod error whose messages are catalogue keys. */
export function fieldErrors(error: z.ZodError, t: Translate, labels: Record<string, MessageKey>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    const label = labels[field] ? t(labels[field]) : field;
    const key = (issue.message.startsWith('error.') ? issue.message : 'error.required') as MessageKey;
    const max = 'maximum' in issue ? Number(issue.maximum) : 0;
    errors[field] = t(key, { field: label, max });
  }
  return errors;
}
