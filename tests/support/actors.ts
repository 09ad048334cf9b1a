import type { Kysely } from 'kysely';
import { Forbidden } from '../../src/use-cases/errors.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/policy.ts';
import { isRole } from '../../src/domain/roles.ts';

/** The policy actor of an account by username (e.g. a demo account such as officer.l0001). */
export async function actorFor(db: Kysely<DB>, username: string): Promise<Actor> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const roles = await db.selectFrom('role_assignment').select(['role', 'scope_code']).where('user_id', '=', user.id).execute();
  return { userId: user.id, roles: roles.flatMap((r) => (isRole(r.role) ? [{ role: r.role, scopeCode: r.scope_code }] : [])) };
}

/** Runs `fn` and returns what it threw (failing when it did not throw). */
export async function refusal(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

/**
 * For each caller, whether `call` was let through ('allowed': it ran, or stopped at its input)
 * or refused ('forbidden'), next to what `allowed` says; the matrices compare the two whole.
 */
export async function permissionMatrix<W extends string>(
  callers: readonly W[],
  allowed: readonly W[],
  call: (who: W) => Promise<unknown>,
): Promise<{ outcome: Record<string, string>; expected: Record<string, string> }> {
  const outcome: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const who of callers) {
    try {
      await call(who);
      outcome[who] = 'allowed';
    } catch (error) {
      outcome[who] = error instanceof Forbidden ? 'forbidden' : 'allowed';
    }
    expected[who] = allowed.includes(who) ? 'allowed' : 'forbidden';
  }
  return { outcome, expected };
}
