import type { Kysely } from 'kysely';
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
