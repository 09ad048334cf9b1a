import type { z } from 'zod';
import { isMessageKey, type MessageKey } from '../i18n/index.ts';

/** The actor may not take this action on this target. Nothing was changed. */
export class Forbidden extends Error {
  readonly action: string;
  constructor(action: string) {
    super(`forbidden: ${action}`);
    this.action = action;
  }
}

export class NotFound extends Error {}

/** Someone else saved the record since it was read: reload and redo, nothing overwritten. */
export class Conflict extends Error {}

export interface FieldProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Input that breaks a rule; each problem names its field and a catalogue message. */
export class Invalid extends Error {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(`invalid: ${problems.map((p) => `${p.field} ${p.key}`).join(', ')}`);
    this.problems = problems;
  }

  /**
   * From a Zod error whose messages are catalogue keys (any feature's); a message that is not a
   * key becomes `fallback`. Bounds and a custom issue's params fill the message's {min}, {max} and other named slots.
   */
  static fromZod(error: z.ZodError, fallback: MessageKey = 'error.invalid'): Invalid {
    return new Invalid(
      error.issues.map((issue) => {
        const params: Record<string, string | number> = {};
        if ('maximum' in issue) params.max = Number(issue.maximum);
        if ('minimum' in issue) params.min = Number(issue.minimum);
        if (issue.code === 'custom' && issue.params) Object.assign(params, issue.params);
        return { field: issue.path.join('.'), key: isMessageKey(issue.message) ? issue.message : fallback, params };
      }),
    );
  }
}

/** Parses with a schema whose messages are catalogue keys; throws Invalid on failure. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fallback?: MessageKey): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw Invalid.fromZod(result.error, fallback);
  return result.data;
}
